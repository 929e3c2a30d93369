import type { Clusterer, ClusterFit, ClusterPoints } from "../../cluster/clusterer.js";
import { consensusLabels, partitionCentres } from "../../cluster/consensus.js";
import { type KMeansMetric, type KMeansResult, kmeans } from "../../cluster/kmeans.js";
import { miniBatchKMeans } from "../../cluster/miniBatch.js";
import type { ParallelAssigner } from "../../cluster/parallel.js";
import type { DenseMatrix } from "../../core/dense.js";
import { asPoints, selectRows } from "../../core/points.js";
import { createRandom } from "../../core/random.js";
import { adjustedRandIndex } from "../../evaluate/external.js";
import type { ClusteringPath } from "../types.js";
import { documentSample } from "./sample.js";

export type { Clusterer, ClusterFit, ClusterPoints } from "../../cluster/clusterer.js";

export interface KMeansClustererSettings {
  readonly metric: KMeansMetric;
  readonly nInit: number;
  /** Restarts run on a seeded sample of this many rows when there are more. */
  readonly sampleSize: number;
  readonly path: ClusteringPath;
  /** First centres of every k-means++ start (guided topics), or null. */
  readonly seedCenters?: DenseMatrix | null;
  /**
   * k-means runs whose consensus is the partition (1 or absent: one run). The caller keeps it
   * to 1 beyond {@link CONSENSUS_MAX_DOCUMENTS} rows and for guided topics.
   */
  readonly consensus?: number;
  /**
   * Each row's weight in the centres (k-means' `sampleWeight`), or null/absent: equal. Full
   * batch only: the caller leaves it out on the mini-batch path.
   */
  readonly sampleWeight?: Float64Array | null;
}

/** Up to this many rows, `consensus` runs make the partition (the co-association matrix is n²). */
export const CONSENSUS_MAX_DOCUMENTS = 500;

/** The k-means option that weighs the rows `ids` (all rows when null), or none. */
export function weighed(
  weights: Float64Array | null | undefined,
  ids: Int32Array | null = null,
): { sampleWeight?: Float64Array } {
  const w = rowWeights(weights, ids);
  return w === null ? {} : { sampleWeight: w };
}

/** The k-means option that starts every k-means++ run from the guided topics' centres. */
function seeded(settings: Pick<KMeansClustererSettings, "seedCenters">): { seedCenters?: DenseMatrix } {
  return settings.seedCenters ? { seedCenters: settings.seedCenters } : {};
}

/**
 * k-means behind the {@link Clusterer} contract. Full batch: up to `sampleSize` rows, the
 * best of `nInit` k-means++ runs on all rows (scikit-learn's `n_init`); above it, the
 * restarts run on a seeded sample of rows and the best of them starts one run on all
 * rows, so restarts cost the same at any corpus size. Mini-batch: scikit-learn's
 * MiniBatchKMeans steps, started likewise from the best sample solution.
 */
export function kmeansClusterer(k: number, settings: KMeansClustererSettings): Clusterer {
  return {
    k,
    fit(points, { seed, parallel }) {
      const { metric, nInit, sampleSize } = settings;
      const threads = { ...(parallel ? { parallel } : {}), ...weighed(settings.sampleWeight) };
      if (points.rows <= sampleSize && settings.path === "full-batch") {
        const first = kmeans(points, k, { metric, nInit, seed, ...seeded(settings), ...threads });
        const runs = settings.consensus ?? 1;
        if (runs <= 1) return fromKMeans(first);
        // Further runs from seeds drawn from this one, so that nearby seeds share no run.
        const random = createRandom(seed);
        const labels = [first.labels];
        for (let r = 1; r < runs; r++)
          labels.push(kmeans(points, k, { metric, nInit, seed: random.nextUint32(), ...threads }).labels);
        // k-means from the consensus' centres: the topics stay a k-means solution, so that
        // predict() gives every training document its own topic.
        const init = partitionCentres(asPoints(points), consensusLabels(labels, points.rows, k), k, metric);
        return fromKMeans(kmeans(points, k, { metric, init, seed, ...threads }));
      }
      const rows = documentSample(points.rows, sampleSize, seed);
      const sampled = bestOnSample(
        rows === null ? points : selectPoints(points, rows),
        k,
        metric,
        nInit,
        seed,
        parallel,
        settings,
        rowWeights(settings.sampleWeight, rows),
      );
      return refine(points, k, settings, sampled.centroids, seed, parallel);
    },
  };
}

/** Iterations of each short restart before the best one is run to convergence. */
export const SHORT_RUN_ITERATIONS = 10;

/** Rows of the short restarts: enough for every cluster to hold dozens of them. */
export function shortRunRows(k: number): number {
  return Math.max(5000, 40 * k);
}

/**
 * The best of `restarts` k-means++ starts on sample rows, at a bounded cost: each start runs
 * {@link SHORT_RUN_ITERATIONS} iterations on an evenly spaced subset of
 * {@link shortRunRows} of the rows, and the one with the lowest objective then runs to
 * convergence on all the sample rows. (Measured on 87,242 abstracts, k = 50: restarts
 * bring no measurable V-measure or objective over a single run at that size; see
 * bench/shortcuts.mjs. They remain, cheap, for corpora where seeding matters more.)
 */
