import type { DenseMatrix } from "../core/dense.js";
import { InvalidArgumentError } from "../core/errors.js";
import { normalizePoints, type Points, selectRows, squaredRowNorms, toPoints, type Vectors } from "../core/points.js";
import { createRandom, type Random, sampleWithoutReplacement } from "../core/random.js";
import { checkFunction, checkInteger, checkNumber, checkOneOf, checkOptions } from "../core/validate.js";
import { type AssignScratch, assignToNearest, createAssignScratch } from "./assign.js";
import { kmeansPlusPlus } from "./init.js";
import type { KMeansMetric, KMeansResult } from "./kmeans.js";
import type { ParallelAssigner } from "./parallel.js";

export interface MiniBatchKMeansOptions {
  /** Rows per step. @defaultValue 1024 (scikit-learn's) */
  readonly batchSize?: number;
  /** Passes over the data (steps = maxIter · n / batchSize). @defaultValue 100 */
  readonly maxIter?: number;
  /** @defaultValue "euclidean" */
  readonly metric?: KMeansMetric;
  /** Candidate k-means++ initialisations, each on 3·batchSize rows; the best on held-out rows wins. @defaultValue 3 */
  readonly nInit?: number;
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
      step(state, p, ratio, random);
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

/** One mini-batch step; returns the batch objective against the centres before the update. */
function step(s: StepState, batch: Points, ratio: number, random: Random): number {
  const { k, d, centers, counts, sums, batchCounts } = s;
  const labels = new Int32Array(batch.rows);
  const distances = new Float64Array(batch.rows);
  if (s.scratch === null) s.scratch = createAssignScratch(batch, k);
  const inertia = assignToNearest(batch, squaredRowNorms(batch), null, centers, k, s.scratch, labels, distances);
  batchCounts.fill(0);
  for (let i = 0; i < batch.rows; i++) {
    const j = labels[i] as number;
    batchCounts[j] = (batchCounts[j] as number) + 1;
    if (batch.kind === "sparse") {
      for (let q = batch.indptr[i] as number; q < (batch.indptr[i + 1] as number); q++) {
        const f = j * d + (batch.indices[q] as number);
        sums[f] = (sums[f] as number) + (batch.data[q] as number);
      }
    } else {
      for (let f = 0; f < d; f++) sums[j * d + f] = (sums[j * d + f] as number) + (batch.data[i * d + f] as number);
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
    if (s.spherical) normalizeCenter(centers, j, d);
  }
  s.steps++;
  // Every 10 steps, centres that have absorbed almost nothing restart at random batch rows.
  if (ratio > 0 && s.steps % 10 === 0) {
    let max = 0;
    for (const c of counts) max = Math.max(max, c);
    const starving: number[] = [];
    for (let j = 0; j < k; j++) if ((counts[j] as number) < ratio * max) starving.push(j);
    const chosen = sampleWithoutReplacement(batch.rows, Math.min(starving.length, Math.floor(batch.rows / 2)), random);
    let minKept = Infinity;
    for (let j = 0; j < k; j++) if (!starving.includes(j)) minKept = Math.min(minKept, counts[j] as number);
    chosen.forEach((row, i) => {
      const j = starving[i] as number;
      centers.fill(0, j * d, (j + 1) * d);
      if (batch.kind === "sparse") {
        for (let q = batch.indptr[row] as number; q < (batch.indptr[row + 1] as number); q++)
          centers[j * d + (batch.indices[q] as number)] = batch.data[q] as number;
      } else {
        for (let f = 0; f < d; f++) centers[j * d + f] = batch.data[row * d + f] as number;
      }
      counts[j] = Number.isFinite(minKept) ? minKept : 1;
    });
  }
  return inertia;
}

function normalizeCenter(centers: Float64Array, j: number, d: number): void {
  let s = 0;
  for (let f = j * d; f < (j + 1) * d; f++) s += (centers[f] as number) ** 2;
  if (s === 0) return;
  const inv = 1 / Math.sqrt(s);
  for (let f = j * d; f < (j + 1) * d; f++) centers[f] = (centers[f] as number) * inv;
}

/**
 * Mini-batch k-means over a whole matrix: `nInit` k-means++ seedings on 3·batchSize rows
 * (the best on held-out rows wins), then random batches until `maxIter` passes or no
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

  // Seeding: the best of nInit k-means++ runs, judged on a common held-out sample.
  const initSize = Math.min(n, Math.max(3 * size, k));
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
  const state = createState(p, k, best as Float64Array, metric === "cosine");
  const steps = Math.max(1, Math.floor((maxIter * n) / size));
  const alpha = Math.min(1, (2 * size) / (n + 1));
  let smoothed = Number.NaN;
  let bestSmoothed = Infinity;
  let stale = 0;
  let done = 0;
  let converged = false;
  let stopped = false;
  for (; done < steps; ) {
    const ids = new Int32Array(size);
    for (let i = 0; i < size; i++) ids[i] = random.nextInt(n);
    const batchInertia = step(state, selectRows(p, ids), ratio, random) / size;
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
  // The final labelling touches every row: the one step worth sharing among threads.
  const labels = new Int32Array(n);
  const norms = squaredRowNorms(p);
  const session = o.parallel?.start(p, norms, null, k) ?? null;
  const inertia =
    session === null
      ? assignToNearest(p, norms, null, state.centers, k, createAssignScratch(p, k), labels, new Float64Array(n))
      : session.assign(state.centers, labels, new Float64Array(n));
  session?.end();
  const warnings: string[] = [];
  if (stopped) warnings.push(`stopped by onIteration after ${done} steps`);
  const distinct = new Set(labels).size;
  if (distinct < k) warnings.push(`${distinct} distinct clusters found for k = ${k}: duplicate points?`);
  return {
    labels,
    centroids: { rows: k, cols: p.cols, data: state.centers },
    inertia: metric === "cosine" ? inertia / 2 : inertia,
    metric,
    k,
    iterations: done,
    converged,
    warnings,
  };
}
