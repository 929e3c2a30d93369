import { describe, expect, it } from "vitest";
import { classPhraseCounts } from "../../src/keywords/classPhraseCounts.js";
import { clusterKeywords, clusterKeywordsFromClassCounts } from "../../src/keywords/clusterKeywords.js";
import { COVERAGE_MIN_DOCUMENTS, clusterTermHolders } from "../../src/keywords/labelCoverage.js";
import { termDocumentsOfTokens } from "../../src/keywords/termDocuments.js";
import { fitTransformTfidf, fitTransformTfidfWithTokens } from "../../src/vectorize/tfidf.js";
import { whitespaceTokens as tokensOf } from "../helpers/tokens.js";

describe("clusterTermHolders", () => {
  // Cluster 0: documents 0-11; cluster 1: 12-23; cluster 2: 24-26 (too small); 27 is an outlier.
  const texts = [
    ...Array.from({ length: 12 }, (_, i) => (i < 4 ? "alpha beta" : i < 9 ? "alpha gamma" : "delta")),
    ...Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? "alpha beta" : "beta")),
    "alpha",
    "alpha",
    "beta",
    "alpha beta",
  ];
  const labels = Int32Array.from(texts, (_, d) => (d < 12 ? 0 : d < 24 ? 1 : d < 27 ? 2 : -1));
  const sizes = Int32Array.from([12, 12, 3]);
  const tokens = tokensOf(texts);
  const column = (w: string) => tokens.terms.indexOf(w);
  const source = termDocumentsOfTokens(tokens, (c) => [[tokens.terms[c] as string]]);

  it("lists, per cluster and shown term, the cluster's documents holding it; a term shown by two clusters too", () => {
    const shown = [
      [column("alpha"), column("beta"), column("delta")],
      [column("beta"), column("alpha")],
      [column("alpha")],
    ];
    const holders = clusterTermHolders(source, labels, shown, sizes);
    expect(holders[0]?.map((h) => Array.from(h))).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7, 8],
      [0, 1, 2, 3],
      [9, 10, 11],
    ]);
    // Positions within cluster 1's documents (12-23): "alpha" in every other one.
    expect(holders[1]?.map((h) => Array.from(h))).toEqual([
      Array.from({ length: 12 }, (_, i) => i),
      [0, 2, 4, 6, 8, 10],
    ]);
    // Under COVERAGE_MIN_DOCUMENTS documents: labelled in keyword order.
    expect(COVERAGE_MIN_DOCUMENTS).toBeGreaterThan(3);
    expect(holders[2]).toBeNull();
  });

  it("reads a phrase where its words are consecutive", () => {
    const phrases = termDocumentsOfTokens(tokens, (c) =>
      c === 0 ? [["alpha", "beta"]] : [[tokens.terms[c] as string]],
    );
    const holders = clusterTermHolders(phrases, labels, [[0], [0], []], sizes);
    expect(Array.from(holders[0]?.[0] ?? [])).toEqual([0, 1, 2, 3]);
    expect(Array.from(holders[1]?.[0] ?? [])).toEqual([0, 2, 4, 6, 8, 10]);
  });
});

