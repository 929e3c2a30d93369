import { type DenseMatrix, isDenseMatrix, normalizeRowsInPlace } from "../core/dense.js";
import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { normalizePoints, type Points, selectRows, squaredRowNorms, toPoints, type Vectors } from "../core/points.js";
import { createRandom, type Random, sampleWithoutReplacement } from "../core/random.js";
import { checkFunction, checkInteger, checkNumber, checkOneOf, checkOptions } from "../core/validate.js";
import { type Warning, warning } from "../core/warnings.js";
import { type AssignScratch, assignRows, assignToNearest, createAssignScratch, prepareCenters } from "./assign.js";
import { kmeansPlusPlus } from "./init.js";
import type { KMeansMetric, KMeansResult } from "./kmeans.js";
import type { AssignSession, ParallelAssigner } from "./parallel.js";

export interface MiniBatchKMeansOptions {
  /** Rows per step. @defaultValue 1024 (scikit-learn's) */
  readonly batchSize?: number;
  /** Passes over the data (steps = maxIter · n / batchSize). @defaultValue 100 */
  readonly maxIter?: number;
  /** @defaultValue "euclidean" */
  readonly metric?: KMeansMetric;
  /** Candidate k-means++ initialisations, each on 3·batchSize rows; the best on held-out rows wins. @defaultValue 3 */
  readonly nInit?: number;
  /** Explicit k x d starting centres instead of k-means++ candidates (e.g. a k-means solution on a sample). */
  readonly init?: DenseMatrix;
  /** Stop after this many steps without improving the smoothed batch objective. @defaultValue 10 */
  readonly maxNoImprovement?: number;
  /** Re-seed centres whose accumulated weight falls below this share of the largest. @defaultValue 0.01 */
  readonly reassignmentRatio?: number;
  /** @defaultValue 0 */
  readonly seed?: number;
  /** Threads for the final labelling of every row (`createWorkerPool()` from `topiclens/node`). */
  readonly parallel?: ParallelAssigner;
  /** Called after every step; return false to stop. */
  readonly onIteration?: (state: { step: number; batchInertia: number; smoothedInertia: number }) => void | boolean;
}

export const MINI_BATCH_DEFAULTS = Object.freeze({
  batchSize: 1024,
  maxIter: 100,
  metric: "euclidean" as KMeansMetric,
  nInit: 3,
  maxNoImprovement: 10,
  reassignmentRatio: 0.01,
  seed: 0,
});

const OPTION_NAMES = [
  "batchSize",
  "maxIter",
  "metric",
  "nInit",
  "maxNoImprovement",
  "reassignmentRatio",
  "seed",
  "init",
  "onIteration",
  "parallel",
] as const;

/** An incremental k-means model: feed it batches with `partialFit`, then read or predict. */
export interface MiniBatchKMeans {
  readonly k: number;
  readonly metric: KMeansMetric;
  /** Rows seen so far. */
  readonly seen: number;
  /** Current centres (k x d); `null` before the first batch. */
  readonly centroids: DenseMatrix | null;
  /** One mini-batch step on `batch` (the first batch, of at least k rows, also seeds the centres). */
  partialFit(batch: Vectors): void;
  /** Nearest centre of each row. */
  predict(Y: Vectors): Int32Array;
}

/**
 * A streaming mini-batch k-means (Sculley, 2010, as scikit-learn's `MiniBatchKMeans`):
 * each batch is assigned to the nearest centres, which then move to the running mean of
 * every row they have received; centres that receive almost nothing are re-seeded from
 * the batch. Memory O(k·d) beyond the batch, so the data can arrive as a stream.
 * @example const model = createMiniBatchKMeans(50, { metric: "cosine" }); for (const b of batches) model.partialFit(b);
 */
