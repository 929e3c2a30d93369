import { type KMeansMetric, type KMeansResult, kmeans } from "../../cluster/kmeans.js";
import { miniBatchKMeans } from "../../cluster/miniBatch.js";
import type { ParallelAssigner } from "../../cluster/parallel.js";
import type { CsrMatrix } from "../../core/csr.js";
import type { DenseMatrix } from "../../core/dense.js";
import { csrSelectRows } from "../../core/points.js";
import { adjustedRandIndex } from "../../evaluate/external.js";
import type { ClusteringPath } from "../types.js";
import { documentSample } from "./sample.js";

/** The rows a clusterer groups: sparse TF-IDF or dense embeddings. */
export type ClusterPoints = CsrMatrix | DenseMatrix;

/** What any clustering algorithm gives the later stages. */
export interface ClusterFit {
  /** Cluster of every row in [0, k); -1 marks an outlier that belongs to no topic. */
  readonly labels: Int32Array;
  /** k x d centres, or null for algorithms without centres. */
  readonly centroids: DenseMatrix | null;
  readonly warnings: readonly string[];
  /** The k-means model behind `predict`, or null. */
  readonly kmeans: KMeansResult | null;
}

/** A clustering algorithm with its settings fixed; `fit` is deterministic for a seed. */
export interface Clusterer {
  /** Clusters it makes (labels lie in [0, k)). */
  readonly k: number;
  fit(points: ClusterPoints, context: { readonly seed: number; readonly parallel?: ParallelAssigner }): ClusterFit;
}

export interface KMeansClustererSettings {
  readonly metric: KMeansMetric;
  readonly nInit: number;
  /** Restarts run on a seeded sample of this many rows when there are more. */
  readonly sampleSize: number;
  readonly path: ClusteringPath;
}

/**
 * k-means behind the {@link Clusterer} contract. Full batch: below `sampleSize` rows,
 * the best of `nInit` k-means++ runs on all rows (scikit-learn's `n_init`); above it, the
 * restarts run on a seeded sample and the best sample solution starts one run on all rows,
 * so restarts cost a bounded amount. Mini-batch: scikit-learn's MiniBatchKMeans steps.
 */
export function kmeansClusterer(k: number, settings: KMeansClustererSettings): Clusterer {
  return {
    k,
    fit(points, { seed, parallel }) {
      const threads = parallel ? { parallel } : {};
      const { metric, nInit, sampleSize, path } = settings;
      let result: KMeansResult;
      if (path === "mini-batch") {
        result = miniBatchKMeans(points, k, { metric, nInit: Math.max(3, nInit), batchSize: 4096, seed, ...threads });
      } else if (points.rows <= sampleSize) {
        result = kmeans(points, k, { metric, nInit, seed, ...threads });
      } else {
        const rows = documentSample(points.rows, sampleSize, seed) as Int32Array;
        const best = kmeans(selectPoints(points, rows), k, { metric, nInit, seed, ...threads });
        result = kmeans(points, k, { metric, init: best.centroids, seed, ...threads });
      }
      return { labels: result.labels, centroids: result.centroids, warnings: result.warnings, kmeans: result };
    },
  };
}

/**
 * Stability: the mean adjusted Rand index between clusterings with different seeds, on
 * the sample rows when given (each a fresh clustering of the sample), else on all rows
 * with `first` as the first seed's clustering.
 */
export function stabilityOf(
  points: ClusterPoints,
  makeClusterer: () => Clusterer,
  seed: number,
  seeds: number,
  first: Int32Array,
  sample: Int32Array | null,
  parallel: ParallelAssigner | undefined,
): number {
  const context = (s: number) => ({ seed: s, ...(parallel ? { parallel } : {}) });
  const clusterer = makeClusterer();
  const rows = sample === null ? points : selectPoints(points, sample);
  const runs = sample === null ? [first] : [clusterer.fit(rows, context(seed)).labels];
  for (let s = 1; s < seeds; s++) runs.push(clusterer.fit(rows, context(seed + s)).labels);
  let total = 0;
  let pairs = 0;
  for (let a = 0; a < runs.length; a++) {
    for (let b = a + 1; b < runs.length; b++) {
      total += adjustedRandIndex(runs[a] as Int32Array, runs[b] as Int32Array);
      pairs++;
    }
  }
  return total / pairs;
}

/** The rows `ids` of sparse or dense points, as new points. */
export function selectPoints(points: ClusterPoints, ids: Int32Array): ClusterPoints {
  if ("indptr" in points) return csrSelectRows(points, ids);
  const d = points.cols;
  const data = new Float64Array(ids.length * d);
  ids.forEach((r, i) => {
    data.set(points.data.subarray(r * d, (r + 1) * d), i * d);
  });
  return { rows: ids.length, cols: d, data };
}
