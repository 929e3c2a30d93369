import { describe, expect, it } from "vitest";
import type { CsrMatrix } from "../../src/core/csr.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterKeywords } from "../../src/keywords/clusterKeywords.js";
import { classTermCounts, classTfidf, repetitionDampedCounts } from "../../src/keywords/ctfidf.js";
import { FILLER_WORDS } from "../../src/text/fillerWords.js";
import { SKLEARN_TOKEN_PATTERN } from "../../src/text/tokenize.js";
import { fitTransformTfidf } from "../../src/vectorize/tfidf.js";
import { readFixture } from "../helpers/data.js";

const abstracts = seedCorpus().map((p) => p.abstract);

/** A classes x terms count matrix from each class's (term, count) pairs, terms ascending. */
function classCounts(cols: number, rows: readonly (readonly (readonly [number, number])[])[]): CsrMatrix {
  const entries = rows.flat();
  return {
    rows: rows.length,
    cols,
    indptr: Int32Array.from([0, ...rows.map((_, r) => rows.slice(0, r + 1).flat().length)]),
    indices: Int32Array.from(entries, ([t]) => t),
    data: Float64Array.from(entries, ([, v]) => v),
  };
}

describe("classTfidf(classCounts) against an independent numpy reference of BERTopic's formula", () => {
  const fixture = readFixture<{
    labels: number[];
    vocabulary: string[];
    cases: { reduceFrequentWords: boolean; bm25Weighting: boolean; matrix: number[] }[];
  }>("ctfidf-reference.json.gz");
  const { model, counts } = fitTransformTfidf(abstracts, {
    tokenPattern: SKLEARN_TOKEN_PATTERN,
    stopWords: "sklearn",
    ngramRange: [1, 2],
    minDf: 2,
  });
  const perClass = classTermCounts(counts, Int32Array.from(fixture.labels), 5);
  it("uses the same vocabulary", () => expect(model.vocabulary).toEqual(fixture.vocabulary));
  for (const c of fixture.cases) {
    it(`matches to 1e-12 with reduceFrequentWords ${c.reduceFrequentWords}, bm25Weighting ${c.bm25Weighting}`, () => {
      const { matrix } = classTfidf(perClass, {
        reduceFrequentWords: c.reduceFrequentWords,
        bm25Weighting: c.bm25Weighting,
      });
      const dense = new Float64Array(5 * matrix.cols);
      for (let r = 0; r < 5; r++) {
        for (let p = matrix.indptr[r] as number; p < (matrix.indptr[r + 1] as number); p++)
          dense[r * matrix.cols + (matrix.indices[p] as number)] = matrix.data[p] as number;
      }
      let worst = 0;
      for (let i = 0; i < dense.length; i++)
        worst = Math.max(worst, Math.abs((dense[i] as number) - (c.matrix[i] as number)));
      expect(worst).toBeLessThan(1e-12);
    });
  }
  it("computes a hand-checkable case", () => {
    // Two classes: [a:2, b:2] and [b:1, c:3]; A = trunc(8 / 2) = 4; f = [2, 3, 3].
    const counts2 = classCounts(3, [
      [
        [0, 2],
        [1, 2],
      ],
      [
        [1, 1],
        [2, 3],
      ],
    ]);
    const { matrix, idf, averageClassSize } = classTfidf(counts2);
    expect(averageClassSize).toBe(4);
    expect(Array.from(idf)).toEqual([Math.log(4 / 2 + 1), Math.log(4 / 3 + 1), Math.log(4 / 3 + 1)]);
    expect(matrix.data[0]).toBeCloseTo(0.5 * Math.log(3), 15);
  });
});

