import type { ClusterFit, ClusterPoints } from "../../cluster/clusterer.js";
import { partitionCentres } from "../../cluster/consensus.js";
import { type KMeansMetric, type KMeansResult, kmeans } from "../../cluster/kmeans.js";
import type { ParallelAssigner } from "../../cluster/parallel.js";
import { asPoints } from "../../core/points.js";
import { type Warning, warning } from "../../core/warnings.js";
import type { ClusterKeywords } from "../../keywords/clusterKeywords.js";
import { keywordOverlapUnchecked } from "../../keywords/keywordOverlap.js";
import { selectPoints, weighed } from "./cluster.js";

/**
 * Two topics whose first keywords share this much of their words (see `keywordOverlap`) are
 * named by the same words: one theme that k-means cut in two. Measured
 * (bench/redundantTopics.mjs, which prints each call's closest topics; k = the classes and
 * 20, seeds 0-2): Reuters' earnings reports, cut into topics headed `vs · net · cts` and
 * `loss · profit · vs`, overlap 0.70 at k 8 and 0.81 to 0.88 at k 20; the closest topics of
 * the other development corpora 0.50 at most (two Brown fiction topics, `door · mrs · knew`
 * and `maybe · oh · looked`), then 0.44 (87,242 abstracts at k 50: `reinforcement learning
 * (RL) · policy · reward` and `markov decision processes (MDPs) · policy · reinforcement
 * learning (RL)`) and 0.41 (hockey and baseball).
 */
export const REDUNDANT_OVERLAP = 0.6;

/** A split must leave each half at least this share of the topic. */
const MIN_HALF_SHARE = 0.1;

/** A topic smaller than this is not split. */
const MIN_SPLIT_DOCUMENTS = 20;

export interface ResplitSettings {
  readonly metric: KMeansMetric;
  readonly seed: number;
  readonly parallel?: ParallelAssigner;
  /** Each row's weight in k-means (see `documentWeights`), or null/absent: equal. */
  readonly sampleWeight?: Float64Array | null;
  /** The keywords of the fit's labels, when the caller has them already. */
  readonly named?: ReturnType<NameClusters>;
}

/** Keywords of k clusters for the given labels, with the warnings their naming raised. */
export type NameClusters = (labels: Int32Array, k: number) => { keywords: ClusterKeywords[]; warnings: Warning[] };

export interface Resplit {
  readonly fit: ClusterFit & { readonly kmeans: KMeansResult };
  readonly named: ReturnType<NameClusters>;
  /** One note per trade made, for the result's warnings. */
  readonly notes: readonly Warning[];
}

/**
 * k-means' objective can cut one large, tight theme in two while it leaves two themes in one
 * topic (Reuters: the earnings reports in two topics, oil, trade and shipping in one). When
 * two topics are named by the same words ({@link REDUNDANT_OVERLAP}), they are merged and
 * the topic whose two halves (2-means in the clustering space) are the least alike is split,
 * so k stays; k-means then runs on from those k centres, so the topics remain a k-means
 * solution (`predict` gives every document its own topic). Repeated while a trade lowers the
 * redundancy left (the sum of every pair's overlap beyond the bar), at most k times.
 * `named` holds the keywords of `fit`.
 */
export function resplitRedundant(
  X: ClusterPoints,
  fit: ClusterFit & { readonly kmeans: KMeansResult },
  name: NameClusters,
  settings: ResplitSettings,
): Resplit {
  const k = fit.kmeans.k;
  const first = settings.named ?? name(fit.labels, k);
  let current = { fit, named: first, redundancy: redundancyOf(first.keywords) };
  const notes: Warning[] = [];
  for (let round = 0; round < k && current.redundancy.excess > 0; round++) {
    const pair = current.redundancy.pair as NonNullable<Redundancy["pair"]>;
    const split = leastUniformTopic(X, current.fit.labels, k, pair, settings);
    if (split === null) break;
    const labels = Int32Array.from(current.fit.labels);
    const [a, b] = pair.clusters;
    for (let i = 0; i < labels.length; i++) if (labels[i] === b) labels[i] = a;
    for (const i of split.secondHalf) labels[i] = b;
    const next = runOn(X, labels, k, settings);
    const named = name(next.labels, k);
    const redundancy = redundancyOf(named.keywords);
    if (redundancy.excess >= current.redundancy.excess) break;
    const label = (c: number) => `\`${current.named.keywords[c]?.label}\``;
    notes.push(
      warning(
        "topics-resplit",
        `topics ${label(a)} and ${label(b)} were named by the same words (overlap ${pair.overlap.toFixed(2)}): they are one topic now, and ${label(split.cluster)} was split in two, so k stays ${k}`,
      ),
    );
    current = { fit: next, named, redundancy };
  }
  // The first fit's warnings (a k-means run that hit maxIter, say) still hold for its topics' making.
  const warnings = current.fit === fit ? fit.warnings : [...fit.warnings, ...current.fit.warnings];
  return { fit: { ...current.fit, warnings }, named: current.named, notes };
}