export function createMiniBatchKMeans(
  k: number,
  options: Omit<MiniBatchKMeansOptions, "maxIter" | "nInit" | "maxNoImprovement" | "onIteration" | "parallel"> = {},
): MiniBatchKMeans {
  const fn = "createMiniBatchKMeans";
  const o = checkOptions(fn, options, ["batchSize", "metric", "reassignmentRatio", "seed"]);
  checkInteger(fn, "k", k, 1);
  const metric = checkOneOf(fn, "options.metric", o.metric ?? MINI_BATCH_DEFAULTS.metric, ["euclidean", "cosine"]);
  const ratio = checkNumber(
    fn,
    "options.reassignmentRatio",
    o.reassignmentRatio ?? MINI_BATCH_DEFAULTS.reassignmentRatio,
    { min: 0, max: 1 },
  );
  const random = createRandom(
    checkInteger(fn, "options.seed", o.seed ?? MINI_BATCH_DEFAULTS.seed, 0, Number.MAX_SAFE_INTEGER),
  );
  let state: StepState | null = null;
  let seen = 0;
  return {
    k,
    metric,
    get seen() {
      return seen;
    },
    get centroids() {
      return state === null ? null : { rows: k, cols: state.d, data: state.centers.slice() };
    },
    partialFit(batch) {
      let p = toPoints(batch, "MiniBatchKMeans.partialFit", "batch");
      if (metric === "cosine") p = normalizePoints(p);
      if (state === null) {
        if (p.rows < k) {
          throw new InvalidArgumentError(
            `MiniBatchKMeans.partialFit: the first batch must hold at least k = ${k} rows; got ${p.rows}`,
            "batch",
          );
        }
        state = createState(p, k, kmeansPlusPlus(p, squaredRowNorms(p), k, random), metric === "cosine");
      } else if (p.cols !== state.d) {
        throw new InvalidArgumentError(
          `MiniBatchKMeans.partialFit: batch must have ${state.d} columns; got ${p.cols}`,
          "batch",
        );
      }
      step(state, p, squaredRowNorms(p), null, p.rows, ratio, random, null);
      seen += p.rows;
    },
    predict(Y) {
      if (state === null)
        throw new InvalidArgumentError(
          "MiniBatchKMeans.predict: call partialFit with a first batch before predict",
          "Y",
        );
      let p = toPoints(Y, "MiniBatchKMeans.predict", "Y");
      if (p.cols !== state.d)
        throw new InvalidArgumentError(`MiniBatchKMeans.predict: Y must have ${state.d} columns; got ${p.cols}`, "Y");
      if (metric === "cosine") p = normalizePoints(p);
      const labels = new Int32Array(p.rows);
      assignToNearest(
        p,
        squaredRowNorms(p),
        null,
        state.centers,
        k,
        createAssignScratch(p, k),
        labels,
        new Float64Array(p.rows),
      );
      return labels;
    },
  };
}

interface StepState {
  readonly k: number;
  readonly d: number;
  readonly centers: Float64Array;
  /** Rows each centre has absorbed so far. */
  readonly counts: Float64Array;
  readonly spherical: boolean;
  steps: number;
  // Buffers reused by every step, so a step allocates only its batch.
  readonly sums: Float64Array;
  readonly batchCounts: Float64Array;
  scratch: AssignScratch | null;
}

function createState(p: Points, k: number, centers: Float64Array, spherical: boolean): StepState {
  return {
    k,
    d: p.cols,
    centers,
    counts: new Float64Array(k),
    spherical,
    steps: 0,
    sums: new Float64Array(k * p.cols),
    batchCounts: new Float64Array(k),
    scratch: null,
  };
}

/**
 * One mini-batch step on rows `ids[0..count)` of `p` (all of `p`, in order, when `ids`
 * is null); returns the batch objective against the centres before the update.
 */
