import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { classPhraseCounts } from "../../src/keywords/classPhraseCounts.js";
import { clusterKeywordsFromClassCounts } from "../../src/keywords/clusterKeywords.js";
import {
  FORM_SHARE,
  PASSAGE_CONTEXT_WORDS,
  PASSAGE_MAX_CLUSTER_SHARE,
  PASSAGE_MIN_DOCUMENTS,
  PASSAGE_SHARE,
  repeatedPassageTerms,
} from "../../src/keywords/repeatedPassages.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { readCorpus } from "../helpers/data.js";
import { whitespaceTokens } from "../helpers/tokens.js";

const SIGNATURE = "cheers kent alink ksand private activities net";

/** Per cluster, the candidates in copied passages (or in templates), as terms. */
function check(
  texts: readonly string[],
  labels: readonly number[],
  candidates: readonly (readonly string[])[],
  kind: "copied" | "template" = "copied",
) {
  const tokens = whitespaceTokens(texts);
  const vocabulary = [...new Set(candidates.flat())];
  const flagged = repeatedPassageTerms(
    tokens,
    Int32Array.from(labels),
    candidates.map((terms) => terms.map((t) => vocabulary.indexOf(t))),
    (column) => [(vocabulary[column] as string).split(" ")],
  );
  return flagged[kind].map((set) => [...set].map((c) => vocabulary[c] as string).sort());
}

/** Two clusters (the first `firstSize` texts, then the rest), their tokens and 1–3-gram counts. */
function twoClusters(texts: readonly string[], firstSize: number) {
  const labels = Int32Array.from(texts, (_, d) => (d < firstSize ? 0 : 1));
  const tokens = whitespaceTokens(texts);
  const table = classPhraseCounts(tokens, labels, 2, {
    ngramRange: [1, 3],
    minDf: 2,
    minDocuments: 2,
    phraseWords: 400,
  });
  return { labels, tokens, table };
}

/** A text of its own words, varied so that no passage repeats. */
const varied = (i: number, words: number) => Array.from({ length: words }, (_, j) => `w${i}x${j}`).join(" ");

