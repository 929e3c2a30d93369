import { normalizeRowsInPlace } from "../core/dense.js";
import type { Points } from "../core/points.js";

/**
 * The iteration that Lloyd's and Elkan's k-means share: assign, sum, re-seed empty
 * clusters, average, measure the shift, stop or go on. Each algorithm supplies its own
 * steps (plain assignment, or assignment under Elkan's bounds).
 */

/** What `onIteration` receives after each Lloyd iteration. */
export interface KMeansIterationState {
  /** Which restart (0-based) of `nInit`. */
  readonly run: number;
  /** Iterations completed in this run (1-based). */
  readonly iteration: number;
  /** Objective of the assignment made in this iteration (against the previous centres). */
  readonly inertia: number;
  /** Sum of squared centre movements in this iteration. */
  readonly centerShift: number;
  /** Points whose label changed in this iteration. */
  readonly changed: number;
}

export interface LloydSettings {
  readonly maxIter: number;
  /** Absolute tolerance on the squared centre shift (already scaled by the data variance). */
  readonly tol: number;
  /** Re-normalise centres to unit length after each update (spherical k-means). */
  readonly spherical: boolean;
  readonly run: number;
  readonly onIteration: ((state: KMeansIterationState) => void | boolean) | undefined;
}

export interface LloydRun {
  readonly labels: Int32Array;
  readonly centers: Float64Array;
  /** Weighted squared distances of the final assignment to the final centres. */
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly stoppedByCallback: boolean;
  /** Number of empty clusters re-seeded from far points. */
  readonly relocated: number;
  /** Why the run fell back from several threads to one, if it did. */
  readonly parallelWarning: string | null;
}

/** What one algorithm does at each step of {@link iterateCenters}. */
export interface IterationSteps {
  /** Labels every point against `centers` (iteration 0: the labels may already be set); the objective, or NaN when not measured. */
  assign(centers: Float64Array, iteration: number): number;
  /** The current labels' cluster sums and weights, into `sums` and `weights`. */
  accumulate(sums: Float64Array, weights: Float64Array): void;
  /** Re-seeds the empty clusters of `sums`/`weights` with far points; how many moved. */
  relocateEmpty(sums: Float64Array, weights: Float64Array): number;
  /** Total squared movement from `old` to `next` centres. */
  shift(old: Float64Array, next: Float64Array): number;
  /** The centres are now `centers` (Elkan publishes them and moves its bounds). */
  moved?(centers: Float64Array): void;
}

export interface Iterated {
  readonly centers: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  readonly stoppedByCallback: boolean;
  readonly relocated: number;
}

/**
 * Runs k-means iterations from `initialCenters` until convergence, `maxIter` or the
 * callback says stop, as scikit-learn's `_kmeans_single_lloyd`: `labels` is the array the
 * steps assign into (compared with the previous iteration's for strict convergence).
 */
export function iterateCenters(
  settings: LloydSettings,
  initialCenters: Float64Array,
  k: number,
  d: number,
  labels: Int32Array,
  steps: IterationSteps,
): Iterated {
  let centers = initialCenters.slice();
  let next = new Float64Array(k * d);
  const clusterWeights = new Float64Array(k);
  const previous = new Int32Array(labels.length).fill(-1);
  let iterations = 0;
  let converged = false;
  let stoppedByCallback = false;
  let relocated = 0;
  for (let it = 0; it < settings.maxIter; it++) {
    if (it > 0) previous.set(labels);
    const inertia = steps.assign(centers, it);
    steps.accumulate(next, clusterWeights);
    relocated += steps.relocateEmpty(next, clusterWeights);
    averageCenters(next, clusterWeights, k, d, settings.spherical);
    const shift = steps.shift(centers, next);
    [centers, next] = [next, centers];
    steps.moved?.(centers);
    iterations = it + 1;
    const outcome = endOfIteration(settings, iterations, inertia, shift, labels, previous);
    stoppedByCallback = outcome === "stopped";
    converged = outcome === "converged";
    if (outcome !== null) break;
  }
  return { centers, iterations, converged, stoppedByCallback, relocated };
}

