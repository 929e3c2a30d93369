import type { Points } from "../core/points.js";
import { accumulateCenters, clearSums } from "./assign.js";
import { averageCenters, type LloydRun, type LloydSettings, relocateEmptyClusters } from "./lloyd.js";
import { type ArenaSpec, createArena, instantiateKernel, type Region } from "./wasm/kernel.js";

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
 * Lloyd's iterations with Elkan's (2003) triangle-inequality bounds, as scikit-learn's
 * `KMeans(algorithm="elkan")`: per point an upper bound on the distance to its centre and
 * a lower bound per centre, so most point-centre distances are never computed. Same
 * fixed points as {@link runLloyd} (labels equal to Lloyd's from the same start), at the
 * price of n·k bounds in memory. Dense input, calling thread only.
 */
export function runElkan(
  p: DensePoints,
  weights: Float64Array | null,
  initialCenters: Float64Array,
  k: number,
  settings: LloydSettings,
): LloydRun {
  const n = p.rows;
  const d = p.cols;
  const { labels, half, nearest, shift, published, ops } = elkanState(p, weights, k);
  let centers = initialCenters.slice();
  let next = new Float64Array(k * d);
  const clusterWeights = new Float64Array(k);
  const previous = new Int32Array(n).fill(-1);
  let distances: Float64Array | null = null;

  published.set(centers);
  centerGeometry(centers, k, d, half, nearest);
  // Lloyd's first assignment, with the bounds it yields.
  ops.init();
  const objective = (): number => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dist = distance(p.data, i, centers, labels[i] as number, d);
      total += weights === null ? dist * dist : dist * dist * (weights[i] as number);
    }
    return total;
  };

  let iterations = 0;
  let converged = false;
  let stoppedByCallback = false;
  let relocated = 0;
  for (let it = 0; it < settings.maxIter; it++) {
    if (it > 0) {
      previous.set(labels);
      ops.assign();
    }
    const inertia = settings.onIteration === undefined ? Number.NaN : objective();
    ops.accumulate(next, clusterWeights);
    if (clusterWeights.includes(0)) {
      // Rare: exact squared distances, only when a cluster needs a far point.
      distances ??= new Float64Array(n);
      for (let i = 0; i < n; i++) distances[i] = distance(p.data, i, centers, labels[i] as number, d) ** 2;
      relocated += relocateEmptyClusters(p, weights, labels, distances, next, clusterWeights, k);
    }
    averageCenters(next, clusterWeights, k, d, settings.spherical);
    let shiftTotal = 0;
    for (let j = 0; j < k; j++) {
      const sj = distance(centers, j, next, j, d);
      shift[j] = sj;
      shiftTotal += sj * sj;
    }
    [centers, next] = [next, centers];
    published.set(centers);
    ops.shiftBounds();
    centerGeometry(centers, k, d, half, nearest);
    iterations = it + 1;
    let changed = 0;
    for (let i = 0; i < n; i++) if (labels[i] !== previous[i]) changed++;
    if (settings.onIteration !== undefined) {
      const verdict = settings.onIteration({
        run: settings.run,
        iteration: iterations,
        inertia,
        centerShift: shiftTotal,
        changed,
      });
      if (verdict === false) {
        stoppedByCallback = true;
        break;
      }
    }
    if (changed === 0 || shiftTotal <= settings.tol) {
      converged = true;
      break;
    }
  }
  // Labels must describe the returned centres.
  ops.assign();
  return {
    labels: labels.slice(),
    centers,
    inertia: objective(),
    iterations,
    converged,
    stoppedByCallback,
    relocated,
    parallelWarning: null,
  };
}

/**
 * Elkan's arrays and the passes over them: in one WebAssembly memory with the kernels of
 * kernel.wat when the runtime has them, else plain arrays with the JavaScript passes
 * below (the same arithmetic in the same order, hence the same bits).
 */
function elkanState(p: DensePoints, weights: Float64Array | null, k: number) {
  const n = p.rows;
  const d = p.cols;
  const specs: ArenaSpec[] = [
    ["x", n * d, "float64"],
    ["weights", weights === null ? 0 : n, "float64"],
    ["centers", k * d, "float64"],
    ["labels", n, "int32"],
    ["upper", n, "float64"],
    ["lower", n * k, "float64"],
    ["half", k * k, "float64"],
    ["nearest", k, "float64"],
    ["shift", k, "float64"],
    ["sums", k * d, "float64"],
    ["clusterWeights", k, "float64"],
  ];
  const arena = createArena(specs, false);
  const region = (name: string) => arena?.regions.get(name) as Region;
  const f64 = (name: string, length: number) =>
    arena === null ? new Float64Array(length) : new Float64Array(region(name).buffer, region(name).byteOffset, length);
  const labels =
    arena === null ? new Int32Array(n) : new Int32Array(region("labels").buffer, region("labels").byteOffset, n);
  const x = arena === null ? p.data : f64("x", n * d);
  if (x !== p.data) x.set(p.data);
  const w = weights === null ? null : f64("weights", n);
  if (w !== null && weights !== null) w.set(weights);
  const published = f64("centers", k * d);
  const upper = f64("upper", n);
  const lower = f64("lower", n * k);
  const half = f64("half", k * k);
  const nearest = f64("nearest", k);
  const shift = f64("shift", k);
  const sums = f64("sums", k * d);
  const clusterWeights = f64("clusterWeights", k);
  const wasm = arena === null ? null : instantiateKernel(arena.module, arena.memory);
  const at = (a: { byteOffset: number } | null) => (a === null ? 0 : a.byteOffset);

  const ops = {
    init(): void {
      if (wasm !== null) wasm.elkanInit(at(x), d, at(published), k, at(half), at(labels), at(upper), at(lower), 0, n);
      else initBounds(x, d, published, k, half, labels, upper, lower);
    },
    assign(): void {
      if (wasm !== null) {
        wasm.elkanAssign(at(x), d, at(published), k, at(half), at(nearest), at(labels), at(upper), at(lower), 0, n);
      } else boundedAssign(x, d, published, k, half, nearest, labels, upper, lower);
    },
    accumulate(outSums: Float64Array, outWeights: Float64Array): void {
      if (wasm === null) {
        accumulateCenters(p, weights, labels, outSums, outWeights);
        return;
      }
      clearSums(sums, clusterWeights, d, null, 0);
      wasm.accumulate(0, 0, 0, at(x), d, at(w), at(labels), at(sums), at(clusterWeights), 0, 0, n);
      outSums.set(sums);
      outWeights.set(clusterWeights);
    },
    shiftBounds(): void {
      if (wasm !== null) wasm.elkanShift(at(labels), at(upper), at(lower), at(shift), k, n);
      else moveBounds(labels, upper, lower, shift, k);
    },
  };
  return { labels, half, nearest, shift, published, ops };
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
): void {
  for (let i = 0; i < labels.length; i++) {
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
): void {
  for (let i = 0; i < labels.length; i++) {
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
): void {
  for (let i = 0; i < labels.length; i++) {
    upper[i] = (upper[i] as number) + (shift[labels[i] as number] as number);
    for (let j = 0, row = i * k; j < k; j++) {
      lower[row + j] = Math.max((lower[row + j] as number) - (shift[j] as number), 0);
    }
  }
}