describe("repeatedPassageTerms", () => {
  it("flags the words and phrases of a signature that ends some of a cluster's documents, and nothing else", () => {
    const texts = Array.from({ length: 20 }, (_, i) =>
      i < 8
        ? `${varied(i, 6)} orbit ${varied(i + 100, 3)} ${SIGNATURE}`
        : `${varied(i, 6)} orbit ${varied(i + 100, 3)}`,
    );
    const flagged = check(
      texts,
      texts.map(() => 0),
      [["orbit", "cheers kent", "alink", "ksand private activities", "net"]],
    );
    expect(flagged).toEqual([["alink", "cheers kent", "ksand private activities", "net"]]);
  });

  it("counts a term's documents only within its cluster, and reads no outlier", () => {
    // Cluster 0 holds the signature in 6 documents; cluster 1 in 2, beside 6 documents that use "kent" otherwise.
    const texts = [
      ...Array.from({ length: 6 }, (_, i) => `${varied(i, 8)} ${SIGNATURE}`),
      ...Array.from({ length: 2 }, (_, i) => `${varied(i + 10, 8)} ${SIGNATURE}`),
      ...Array.from({ length: 6 }, (_, i) => `${varied(i + 20, 4)} kent ${varied(i + 30, 4)}`),
      ...Array.from({ length: 6 }, (_, i) => `${varied(i + 40, 8)} ${SIGNATURE}`),
      ...Array.from({ length: 8 }, (_, i) => varied(i + 70, 8)),
    ];
    const labels = texts.map((_, d) => (d < 6 || d >= 20 ? 0 : d < 14 ? 1 : -1));
    expect(check(texts, labels, [["kent"], ["kent"]])).toEqual([["kent"], []]);
  });

  it(`needs the passage in ${PASSAGE_MIN_DOCUMENTS} documents, and in ${PASSAGE_SHARE} of those holding the term`, () => {
    const withSignature = (n: number) => Array.from({ length: n }, (_, i) => `${varied(i, 8)} ${SIGNATURE}`);
    const otherwise = (n: number) =>
      Array.from({ length: n }, (_, i) => `${varied(i + 50, 4)} alink ${varied(i + 60, 4)}`);
    // Beside 20 documents of the cluster without the term.
    const run = (texts: string[]) => {
      const all = [...texts, ...Array.from({ length: 20 }, (_, i) => varied(i + 200, 6))];
      return check(
        all,
        all.map(() => 0),
        [["alink"]],
      )[0];
    };
    expect(run(withSignature(PASSAGE_MIN_DOCUMENTS - 1))).toEqual([]);
    expect(run(withSignature(PASSAGE_MIN_DOCUMENTS))).toEqual(["alink"]);
    expect(run([...withSignature(6), ...otherwise(6)])).toEqual(["alink"]);
    expect(run([...withSignature(6), ...otherwise(7)])).toEqual([]);
  });

  it(`reads ${PASSAGE_CONTEXT_WORDS} words about the term: four shared words are no passage, a shared start of the document is one`, () => {
    const others = Array.from({ length: 10 }, (_, i) => varied(i + 200, 6));
    const four = [
      ...others,
      ...Array.from({ length: 8 }, (_, i) => `${varied(i, 4)} a b orbit c d ${varied(i + 100, 4)}`),
    ];
    const five = [
      ...others,
      ...Array.from({ length: 8 }, (_, i) => `${varied(i, 4)} a b orbit c d e ${varied(i + 100, 4)}`),
    ];
    const opening = [...others, ...Array.from({ length: 8 }, (_, i) => `a b orbit c d ${varied(i, 6)}`)];
    for (const [texts, expected] of [
      [four, []],
      [five, ["orbit"]],
      [opening, ["orbit"]],
    ] as const) {
      expect(
        check(
          texts,
          texts.map(() => 0),
          [["orbit"]],
        )[0],
      ).toEqual(expected);
    }
  });

  it(`leaves a passage in ${PASSAGE_MAX_CLUSTER_SHARE} of its cluster's documents or more: templated texts are about it`, () => {
    const texts = Array.from({ length: 12 }, (_, i) => `space orbit nasa launch shuttle ${varied(i, 3)}`);
    const labels = texts.map(() => 0);
    expect(check(texts, labels, [["orbit", "launch"]])).toEqual([[]]);
    // Kept, and marked as the cluster's template; a word of the documents' own is not.
    expect(check(texts, labels, [["orbit", "launch", "w0x0"]], "template")).toEqual([["launch", "orbit"]]);
    const fewer = [...texts, ...Array.from({ length: 13 }, (_, i) => varied(i, 6))];
    expect(
      check(
        fewer,
        fewer.map(() => 0),
        [["orbit", "launch"]],
      ),
    ).toEqual([["launch", "orbit"]]);
  });

  it("reads a document filed twice once: copies of one story are no passage", () => {
    const story = (i: number) => `${varied(i, 6)} mr glazer owns tampa bay buccaneers ${varied(i + 100, 6)}`;
    const others = Array.from({ length: 20 }, (_, i) => varied(i + 200, 6));
    const twice = [...others, ...[0, 1, 2].flatMap((i) => [story(i), story(i)])];
    const fiveStories = [...others, ...[0, 1, 2, 3, 4].map(story)];
    const labelsOf = (texts: string[]) => texts.map(() => 0);
    expect(check(twice, labelsOf(twice), [["glazer"]])).toEqual([[]]);
    expect(check(fiveStories, labelsOf(fiveStories), [["glazer"]])).toEqual([["glazer"]]);
  });

  it("matches a direct reading of the rule on random corpora (property)", () => {
    const words = ["a", "b", "c", "d", "e", "f"];
    fc.assert(
      fc.property(
        // Each corpus has its own share of documents holding the passage: a quarter to all.
        fc.integer({ min: 1, max: 4 }),
        fc.array(
          fc.record({
            body: fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 12 }),
            label: fc.integer({ min: -1, max: 1 }),
            passage: fc.integer({ min: 0, max: 3 }),
          }),
          { minLength: 1, maxLength: 80, size: "large" },
        ),
        (quarters, docs) => {
          const texts = docs.map((d) =>
            [...d.body, ...(d.passage < quarters ? ["p", "q", "r", "s", "t", "u"] : [])].join(" "),
          );
          const labels = docs.map((d) => d.label);
          const candidates = [
            ["a", "p", "q r", "b c"],
            ["a", "s", "t u", "f"],
          ];
          expect(check(texts, labels, candidates)).toEqual(directReading(texts, labels, candidates, "copied"));
          expect(check(texts, labels, candidates, "template")).toEqual(
            directReading(texts, labels, candidates, "template"),
          );
        },
      ),
      { numRuns: 200, seed: 15 },
    );
  });
});

