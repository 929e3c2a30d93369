import type { Points } from "../core/points.js";
import { accumulateCenters, finishBlockSums, updateBlocks } from "./assign.js";
import { iterateCenters, type LloydRun, type LloydSettings, relocateEmptyClusters } from "./iterate.js";
import type { ElkanSession, ParallelAssigner } from "./parallel.js";
import { ELKAN_ARRAYS, type ElkanArrayName, type ElkanLayout, type ElkanPhase } from "./types.js";
import { createArena, instantiateKernel, type Region, type WasmKernel } from "./wasm/kernel.js";

type DensePoints = Extract<Points, { kind: "dense" }>;

/**
 * Euclidean distance between row `i` of `x` and row `j` of `centers`, summed in blocks of
 * four as scikit-learn's `_euclidean_dense_dense`, so the two agree to the last bit.
 */
function distance(x: DensePoints["data"], i: number, centers: Float64Array, j: number, d: number): number {
  let a = i * d;
  let b = j * d;
  let s = 0;
  const blocks = d >> 2;
  for (let t = 0; t < blocks; t++, a += 4, b += 4) {
    const d0 = (x[a] as number) - (centers[b] as number);
    const d1 = (x[a + 1] as number) - (centers[b + 1] as number);
    const d2 = (x[a + 2] as number) - (centers[b + 2] as number);
    const d3 = (x[a + 3] as number) - (centers[b + 3] as number);
    s += d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
  }
  for (let t = 0, rem = d & 3; t < rem; t++) {
    const dt = (x[a + t] as number) - (centers[b + t] as number);
    s += dt * dt;
  }
  return Math.sqrt(s);
}

/** Half the distance between every pair of centres, and each centre's half distance to its nearest other. */
function centerGeometry(centers: Float64Array, k: number, d: number, half: Float64Array, nearest: Float64Array): void {
  nearest.fill(Number.POSITIVE_INFINITY);
  for (let a = 0; a < k; a++) {
    half[a * k + a] = 0;
    for (let b = a + 1; b < k; b++) {
      const h = distance(centers, a, centers, b, d) / 2;
      half[a * k + b] = h;
      half[b * k + a] = h;
      if (h < (nearest[a] as number)) nearest[a] = h;
      if (h < (nearest[b] as number)) nearest[b] = h;
    }
  }
  if (k === 1) nearest[0] = 0;
}

/**
 * What every restart of one `kmeans` call shares: Elkan's arrays (the data copied into
 * them once) and, with a worker pool, its threads. `end()` releases the threads.
 */
export interface ElkanContext {
  readonly arrays: ElkanArrays;
  run(phase: ElkanPhase): void;
  end(): void;
  readonly warning: string | null;
}

export function startElkan(
  p: DensePoints,
  weights: Float64Array | null,
  k: number,
  parallel: ParallelAssigner | undefined,
): ElkanContext {
  const threads = parallel?.startElkan === undefined ? 1 : parallel.threads;
  const state = createElkanState(p, weights, k, threads > 1);
  const session: ElkanSession | null =
    state.layout !== null && threads > 1 ? (parallel?.startElkan?.(state.layout) ?? null) : null;
  return {
    arrays: state.arrays,
    run: (phase) => (session === null ? runPhaseHere(state.passes, phase, p.rows) : session.run(phase)),
    end: () => session?.end(),
    // Read when asked: a worker may time out in any iteration.
    get warning() {
      return session?.warning ?? null;
    },
  };
}

/** One phase over every row on the calling thread. */
export function runPhaseHere(passes: ElkanPasses, phase: ElkanPhase, rows: number): void {
  if (phase !== "accumulate") passes[phase](0, rows);
  else {
    for (let b = 0; b + 1 < passes.blocks.length; b++) passes.sumBlock(b);
    passes.finishSums();
  }
}

/**
 * One run of Lloyd's iterations with Elkan's (2003) triangle-inequality bounds, as
 * scikit-learn's `KMeans(algorithm="elkan")`: per point an upper bound on the distance to
 * its centre and a lower bound per centre, so most point-centre distances are never
 * computed. Same fixed points as `runLloyd` (labels equal to Lloyd's from the same
 * start), at the price of n·k bounds in memory. Dense input.
 */
