import type { CsrMatrix } from "../core/csr.js";
import type { DenseMatrix } from "../core/dense.js";
import type { Warning } from "../core/warnings.js";
import type { KMeansResult } from "./kmeans.js";
import type { ParallelAssigner } from "./parallel.js";

/**
 * The contract every clustering algorithm meets, so that the k sweep and the pipeline's
 * later stages (keywords, scores, reports) work with any of them: k-means today;
 * agglomerative, HDBSCAN or precomputed labels next.
 */

/** The rows a clusterer groups: sparse TF-IDF or dense embeddings. */
export type ClusterPoints = CsrMatrix | DenseMatrix;

/** What any clustering algorithm gives the later stages. */
export interface ClusterFit {
  /** Cluster of every row in [0, k); -1 marks an outlier that belongs to no topic. */
  readonly labels: Int32Array;
  /** k x d centres, or null for algorithms without centres. */
  readonly centroids: DenseMatrix | null;
  readonly warnings: readonly Warning[];
  /** The k-means model behind `predict`, or null. */
  readonly kmeans: KMeansResult | null;
}

/** A clustering algorithm with its settings fixed; `fit` is deterministic for a seed. */
export interface Clusterer {
  /** Clusters it makes (labels lie in [0, k)). */
  readonly k: number;
  fit(points: ClusterPoints, context: { readonly seed: number; readonly parallel?: ParallelAssigner }): ClusterFit;
}
