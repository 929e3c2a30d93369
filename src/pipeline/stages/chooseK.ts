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
  if (sample !== null) {
    const every = Int32Array.from(
      { length: Math.min(SWEEP_ROWS, sample.length) },
      (_, i) => sample[Math.floor((i * sample.length) / Math.min(SWEEP_ROWS, sample.length))] as number,
    );
    rows = selectPoints(X, every);
  }
  return sweepK(rows, {
    kRange: settings.kRange,
    seeds: [seed, seed + 1, seed + 2],
    metric: settings.metric,
    nInit: sample === null ? Math.max(1, Math.ceil(settings.nInit / 3)) : 1,
    ...(settings.parallel ? { parallel: settings.parallel } : {}),
    onProgress: settings.onProgress,
  });
}