/** Whether two of the topics are named by the same words ({@link REDUNDANT_OVERLAP}). */
export function hasRedundantTopics(keywords: readonly ClusterKeywords[]): boolean {
  return redundancyOf(keywords).excess > 0;
}

interface Redundancy {
  /** The sum of every pair's overlap beyond {@link REDUNDANT_OVERLAP}. */
  readonly excess: number;
  /** The pair that overlaps the most, when it reaches the bar. */
  readonly pair: { readonly clusters: readonly [number, number]; readonly overlap: number } | null;
}

function redundancyOf(keywords: readonly ClusterKeywords[]): Redundancy {
  let excess = 0;
  let pair: { clusters: [number, number]; overlap: number } | null = null;
  for (let a = 0; a < keywords.length; a++)
    for (let b = a + 1; b < keywords.length; b++) {
      const overlap = keywordOverlapUnchecked(keywords[a] as ClusterKeywords, keywords[b] as ClusterKeywords);
      if (overlap < REDUNDANT_OVERLAP) continue;
      excess += overlap - REDUNDANT_OVERLAP;
      if (pair === null || overlap > pair.overlap) pair = { clusters: [a, b], overlap };
    }
  return { excess, pair };
}

/** The topic, outside the pair, whose 2-means halves have the least alike mean directions. */
function leastUniformTopic(
  X: ClusterPoints,
  labels: Int32Array,
  k: number,
  pair: { readonly clusters: readonly [number, number] },
  settings: ResplitSettings,
): { readonly cluster: number; readonly secondHalf: Int32Array } | null {
  const members: number[][] = Array.from({ length: k }, () => []);
  labels.forEach((c, i) => {
    if (c >= 0) members[c]?.push(i);
  });
  let best: { cluster: number; secondHalf: Int32Array; alike: number } | null = null;
  members.forEach((rows, c) => {
    if (pair.clusters.includes(c) || rows.length < MIN_SPLIT_DOCUMENTS) return;
    const ids = Int32Array.from(rows);
    const bisection = kmeans(selectPoints(X, ids), 2, {
      metric: settings.metric,
      nInit: 3,
      seed: settings.seed,
      ...weighed(settings.sampleWeight, ids),
    });
    const halves = bisection.labels;
    let second = 0;
    for (const h of halves) second += h;
    if (Math.min(second, rows.length - second) < MIN_HALF_SHARE * rows.length) return;
    const alike = cosineOfRows(bisection.centroids.data, X.cols);
    if (best === null || alike < best.alike)
      best = { cluster: c, secondHalf: ids.filter((_, r) => halves[r] === 1), alike };
  });
  return best;
}

/** Cosine similarity of the two rows of a 2 x d row-major matrix (the halves' centres). */
function cosineOfRows(rows: ArrayLike<number>, d: number): number {
  let dot = 0;
  let first = 0;
  let second = 0;
  for (let f = 0; f < d; f++) {
    const a = rows[f] as number;
    const b = rows[d + f] as number;
    dot += a * b;
    first += a * a;
    second += b * b;
  }
  return first > 0 && second > 0 ? dot / Math.sqrt(first * second) : 0;
}

/** k-means from the centres of `labels`' groups, over the rows in a group (−1 rows stay out). */
function runOn(
  X: ClusterPoints,
  labels: Int32Array,
  k: number,
  settings: ResplitSettings,
): ClusterFit & { readonly kmeans: KMeansResult } {
  const init = partitionCentres(asPoints(X), labels, k, settings.metric);
  const kept = labels.reduce((n, c) => n + (c >= 0 ? 1 : 0), 0);
  const rows = kept === labels.length ? null : Int32Array.from(labels.keys()).filter((i) => (labels[i] as number) >= 0);
  const points = rows === null ? X : selectPoints(X, rows);
  const run = kmeans(points, k, {
    metric: settings.metric,
    init,
    seed: settings.seed,
    ...(settings.parallel ? { parallel: settings.parallel } : {}),
    ...weighed(settings.sampleWeight, rows),
  });
  const all = rows === null ? run.labels : new Int32Array(labels.length).fill(-1);
  if (rows !== null)
    rows.forEach((i, r) => {
      all[i] = run.labels[r] as number;
    });
  const result: KMeansResult = { ...run, labels: all };
  return { labels: all, centroids: run.centroids, warnings: run.warnings, kmeans: result };
}