/** The rule read off each document's words as strings: the independent reading the property compares with. */
function directReading(
  texts: readonly string[],
  labels: readonly number[],
  candidates: readonly (readonly string[])[],
  kind: "copied" | "template",
) {
  return candidates.map((terms, c) =>
    terms
      .filter((term) => {
        const phrase = term.split(" ");
        let holders = 0;
        let size = 0;
        const documentsOf = new Map<string, number>();
        const read = new Set<string>();
        texts.forEach((text, d) => {
          const words = text.split(" ").filter(Boolean).join(" ");
          if (labels[d] !== c || read.has(words)) return;
          read.add(words);
          size++;
          const w = ["^", ...text.split(" ").filter(Boolean), "$"];
          const keys = new Set<string>();
          for (let p = 1; p + phrase.length <= w.length - 1; p++) {
            if (!phrase.every((x, j) => w[p + j] === x)) continue;
            for (let left = 0; left <= PASSAGE_CONTEXT_WORDS; left++) {
              const before = w.slice(Math.max(0, p - left), p);
              const after = w.slice(p + phrase.length, p + phrase.length + PASSAGE_CONTEXT_WORDS - left);
              if (before.length === left && after.length === PASSAGE_CONTEXT_WORDS - left)
                keys.add(`${left}:${before.join(" ")}|${after.join(" ")}`);
            }
          }
          if ([...w.keys()].some((p) => p > 0 && phrase.every((x, j) => w[p + j] === x))) holders++;
          for (const key of keys) documentsOf.set(key, (documentsOf.get(key) ?? 0) + 1);
        });
        const most = Math.max(0, ...documentsOf.values());
        const repeated = most >= PASSAGE_MIN_DOCUMENTS && most >= PASSAGE_SHARE * holders;
        return repeated && most < PASSAGE_MAX_CLUSTER_SHARE * size === (kind === "copied");
      })
      .sort(),
  );
}

