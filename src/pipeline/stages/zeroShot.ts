import { partitionCentres } from "../../cluster/consensus.js";
import type { KMeansResult } from "../../cluster/kmeans.js";
import { centreCosines } from "../../cluster/outliers.js";
import type { DenseMatrix } from "../../core/dense.js";
import { asPoints } from "../../core/points.js";
import type { ClusterFit, ClusterPoints } from "./cluster.js";

/** Which documents a zero-shot topic takes before clustering, and which are left to cluster. */
export interface ZeroShotSplit {
  /** The given topic (index into the list) each document went to, or -1. */
  readonly topicOf: Int32Array;
  /** The given topics that took at least one document, in the list's order. */
  readonly used: readonly number[];
  /** The documents left for clustering, in order. */
  readonly rest: Int32Array;
}

/**
 * BERTopic's zero-shot step (`_zeroshot_topic_modeling`): each document goes to the given
 * topic it is most similar to (cosine similarity of its vector and the topic text's vector,
 * both in the clustering space) when that similarity reaches `minSimilarity`; the others
 * are clustered as usual. A given topic no document reaches is dropped, as in BERTopic.
 */
export function zeroShotSplit(X: ClusterPoints, topicVectors: DenseMatrix, minSimilarity: number): ZeroShotSplit {
  const cos = centreCosines(X, topicVectors);
  const topicOf = new Int32Array(X.rows).fill(-1);
  const taken = new Uint8Array(topicVectors.rows);
  const rest: number[] = [];
  for (let i = 0; i < X.rows; i++) {
    let best = -1;
    let similarity = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < topicVectors.rows; j++) {
      const s = cos.of(i, j);
      if (s > similarity) [best, similarity] = [j, s];
    }
    if (best >= 0 && similarity >= minSimilarity) {
      topicOf[i] = best;
      taken[best] = 1;
    } else rest.push(i);
  }
  const used = [...taken.keys()].filter((j) => taken[j] === 1);
  return { topicOf, used, rest: Int32Array.from(rest) };
}

/**
 * The clustering of the rest and the zero-shot topics as one fit of all documents: the
 * clusters keep their numbers, zero-shot topic `used[j]` becomes cluster `k + j`, and its
 * centre is the mean of its documents (unit length under cosine), so that `predict` sends a
 * new document to the nearest of all of them.
 */
export function combineZeroShot(
  X: ClusterPoints,
  split: ZeroShotSplit,
  restFit: ClusterFit | null,
  metric: KMeansResult["metric"],
): ClusterFit & { readonly kmeans: KMeansResult } {
  const d = X.cols;
  const k = restFit?.kmeans?.k ?? 0;
  const total = k + split.used.length;
  // Every document is in the rest or in a topic; -1 stays only for documents given no cluster.
  const labels = new Int32Array(X.rows).fill(-1);
  const clusterOf = new Map(split.used.map((j, c) => [j, k + c]));
  split.rest.forEach((i, r) => {
    labels[i] = restFit?.labels[r] as number;
  });
  for (let i = 0; i < X.rows; i++) {
    const j = split.topicOf[i] as number;
    if (j >= 0) labels[i] = clusterOf.get(j) as number;
  }
  // The zero-shot (or given) topics' centres are their documents' means; k-means' own stay.
  const centres = partitionCentres(asPoints(X), labels, total, metric, k).data as Float64Array;
  if (restFit?.kmeans) centres.set(restFit.kmeans.centroids.data.subarray(0, k * d));
  const centroids = { rows: total, cols: d, data: centres };
  const warnings = restFit?.warnings ?? [];
  const base = restFit?.kmeans;
  const kmeans: KMeansResult = {
    labels,
    centroids,
    inertia: base?.inertia ?? 0,
    metric,
    algorithm: base?.algorithm ?? "lloyd",
    k: total,
    iterations: base?.iterations ?? 0,
    converged: base?.converged ?? true,
    warnings,
  };
  return { labels, centroids, warnings, kmeans };
}
