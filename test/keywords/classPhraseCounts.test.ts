import { describe, expect, it } from "vitest";
import { documentWords } from "../../src/analysis/documentWords.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { classPhraseCounts } from "../../src/keywords/classPhraseCounts.js";
import { clusterKeywords, clusterKeywordsFromClassCounts } from "../../src/keywords/clusterKeywords.js";
import { classTermCounts } from "../../src/keywords/ctfidf.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { fitTransformTfidf, fitTransformTfidfWithTokens } from "../../src/vectorize/tfidf.js";
import { readCorpus } from "../helpers/data.js";

const texts = readCorpus("conf-abstracts-5areas.jsonl.gz", 1200).map((r) => r.text);
const k = 6;
// Any fixed labelling does: the counts must not depend on how the clusters were found.
const labels = Int32Array.from(texts, (t, i) => (t.length * 7 + i) % k);
labels[5] = -1; // an outlier: counted for minDf, in no cluster

function table(
  matrix: { indptr: Int32Array; indices: Int32Array; data: Float64Array | Float32Array },
  vocab: readonly string[],
) {
  const out: Record<string, number>[] = [];
  for (let c = 0; c + 1 < matrix.indptr.length; c++) {
    const row: Record<string, number> = {};
    for (let p = matrix.indptr[c] as number; p < (matrix.indptr[c + 1] as number); p++)
      row[vocab[matrix.indices[p] as number] as string] = matrix.data[p] as number;
    out.push(row);
  }
  return out;
}

describe("classPhraseCounts(tokens, labels, k)", () => {
  const { tokens } = fitTransformTfidfWithTokens(texts, { minDf: 2, maxDf: 0.5 });
  if (tokens === null) throw new Error("unigram options must give tokens");
  const full = fitTransformTfidf(texts, { ngramRange: [1, 3], minDf: 2 });

  it("with every phrase a candidate, equals the per-cluster sums of a 1-3-gram vectorizer exactly", () => {
    const t = classPhraseCounts(tokens, labels, k, {
      ngramRange: [1, 3],
      minDf: 2,
      minDocuments: 1,
      phraseWords: Number.POSITIVE_INFINITY,
    });
    expect([...t.vocabulary].sort()).toEqual([...full.model.vocabulary].sort());
    const ones = { ...full.counts, data: new Float64Array(full.counts.data.length).fill(1) };
    expect(table(t.termCounts, t.vocabulary)).toEqual(
      table(classTermCounts(full.counts, labels, k), full.model.vocabulary),
    );
    expect(table(t.documentCounts, t.vocabulary)).toEqual(
      table(classTermCounts(ones, labels, k), full.model.vocabulary),
    );
    expect(Array.from(t.sizes)).toEqual(Array.from({ length: k }, (_, c) => labels.filter((l) => l === c).length));
    // and therefore the same keywords: the word ids give each phrase the documents its column has
    expect(clusterKeywordsFromClassCounts(t, {}, tokens, labels)).toEqual(
      clusterKeywords({ counts: full.counts, labels, vocabulary: full.model.vocabulary, k }),
    );
  });

  it("takes an n-gram range beyond the longest document as ending there, at once, in both counts and vectors", () => {
    const few = texts.slice(0, 40);
    const fewLabels = labels.slice(0, 40);
    const { tokens: short } = fitTransformTfidfWithTokens(few, { minDf: 1, maxDf: 1 });
    if (short === null) throw new Error("unigram options must give tokens");
    let longest = 0;
    for (let d = 0; d + 1 < short.offsets.length; d++)
      longest = Math.max(longest, (short.offsets[d + 1] as number) - (short.offsets[d] as number));
    const counts = (max: number) =>
      classPhraseCounts(short, fewLabels, k, { ngramRange: [1, max], minDf: 1, minDocuments: 1, phraseWords: 50 });
    // A loop over every size up to 10^9 would run past the test's time limit.
    const huge = counts(1e9);
    expect(table(huge.termCounts, huge.vocabulary)).toEqual(
      table(counts(longest).termCounts, counts(longest).vocabulary),
    );
    const vectors = (max: number) => fitTransformTfidf(few.slice(0, 5), { ngramRange: [40, max], minDf: 1, maxDf: 1 });
    expect(vectors(1e9).model.vocabulary).toEqual(vectors(1000).model.vocabulary);
  });

  it("with the default pruning, counts every kept term exactly and keeps the words and top phrases", () => {
    const t = classPhraseCounts(tokens, labels, k, { ngramRange: [1, 3], minDf: 2, minDocuments: 2, phraseWords: 400 });
    const exact = table(classTermCounts(full.counts, labels, k), full.model.vocabulary);
    const got = table(t.termCounts, t.vocabulary);
    const index = new Map(full.model.vocabulary.map((w, i) => [w, i]));
    expect(t.vocabulary.every((w) => index.has(w))).toBe(true);
    got.forEach((row, c) => {
      for (const [term, count] of Object.entries(row)) expect(count).toBe(exact[c]?.[term]);
    });
    // every word survives; phrases are a small share of the full 1-3-gram vocabulary
    const words = full.model.vocabulary.filter((w) => !w.includes(" "));
    expect(t.vocabulary.filter((w) => !w.includes(" ")).sort()).toEqual(words.sort());
    const phrases = t.vocabulary.length - words.length;
    expect(phrases).toBeGreaterThan(50);
    expect(phrases).toBeLessThan((full.model.vocabulary.length - words.length) / 2);
  });

  it("names the seed corpus' clusters as the full phrase vocabulary does", () => {
    const seed = seedCorpus().map((p) => p.abstract);
    const seedLabels = Int32Array.from(seed, (_, i) => i % 4);
    const fit = fitTransformTfidfWithTokens(seed, {});
    const all = fitTransformTfidf(seed, { ngramRange: [1, 3], minDf: 2 });
    const seedTokens = fit.tokens as NonNullable<typeof fit.tokens>;
    const fromTokens = clusterKeywordsFromClassCounts(
      classPhraseCounts(seedTokens, seedLabels, 4, {
        ngramRange: [1, 3],
        minDf: 2,
        minDocuments: 2,
        phraseWords: 400,
      }),
      {},
      seedTokens,
      seedLabels,
    );
    const fromText = clusterKeywords({
      counts: all.counts,
      labels: seedLabels,
      vocabulary: all.model.vocabulary,
      k: 4,
    });
    expect(fromTokens.map((c) => c.label)).toEqual(fromText.map((c) => c.label));
  });
});

