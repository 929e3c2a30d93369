import type { Points } from "../core/points.js";
import { accumulateInBlocks } from "./assign.js";
import {
  iterateCenters,
  type KMeansIterationState,
  type LloydRun,
  type LloydSettings,
  relocateEmptyClusters,
  squaredShift,
} from "./iterate.js";
import type { AssignSession, ParallelAssigner } from "./parallel.js";
import { localSession } from "./workspace.js";

export type { KMeansIterationState, LloydRun, LloydSettings };

/**
 * The session every restart of one `kmeans` call shares: the matrix is copied into the
 * kernels' memory once, on the threads of `parallel` if given, else on the calling thread.
 */
export function startLloyd(
  p: Points,
  xSquaredNorms: Float64Array,
  weights: Float64Array | null,
  k: number,
  parallel: ParallelAssigner | undefined,
): AssignSession {
  return parallel?.start(p, xSquaredNorms, weights, k) ?? localSession(p, xSquaredNorms, weights, k);
}

/**
 * Lloyd's algorithm as scikit-learn's `_kmeans_single_lloyd`: alternate assignment and
 * mean update; stop on identical labels (strict convergence) or when the squared
 * centre shift is within `tol`; after a non-strict stop, relabel against the final
 * centres. Empty clusters take the points farthest from their centres.
 */
export function runLloyd(
  p: Points,
  weights: Float64Array | null,
  initialCenters: Float64Array,
  k: number,
  settings: LloydSettings,
  session: AssignSession,
): LloydRun {
  const labels = new Int32Array(p.rows).fill(-1);
  const distances = new Float64Array(p.rows);
  const assign = (c: Float64Array): number => session.assign(c, labels, distances);
  const run = iterateCenters(settings, initialCenters, k, p.cols, labels, {
    assign,
    accumulate(sums, clusterWeights) {
      if (session.accumulate) session.accumulate(sums, clusterWeights);
      else accumulateInBlocks(p, weights, labels, sums, clusterWeights, null);
    },
    relocateEmpty: (sums, clusterWeights) =>
      relocateEmptyClusters(p, weights, labels, distances, sums, clusterWeights, k),
    shift: squaredShift,
  });
  // Labels must describe the returned centres (a no-op relabelling after strict convergence).
  const inertia = assign(run.centers);
  return { ...run, labels, inertia, parallelWarning: session.warning };
}
