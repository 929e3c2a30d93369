import type { KMeansMetric } from "../../cluster/kmeans.js";
import type { ParallelAssigner } from "../../cluster/parallel.js";
import { rankByRule, type SweepKResult, sweepK } from "../../evaluate/sweepK.js";
import type { KChoice } from "../types.js";
import { type Clusterer, type ClusterPoints, kmeansClusterer, rowWeights, selectPoints } from "./cluster.js";

export interface ChooseKSettings {
  readonly kRange: readonly [number, number];
  readonly seed: number;
  readonly metric: KMeansMetric;
  readonly nInit: number;
  readonly parallel: ParallelAssigner | undefined;
  readonly onProgress: (done: number, total: number) => void;
  /**
   * The clustering the sweep tries for each k, given k and the restarts per seed.
   * @defaultValue the pipeline's k-means, on every row it is given
   */
  readonly clusterer?: (k: number, nInit: number) => Clusterer;
  /** Each row's weight in the default clusterer's k-means (see `documentWeights`), or null/absent: equal. */
  readonly sampleWeight?: Float64Array | null;
}

/** The pipeline's k-means on every row it is given: the sweep's default clusterer. */
function sweepKMeans(metric: KMeansMetric, sampleWeight: Float64Array | null): (k: number, nInit: number) => Clusterer {
  return (k, nInit) =>
    kmeansClusterer(k, { metric, nInit, sampleSize: Number.POSITIVE_INFINITY, path: "full-batch", sampleWeight });
}

/** Rows the sweep clusters when the corpus is larger than the sample. */
export const SWEEP_ROWS = 5000;

/**
 * k by a stability-aware sweep (see `sweepK`) with three seeds. Up to `sampleSize`
 * documents (no sample), on all rows with a third of the restarts per seed, as before.
 * Above it, on an evenly spaced {@link SWEEP_ROWS} of the sample rows, one run per seed:
 * the choice of k then costs the same however large the corpus (every k of the default
 * range 2-20 is still tried with three seeds).
 */
export function chooseKStage(X: ClusterPoints, sample: Int32Array | null, settings: ChooseKSettings): SweepKResult {
  const { seed } = settings;
  let rows: ClusterPoints = X;
  let weights = settings.sampleWeight ?? null;
  if (sample !== null) {
    const m = sweptRows(X.rows, sample);
    const every = Int32Array.from({ length: m }, (_, i) => sample[Math.floor((i * sample.length) / m)] as number);
    rows = selectPoints(X, every);
    weights = rowWeights(weights, every);
  }
  const nInit = sample === null ? Math.max(1, Math.ceil(settings.nInit / 3)) : 1;
  const clusterer = settings.clusterer ?? sweepKMeans(settings.metric, weights);
  return sweepK(rows, {
    kRange: settings.kRange,
    seeds: [seed, seed + 1, seed + 2],
    metric: settings.metric,
    nInit,
    clusterer: (k) => clusterer(k, nInit),
    ...(settings.parallel ? { parallel: settings.parallel } : {}),
    onProgress: settings.onProgress,
  });
}

/** How many rows the sweep clusters: all `rows` without a sample, else up to {@link SWEEP_ROWS} of the sample. */
export function sweptRows(rows: number, sample: Int32Array | null): number {
  return sample === null ? rows : Math.min(SWEEP_ROWS, sample.length);
}

/**
 * The k to use and how firmly it was chosen. When `others` is given (small corpora, where
 * sweeps are cheap), the k most often recommended by this sweep and the other seeds'
 * sweeps (ties to the one met first: this seed's): a consensus that moves less with the
 * seed (seed corpus, seeds 0-9: k from 8 to 10 instead of from 5 to 10). Otherwise the
 * sweep's own recommendation. The runner-up is the next best k by the sweep's rule.
 */
export function kChoiceOf(sweep: SweepKResult, others: (() => number[]) | null): KChoice {
  const acrossSeeds = others === null ? null : [sweep.recommendedK, ...others()];
  const chosen = acrossSeeds === null ? sweep.recommendedK : modeOf(acrossSeeds);
  const runner = rankByRule(sweep.rows).find((r) => r.k !== chosen) ?? null;
  const best = sweep.rows.find((r) => r.k === chosen);
  const margin = runner === null || best === undefined ? null : best.silhouette - runner.silhouette;
  const agreement = acrossSeeds === null ? null : acrossSeeds.filter((k) => k === chosen).length / acrossSeeds.length;
  return {
    chosen,
    runnerUp: runner?.k ?? null,
    margin,
    acrossSeeds,
    agreement,
    uncertain: agreement !== null ? agreement < 0.6 : margin !== null && margin < 0.005,
  };
}

/** The most frequent value; ties go to the one seen first. */
function modeOf(values: readonly number[]): number {
  let best = values[0] as number;
  let bestCount = 0;
  for (const v of values) {
    const count = values.filter((x) => x === v).length;
    if (count > bestCount) [best, bestCount] = [v, count];
  }
  return best;
}
