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
import {
  checkFunction,
  checkInteger,
  checkNumber,
  checkOneOf,
  checkOptions,
  checkWeightValues,
} from "../core/validate.js";
import { type Warning, warning } from "../core/warnings.js";
import { type CandidateDots, createCandidateDots } from "./candidates.js";
import { runElkan, startElkan } from "./elkan.js";
import { kmeansPlusPlus, randomInit } from "./init.js";
import { type KMeansIterationState, type LloydRun, type LloydSettings, runLloyd, startLloyd } from "./lloyd.js";
import { isParallelAssigner, type ParallelAssigner } from "./parallel.js";

export type { KMeansIterationState } from "./lloyd.js";

/** Distance used by k-means. `"cosine"` is spherical k-means: unit rows, unit centres. */
export type KMeansMetric = "euclidean" | "cosine";

/** How Lloyd's iterations are computed; both reach the same labels from the same start. */
export type KMeansAlgorithm = "lloyd" | "elkan";

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
   * `"lloyd"` computes every point-centre distance each iteration (on all threads of
   * `parallel`); `"elkan"` keeps triangle-inequality bounds (n·k numbers) and skips most
   * distances, for dense input only; `"auto"` picks by {@link chooseKMeansAlgorithm}.
   * @defaultValue "auto"
   */
  readonly algorithm?: KMeansAlgorithm | "auto";
  /**
   * Threads for the assignment and update steps (Lloyd's and Elkan's), e.g.
   * `createWorkerPool()` from `topiclens/node`.
   * Results are identical with or without it. @defaultValue undefined (calling thread only)
   */
  readonly parallel?: ParallelAssigner;
  /**
   * The first centres of every k-means++ start (m ≤ k rows, e.g. guided topics): the other
   * k − m are drawn by k-means++ from them. Only with `init: "k-means++"`.
   */
  readonly seedCenters?: DenseMatrix | readonly (readonly number[])[];
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
  "algorithm",
  "init",
  "nInit",
  "maxIter",
  "tol",
  "seed",
  "sampleWeight",
  "onIteration",
  "parallel",
  "seedCenters",
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
  /** The algorithm that ran (what `"auto"` chose; `"mini-batch"` for {@link miniBatchKMeans}). */
  readonly algorithm: KMeansAlgorithm | "mini-batch";
  readonly k: number;
  /** Iterations of the winning run. */
  readonly iterations: number;
  /** Whether the winning run met the tolerance (or strict convergence) before `maxIter`. */
  readonly converged: boolean;
  /** Degenerate but valid outcomes, in words (duplicate points, re-seeded empty clusters, ...). */
  readonly warnings: readonly Warning[];
}