/**
 * Reports an iteration to `onIteration` and tells whether the run ends: "stopped" by the
 * callback, "converged" (no label changed, or the centres moved less than the tolerance),
 * or null to go on.
 */
export function endOfIteration(
  settings: LloydSettings,
  iteration: number,
  inertia: number,
  centerShift: number,
  labels: Int32Array,
  previous: Int32Array,
): "stopped" | "converged" | null {
  let changed = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] !== previous[i]) changed++;
  const verdict = settings.onIteration?.({ run: settings.run, iteration, inertia, centerShift, changed });
  if (verdict === false) return "stopped";
  return changed === 0 || centerShift <= settings.tol ? "converged" : null;
}

/**
 * Re-seeds every empty cluster with one of the points farthest from its centre (in
 * decreasing distance, ties by index), moving that point's weight out of its old
 * cluster, as scikit-learn's `_relocate_empty_clusters_*`. Returns how many moved.
 */
export function relocateEmptyClusters(
  p: Points,
  weights: Float64Array | null,
  labels: Int32Array,
  distances: Float64Array,
  sums: Float64Array,
  clusterWeights: Float64Array,
  k: number,
): number {
  const empty: number[] = [];
  for (let j = 0; j < k; j++) if (clusterWeights[j] === 0) empty.push(j);
  if (empty.length === 0) return 0;
  let maxDist = 0;
  for (let i = 0; i < p.rows; i++) if ((distances[i] as number) > maxDist) maxDist = distances[i] as number;
  // More clusters than distinct points: relocating cannot help.
  if (maxDist === 0) return 0;
  const order = Array.from({ length: p.rows }, (_, i) => i);
  order.sort((a, b) => (distances[b] as number) - (distances[a] as number) || a - b);
  const d = p.cols;
  let moved = 0;
  for (let e = 0; e < empty.length && e < order.length; e++) {
    const far = order[e] as number;
    if ((distances[far] as number) === 0) break;
    const target = empty[e] as number;
    const old = labels[far] as number;
    const w = weights === null ? 1 : (weights[far] as number);
    if (p.kind === "sparse") {
      for (let q = p.indptr[far] as number, end = p.indptr[far + 1] as number; q < end; q++) {
        const f = p.indices[q] as number;
        const v = (p.data[q] as number) * w;
        sums[old * d + f] = (sums[old * d + f] as number) - v;
        sums[target * d + f] = v;
      }
    } else {
      for (let f = 0; f < d; f++) {
        const v = (p.data[far * d + f] as number) * w;
        sums[old * d + f] = (sums[old * d + f] as number) - v;
        sums[target * d + f] = v;
      }
    }
    clusterWeights[target] = w;
    clusterWeights[old] = (clusterWeights[old] as number) - w;
    moved++;
  }
  return moved;
}

/**
 * Divides sums by cluster weights; an empty cluster sits on the heaviest cluster's
 * centre (as scikit-learn). Spherical mode rescales each centre to unit length.
 */
export function averageCenters(
  sums: Float64Array,
  clusterWeights: Float64Array,
  k: number,
  d: number,
  spherical: boolean,
): void {
  let heaviest = 0;
  for (let j = 1; j < k; j++) if ((clusterWeights[j] as number) > (clusterWeights[heaviest] as number)) heaviest = j;
  for (let j = 0; j < k; j++) {
    const w = clusterWeights[j] as number;
    if (w > 0) {
      const alpha = 1 / w;
      for (let f = j * d, end = f + d; f < end; f++) sums[f] = (sums[f] as number) * alpha;
    }
  }
  for (let j = 0; j < k; j++) {
    if ((clusterWeights[j] as number) <= 0) sums.copyWithin(j * d, heaviest * d, heaviest * d + d);
  }
  if (spherical) normalizeRowsInPlace(sums, k, d);
}

export function squaredShift(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] as number) - (b[i] as number);
    s += diff * diff;
  }
  return s;
}
