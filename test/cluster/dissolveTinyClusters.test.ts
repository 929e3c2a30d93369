import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClusterFit } from "../../src/cluster/clusterer.js";
import { kmeans } from "../../src/cluster/kmeans.js";
import { dissolveTinyClusters, MIN_TOPIC_DOCUMENTS } from "../../src/cluster/outliers.js";

const dense = (rows: number[][]) => ({
  rows: rows.length,
  cols: (rows[0] as number[]).length,
  data: Float64Array.from(rows.flat()),
});

function fitOf(points: ReturnType<typeof dense>, k: number, metric: "cosine" | "euclidean", seed = 0): ClusterFit {
  const r = kmeans(points, k, { metric, seed, nInit: 2 });
  return { labels: r.labels, centroids: r.centroids, warnings: [], kmeans: r };
}

/** Two pairs of points far apart: two clusters of two documents each. */
const twoPairs = dense([
  [0, 0],
  [0, 1],
  [10, 10],
  [10, 11],
]);

describe("dissolveTinyClusters", () => {
  // Two groups of three points and one point far from both: k = 3 leaves it alone.
  const points = dense([
    [0, 0],
    [0, 1],
    [1, 0],
    [10, 10],
    [10, 11],
    [11, 10],
    [30, -20],
  ]);

  it("removes a one-document cluster: its document is -1, the rest renumbered in order, the model gives it its nearest centre", () => {
    const fit = fitOf(points, 3, "euclidean");
    const alone = fit.labels[6] as number;
    expect(fit.labels.filter((c) => c === alone)).toHaveLength(1);
    const out = dissolveTinyClusters(points, fit);
    expect(out.kmeans?.k).toBe(2);
    expect(out.centroids?.rows).toBe(2);
    expect(out.labels[6]).toBe(-1);
    // The two groups stay whole and apart, numbered by their old order.
    const [a, b] = [out.labels[0] as number, out.labels[3] as number];
    expect([...out.labels.slice(0, 3)]).toEqual([a, a, a]);
    expect([...out.labels.slice(3, 6)]).toEqual([b, b, b]);
    expect(a < b).toBe((fit.labels[0] as number) < (fit.labels[3] as number));
    // (30, −20) is 1,293 from (1/3, 1/3) squared and 1,307 from (31/3, 31/3): the first group's.
    const d2 = (c: number) => {
      const x = out.centroids?.data as Float64Array;
      return (30 - (x[2 * c] as number)) ** 2 + (-20 - (x[2 * c + 1] as number)) ** 2;
    };
    expect(d2(a)).toBeLessThan(d2(b));
    expect(out.kmeans?.labels[6]).toBe(a);
    expect(out.kmeans?.labels.slice(0, 6)).toEqual(out.labels.slice(0, 6));
    // The input is not mutated.
    expect(fit.labels[6]).toBe(alone);
    expect(fit.kmeans?.k).toBe(3);
  });

  it("takes the nearest centre by cosine under cosine k-means", () => {
    const unit = dense([
      [1, 0],
      [0.99, 0.14],
      [0.98, 0.2],
      [0, 1],
      [0.14, 0.99],
      [0.2, 0.98],
      [-0.6, -0.8],
    ]);
    const fit = fitOf(unit, 3, "cosine");
    const out = dissolveTinyClusters(unit, fit);
    expect(out.labels[6]).toBe(-1);
    // (−0.6, −0.8) has cosine about −0.6 with the x group's centre and −0.8 with the y group's.
    expect(out.kmeans?.labels[6]).toBe(out.labels[0]);
  });

  it("leaves a document the fit set aside (−1 in the model too) in no cluster", () => {
    const fit = fitOf(points, 3, "euclidean");
    const alone = fit.labels[6] as number;
    // Row 0 was set aside before clustering: in no cluster, for the fit and for its model.
    const labels = Int32Array.from(fit.labels);
    labels[0] = -1;
    const km = fit.kmeans as NonNullable<ClusterFit["kmeans"]>;
    const out = dissolveTinyClusters(points, { ...fit, labels, kmeans: { ...km, labels } });
    expect(out.kmeans?.k).toBe(2);
    expect(out.labels[0]).toBe(-1);
    expect(out.kmeans?.labels[0]).toBe(-1);
    expect(out.labels[6]).toBe(-1);
    expect(out.kmeans?.labels[6]).toBeGreaterThanOrEqual(0);
    expect(alone).toBeGreaterThanOrEqual(0);
  });
  it("removes an empty cluster, with no document to place", () => {
    const X = twoPairs;
    const fit = fitOf(X, 2, "euclidean");
    const km = fit.kmeans as NonNullable<ClusterFit["kmeans"]>;
    const centroids = { rows: 3, cols: 2, data: Float64Array.of(...km.centroids.data, 50, 50) };
    const out = dissolveTinyClusters(X, { ...fit, centroids, kmeans: { ...km, k: 3, centroids } });
    expect(out.kmeans?.k).toBe(2);
    expect([...out.labels]).toEqual([...fit.labels]);
    expect([...(out.kmeans?.labels ?? [])]).toEqual([...fit.labels]);
  });

  it("leaves a fit whose clusters all have two documents, or that would keep fewer than two", () => {
    const groups = twoPairs;
    const fit = fitOf(groups, 2, "euclidean");
    expect(dissolveTinyClusters(groups, fit)).toBe(fit);
    const two = dense([
      [0, 0],
      [0, 1],
      [50, 50],
    ]);
    const lonely = fitOf(two, 2, "euclidean");
    expect(dissolveTinyClusters(two, lonely)).toBe(lonely);
  });

  it("keeps every other cluster whole, each of at least two documents (property)", () => {
    const point = fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 }));
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 6, maxLength: 30 }),
        fc.integer({ min: 3, max: 6 }),
        fc.integer({ min: 0, max: 1000 }),
        (rows, k, seed) => {
          const X = dense(rows.map(([x, y]) => [x, y + 0.5]));
          const fit = fitOf(X, Math.min(k, rows.length - 1), "euclidean", seed);
          const out = dissolveTinyClusters(X, fit);
          const sizes = new Map<number, number>();
          for (const c of out.labels) if (c >= 0) sizes.set(c, (sizes.get(c) ?? 0) + 1);
          const kOut = out.kmeans?.k as number;
          if (out !== fit) {
            expect([...sizes.values()].every((s) => s >= MIN_TOPIC_DOCUMENTS)).toBe(true);
            expect(sizes.size).toBe(kOut);
            expect(kOut).toBeGreaterThanOrEqual(2);
          }
          // Two documents share a cluster after exactly when they did before (outliers aside).
          for (let i = 0; i < rows.length; i++)
            for (let j = i + 1; j < rows.length; j++)
              if ((out.labels[i] as number) >= 0 && (out.labels[j] as number) >= 0)
                expect(out.labels[i] === out.labels[j]).toBe(fit.labels[i] === fit.labels[j]);
          expect(out.kmeans?.labels.every((c) => c >= 0 && c < kOut)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