function step(
  s: StepState,
  p: Points,
  norms: Float64Array,
  ids: Int32Array | null,
  count: number,
  ratio: number,
  random: Random,
  session: AssignSession | null,
): number {
  const { k, d, centers, counts, sums, batchCounts } = s;
  const labels = new Int32Array(count);
  const distances = new Float64Array(count);
  let inertia: number;
  if (session?.assignSubset && ids !== null) inertia = session.assignSubset(ids, count, centers, labels, distances);
  else {
    if (s.scratch === null) s.scratch = createAssignScratch(p, k);
    prepareCenters(p, centers, k, s.scratch);
    inertia = assignRows(p, norms, null, k, s.scratch, labels, distances, 0, count, ids);
  }
  const rowOf = (t: number) => (ids === null ? t : (ids[t] as number));
  batchCounts.fill(0);
  for (let t = 0; t < count; t++) {
    const j = labels[t] as number;
    const i = rowOf(t);
    batchCounts[j] = (batchCounts[j] as number) + 1;
    if (p.kind === "sparse") {
      for (let q = p.indptr[i] as number; q < (p.indptr[i + 1] as number); q++) {
        const f = j * d + (p.indices[q] as number);
        sums[f] = (sums[f] as number) + (p.data[q] as number);
      }
    } else {
      for (let f = 0; f < d; f++) sums[j * d + f] = (sums[j * d + f] as number) + (p.data[i * d + f] as number);
    }
  }
  for (let j = 0; j < k; j++) {
    const b = batchCounts[j] as number;
    if (b === 0) continue;
    const old = counts[j] as number;
    const total = old + b;
    for (let f = j * d; f < (j + 1) * d; f++) centers[f] = ((centers[f] as number) * old + (sums[f] as number)) / total;
    sums.fill(0, j * d, (j + 1) * d);
    counts[j] = total;
    if (s.spherical) normalizeRowsInPlace(centers.subarray(j * d, (j + 1) * d), 1, d);
  }
  s.steps++;
  // Every 10 steps, centres that have absorbed almost nothing restart at random batch rows.
  if (ratio > 0 && s.steps % 10 === 0) {
    let max = 0;
    for (const c of counts) max = Math.max(max, c);
    const starving: number[] = [];
    for (let j = 0; j < k; j++) if ((counts[j] as number) < ratio * max) starving.push(j);
    const chosen = sampleWithoutReplacement(count, Math.min(starving.length, Math.floor(count / 2)), random);
    let minKept = Infinity;
    for (let j = 0; j < k; j++) if (!starving.includes(j)) minKept = Math.min(minKept, counts[j] as number);
    chosen.forEach((position, n) => {
      const j = starving[n] as number;
      const row = rowOf(position);
      centers.fill(0, j * d, (j + 1) * d);
      if (p.kind === "sparse") {
        for (let q = p.indptr[row] as number; q < (p.indptr[row + 1] as number); q++)
          centers[j * d + (p.indices[q] as number)] = p.data[q] as number;
      } else {
        for (let f = 0; f < d; f++) centers[j * d + f] = p.data[row * d + f] as number;
      }
      counts[j] = Number.isFinite(minKept) ? minKept : 1;
    });
  }
  return inertia;
}

/** The best of nInit k-means++ seedings, each on its own sample, judged on a common held-out sample. */
function seedCenters(p: Points, k: number, nInit: number, initSize: number, random: Random): Float64Array {
  const n = p.rows;
  const validation = selectRows(p, sampleWithoutReplacement(n, initSize, random));
  const validationNorms = squaredRowNorms(validation);
  let best: Float64Array | null = null;
  let bestInertia = Infinity;
  for (let run = 0; run < nInit; run++) {
    const sample = selectRows(p, sampleWithoutReplacement(n, initSize, random));
    const centers = kmeansPlusPlus(sample, squaredRowNorms(sample), k, random);
    const inertia = assignToNearest(
      validation,
      validationNorms,
      null,
      centers,
      k,
      createAssignScratch(validation, k),
      new Int32Array(initSize),
      new Float64Array(initSize),
    );
    if (inertia < bestInertia) {
      bestInertia = inertia;
      best = centers;
    }
  }
  return best as Float64Array;
}

/** Explicit starting centres, checked and copied (unit length under the cosine metric). */
function startingCenters(fn: string, init: DenseMatrix, k: number, d: number, metric: KMeansMetric): Float64Array {
  if (!isDenseMatrix(init) || init.rows !== k || init.cols !== d) {
    throw new InvalidArgumentError(
      `${fn}: options.init must be a ${k} x ${d} dense matrix of centres; got ${describeValue(init)}`,
      "options.init",
    );
  }
  const centers = Float64Array.from(init.data);
  for (const v of centers) {
    if (!Number.isFinite(v))
      throw new InvalidArgumentError(`${fn}: options.init holds a non-finite value (${v})`, "options.init");
  }
  if (metric === "cosine") normalizeRowsInPlace(centers, k, d);
  return centers;
}

/**
 * Mini-batch k-means over a whole matrix: `nInit` k-means++ seedings on 3·batchSize rows
 * (the best on held-out rows wins) or the centres of `init`, then random batches until `maxIter` passes or no
 * improvement of the smoothed batch objective for `maxNoImprovement` steps; finally every
 * row is labelled. Far cheaper than Lloyd on large corpora for a slightly higher objective.
 * O(steps · batchSize · nnz per row · k).
 * @throws InvalidArgumentError for invalid k, options or input.
 */
