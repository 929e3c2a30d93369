import { type DenseMatrix, normalizeRowsInPlace } from "../core/dense.js";
import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import {
  meanColumnVariance,
  normalizePoints,
  type Points,
  squaredRowNorms,
  toPoints,
  type Vectors,
} from "../core/points.js";
import { createRandom } from "../core/random.js";
import { checkFunction, checkInteger, checkNumber, checkOneOf, checkOptions } from "../core/validate.js";
import { kmeansPlusPlus, randomInit } from "./init.js";
import { type KMeansIterationState, runLloyd } from "./lloyd.js";
import { isParallelAssigner, type ParallelAssigner } from "./parallel.js";

export type { KMeansIterationState } from "./lloyd.js";

/** Distance used by k-means. `"cosine"` is spherical k-means: unit rows, unit centres. */
export type KMeansMetric = "euclidean" | "cosine";

export interface KMeansOptions {
  /** `"cosine"` normalises rows and keeps centres at unit length (best for TF-IDF and embeddings). @defaultValue "euclidean" */
  readonly metric?: KMeansMetric;
  /** `"k-means++"` (greedy, as scikit-learn), `"random"` (k distinct points) or explicit k x d centres. @defaultValue "k-means++" */
  readonly init?: "k-means++" | "random" | DenseMatrix | readonly (readonly number[])[];
  /** Restarts; the run with the lowest objective wins. @defaultValue 1 for k-means++ or explicit centres, 10 for random (scikit-learn's "auto") */
  readonly nInit?: number;
  /** Iterations per run. @defaultValue 300 */
  readonly maxIter?: number;
  /** Relative tolerance on the centre shift, scaled by the mean feature variance (as scikit-learn). @defaultValue 1e-4 */
  readonly tol?: number;
  /** Seed of every random choice. @defaultValue 0 */
  readonly seed?: number;
  /** Non-negative weight per point. @defaultValue all 1 */
  readonly sampleWeight?: ArrayLike<number>;
  /** Called after every iteration; return `false` to stop the current run. */
  readonly onIteration?: (state: KMeansIterationState) => void | boolean;
  /**
   * Threads for the assignment step, e.g. `createWorkerPool()` from `topiclens/node`.
   * Results are identical with or without it. @defaultValue undefined (calling thread only)
   */
  readonly parallel?: ParallelAssigner;
}

export const KMEANS_DEFAULTS = Object.freeze({
  metric: "euclidean" as KMeansMetric,
  init: "k-means++" as const,
  maxIter: 300,
  tol: 1e-4,
  seed: 0,
});

const KMEANS_OPTIONS = [
  "metric",
  "init",
  "nInit",
  "maxIter",
  "tol",
  "seed",
  "sampleWeight",
  "onIteration",
  "parallel",
] as const;

/** The outcome of {@link kmeans}: a plain, readonly object. */
export interface KMeansResult {
  /** Cluster of every point, in [0, k). */
  readonly labels: Int32Array;
  /** k x d centres (unit length under the cosine metric). */
  readonly centroids: DenseMatrix;
  /**
   * Objective of the returned clustering: the weighted sum of squared euclidean
   * distances to the centres; under `"cosine"`, the weighted sum of cosine distances
   * `1 - cos(x, c)` (which is half the squared euclidean distance between unit vectors).
   */
  readonly inertia: number;
  readonly metric: KMeansMetric;
  readonly k: number;
  /** Iterations of the winning run. */
  readonly iterations: number;
  /** Whether the winning run met the tolerance (or strict convergence) before `maxIter`. */
  readonly converged: boolean;
  /** Degenerate but valid outcomes, in words (duplicate points, re-seeded empty clusters, ...). */
  readonly warnings: readonly string[];
}

/**
 * k-means clustering of sparse or dense vectors by Lloyd's algorithm, as
 * scikit-learn's `KMeans(algorithm="lloyd")`: greedy k-means++ seeding, relative
 * tolerance, empty clusters re-seeded from far points, best of `nInit` runs.
 * O(maxIter · nInit · nnz · k) time (nnz = n·d for dense input); X is never densified.
 * @example const { labels } = kmeans(matrix, 8, { metric: "cosine", seed: 1 });
 * @throws InvalidArgumentError for invalid k, options, NaN/Infinity or ragged rows.
 * @throws EmptyInputError when X has no rows.
 */