export function runElkan(
  p: DensePoints,
  weights: Float64Array | null,
  initialCenters: Float64Array,
  k: number,
  settings: LloydSettings,
  context: ElkanContext,
): LloydRun {
  const n = p.rows;
  const d = p.cols;
  const { labels, half, nearest, shift, sums } = context.arrays;
  const published = context.arrays.centers;
  const run = (phase: ElkanPhase) => context.run(phase);
  let current = initialCenters;
  let distances: Float64Array | null = null;
  const objective = (): number => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dist = distance(p.data, i, current, labels[i] as number, d);
      total += weights === null ? dist * dist : dist * dist * (weights[i] as number);
    }
    return total;
  };

  published.set(initialCenters);
  centerGeometry(initialCenters, k, d, half, nearest);
  // Lloyd's first assignment, with the bounds it yields.
  run("init");
  const result = iterateCenters(settings, initialCenters, k, d, labels, {
    assign(centers, iteration) {
      current = centers;
      if (iteration > 0) run("assign");
      return settings.onIteration === undefined ? Number.NaN : objective();
    },
    accumulate(next, clusterWeights) {
      run("accumulate");
      next.set(sums);
      clusterWeights.set(context.arrays.clusterWeights);
    },
    relocateEmpty(next, clusterWeights) {
      if (!clusterWeights.includes(0)) return 0;
      // Rare: exact squared distances, only when a cluster needs a far point.
      distances ??= new Float64Array(n);
      for (let i = 0; i < n; i++) distances[i] = distance(p.data, i, current, labels[i] as number, d) ** 2;
      return relocateEmptyClusters(p, weights, labels, distances, next, clusterWeights, k);
    },
    shift(old, next) {
      let total = 0;
      for (let j = 0; j < k; j++) {
        const sj = distance(old, j, next, j, d);
        shift[j] = sj;
        total += sj * sj;
      }
      return total;
    },
    moved(centers) {
      current = centers;
      published.set(centers);
      run("shift");
      centerGeometry(centers, k, d, half, nearest);
    },
  });
  // Labels must describe the returned centres.
  run("assign");
  return { ...result, labels: labels.slice(), inertia: objective(), parallelWarning: context.warning };
}

/** The arrays Elkan's passes share, by name. */
export type { ElkanLayout, ElkanPhase } from "./types.js";

/**
 * Elkan's passes over a state, for rows [from, to); the update step's sums by block of
 * rows (see `updateBlocks`), then added in order with the cluster weights.
 */
export interface ElkanPasses {
  init(from: number, to: number): void;
  assign(from: number, to: number): void;
  shift(from: number, to: number): void;
  readonly blocks: readonly number[];
  sumBlock(block: number): void;
  finishSums(): void;
}

export interface ElkanArrays {
  readonly x: DensePoints["data"];
  readonly weights: Float64Array | null;
  readonly centers: Float64Array;
  readonly labels: Int32Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  readonly half: Float64Array;
  readonly nearest: Float64Array;
  readonly shift: Float64Array;
  readonly sums: Float64Array;
  readonly partial: Float64Array;
  readonly clusterWeights: Float64Array;
}

/**
 * Elkan's arrays: in one WebAssembly memory (shared when `shared`) with the kernels of
 * kernel.wat where the runtime has them, else plain arrays for the JavaScript passes below
 * (the same arithmetic in the same order, hence the same bits).
 */
function createElkanState(p: DensePoints, weights: Float64Array | null, k: number, shared: boolean) {
  const n = p.rows;
  const d = p.cols;
  const lengths: Record<ElkanArrayName, number> = {
    x: n * d,
    weights: weights === null ? 0 : n,
    centers: k * d,
    labels: n,
    upper: n,
    lower: n * k,
    half: k * k,
    nearest: k,
    shift: k,
    sums: k * d,
    partial: updateBlocks(n, k, d).length === 3 ? k * d : 0,
    clusterWeights: k,
  };
  const types = (name: ElkanArrayName) => (name === "labels" ? "int32" : "float64");
  const arena = createArena(
    ELKAN_ARRAYS.map((name) => [name, lengths[name], types(name)] as const),
    shared,
  );
  if (arena === null) {
    const arrays: ElkanArrays = {
      x: p.data,
      weights,
      centers: new Float64Array(k * d),
      labels: new Int32Array(n),
      upper: new Float64Array(n),
      lower: new Float64Array(n * k),
      half: new Float64Array(k * k),
      nearest: new Float64Array(k),
      shift: new Float64Array(k),
      sums: new Float64Array(k * d),
      partial: new Float64Array(lengths.partial),
      clusterWeights: new Float64Array(k),
    };
    return { arrays, layout: null, passes: elkanPasses(arrays, n, d, k, null) };
  }
  const layout: ElkanLayout = {
    rows: n,
    cols: d,
    k,
    weighted: weights !== null,
    memory: arena.memory,
    module: arena.module,
    regions: Object.fromEntries(arena.regions) as Record<ElkanArrayName, Region>,
  };
  const { arrays, passes } = openElkan(layout);
  (arrays.x as Float64Array).set(p.data);
  if (weights !== null) arrays.weights?.set(weights);
  return { arrays, layout, passes };
}

