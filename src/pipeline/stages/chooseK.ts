import type { KMeansMetric } from "../../cluster/kmeans.js";
import type { ParallelAssigner } from "../../cluster/parallel.js";
import { type SweepKResult, sweepK } from "../../evaluate/sweepK.js";
import { type ClusterPoints, selectPoints } from "./cluster.js";

export interface ChooseKSettings {
  readonly kRange: readonly [number, number];
  readonly seed: number;
  readonly metric: KMeansMetric;
  readonly nInit: number;
  readonly parallel: ParallelAssigner | undefined;
  readonly onProgress: (done: number, total: number) => void;
}

/**
 * k by a stability-aware sweep (see `sweepK`) with three seeds, on the sample rows when
 * given: the choice of k costs a bounded amount however large the corpus.
 */
export function chooseKStage(X: ClusterPoints, sample: Int32Array | null, settings: ChooseKSettings): SweepKResult {
  const { seed } = settings;
  return sweepK(sample === null ? X : selectPoints(X, sample), {
    kRange: settings.kRange,
    seeds: [seed, seed + 1, seed + 2],
    metric: settings.metric,
    nInit: Math.max(1, Math.ceil(settings.nInit / 3)),
    ...(settings.parallel ? { parallel: settings.parallel } : {}),
    onProgress: settings.onProgress,
  });
}
