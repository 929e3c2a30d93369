import { describe, expect, it } from "vitest";
import { seedCorpus } from "../../src/corpus/seed.js";
import { SKLEARN_TOKEN_PATTERN } from "../../src/text/tokenize.js";
import { createHashingVectorizer, tfidfFromCounts } from "../../src/vectorize/hashing.js";
import { murmurhash3 } from "../../src/vectorize/murmur.js";
import { fitTransformTfidf, fitTransformTfidfStream } from "../../src/vectorize/tfidf.js";
import { expectAllClose } from "../helpers/assert.js";
import { type CsrFixture, readFixture } from "../helpers/data.js";

const fixture = readFixture<{ murmur: [string, number, number][]; matrix: CsrFixture }>("hashing-sklearn.json.gz");
const abstracts = seedCorpus().map((p) => p.abstract);

describe("murmurhash3 against scikit-learn's murmurhash3_32", () => {
  it("matches on ASCII, accented, CJK, emoji and long keys, for two seeds", () => {
    for (const [key, seed0, seed42] of fixture.murmur) {
      expect(murmurhash3(key, 0)).toBe(seed0);
      expect(murmurhash3(key, 42)).toBe(seed42);
    }
  });
});

describe("createHashingVectorizer() against scikit-learn's HashingVectorizer", () => {
  it("gives the same signed, l2-normalised matrix on the seed abstracts", () => {
    const hv = createHashingVectorizer({
      ngramRange: [1, 2],
      tokenPattern: SKLEARN_TOKEN_PATTERN,
      stopWords: "sklearn",
    });
    const m = hv.transform(abstracts);
    expect(m.cols).toBe(2 ** 20);
    expect(Array.from(m.indptr)).toEqual(fixture.matrix.indptr);
    expect(Array.from(m.indices)).toEqual(fixture.matrix.indices);
    expectAllClose(m.data, fixture.matrix.data, { atol: 1e-12 });
  });
  it("feeds tfidfFromCounts like HashingVectorizer + TfidfTransformer", () => {
    const hv = createHashingVectorizer({ alternateSign: false, norm: null, nFeatures: 2 ** 18 });
    const { matrix, idf } = tfidfFromCounts(hv.transform(abstracts), { sublinearTf: true });
    expect(idf.length).toBe(2 ** 18);
    for (let r = 0; r < matrix.rows; r++) {
      let s = 0;
      for (let p = matrix.indptr[r] as number; p < (matrix.indptr[r + 1] as number); p++)
        s += (matrix.data[p] as number) ** 2;
      expect(Math.abs(Math.sqrt(s) - 1)).toBeLessThan(1e-12);
    }
  });
  it("rejects bad options", () => {
    expect(() => createHashingVectorizer({ nFeatures: 0 })).toThrow(
      /options.nFeatures must be an integer in \[1, 2147483647\]; got 0/,
    );
  });
});

describe("fitTransformTfidfStream(source)", () => {
  async function* lines(docs: string[]) {
    for (const d of docs) yield d;
  }
  it("equals fitTransformTfidf on the same documents, from a sync or an async iterable", async () => {
    const options = { ngramRange: [1, 2] as [number, number], minDf: 2, sublinearTf: true };
    const direct = fitTransformTfidf(abstracts, options);
    const seen: number[] = [];
    const streamed = await fitTransformTfidfStream(lines(abstracts), options, {
      onProgress: (n) => seen.push(n),
      progressEvery: 25,
    });
    expect(streamed.model.vocabulary).toEqual(direct.model.vocabulary);
    expect(streamed.matrix.data).toEqual(direct.matrix.data);
    expect(seen).toEqual([25, 50, 70]);
    const fromArray = await fitTransformTfidfStream(abstracts, options);
    expect(fromArray.matrix.indices).toEqual(direct.matrix.indices);
  });
  it("bounds the vocabulary with maxTerms and reports what it dropped", async () => {
    const r = await fitTransformTfidfStream(abstracts, { minDf: 1 }, { maxTerms: 500 });
    expect(r.model.vocabulary.length).toBeLessThanOrEqual(500);
    expect(r.droppedTerms).toBeGreaterThan(0);
  });
  it("rejects non-iterables, non-string items and empty streams", async () => {
    await expect(fitTransformTfidfStream(5 as never)).rejects.toThrow(/source must be an iterable/);
    await expect(fitTransformTfidfStream(lines(["ok text", 3 as never]))).rejects.toThrow(
      /source item 1 must be a string; got 3/,
    );
    await expect(fitTransformTfidfStream(lines([]))).rejects.toThrow(/source yielded no documents/);
  });
});

describe("clustering hashed vectors, then naming the clusters from their texts", () => {
  it("recovers readable keywords with clusterKeywordsFromTexts", async () => {
    const { kmeans } = await import("../../src/cluster/kmeans.js");
    const { clusterKeywordsFromTexts } = await import("../../src/keywords/keywordsFromTexts.js");
    const papers = seedCorpus();
    const texts = papers.map((p) => `${p.title}. ${p.abstract}`);
    const hv = createHashingVectorizer({ alternateSign: false, norm: null });
    const { matrix } = tfidfFromCounts(hv.transform(texts), { sublinearTf: true });
    const { labels } = kmeans(matrix, 8, { metric: "cosine", nInit: 10, seed: 0 });
    const topics = clusterKeywordsFromTexts(texts, labels, { k: 8 });
    expect(topics).toHaveLength(8);
    expect(topics.some((t) => t.label.includes("federated learning"))).toBe(true);
    expect(() => clusterKeywordsFromTexts(texts, labels.slice(1))).toThrow(/labels must have one entry per text/);
  });
});