/** Views and passes of a layout made by `createElkanState`, in any thread. */
export function openElkan(layout: ElkanLayout): { arrays: ElkanArrays; passes: ElkanPasses } {
  const f64 = (name: ElkanArrayName) => {
    const r = layout.regions[name];
    return new Float64Array(r.buffer, r.byteOffset, r.length);
  };
  const r = layout.regions;
  const arrays: ElkanArrays = {
    x: f64("x"),
    weights: layout.weighted ? f64("weights") : null,
    centers: f64("centers"),
    labels: new Int32Array(r.labels.buffer, r.labels.byteOffset, r.labels.length),
    upper: f64("upper"),
    lower: f64("lower"),
    half: f64("half"),
    nearest: f64("nearest"),
    shift: f64("shift"),
    sums: f64("sums"),
    partial: f64("partial"),
    clusterWeights: f64("clusterWeights"),
  };
  const wasm = instantiateKernel(layout.module, layout.memory);
  return { arrays, passes: elkanPasses(arrays, layout.rows, layout.cols, layout.k, wasm) };
}

function elkanPasses(a: ElkanArrays, n: number, d: number, k: number, wasm: WasmKernel | null): ElkanPasses {
  const at = (v: { byteOffset: number } | null) => (v === null ? 0 : v.byteOffset);
  const { x, weights, centers, labels, upper, lower, half, nearest, shift, sums, partial, clusterWeights } = a;
  const blocks = updateBlocks(n, k, d);
  return {
    init(from, to) {
      if (wasm !== null) wasm.elkanInit(at(x), d, at(centers), k, at(half), at(labels), at(upper), at(lower), from, to);
      else initBounds(x, d, centers, k, half, labels, upper, lower, from, to);
    },
    assign(from, to) {
      if (wasm !== null) {
        wasm.elkanAssign(at(x), d, at(centers), k, at(half), at(nearest), at(labels), at(upper), at(lower), from, to);
      } else boundedAssign(x, d, centers, k, half, nearest, labels, upper, lower, from, to);
    },
    shift(from, to) {
      if (wasm !== null) {
        wasm.elkanShift(at(labels) + from * 4, at(upper) + from * 8, at(lower) + from * k * 8, at(shift), k, to - from);
      } else moveBounds(labels, upper, lower, shift, k, from, to);
    },
    blocks,
    sumBlock(b) {
      const into = b === 0 ? sums : partial;
      const rows = [blocks[b] as number, blocks[b + 1] as number] as const;
      if (wasm === null) {
        accumulateCenters({ kind: "dense", rows: n, cols: d, data: x }, weights, labels, into, null, null, rows);
        return;
      }
      into.fill(0);
      wasm.accumulate(0, 0, 0, at(x), d, at(weights), at(labels), at(into), 0, 0, d, rows[0], rows[1]);
    },
    finishSums() {
      const add = wasm === null ? null : () => wasm.addInto(at(sums), at(partial), sums.length);
      finishBlockSums(sums, partial, blocks.length - 1, add, labels, weights, clusterWeights);
    },
  };
}

/** Initial labels and bounds, skipping centres that cannot beat the best so far (kernel.wat's elkanInit). */
function initBounds(
  x: DensePoints["data"],
  d: number,
  centers: Float64Array,
  k: number,
  half: Float64Array,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    let best = 0;
    let bestDist = distance(x, i, centers, 0, d);
    lower[i * k] = bestDist;
    for (let j = 1; j < k; j++) {
      if (bestDist > (half[best * k + j] as number)) {
        const dist = distance(x, i, centers, j, d);
        lower[i * k + j] = dist;
        if (dist < bestDist) {
          bestDist = dist;
          best = j;
        }
      }
    }
    labels[i] = best;
    upper[i] = bestDist;
  }
}

/** One bounded pass, as scikit-learn's `_update_chunk_dense` (kernel.wat's elkanAssign). */
function boundedAssign(
  x: DensePoints["data"],
  d: number,
  centers: Float64Array,
  k: number,
  half: Float64Array,
  nearest: Float64Array,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    let label = labels[i] as number;
    let bound = upper[i] as number;
    if ((nearest[label] as number) >= bound) continue;
    let tight = false;
    const row = i * k;
    for (let j = 0; j < k; j++) {
      if (j === label || bound <= (lower[row + j] as number) || bound <= (half[label * k + j] as number)) continue;
      if (!tight) {
        bound = distance(x, i, centers, label, d);
        lower[row + label] = bound;
        tight = true;
      }
      if (bound > (lower[row + j] as number) || bound > (half[label * k + j] as number)) {
        const dist = distance(x, i, centers, j, d);
        lower[row + j] = dist;
        if (dist < bound) {
          label = j;
          bound = dist;
        }
      }
    }
    labels[i] = label;
    upper[i] = bound;
  }
}

/** Bounds follow the centres: upper grows by its centre's shift, lower bounds shrink (kernel.wat's elkanShift). */
function moveBounds(
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  shift: Float64Array,
  k: number,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    upper[i] = (upper[i] as number) + (shift[labels[i] as number] as number);
    for (let j = 0, row = i * k; j < k; j++) {
      lower[row + j] = Math.max((lower[row + j] as number) - (shift[j] as number), 0);
    }
  }
}