export function kmeans(X: Vectors, k: number, options: KMeansOptions = {}): KMeansResult {
  const fn = "kmeans";
  const o = checkOptions(fn, options, KMEANS_OPTIONS);
  let points = toPoints(X, fn);
  checkInteger(fn, "k", k, 1, points.rows, "number of points");
  const metric = checkOneOf(fn, "options.metric", o.metric ?? KMEANS_DEFAULTS.metric, ["euclidean", "cosine"]);
  const maxIter = checkInteger(fn, "options.maxIter", o.maxIter ?? KMEANS_DEFAULTS.maxIter, 1);
  const tol = checkNumber(fn, "options.tol", o.tol ?? KMEANS_DEFAULTS.tol, { min: 0 });
  const seed = checkInteger(fn, "options.seed", o.seed ?? KMEANS_DEFAULTS.seed, 0, Number.MAX_SAFE_INTEGER);
  const onIteration =
    o.onIteration === undefined
      ? undefined
      : checkFunction<KMeansOptions["onIteration"]>(fn, "options.onIteration", o.onIteration);
  const init = o.init ?? KMEANS_DEFAULTS.init;
  const explicit = typeof init === "string" ? null : explicitCenters(fn, init, k, points.cols);
  if (typeof init === "string") checkOneOf(fn, "options.init", init, ["k-means++", "random"]);
  const nInit = checkInteger(fn, "options.nInit", o.nInit ?? (init === "random" ? 10 : 1), 1);
  const weights = o.sampleWeight === undefined ? null : checkWeights(fn, o.sampleWeight, points.rows);
  if (o.parallel !== undefined && !isParallelAssigner(o.parallel)) {
    throw new InvalidArgumentError(
      `${fn}: options.parallel must be a worker pool (createWorkerPool() from topiclens/node); got ${describeValue(o.parallel)}`,
      "options.parallel",
    );
  }

  const spherical = metric === "cosine";
  if (spherical) points = normalizePoints(points);
  const xSquaredNorms = squaredRowNorms(points);
  const scaledTol = tol === 0 ? 0 : meanColumnVariance(points) * tol;
  const random = createRandom(seed);
  const warnings: string[] = [];
  let best: ReturnType<typeof runLloyd> | null = null;
  let relocated = 0;
  for (let run = 0; run < nInit; run++) {
    let centers: Float64Array;
    if (explicit !== null) {
      centers = explicit.slice();
      if (spherical) normalizeRowsInPlace(centers, k, points.cols);
    } else if (init === "random") centers = randomInit(points, k, random);
    else centers = kmeansPlusPlus(points, xSquaredNorms, k, random, weights);
    const result = runLloyd(points, xSquaredNorms, weights, centers, k, {
      maxIter,
      tol: scaledTol,
      spherical,
      run,
      onIteration,
      parallel: o.parallel,
    });
    relocated += result.relocated;
    if (result.parallelWarning !== null && !warnings.includes(result.parallelWarning))
      warnings.push(result.parallelWarning);
    if (best === null || result.inertia < best.inertia) best = result;
  }
  const winner = best as ReturnType<typeof runLloyd>;
  if (relocated > 0)
    warnings.push(`${relocated} empty cluster(s) re-seeded from the points farthest from their centres`);
  const distinct = countDistinct(winner.labels, k);
  if (distinct < k) warnings.push(`${distinct} distinct clusters found for k = ${k}: duplicate points?`);
  if (!winner.converged && !winner.stoppedByCallback) {
    warnings.push(`did not converge within maxIter = ${maxIter} iterations; raise maxIter or tol`);
  }
  if (winner.stoppedByCallback) warnings.push(`stopped by onIteration after ${winner.iterations} iterations`);
  return {
    labels: winner.labels,
    centroids: { rows: k, cols: points.cols, data: winner.centers },
    inertia: spherical ? winner.inertia / 2 : winner.inertia,
    metric,
    k,
    iterations: winner.iterations,
    converged: winner.converged,
    warnings,
  };
}

function countDistinct(labels: Int32Array, k: number): number {
  const seen = new Uint8Array(k);
  let n = 0;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as number;
    if (seen[l] === 0) {
      seen[l] = 1;
      n++;
    }
  }
  return n;
}

function explicitCenters(fn: string, init: unknown, k: number, d: number): Float64Array {
  const p: Points = toPoints(init as Vectors, fn, "options.init");
  if (p.kind !== "dense" || p.rows !== k || p.cols !== d) {
    throw new InvalidArgumentError(
      `${fn}: options.init must be "k-means++", "random" or ${k} x ${d} dense centres (k x features); got ${p.rows} x ${p.cols}${p.kind === "sparse" ? " sparse" : ""}`,
      "options.init",
    );
  }
  return Float64Array.from(p.data);
}

export function checkWeights(fn: string, w: unknown, n: number): Float64Array {
  const arr = w as ArrayLike<number>;
  if (w === null || typeof w !== "object" || typeof arr.length !== "number" || arr.length !== n) {
    throw new InvalidArgumentError(
      `${fn}: options.sampleWeight must hold one weight per point (${n}); got ${describeValue(w)}`,
      "options.sampleWeight",
    );
  }
  const out = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = arr[i];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new InvalidArgumentError(
        `${fn}: options.sampleWeight must hold finite non-negative numbers; got ${describeValue(v)} at ${i}`,
        "options.sampleWeight",
      );
    }
    out[i] = v;
    total += v;
  }
  if (total === 0)
    throw new InvalidArgumentError(`${fn}: options.sampleWeight must not be all zero`, "options.sampleWeight");
  return out;
}