describe("repetitionDampedCounts(termCounts, documentCounts, repetition)", () => {
  // Two classes: term 0 is 12 occurrences in 2 documents and 3 in 3; term 1 is 4 in 4 and 1 in 1.
  const occurrences = classCounts(3, [
    [
      [0, 12],
      [1, 4],
    ],
    [
      [0, 3],
      [1, 1],
    ],
  ]);
  // The document counts hold a term the occurrences do not (column 2), as a user's table may.
  const documents = classCounts(3, [
    [
      [0, 2],
      [1, 4],
      [2, 1],
    ],
    [
      [0, 3],
      [1, 1],
    ],
  ]);

  it("is documents × (occurrences per document)^repetition, with the occurrences' sparsity", () => {
    const damped = repetitionDampedCounts(occurrences, documents, 0.75);
    expect(Array.from(damped.indices)).toEqual([0, 1, 0, 1]);
    const expected = [2 * 6 ** 0.75, 4, 3, 1];
    damped.data.forEach((v, p) => {
      // rounded to a multiple of 2^-20, so that sums of counts are exact in any order
      expect(Math.abs(v - (expected[p] as number))).toBeLessThanOrEqual(2 ** -21);
      expect(Number.isInteger(v * 2 ** 20)).toBe(true);
    });
  });
  it("gives the occurrences at 1 and the documents at 0", () => {
    expect(repetitionDampedCounts(occurrences, documents, 1)).toBe(occurrences);
    expect(Array.from(repetitionDampedCounts(occurrences, documents, 0).data)).toEqual([2, 4, 3, 1]);
  });
});

describe("clusterKeywords: repetitions inside one document (options.repetition)", () => {
  // A name one long text repeats against a word most of the topic's texts use once; the
  // other topic's texts are long, as the corpus-wide counts behind the idf then are.
  const other = Array.from({ length: 40 }, (_, i) => `w${i}x`).join(" ");
  // "hudson": 11 occurrences in 2 of the topic's 8 texts; "harbour": 8 in all 8.
  const texts = [
    `harbour alpha ${"hudson ".repeat(10)}`,
    "harbour beta hudson",
    ...["gamma", "delta", "epsilon", "zeta", "eta", "theta"].map((w) => `harbour ${w}`),
    `orchestra ${other}`,
    `orchestra concert ${other}`,
    `orchestra concert ${other}`,
  ];
  const { model, counts } = fitTransformTfidf(texts, { minDf: 1 });
  const labels = Int32Array.from(texts, (_, i) => (i < 8 ? 0 : 1));
  const first = (repetition: number) =>
    clusterKeywords(
      { counts, labels, vocabulary: model.vocabulary },
      { repetition, coherence: 0, diversity: 0, minDocuments: 2 },
    )[0]?.keywords[0]?.term;

  it("lets the repeated name lead with every occurrence counted, and the widespread word by default", () => {
    expect(first(1)).toBe("hudson");
    expect(first(0.75)).toBe("harbour");
    expect(clusterKeywords({ counts, labels, vocabulary: model.vocabulary })[0]?.name).not.toBe("hudson");
  });
});