describe("dropRepeatedPassages", () => {
  // The first 1,200 posts of 20 Newsgroups, headers and signatures as posted, in the topics
  // k-means makes of them with every post weighed alike (the passages below are in them).
  const docs = readCorpus("20newsgroups-bydate.jsonl.gz", 1200).map((r) => r.text);
  const topicsOf = (dropRepeatedPassages: boolean) =>
    clusterTopics(docs, {
      k: 8,
      seed: 0,
      stabilitySeeds: 1,
      documentWeights: "equal",
      keywords: { dropRepeatedPassages },
    });

  it("keeps header lines and signatures copied across posts out of the topics' keywords", () => {
    const kept = topicsOf(false).topics.flatMap((t) => t.keywords.map((x) => x.term));
    const dropped = topicsOf(true).topics.flatMap((t) => t.keywords.map((x) => x.term));
    // "Organization: Political Atheists ..." and "... Institute of Technology, Pasadena / Lines:" head posts.
    for (const copied of ["political atheists organization", "technology pasadena lines"]) {
      expect(kept).toContain(copied);
      expect(dropped).not.toContain(copied);
    }
  });

  it("reads past a pool of candidates a long signature fills: the topic keeps its ten keywords, none from it", () => {
    // A 20-word signature in 8 of a cluster's 20 posts gives 57 words and phrases that outrank
    // the posts' own words (each in about four posts): more than the pool of 40 candidates.
    const signature = Array.from({ length: 20 }, (_, j) => `sig${j}`).join(" ");
    const post = (topic: string, i: number) =>
      Array.from({ length: 6 }, (_, j) => `${topic}${(i * 7 + j * 5) % 30}`).join(" ");
    const texts = [
      ...Array.from({ length: 20 }, (_, i) => (i < 8 ? `${post("space", i)} ${signature}` : post("space", i))),
      ...Array.from({ length: 20 }, (_, i) => post("cook", i)),
    ];
    const { labels, tokens, table } = twoClusters(texts, 20);
    const keywordsOf = (dropRepeatedPassages: boolean) =>
      (clusterKeywordsFromClassCounts(table, { dropRepeatedPassages }, tokens, labels)[0]?.keywords ?? []).map(
        (x) => x.term,
      );
    expect(keywordsOf(false).every((term) => term.includes("sig"))).toBe(true);
    const kept = keywordsOf(true);
    expect(kept).toHaveLength(10);
    expect(kept.filter((term) => term.includes("sig"))).toEqual([]);
  });

  it("names a mailing list's topic by what its posts say, its footer staying among the keywords", () => {
    // Two lists: every post ends with its list's footer; the posts' own words vary.
    const footers = [
      "to unsubscribe from this group send an email to the list owner yahoo groups",
      "irish linux users group for un subscription information list maintainer",
    ];
    const pools = [
      ["police", "sightings", "britain", "countryside", "ghost", "spokesman", "yorkshire", "village", "crop"],
      ["kernel", "boot", "lilo", "install", "driver", "modules", "partition", "compile", "grub"],
    ];
    const ofFooter = (list: number) => (term: string) =>
      term.split(" ").every((w) => (footers[list] as string).split(" ").includes(w));
    // Each post: three words of its list's pool (an even spread: each in a third of the posts)
    // among `own` words of its own, then the footer.
    const topicsOf = (own: number) => {
      const post = (list: number, i: number) => {
        const pool = pools[list] as string[];
        const body = [i % 9, (i + 3 + Math.floor(i / 9)) % 9, (i + 6 + 2 * Math.floor(i / 9)) % 9].map((j) => pool[j]);
        return `${varied(i + 100 * list, own / 2)} ${body.join(" ")} ${varied(i + 200 * list, own / 2)} ${footers[list]}`;
      };
      const texts = [0, 1].flatMap((list) => Array.from({ length: 30 }, (_, i) => post(list, i)));
      const { labels, tokens, table } = twoClusters(texts, 30);
      const candidates = [0, 1].map(() => table.vocabulary.map((_, t) => t));
      const share = repeatedPassageTerms(tokens, labels, candidates, (t) => [
        (table.vocabulary[t] as string).split(" "),
      ]).templateShare;
      return { topics: clusterKeywordsFromClassCounts(table, {}, tokens, labels), share };
    };
    // Posts of 50 words of their own and a footer of about 12: the footer is beside them.
    const { topics, share } = topicsOf(50);
    expect(Math.max(...share)).toBeLessThan(FORM_SHARE);
    topics.forEach((topic, list) => {
      // The footer's pieces lead the keywords, yet the label is the posts' words.
      expect(topic.keywords.slice(0, 3).every((x) => ofFooter(list)(x.term))).toBe(true);
      const terms = topic.label.split(" · ");
      expect(terms).toHaveLength(3);
      expect(terms.filter(ofFooter(list))).toEqual([]);
      for (const term of terms) expect(pools[list]).toContain(term);
    });
    // Posts of 6 words of their own: the footer is the form they are written in, and names them.
    const short = topicsOf(6);
    expect(Math.min(...short.share)).toBeGreaterThanOrEqual(FORM_SHARE);
    expect(short.topics.map((topic, list) => topic.label.split(" · ").some(ofFooter(list)))).toEqual([true, true]);
  });

  it("is validated", () => {
    expect(() =>
      clusterKeywordsFromClassCounts(
        {
          vocabulary: ["a"],
          termCounts: {
            rows: 1,
            cols: 1,
            indptr: Int32Array.of(0, 0),
            indices: new Int32Array(0),
            data: new Float64Array(0),
          },
          documentCounts: {
            rows: 1,
            cols: 1,
            indptr: Int32Array.of(0, 0),
            indices: new Int32Array(0),
            data: new Float64Array(0),
          },
          sizes: Int32Array.of(0),
        },
        { dropRepeatedPassages: "yes" as unknown as boolean },
      ),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      clusterTopics(["a b", "c d"], { keywords: { dropRepeatedPassages: 1 as unknown as boolean } }),
    ).toThrow(/options\.keywords\.dropRepeatedPassages must be true or false; got 1/);
  });
});