describe("phrases and the numbers written between words", () => {
  // Earnings reports, dividend notices and museum news, ten of each: the reports' words
  // are the same from one to the next, their numbers are not.
  const firms = ["acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "cyberdyne", "tyrell"];
  const docs = firms.flatMap((f, i) => [
    `${f} corp said first quarter net profit rose ${10 + i} pct to ${100 + 7 * i} mln dlrs from ${90 + i} mln dlrs a year earlier, on revenues of ${300 + i} mln dlrs`,
    `${f} corp said its board declared a quarterly dividend of ${20 + i} cts a share, payable april ${i + 1} to holders of record march ${i + 10}`,
    `the ${f} museum opened an exhibition of paintings by local artists, with sculpture and photography shown in the galleries for the summer season`,
  ]);

  const acrossNumbers = /rose pct|pct to mln|revenues of mln|dividend of cts|april to holders|payable april to/;

  it("are never read across a number: no topic is named `profit rose pct` or `april to holders of record`", () => {
    const { topics } = clusterTopics(docs, { k: 3, seed: 0 });
    const terms = topics.flatMap((t) => t.keywords.map((k) => k.term));
    // Phrases written between numbers stay.
    expect(terms).toEqual(expect.arrayContaining(["mln dlrs", "net profit rose", "board declared quarterly"]));
    expect(terms.filter((t) => acrossNumbers.test(t))).toEqual([]);
  });

  it("follow the vectorizer's numbersBreakPhrases, in the keywords (stemmed clustering too) and in the analysis views", () => {
    const readAcross = (result: ReturnType<typeof clusterTopics>) =>
      result.topics.flatMap((t) => t.keywords.map((k) => k.term)).some((t) => acrossNumbers.test(t));
    const breaks = (result: ReturnType<typeof clusterTopics>) =>
      (documentWords("test", result, docs).tokens.breaks ?? []).some((bits) => bits !== 0);
    for (const stem of [null, "porter2"] as const) {
      const across = clusterTopics(docs, { k: 3, seed: 0, vectorizer: { stem, numbersBreakPhrases: false } });
      expect(readAcross(across), String(stem)).toBe(true);
      expect(breaks(across), String(stem)).toBe(false);
      const broken = clusterTopics(docs, { k: 3, seed: 0, vectorizer: { stem } });
      expect(readAcross(broken), String(stem)).toBe(false);
      expect(breaks(broken), String(stem)).toBe(true);
    }
  });
});