function bestOnSample(
  rows: ClusterPoints,
  k: number,
  metric: KMeansMetric,
  restarts: number,
  seed: number,
  parallel: ParallelAssigner | undefined,
  guided: Pick<KMeansClustererSettings, "seedCenters">,
  weights: Float64Array | null,
): KMeansResult {
  const threads = parallel ? { parallel } : {};
  const subset = shortRunRows(k);
  if (restarts <= 1 || rows.rows <= subset)
    return kmeans(rows, k, { metric, nInit: restarts, seed, ...seeded(guided), ...threads, ...weighed(weights) });
  const every = Int32Array.from({ length: subset }, (_, i) => Math.floor((i * rows.rows) / subset));
  const short = kmeans(selectPoints(rows, every), k, {
    metric,
    nInit: restarts,
    maxIter: SHORT_RUN_ITERATIONS,
    seed,
    ...seeded(guided),
    ...threads,
    // The subset's own weights (its rows may all weigh 0, where the sample's do not).
    ...weighed(weights, every),
  });
  return kmeans(rows, k, { metric, init: short.centroids, seed, ...threads, ...weighed(weights) });
}

/** One run on all rows from `init`: Lloyd's/Elkan's iterations, or mini-batch steps. */
function refine(
  points: ClusterPoints,
  k: number,
  settings: KMeansClustererSettings,
  init: DenseMatrix,
  seed: number,
  parallel: ParallelAssigner | undefined,
): ClusterFit {
  const threads = parallel ? { parallel } : {};
  if (settings.path === "mini-batch")
    return fromKMeans(miniBatchKMeans(points, k, { metric: settings.metric, batchSize: 4096, init, seed, ...threads }));
  return fromKMeans(
    kmeans(points, k, { metric: settings.metric, init, seed, ...threads, ...weighed(settings.sampleWeight) }),
  );
}

/** The weights of the rows `ids` (all when null), or null without weights or when those rows weigh nothing. */
export function rowWeights(weights: Float64Array | null | undefined, ids: Int32Array | null): Float64Array | null {
  if (!weights) return null;
  if (ids === null) return weights;
  const picked = Float64Array.from(ids, (i) => weights[i] as number);
  // A sample of rows the caller weighed 0 only starts the run on all rows: it runs unweighed.
  return picked.some((w) => w > 0) ? picked : null;
}

function fromKMeans(result: KMeansResult): ClusterFit {
  return { labels: result.labels, centroids: result.centroids, warnings: result.warnings, kmeans: result };
}

/** The clustering of all rows and, when measured, its stability across seeds. */
export interface StableFit {
  readonly fit: ClusterFit;
  /** Mean adjusted Rand index between the seeds' clusterings; null when not measured. */
  readonly stability: number | null;
  /** Rows the stability was measured on. */
  readonly stabilityRows: number;
}

/**
 * Clusters with `seeds` seeds and measures stability: the mean adjusted Rand index
 * between the seeds' clusterings. Up to `sampleSize` rows (full batch), the first seed
 * runs all `nInit` restarts on all rows and each further seed a third of them. Above it,
 * each seed runs a third of the restarts on one common sample (so their labels compare
 * row for row) and the best of those runs starts the run on all rows: stability and
 * restarts share the same runs, whose cost does not grow with the corpus.
 */
export function clusterWithStability(
  points: ClusterPoints,
  k: number,
  settings: KMeansClustererSettings,
  seed: number,
  seeds: number,
  sample: Int32Array | null,
  parallel: ParallelAssigner | undefined,
): StableFit {
  const threads = parallel ? { parallel } : {};
  const { metric, nInit } = settings;
  const small = sample === null && settings.path === "full-batch";
  const weights = settings.sampleWeight ?? null;
  if (seeds <= 1 || k <= 1) {
    return { fit: kmeansClusterer(k, settings).fit(points, { seed, ...threads }), stability: null, stabilityRows: 0 };
  }
  const share = Math.max(1, Math.ceil(nInit / 3));
  if (small) {
    const fit = kmeansClusterer(k, settings).fit(points, { seed, ...threads });
    const runs = [fit.labels];
    for (let s = 1; s < seeds; s++)
      runs.push(
        kmeans(points, k, {
          metric,
          nInit: share,
          seed: seed + s,
          ...seeded(settings),
          ...threads,
          ...weighed(weights),
        }).labels,
      );
    return { fit, stability: meanPairwiseAri(runs), stabilityRows: points.rows };
  }
  const rows = sample ?? (documentSample(points.rows, settings.sampleSize, seed) as Int32Array | null);
  const onRows = rows === null ? points : selectPoints(points, rows);
  const runs: KMeansResult[] = [];
  const onRowWeights = rowWeights(weights, rows);
  for (let s = 0; s < seeds; s++)
    runs.push(bestOnSample(onRows, k, metric, share, seed + s, parallel, settings, onRowWeights));
  let best = runs[0] as KMeansResult;
  for (const r of runs) if (r.inertia < best.inertia) best = r;
  return {
    fit: refine(points, k, settings, best.centroids, seed, parallel),
    stability: meanPairwiseAri(runs.map((r) => r.labels)),
    stabilityRows: onRows.rows,
  };
}

function meanPairwiseAri(runs: readonly Int32Array[]): number {
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

/** The rows `ids` of sparse or dense points, as new points (core's `selectRows`, without re-validating). */
export function selectPoints(points: ClusterPoints, ids: Int32Array): ClusterPoints {
  return selectRows(asPoints(points), ids);
}
