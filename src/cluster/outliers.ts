import { asPoints, type Points, rowDot, selectRows, squaredRowNorms } from "../core/points.js";
import type { ClusterFit, ClusterPoints } from "./clusterer.js";
import type { KMeansResult } from "./kmeans.js";
import { predict } from "./predict.js";

/** The default background quantile: the median. */
export const OUTLIER_QUANTILE = 0.5;

/**
 * The rule behind {@link outlierDocuments} on the clustering itself: each document of
 * cluster c whose similarity to c's centre is at most the `quantile` of the other
 * clusters' documents' similarities to it; least similar first.
 */
export function clusterOutliers(
  points: ClusterPoints,
  kmeans: Pick<KMeansResult, "k" | "labels" | "centroids">,
  quantile: number,
): { index: number; cluster: number; similarity: number; background: number }[] {
  const centroids = Float64Array.from(kmeans.centroids.data);
  const d = kmeans.centroids.cols;
  const p = asPoints(points);
  const n = points.rows;
  const out: { index: number; cluster: number; similarity: number; background: number }[] = [];
  const sim = new Float64Array(n);
  for (let c = 0; c < kmeans.k; c++) {
    const own: number[] = [];
    const others: number[] = [];
    for (let i = 0; i < n; i++) {
      sim[i] = rowDot(p, i, centroids, c * d);
      const label = kmeans.labels[i] as number;
      // A document in no cluster (set aside before clustering) is no other cluster's either.
      if (label === c) own.push(i);
      else if (label >= 0) others.push(i);
    }
    if (own.length === 0 || others.length === 0) continue;
    const background = quantileOf(
      others.map((i) => sim[i] as number).sort((a, b) => a - b),
      quantile,
    );
    for (const i of own) {
      const s = sim[i] as number;
      if (s <= background) out.push({ index: i, cluster: c, similarity: s, background });
    }
  }
  return out.sort((a, b) => a.similarity - b.similarity || a.index - b.index);
}

/** Linear-interpolation quantile of sorted values (NumPy's default). */
function quantileOf(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/** Which documents fit no cluster: by the corpus' own background (`quantile`) or an absolute cosine `threshold`. */
export type OutlierRule = { readonly quantile: number } | { readonly threshold: number };

/** The documents the rule sets aside, least similar first. */
export function outliersByRule(
  points: ClusterPoints,
  kmeans: Pick<KMeansResult, "k" | "labels" | "centroids">,
  rule: OutlierRule,
): { index: number; cluster: number; similarity: number }[] {
  if ("quantile" in rule) return clusterOutliers(points, kmeans, rule.quantile);
  const cos = centreCosines(points, kmeans.centroids);
  const out: { index: number; cluster: number; similarity: number }[] = [];
  for (let i = 0; i < points.rows; i++) {
    const c = kmeans.labels[i] as number;
    const similarity = cos.of(i, c);
    if (similarity < rule.threshold) out.push({ index: i, cluster: c, similarity });
  }
  return out.sort((a, b) => a.similarity - b.similarity || a.index - b.index);
}

/**
 * Cosine similarity of any point to any centre (0 when either is all zeros), whatever the
 * metric k-means used: the measure an absolute threshold can be stated in.
 */
export function centreCosines(
  points: ClusterPoints,
  centroids: { readonly rows: number; readonly cols: number; readonly data: ArrayLike<number> },
): { of(i: number, c: number): number } {
  const p: Points = asPoints(points);
  const d = centroids.cols;
  const centres = Float64Array.from(centroids.data);
  const centreNorms = new Float64Array(centroids.rows);
  for (let c = 0; c < centroids.rows; c++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += (centres[c * d + f] as number) ** 2;
    centreNorms[c] = Math.sqrt(s);
  }
  const rowNorms = squaredRowNorms(p).map(Math.sqrt);
  return {
    of(i, c) {
      const norm = (rowNorms[i] as number) * (centreNorms[c] as number);
      return norm === 0 ? 0 : rowDot(p, i, centres, c * d) / norm;
    },
  };
}

/** Documents a cluster needs to be a topic when outliers are on (BERTopic's `min_topic_size` at its smallest). */
export const MIN_TOPIC_DOCUMENTS = 2;

/**
 * Each of k clusters' number once those of fewer than {@link MIN_TOPIC_DOCUMENTS} documents
 * are dissolved (−1), the others renumbered in order, and how many stay; null when none is
 * dissolved, or fewer than two would stay (see {@link dissolveTinyClusters}).
 */
export function keptClusterIds(labels: ArrayLike<number>, k: number): { ids: Int32Array; kept: number } | null {
  const sizes = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] as number;
    if (c >= 0) sizes[c] = (sizes[c] as number) + 1;
  }
  let kept = 0;
  for (const size of sizes) if (size >= MIN_TOPIC_DOCUMENTS) kept++;
  if (kept === k || kept < 2) return null;
  const newId = new Int32Array(k).fill(-1);
  let next = 0;
  for (let c = 0; c < k; c++) if ((sizes[c] as number) >= MIN_TOPIC_DOCUMENTS) newId[c] = next++;
  return { ids: newId, kept };
}

/**
 * The fit without its clusters of fewer than {@link MIN_TOPIC_DOCUMENTS} documents, the
 * others renumbered in order: their documents are outliers (−1) in `labels`, while the
 * k-means model gives them their nearest remaining centre (by `predict`). A lone
 * document is its own centre, so no similarity rule can set it aside. At least two
 * clusters stay; the fit itself when nothing is dissolved. Needs the fit's k-means model.
 */
export function dissolveTinyClusters(points: ClusterPoints, fit: ClusterFit): ClusterFit {
  const km = fit.kmeans;
  if (km === null) return fit;
  const renumbered = keptClusterIds(fit.labels, km.k);
  if (renumbered === null) return fit;
  const { ids: newId, kept } = renumbered;
  const d = km.centroids.cols;
  const data = new Float64Array(kept * d);
  for (let c = 0; c < km.k; c++) {
    const to = newId[c] as number;
    if (to >= 0) data.set(km.centroids.data.subarray(c * d, (c + 1) * d), to * d);
  }
  const centroids = { rows: kept, cols: d, data };
  const labels = fit.labels.map((c) => (c >= 0 ? (newId[c] as number) : -1));
  // The model places the dissolved clusters' documents as `predict` places new ones.
  // A document the model placed in no cluster (set aside before clustering) stays in none.
  const modelLabels = km.labels.map((c) => (c >= 0 ? (newId[c] as number) : -1));
  const alone: number[] = [];
  modelLabels.forEach((c, i) => {
    if (c < 0 && (km.labels[i] as number) >= 0) alone.push(i);
  });
  // An empty cluster has no document to place.
  if (alone.length > 0) {
    const placed = predict({ centroids, metric: km.metric }, selectRows(asPoints(points), alone));
    alone.forEach((i, j) => {
      modelLabels[i] = placed[j] as number;
    });
  }
  return {
    ...fit,
    labels,
    centroids,
    kmeans: { ...km, k: kept, labels: modelLabels, centroids },
  };
}