describe("labels that name a topic's parts", () => {
  // One topic of PC hardware (12 posts) and Mac hardware (8 posts), beside a topic on space.
  const pc = (i: number) => `card monitor video bus vga ${i % 3 === 0 ? "driver" : "ram"} ${i % 2 ? "cpu" : "mhz"}`;
  const mac = (i: number) => `mac apple quadra ${i % 2 ? "powerbook" : "system"} ${i % 3 === 0 ? "finder" : "rom"}`;
  const space = (i: number) => `space orbit nasa launch shuttle ${i % 2 ? "moon" : "mission"}`;
  const texts = [
    ...Array.from({ length: 12 }, (_, i) => pc(i)),
    ...Array.from({ length: 8 }, (_, i) => mac(i)),
    ...Array.from({ length: 20 }, (_, i) => space(i)),
  ];
  const labels = Int32Array.from(texts, (_, d) => (d < 20 ? 0 : 1));

  it("puts the part its head misses into the label, where keyword order would not", () => {
    const fit = fitTransformTfidf(texts, { minDf: 2, stopWords: [] });
    const [hardware] = clusterKeywords({ counts: fit.counts, labels, vocabulary: fit.model.vocabulary });
    const keywords = hardware?.keywords.map((x) => x.term) ?? [];
    const label = hardware?.label.split(" · ") ?? [];
    // The label's first terms by keyword order would all be PC words...
    const pcWords = new Set(pc(0).split(" ").concat(pc(1).split(" ")));
    expect(keywords.slice(0, 3).every((w) => pcWords.has(w))).toBe(true);
    // ...but its PC head leaves eight posts unnamed: a Mac word names them.
    expect(pcWords.has(label[0] as string)).toBe(true);
    expect(label.some((w) => ["mac", "apple", "quadra"].includes(w))).toBe(true);
    expect(hardware?.name).toBe(label[0]);
  });

  it("gives the same labels from per-cluster counts with the documents' clusters as from the count matrix", () => {
    const { tokens } = fitTransformTfidfWithTokens(texts, { minDf: 2, stopWords: [] });
    if (tokens === null) throw new Error("unigram options must give tokens");
    const fit = fitTransformTfidf(texts, { minDf: 2, stopWords: [] });
    const table = classPhraseCounts(tokens, labels, 2, {
      ngramRange: [1, 1],
      minDf: 2,
      minDocuments: 2,
      phraseWords: 400,
    });
    const fromCounts = clusterKeywordsFromClassCounts(table, {}, tokens, labels);
    expect(fromCounts.map((t) => t.label)).toEqual(
      clusterKeywords({ counts: fit.counts, labels, vocabulary: fit.model.vocabulary }).map((t) => t.label),
    );
    // Without the clusters the label follows keyword order.
    expect(clusterKeywordsFromClassCounts(table, {}, tokens)[0]?.label).not.toBe(fromCounts[0]?.label);
  });

  it("refuses clusters it cannot use, naming the argument", () => {
    const { tokens } = fitTransformTfidfWithTokens(texts, { minDf: 2, stopWords: [] });
    if (tokens === null) throw new Error("unigram options must give tokens");
    const table = classPhraseCounts(tokens, labels, 2, {
      ngramRange: [1, 1],
      minDf: 2,
      minDocuments: 2,
      phraseWords: 400,
    });
    const call = (l: unknown) => () => clusterKeywordsFromClassCounts(table, {}, tokens, l as number[]);
    expect(() => clusterKeywordsFromClassCounts(table, {}, undefined, labels)).toThrow(
      /clusterKeywordsFromClassCounts: labels need the documents' tokens/,
    );
    expect(call(labels.slice(1))).toThrow(/labels must have one entry per document of tokens \(40\); got 39/);
    expect(call(Array.from(labels, (l, i) => (i === 3 ? 2 : l)))).toThrow(
      /below the table's 2 clusters; got 2 at index 3/,
    );
    expect(call(Array.from(labels, (l, i) => (i === 4 ? 0.5 : l)))).toThrow(
      /labels must be integers; got 0.5 at index 4/,
    );
    expect(call("0,1")).toThrow(/labels must be an array of integers; got/);
    // clusterKeywords no longer truncates a fractional label to an integer
    const fit = fitTransformTfidf(texts, { minDf: 2, stopWords: [] });
    expect(() =>
      clusterKeywords({
        counts: fit.counts,
        labels: Array.from(labels, (l, i) => (i === 0 ? 1.5 : l)),
        vocabulary: fit.model.vocabulary,
      }),
    ).toThrow(/clusterKeywords: labels must be integers; got 1.5 at index 0/);
  });
});
