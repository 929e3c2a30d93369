import type { ClusterFit, ClusterPoints } from "../../cluster/clusterer.js";
import { partitionCentres } from "../../cluster/consensus.js";
import type { KMeansMetric, KMeansResult } from "../../cluster/kmeans.js";
import { keptClusterIds } from "../../cluster/outliers.js";
import {
  fitPresenceMixture,
  mostProbableTopicsUnchecked,
  type PresenceMixture,
  type PresenceMixtureFit,
  type TermSets,
} from "../../cluster/presenceMixture.js";
import { asPoints, type Points, rowDot, squaredRowNorms } from "../../core/points.js";
import type { TfidfModel } from "../../vectorize/tfidf.js";
import type { TokenDocuments } from "../../vectorize/vocabulary.js";

/**
 * The training documents' words as columns of the vectorizer, each once: the words the
 * vectorizer kept (n-gram columns are left to `transform`, which `predict` reads alike).
 */
export function trainingTermSets(tokens: TokenDocuments, vectorizer: TfidfModel): TermSets {
  const columnOf = Int32Array.from(tokens.terms, (term) => vectorizer.termIndex(term));
  const n = tokens.offsets.length - 1;
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const seen = new Int32Array(vectorizer.vocabulary.length).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let p = tokens.offsets[i] as number; p < (tokens.offsets[i + 1] as number); p++) {
      const j = columnOf[tokens.stream[p] as number] as number;
      if (j < 0 || seen[j] === i) continue;
      seen[j] = i;
      indices.push(j);
    }
    indptr[i + 1] = indices.length;
  }
  return { rows: n, indptr, indices: Int32Array.from(indices) };
}

export interface Refined {
  readonly fit: ClusterFit & { readonly kmeans: KMeansResult };
  /** The mixture `predict` asks; null when the topics stayed k-means' (see {@link refineByMixture}). */
  readonly mixture: PresenceMixture | null;
  /** Documents whose topic the mixture changed. */
  readonly moved: number;
}

/**
 * k-means' topics refined by EM for a mixture of multinomials over the words each document
 * holds, started from them (see `refine` in the options). The topics' centres in the
 * clustering space become their documents' means, for reports and silhouettes; `predict`
 * then asks the mixture, so that every training document keeps its topic.
 */
export function refineByMixture(
  X: ClusterPoints,
  sets: TermSets,
  terms: number,
  fit: ClusterFit & { readonly kmeans: KMeansResult },
  metric: KMeansMetric,
  sampleWeight: Float64Array | null,
): Refined {
  const k = fit.kmeans.k;
  const result: PresenceMixtureFit = fitPresenceMixture(sets, terms, fit.labels, k);
  // `predict` asks the mixture, so each document takes the mixture's most probable topic. EM
  // that converged has them as its labels; where it stopped short (a step would have emptied a
  // topic, or maxIter) and they would empty a topic, the topics stay k-means'.
  const read = result.converged ? result.labels : mostProbableTopicsUnchecked(sets, result.mixture);
  const sizes = new Int32Array(k);
  // A document the mixture cannot read (no kept word) keeps k-means' topic.
  const labels = Int32Array.from(fit.labels, (c, i) => (c < 0 || (read[i] as number) < 0 ? c : (read[i] as number)));
  for (const c of labels) if (c >= 0) sizes[c] = (sizes[c] as number) + 1;
  if (sizes.some((size) => size === 0)) return { fit, mixture: null, moved: 0 };
  let moved = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] !== fit.labels[i]) moved++;
  if (moved === 0) return { fit, mixture: result.mixture, moved };
  const points = asPoints(X);
  const centroids = partitionCentres(points, labels, k, metric);
  const kmeans: KMeansResult = {
    ...fit.kmeans,
    labels,
    centroids,
    // partitionCentres' centres are float64.
    inertia: objective(points, labels, centroids.data as Float64Array, metric, sampleWeight),
  };
  return { fit: { labels, centroids, warnings: fit.warnings, kmeans }, mixture: result.mixture, moved };
}

/**
 * The mixture of the topics that stay once the clusters of fewer than two documents are
 * dissolved (see `dissolveTinyClusters`), numbered as they are, so that `predict` gives
 * the topics' own numbers; the mixture itself when none is dissolved.
 */
export function mixtureOfKeptTopics(mixture: PresenceMixture, labels: ArrayLike<number>): PresenceMixture {
  const renumbered = keptClusterIds(labels, mixture.k);
  if (renumbered === null) return mixture;
  const { ids: newId, kept: keptK } = renumbered;
  const { k, terms } = mixture;
  const logShare = new Float64Array(keptK);
  const logTermGivenTopic = new Float64Array(terms * keptK);
  for (let c = 0; c < k; c++) {
    const to = newId[c] as number;
    if (to < 0) continue;
    logShare[to] = mixture.logShare[c] as number;
    for (let j = 0; j < terms; j++) logTermGivenTopic[j * keptK + to] = mixture.logTermGivenTopic[j * k + c] as number;
  }
  return { k: keptK, terms, logTermGivenTopic, logShare, temperature: mixture.temperature };
}

/**
 * k-means' objective of a partition with the given centres (see `KMeansResult.inertia`),
 * each row's dot with its centre read over its stored values only.
 */
function objective(
  points: Points,
  labels: Int32Array,
  centres: Float64Array,
  metric: KMeansMetric,
  sampleWeight: Float64Array | null,
): number {
  const d = points.cols;
  const rowNorms = metric === "cosine" ? null : squaredRowNorms(points);
  const centreNorms = new Float64Array(centres.length / d);
  if (rowNorms !== null)
    for (let c = 0; c < centreNorms.length; c++) {
      let norm = 0;
      for (let f = c * d; f < (c + 1) * d; f++) norm += (centres[f] as number) ** 2;
      centreNorms[c] = norm;
    }
  let total = 0;
  for (let i = 0; i < points.rows; i++) {
    const c = labels[i] as number;
    if (c < 0) continue;
    const dot = rowDot(points, i, centres, c * d);
    const distance =
      rowNorms === null ? 1 - dot : Math.max(0, (rowNorms[i] as number) - 2 * dot + (centreNorms[c] as number));
    total += (sampleWeight?.[i] ?? 1) * distance;
  }
  return total;
}