export function miniBatchKMeans(X: Vectors, k: number, options: MiniBatchKMeansOptions = {}): KMeansResult {
  const fn = "miniBatchKMeans";
  const o = checkOptions(fn, options, OPTION_NAMES);
  let p = toPoints(X, fn);
  checkInteger(fn, "k", k, 1, p.rows, "number of points");
  const batchSize = checkInteger(fn, "options.batchSize", o.batchSize ?? MINI_BATCH_DEFAULTS.batchSize, 1);
  const maxIter = checkInteger(fn, "options.maxIter", o.maxIter ?? MINI_BATCH_DEFAULTS.maxIter, 1);
  const metric = checkOneOf(fn, "options.metric", o.metric ?? MINI_BATCH_DEFAULTS.metric, ["euclidean", "cosine"]);
  const nInit = checkInteger(fn, "options.nInit", o.nInit ?? MINI_BATCH_DEFAULTS.nInit, 1);
  const patience = checkInteger(
    fn,
    "options.maxNoImprovement",
    o.maxNoImprovement ?? MINI_BATCH_DEFAULTS.maxNoImprovement,
    1,
  );
  const ratio = checkNumber(
    fn,
    "options.reassignmentRatio",
    o.reassignmentRatio ?? MINI_BATCH_DEFAULTS.reassignmentRatio,
    { min: 0, max: 1 },
  );
  const seed = checkInteger(fn, "options.seed", o.seed ?? MINI_BATCH_DEFAULTS.seed, 0, Number.MAX_SAFE_INTEGER);
  const onIteration =
    o.onIteration === undefined
      ? undefined
      : checkFunction<MiniBatchKMeansOptions["onIteration"]>(fn, "options.onIteration", o.onIteration);
  if (metric === "cosine") p = normalizePoints(p);
  const random = createRandom(seed);
  const n = p.rows;
  const size = Math.min(batchSize, n);

  const initSize = Math.min(n, Math.max(3 * size, k));
  const start =
    o.init === undefined ? seedCenters(p, k, nInit, initSize, random) : startingCenters(fn, o.init, k, p.cols, metric);
  const state = createState(p, k, start, metric === "cosine");
  // One thread pool session for every step and the final labelling: batches are row ids
  // of the shared matrix, so nothing is copied per step.
  const norms = squaredRowNorms(p);
  const session = o.parallel?.start(p, norms, null, k) ?? null;
  const ids = new Int32Array(size);
  const steps = Math.max(1, Math.floor((maxIter * n) / size));
  const alpha = Math.min(1, (2 * size) / (n + 1));
  let smoothed = Number.NaN;
  let bestSmoothed = Infinity;
  let stale = 0;
  let done = 0;
  let converged = false;
  let stopped = false;
  for (; done < steps; ) {
    for (let i = 0; i < size; i++) ids[i] = random.nextInt(n);
    const batchInertia = step(state, p, norms, ids, size, ratio, random, session) / size;
    done++;
    smoothed = Number.isNaN(smoothed) ? batchInertia : smoothed * (1 - alpha) + batchInertia * alpha;
    if (onIteration?.({ step: done, batchInertia, smoothedInertia: smoothed }) === false) {
      stopped = true;
      break;
    }
    if (smoothed < bestSmoothed) {
      bestSmoothed = smoothed;
      stale = 0;
    } else if (++stale >= patience) {
      converged = true;
      break;
    }
  }
  const labels = new Int32Array(n);
  const inertia =
    session === null
      ? assignToNearest(p, norms, null, state.centers, k, createAssignScratch(p, k), labels, new Float64Array(n))
      : session.assign(state.centers, labels, new Float64Array(n));
  session?.end();
  const warnings: Warning[] = [];
  if (session?.warning) warnings.push(warning("parallel-fallback", session.warning));
  if (stopped) warnings.push(warning("stopped", `stopped by onIteration after ${done} steps`));
  const distinct = new Set(labels).size;
  if (distinct < k)
    warnings.push(warning("duplicate-points", `${distinct} distinct clusters found for k = ${k}: duplicate points?`));
  return {
    labels,
    centroids: { rows: k, cols: p.cols, data: state.centers },
    inertia: metric === "cosine" ? inertia / 2 : inertia,
    metric,
    algorithm: "mini-batch",
    k,
    iterations: done,
    converged,
    warnings,
  };
}
