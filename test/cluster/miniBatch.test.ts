import { describe, expect, it } from "vitest";
import { kmeans } from "../../src/cluster/kmeans.js";
import { createMiniBatchKMeans, miniBatchKMeans } from "../../src/cluster/miniBatch.js";
import { createRandom } from "../../src/core/random.js";
import { adjustedRandIndex } from "../../src/evaluate/external.js";

function blobs(n: number, d: number, centers: number, seed: number): { X: number[][]; y: number[] } {
  const r = createRandom(seed);
  const means = Array.from({ length: centers }, () => Array.from({ length: d }, () => r.nextFloat() * 40 - 20));
  const y = Array.from({ length: n }, (_, i) => i % centers);
  return { X: y.map((c) => (means[c] as number[]).map((m) => m + (r.nextFloat() - 0.5) * 3)), y };
}

describe("miniBatchKMeans(X, k)", () => {
  const { X, y } = blobs(3000, 8, 6, 4);
  it("recovers well-separated clusters with an objective close to Lloyd's", () => {
    const mb = miniBatchKMeans(X, 6, { batchSize: 256, seed: 1 });
    const lloyd = kmeans(X, 6, { nInit: 3, seed: 1 });
    expect(adjustedRandIndex(y, mb.labels)).toBeGreaterThan(0.95);
    expect(mb.inertia).toBeLessThanOrEqual(lloyd.inertia * 1.05);
  });
  it("is identical for equal seeds", () => {
    const a = miniBatchKMeans(X, 6, { batchSize: 128, seed: 9, maxIter: 5 });
    const b = miniBatchKMeans(X, 6, { batchSize: 128, seed: 9, maxIter: 5 });
    expect(a.labels).toEqual(b.labels);
    expect(a.centroids.data).toEqual(b.centroids.data);
  });
  it("keeps cosine centroids at unit length", () => {
    const r = miniBatchKMeans(X, 6, { metric: "cosine", batchSize: 200, maxIter: 3 });
    for (let j = 0; j < 6; j++) {
      let s = 0;
      for (let f = 0; f < 8; f++) s += (r.centroids.data[j * 8 + f] as number) ** 2;
      expect(Math.abs(Math.sqrt(s) - 1)).toBeLessThan(1e-12);
    }
  });
  it("rejects bad options", () => {
    expect(() => miniBatchKMeans(X, 6, { batchSize: 0 })).toThrow(/options.batchSize must be an integer >= 1; got 0/);
    expect(() => miniBatchKMeans(X, 0)).toThrow(/k must be an integer/);
  });
});

describe("createMiniBatchKMeans(k).partialFit(batch)", () => {
  it("learns from a stream of batches and predicts", () => {
    const { X, y } = blobs(2400, 5, 4, 8);
    const model = createMiniBatchKMeans(4, { seed: 2 });
    expect(model.centroids).toBeNull();
    for (let epoch = 0; epoch < 3; epoch++) {
      for (let start = 0; start < X.length; start += 200) model.partialFit(X.slice(start, start + 200));
    }
    expect(model.seen).toBe(7200);
    expect(adjustedRandIndex(y, model.predict(X))).toBeGreaterThan(0.95);
  });
  it("needs k rows in the first batch and a consistent width", () => {
    const model = createMiniBatchKMeans(4);
    expect(() => model.partialFit([[1, 2]])).toThrow(/first batch must hold at least k = 4 rows; got 1/);
    expect(() => model.predict([[1, 2]])).toThrow(/call partialFit/);
    model.partialFit([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(() => model.partialFit([[1, 2, 3]])).toThrow(/batch must have 2 columns; got 3/);
  });
});