describe("clusterKeywords({ counts, labels, vocabulary })", () => {
  const { model, counts } = fitTransformTfidf(abstracts, { ngramRange: [1, 3], minDf: 2 });
  const labels = Int32Array.from(abstracts, (a) =>
    /federated/i.test(a) ? 0 : /adam|learning rate|step size/i.test(a) ? 1 : 2,
  );
  const topics = clusterKeywords({ counts, labels, vocabulary: model.vocabulary });

  it("names a federated-learning cluster with the phrase, not its words alone", () => {
    expect(topics[0]?.label.startsWith("federated learning")).toBe(true);
    const terms = topics[0]?.keywords.map((k) => k.term) ?? [];
    expect(terms).not.toContain("federated");
    expect(terms.filter((t) => t.includes("federated")).length).toBeLessThanOrEqual(2);
  });
  it("returns topN keywords with finite positive scores, sizes and labels", () => {
    for (const t of topics) {
      expect(t.keywords.length).toBe(10);
      expect(t.keywords.every((k) => Number.isFinite(k.score) && k.score > 0)).toBe(true);
    }
    expect(topics[0]?.label.split(" · ")).toHaveLength(3);
    expect(topics[1]?.label.split(" · ")).toHaveLength(3);
    // The catch-all cluster (52 of 70 papers) has few words of its own: a shorter label rather
    // than one padded with measured filler words ("data", "training", "models").
    const rest = topics[2]?.label.split(" · ") ?? [];
    expect(rest.length).toBeGreaterThanOrEqual(1);
    expect(rest.filter((w) => FILLER_WORDS.has(w))).toEqual([]);
    expect(topics[2]?.keywords.slice(0, 4).some((k) => FILLER_WORDS.has(k.term))).toBe(true);
    expect(topics.map((t) => t.size).reduce((a, b) => a + b)).toBe(70);
  });
  it("takes the caller's scorer as the chain's first link; junk filter, absorption and MMR follow", () => {
    // Raw class counts as scores: the most frequent non-junk terms of each cluster.
    const byCount = clusterKeywords(
      { counts, labels, vocabulary: model.vocabulary },
      { representation: (table) => table.termCounts, diversity: 0, coherence: 0, preferPhrases: false },
    );
    const perClass = classTermCounts(counts, labels, 3);
    for (let c = 0; c < 3; c++) {
      const scores = (byCount[c]?.keywords ?? []).map((k) => k.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const top = byCount[c]?.keywords[0];
      const column = model.vocabulary.indexOf(top?.term as string);
      let found = 0;
      for (let q = perClass.indptr[c] as number; q < (perClass.indptr[c + 1] as number); q++)
        if (perClass.indices[q] === column) found = perClass.data[q] as number;
      expect(found).toBe(top?.score);
      expect(byCount[c]?.keywords.some((k) => k.term === "the" || k.term === "of")).toBe(false);
    }
    expect(() =>
      clusterKeywords(
        { counts, labels, vocabulary: model.vocabulary },
        { representation: () => ({ rows: 1 }) as never },
      ),
    ).toThrow(/options.representation must return a 3 x \d+ CSR matrix of scores/);
  });
  it("keeps junk out: numbers, single letters, math debris, stop words", () => {
    const junk = clusterKeywords({
      counts: {
        rows: 2,
        cols: 4,
        indptr: Int32Array.from([0, 4, 8]),
        indices: Int32Array.from([0, 1, 2, 3, 0, 1, 2, 3]),
        data: Float64Array.from([5, 5, 5, 1, 5, 5, 5, 9]),
      },
      labels: [0, 1],
      vocabulary: ["2023", "mathcal", "the model", "graph"],
    });
    expect(junk.flatMap((t) => t.keywords.map((k) => k.term))).toEqual(["graph", "graph"]);
  });
  it("supports the centroid representation for comparison", () => {
    const { matrix } = fitTransformTfidf(abstracts, { ngramRange: [1, 3], minDf: 2 });
    const centroid = clusterKeywords(
      { counts, labels, vocabulary: model.vocabulary, tfidf: matrix },
      { representation: "centroid" },
    );
    expect(centroid[0]?.keywords.length).toBe(10);
  });
  it("gives defined results for an empty cluster, a one-document cluster and a one-term vocabulary", () => {
    const r = clusterKeywords({
      counts,
      labels: labels.map((l, i) => (i === 0 ? 3 : l)),
      vocabulary: model.vocabulary,
      k: 5,
    });
    expect(r[4]).toEqual({ cluster: 4, size: 0, label: "", name: "", keywords: [] });
    expect(r[3]?.size).toBe(1);
    expect(r[3]?.keywords.length).toBeGreaterThan(0);
    const one = clusterKeywords({
      counts: {
        rows: 2,
        cols: 1,
        indptr: Int32Array.from([0, 1, 2]),
        indices: Int32Array.from([0, 0]),
        data: Float64Array.from([1, 2]),
      },
      labels: [0, 1],
      vocabulary: ["graphs"],
    });
    expect(one.map((t) => t.label)).toEqual(["graphs", "graphs"]);
  });
  it("rejects bad options and mismatched inputs", () => {
    expect(() => clusterKeywords({ counts, labels, vocabulary: model.vocabulary }, { topN: 0 })).toThrow(
      /options.topN must be an integer >= 1; got 0/,
    );
    expect(() => clusterKeywords({ counts, labels, vocabulary: model.vocabulary }, { diversity: 1.5 })).toThrow(
      /options.diversity must be a finite number in \[0, 1\]; got 1.5/,
    );
    for (const repetition of [-0.1, 1.5, Number.NaN])
      expect(() => clusterKeywords({ counts, labels, vocabulary: model.vocabulary }, { repetition })).toThrow(
        /options.repetition must be a finite number in \[0, 1\]/,
      );
    expect(() => clusterKeywords({ counts, labels: labels.slice(1), vocabulary: model.vocabulary })).toThrow(
      /labels must have one entry per document/,
    );
    expect(() => clusterKeywords({ counts, labels, vocabulary: ["x"] })).toThrow(
      /vocabulary must have one term per column/,
    );
  });
});