/**
 * k-means clustering of sparse or dense vectors, as scikit-learn's `KMeans`: greedy
 * k-means++ seeding, relative tolerance, empty clusters re-seeded from far points, best of
 * `nInit` runs. Lloyd's iterations (every distance, all threads of `parallel`) for sparse
 * input, Elkan's bounded iterations for dense input (see `options.algorithm`); both reach
 * the same labels. The kernels run as WebAssembly SIMD where the runtime allows, else as
 * JavaScript, with identical bits. O(maxIter · nInit · nnz · k) time at worst (nnz = n·d
 * for dense input); X is never densified.
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
  let seedCenters: Float64Array | null = null;
  if (o.seedCenters !== undefined) {
    if (init !== "k-means++")
      throw new InvalidArgumentError(`${fn}: options.seedCenters needs init "k-means++"`, "options.seedCenters");
    const s = toPoints(o.seedCenters as Vectors, fn, "options.seedCenters");
    if (s.kind === "sparse" || s.cols !== points.cols || s.rows > k)
      throw new InvalidArgumentError(
        `${fn}: options.seedCenters must be at most k = ${k} dense rows of ${points.cols} values; got ${s.rows} x ${s.cols}`,
        "options.seedCenters",
      );
    seedCenters = Float64Array.from(s.data);
  }
  const weights = o.sampleWeight === undefined ? null : checkWeights(fn, o.sampleWeight, points.rows);
  if (o.parallel !== undefined && !isParallelAssigner(o.parallel)) {
    throw new InvalidArgumentError(
      `${fn}: options.parallel must be a worker pool (createWorkerPool() from topiclens/node); got ${describeValue(o.parallel)}`,
      "options.parallel",
    );
  }

  const requested = checkOneOf(fn, "options.algorithm", o.algorithm ?? "auto", ["auto", "lloyd", "elkan"]);
  if (requested === "elkan" && points.kind !== "dense") {
    throw new InvalidArgumentError(
      `${fn}: options.algorithm "elkan" needs dense vectors (its bounds do not pay off on sparse TF-IDF); use "lloyd" or "auto"`,
      "options.algorithm",
    );
  }
  const algorithm = requested === "auto" ? chooseKMeansAlgorithm(points.kind, points.rows, k) : requested;

  const spherical = metric === "cosine";
  if (spherical) points = normalizePoints(points);
  if (spherical && seedCenters !== null)
    normalizeRowsInPlace(seedCenters, seedCenters.length / points.cols, points.cols);
  const xSquaredNorms = squaredRowNorms(points);
  const scaledTol = tol === 0 ? 0 : meanColumnVariance(points) * tol;
  const random = createRandom(seed);
  const warnings: Warning[] = [];
  let best: LloydRun | null = null;
  let candidateDots: CandidateDots | null = null;
  let relocated = 0;
  // The restarts share one copy of the data in the kernels' memory (and the pool's threads).
  const runs = startRuns(points, xSquaredNorms, weights, k, algorithm, o.parallel);
  for (let run = 0; run < nInit; run++) {
    let centers: Float64Array;
    if (explicit !== null) {
      centers = explicit.slice();
      if (spherical) normalizeRowsInPlace(centers, k, points.cols);
    } else if (init === "random") centers = randomInit(points, k, random);
    else {
      // One copy of the matrix for the candidates' dot products, whatever the restarts.
      candidateDots ??= createCandidateDots(points);
      centers = kmeansPlusPlus(points, xSquaredNorms, k, random, weights, candidateDots, seedCenters);
      if (run === nInit - 1) candidateDots = null;
    }
    const settings = { maxIter, tol: scaledTol, spherical, run, onIteration };
    const result = runs.run(centers, settings);
    relocated += result.relocated;
    const fallback = result.parallelWarning;
    if (fallback !== null && !warnings.some((w) => w.message === fallback))
      warnings.push(warning("parallel-fallback", fallback));
    if (best === null || result.inertia < best.inertia) best = result;
  }
  runs.end();
  const winner = best as LloydRun;
  if (relocated > 0)
    warnings.push(
      warning("empty-clusters", `${relocated} empty cluster(s) re-seeded from the points farthest from their centres`),
    );
  const distinct = countDistinct(winner.labels, k);
  if (distinct < k)
    warnings.push(warning("duplicate-points", `${distinct} distinct clusters found for k = ${k}: duplicate points?`));
  if (!winner.converged && !winner.stoppedByCallback) {
    warnings.push(
      warning("not-converged", `did not converge within maxIter = ${maxIter} iterations; raise maxIter or tol`),
    );
  }
  if (winner.stoppedByCallback)
    warnings.push(warning("stopped", `stopped by onIteration after ${winner.iterations} iterations`));
  return {
    labels: winner.labels,
    centroids: { rows: k, cols: points.cols, data: winner.centers },
    inertia: spherical ? winner.inertia / 2 : winner.inertia,
    metric,
    algorithm,
    k,
    iterations: winner.iterations,
    converged: winner.converged,
    warnings,
  };
}

/** Largest n·k for which `"auto"` keeps Elkan's n·k lower bounds (1 GiB of float64). */
const ELKAN_MAX_BOUNDS = 2 ** 27;

/**
 * What `algorithm: "auto"` runs: Elkan's bounds for dense vectors while its n·k lower
 * bounds fit in 1 GiB (bench/kmeans-dense.mjs: 1.1-3x faster than Lloyd's iterations, even
 * on two threads, from k = 7 on LSA embeddings); Lloyd's for sparse TF-IDF, whose distances
 * are cheap dot products over a few stored entries, and for larger n·k.
 */
export function chooseKMeansAlgorithm(kind: "dense" | "sparse", rows: number, k: number): KMeansAlgorithm {
  return kind === "dense" && rows * k <= ELKAN_MAX_BOUNDS ? "elkan" : "lloyd";
}

/** Runs of the chosen algorithm from given centres, over one shared setup. */
function startRuns(
  p: Points,
  xSquaredNorms: Float64Array,
  weights: Float64Array | null,
  k: number,
  algorithm: KMeansAlgorithm,
  parallel: ParallelAssigner | undefined,
): { run(centers: Float64Array, settings: LloydSettings): LloydRun; end(): void } {
  if (algorithm === "elkan" && p.kind === "dense") {
    const context = startElkan(p, weights, k, parallel);
    return { run: (c, settings) => runElkan(p, weights, c, k, settings, context), end: () => context.end() };
  }
  const session = startLloyd(p, xSquaredNorms, weights, k, parallel);
  return {
    run: (c, settings) => runLloyd(p, weights, c, k, settings, session),
    end: () => session.end(),
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
  const out = checkWeightValues(fn, "options.sampleWeight", arr);
  let total = 0;
  for (const v of out) total += v;
  if (total === 0)
    throw new InvalidArgumentError(`${fn}: options.sampleWeight must not be all zero`, "options.sampleWeight");
  return out;
}
