import { describe, expect, it } from "vitest";
import { kmeans as kmeansRun } from "../../src/cluster/kmeans.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { adjustedRandIndex } from "../../src/evaluate/external.js";
import { clusteringReport } from "../../src/evaluate/report.js";
import { sweepK } from "../../src/evaluate/sweepK.js";
import { fitTransformTfidf } from "../../src/vectorize/tfidf.js";

const display = (x: object) => (x as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]?.();
const { matrix } = fitTransformTfidf(
  seedCorpus().map((p) => p.abstract),
  { minDf: 2, maxDf: 0.5, sublinearTf: true },
);

describe("sweepK(X, options)", () => {
  const sweep = sweepK(matrix, { kRange: [2, 8], nInit: 2 });
  it("scores every k and recommends one by the stated rule", () => {
    expect(sweep.rows.map((r) => r.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    for (const r of sweep.rows) {
      expect(r.stability).toBeGreaterThanOrEqual(-1);
      expect(r.stability).toBeLessThanOrEqual(1);
      expect(
        Number.isFinite(r.silhouette) && Number.isFinite(r.calinskiHarabasz) && Number.isFinite(r.daviesBouldin),
      ).toBe(true);
    }
    const best = Math.max(...sweep.rows.map((r) => r.stability));
    const stable = sweep.rows.filter((r) => r.stability >= 0.8 * best);
    expect(sweep.recommendedK).toBe(stable.reduce((a, b) => (b.silhouette > a.silhouette ? b : a)).k);
    expect(sweep.rule).toMatch(/highest mean silhouette/);
  });
  it("measures stability as the mean pairwise ARI of the seeds", () => {
    const one = sweepK(matrix, { kRange: [3, 3], seeds: [7] });
    expect(one.rows[0]?.stability).toBe(1);
    expect(adjustedRandIndex(one.rows[0]?.labels as Int32Array, one.rows[0]?.labels as Int32Array)).toBe(1);
  });
  it("renders in notebooks as HTML, SVG and text, and stays plain JSON", () => {
    const bundle = display(sweep);
    expect(bundle?.["text/html"]).toContain("<svg");
    expect(bundle?.["image/svg+xml"]).toMatch(/^<svg/);
    expect(bundle?.["text/plain"]).toMatch(/recommended k = \d+/);
    expect(Object.keys(JSON.parse(JSON.stringify({ ...sweep, rows: [] })))).toEqual(["rows", "recommendedK", "rule"]);
  });
  it("sweeps any clusterer given as a factory of k: the default is k-means, and another is used as given", () => {
    const asDefault = sweepK(matrix, { kRange: [2, 4], nInit: 2 });
    const kmeansFactory = sweepK(matrix, {
      kRange: [2, 4],
      nInit: 2,
      clusterer: (k) => ({
        k,
        fit: (points, { seed }) => {
          const r = kmeansRun(points, k, { metric: "cosine", nInit: 2, seed });
          return { labels: r.labels, centroids: r.centroids, warnings: r.warnings, kmeans: r };
        },
      }),
    });
    expect(kmeansFactory.rows.map((r) => Array.from(r.labels))).toEqual(
      asDefault.rows.map((r) => Array.from(r.labels)),
    );
    // A clusterer without an objective: every row in cluster (row mod k), the same for every seed.
    const striped = sweepK(matrix, {
      kRange: [2, 3],
      clusterer: (k) => ({
        k,
        fit: (points) => ({
          labels: Int32Array.from({ length: points.rows }, (_, i) => i % k),
          centroids: null,
          warnings: [],
          kmeans: null,
        }),
      }),
    });
    expect(Array.from(striped.rows[1]?.labels ?? [])).toEqual(Array.from({ length: 70 }, (_, i) => i % 3));
    expect(striped.rows.every((r) => r.stability === 1 && Number.isNaN(r.inertia))).toBe(true);
    expect(() => sweepK(matrix, { clusterer: 3 as never })).toThrow(/options.clusterer must be a function/);
  });
  it("recommends a k when no k is stable: seeds that agree less than chance at every k", () => {
    // Three one-word documents sharing no word and an empty one: at these seeds every k's
    // mean ARI is below 0, so 0.8 x the best would be above the best.
    const apart = fitTransformTfidf(["", "aa", "ab", "ac"], { minDf: 1, maxDf: 1 }).matrix;
    const sweep = sweepK(apart, { kRange: [2, 3], seeds: [2, 3, 4] });
    expect(sweep.rows.map((r) => r.stability)).toEqual([expect.closeTo(-1 / 3, 12), expect.closeTo(-0.2, 12)]);
    expect(sweep.recommendedK).toBe(3);
    expect(sweep.rule).toMatch(/at least the best - 0\.2 x \|best\| \(-0\.200\)/);
  });
  it("recommends k = 1 when every k's clustering is one cluster (every point the same)", () => {
    const same = sweepK(
      Array.from({ length: 6 }, () => [1, 2]),
      { kRange: [2, 4] },
    );
    expect(same.recommendedK).toBe(1);
    expect(same.rule).toMatch(/every k's clustering put all points in one cluster/);
    const two = sweepK([...Array.from({ length: 5 }, () => [1, 0]), ...Array.from({ length: 5 }, () => [0, 1])], {
      kRange: [2, 4],
    });
    expect(two.recommendedK).toBe(2);
  });
  it("rejects bad ranges", () => {
    expect(() => sweepK(matrix, { kRange: [1, 4] })).toThrow(/options.kRange\[0\] must be an integer in \[2, 69\]/);
    expect(() => sweepK(matrix, { seeds: [] })).toThrow(/options.seeds must be a non-empty array/);
    expect(() => sweepK([[1], [2]])).toThrow(/at least 3 rows/);
  });
});

describe("clusteringReport(labelsTrue, labelsPred, { X })", () => {
  it("collects the metrics and renders as a table", () => {
    const truth = Array.from({ length: 70 }, (_, i) => (i < 35 ? "a" : "b"));
    const pred = Array.from({ length: 70 }, (_, i) => (i < 30 ? 0 : 1));
    const r = clusteringReport(truth, pred, { X: matrix, metric: "cosine" });
    expect(r.purity).toBeCloseTo(65 / 70, 12);
    expect(r.silhouette).not.toBeNull();
    expect(display(r)?.["text/html"]).toContain("adjustedRandIndex");
    expect(clusteringReport(truth, pred).silhouette).toBeNull();
  });
});
