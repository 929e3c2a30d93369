import { describe, expect, it } from "vitest";
import { kmeans } from "../../src/cluster/kmeans.js";
import type { DenseMatrix } from "../../src/core/dense.js";
import { SKLEARN_ENGLISH_STOP_WORDS, SKLEARN_TOKEN_PATTERN } from "../../src/index.js";
import { fitTransformTfidf } from "../../src/vectorize/tfidf.js";
import { readCorpus, readFixture } from "../helpers/data.js";

interface Case {
  k: number;
  initRows: number[];
  runs: { maxIter: number; labels: number[]; inertia: number; iterations: number }[];
  kmeansppBestInertia: number;
}
interface Points {
  X: number[];
  rows: number;
  cols: number;
}
const fixture = readFixture<{
  sparse: Case;
  dense: Case & Points;
  denseElkan: Case;
  overlap: Points & { lloyd: Case; elkan: Case };
}>("kmeans-sklearn.json.gz");

const news = readCorpus("20newsgroups-bydate.jsonl.gz", 2000).map((d) => d.text);
const sparse = fitTransformTfidf(news, {
  tokenPattern: SKLEARN_TOKEN_PATTERN,
  stopWords: [...SKLEARN_ENGLISH_STOP_WORDS],
  minDf: 5,
  maxDf: 0.5,
}).matrix;
const denseOf = (p: Points): DenseMatrix => ({ rows: p.rows, cols: p.cols, data: Float64Array.from(p.X) });
const dense = denseOf(fixture.dense);
const overlap = denseOf(fixture.overlap);

function rowsOf(X: typeof sparse | DenseMatrix, ids: number[]): number[][] {
  return ids.map((r) => {
    const row = new Array<number>(X.cols).fill(0);
    if ("indptr" in X) {
      for (let p = X.indptr[r] as number; p < (X.indptr[r + 1] as number); p++)
        row[X.indices[p] as number] = X.data[p] as number;
    } else {
      for (let f = 0; f < X.cols; f++) row[f] = X.data[r * X.cols + f] as number;
    }
    return row;
  });
}

describe.each([
  ["lloyd", "sparse 20 Newsgroups TF-IDF (2,000 x vocabulary), k = 20", sparse, fixture.sparse],
  ["lloyd", "dense 600 x 100 blobs, k = 8", dense, fixture.dense],
  ["elkan", "dense 600 x 100 blobs, k = 8", dense, fixture.denseElkan],
  ["lloyd", "dense 1,500 x 40 overlapping blobs, k = 12", overlap, fixture.overlap.lloyd],
  ["elkan", "dense 1,500 x 40 overlapping blobs, k = 12", overlap, fixture.overlap.elkan],
] as const)("kmeans(X, k) against scikit-learn KMeans(algorithm='%s'): %s", (algorithm, _name, X, c) => {
  const init = rowsOf(X, c.initRows);
  for (const run of c.runs) {
    it(`from the same explicit centres with maxIter ${run.maxIter}: identical labels, inertia within 1e-9`, () => {
      const result = kmeans(X, c.k, { init, maxIter: run.maxIter, algorithm });
      expect(result.algorithm).toBe(algorithm);
      expect(Array.from(result.labels)).toEqual(run.labels);
      expect(result.iterations).toBe(run.iterations);
      expect(Math.abs(result.inertia - run.inertia) / run.inertia).toBeLessThan(1e-9);
    });
  }
  it("with k-means++ and nInit 10 reaches an inertia within 1.01 x scikit-learn's best", () => {
    const result = kmeans(X, c.k, { nInit: 10, seed: 0, algorithm });
    expect(result.inertia).toBeLessThanOrEqual(c.kmeansppBestInertia * 1.01);
  });
});
