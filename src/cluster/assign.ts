import { type Points, sparseTimesTransposed } from "../core/points.js";

/**
 * The assignment (E) step: the nearest centre of every point, by
 * `||c||² - 2 x·c` (the `||x||²` term does not change the argmin), as scikit-learn's
 * Lloyd kernels compute it. Ties go to the lowest centre index.
 *
 * Sparse rows are multiplied against centres stored feature-major (`centersT[f*k + j]`)
 * so the inner loop runs over contiguous memory; the sum over a row's entries keeps
 * scikit-learn's order, so dot products agree to the last bit.
 *
 * Writes `labels` and `distances` (squared distance of each point to its centre,
 * clipped at 0) and returns the weighted sum of those distances. O(nnz·k) or O(n·d·k).
 */
export function assignToNearest(
  p: Points,
  xSquaredNorms: Float64Array,
  weights: Float64Array | null,
  centers: Float64Array,
  k: number,
  scratch: AssignScratch,
  labels: Int32Array,
  distances: Float64Array,
  from = 0,
  to = p.rows,
): number {
  prepareCenters(p, centers, k, scratch);
  return assignRows(p, xSquaredNorms, weights, k, scratch, labels, distances, from, to);
}

/** Fills the scratch's centre norms (and, for sparse input, the feature-major copy). O(k·d). */
export function prepareCenters(p: Points, centers: Float64Array, k: number, scratch: AssignScratch): void {
  const d = p.cols;
  centerSquaredNorms(centers, k, d, scratch.centerSquaredNorms);
  const ct = scratch.centersT;
  if (ct.length > 0) {
    // Feature-major with the centre count padded to a multiple of 8 (padding stays 0), so
    // the kernels always work on full blocks of eight centres.
    const kp = paddedK(k);
    for (let j = 0; j < k; j++) {
      for (let f = 0; f < d; f++) ct[f * kp + j] = centers[j * d + f] as number;
    }
  }
  if (scratch.centers.length > 0 && scratch.centers !== centers) scratch.centers.set(centers);
}

/** Squared L2 norm of each of the k centres (row-major, d wide), into `out`. */
export function centerSquaredNorms(
  centers: Float64Array,
  k: number,
  d: number,
  out: Float64Array = new Float64Array(k),
): Float64Array {
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let f = j * d, end = f + d; f < end; f++) {
      const v = centers[f] as number;
      s += v * v;
    }
    out[j] = s;
  }
  return out;
}

/**
 * The E-step for a few sparse rows (a query, some new texts) against centres read as they
 * are, row-major: the feature-major copy {@link prepareCenters} makes costs O(k·d), which
 * for one short text dwarfs its O(nnz·k). Each dot product is the same sum in the same
 * order as {@link assignRows}': the same labels and distances, bit for bit.
 */
export function assignSparseRowsDirectly(
  p: Points & { kind: "sparse" },
  xSquaredNorms: Float64Array,
  centers: Float64Array,
  cNorm: Float64Array,
  k: number,
  labels: Int32Array,
  distances: Float64Array,
): void {
  const dots = new Float64Array(p.rows * k);
  sparseTimesTransposed(p, centers, k, dots);
  for (let i = 0; i < p.rows; i++)
    pick(i, i, k, cNorm, dots.subarray(i * k, (i + 1) * k), xSquaredNorms, null, labels, distances);
}

/**
 * The E-step for rows [from, to) against centres already prepared in `scratch`; returns
 * the weighted sum of their squared distances, accumulated in row order. With `ids`,
 * position t of the outputs is row `ids[t]` (a mini-batch drawn from a larger matrix).
 */
export function assignRows(
  p: Points,
  xSquaredNorms: Float64Array,
  weights: Float64Array | null,
  k: number,
  scratch: AssignScratch,
  labels: Int32Array,
  distances: Float64Array,
  from = 0,
  to = p.rows,
  ids: Int32Array | null = null,
): number {
  const d = p.cols;
  const cNorm = scratch.centerSquaredNorms;
  const acc = scratch.dots;
  let total = 0;
  if (p.kind === "sparse") {
    const ct = scratch.centersT;
    const kp = paddedK(k);
    const { indptr, indices, data } = p;
    for (let t = from; t < to; t++) {
      const i = ids === null ? t : (ids[t] as number);
      const start = indptr[i] as number;
      const end = indptr[i + 1] as number;
      // Centres in blocks of eight, each block's sums in registers, each sum over the
      // row's entries in order (the bits scikit-learn gets).
      for (let j = 0; j < k; j += 8) {
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        let a4 = 0;
        let a5 = 0;
        let a6 = 0;
        let a7 = 0;
        for (let q = start; q < end; q++) {
          const v = data[q] as number;
          const c = (indices[q] as number) * kp + j;
          a0 += (ct[c] as number) * v;
          a1 += (ct[c + 1] as number) * v;
          a2 += (ct[c + 2] as number) * v;
          a3 += (ct[c + 3] as number) * v;
          a4 += (ct[c + 4] as number) * v;
          a5 += (ct[c + 5] as number) * v;
          a6 += (ct[c + 6] as number) * v;
          a7 += (ct[c + 7] as number) * v;
        }
        acc[j] = a0;
        acc[j + 1] = a1;
        acc[j + 2] = a2;
        acc[j + 3] = a3;
        acc[j + 4] = a4;
        acc[j + 5] = a5;
        acc[j + 6] = a6;
        acc[j + 7] = a7;
      }
      total += pick(t, i, k, cNorm, acc, xSquaredNorms, weights, labels, distances);
    }
  } else {
    const data = p.data;
    const centers = scratch.centers;
    for (let t = from; t < to; t++) {
      const i = ids === null ? t : (ids[t] as number);
      const base = i * d;
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let f = 0, c = j * d; f < d; f++, c++) s += (data[base + f] as number) * (centers[c] as number);
        acc[j] = s;
      }
      total += pick(t, i, k, cNorm, acc, xSquaredNorms, weights, labels, distances);
    }
  }
  return total;
}

/** Writes output slot `t` for row `i` (they differ when rows are given by id). */
function pick(
  t: number,
  i: number,
  k: number,
  cNorm: Float64Array,
  dots: Float64Array,
  xSquaredNorms: Float64Array,
  weights: Float64Array | null,
  labels: Int32Array,
  distances: Float64Array,
): number {
  let best = 0;
  let bestDist = (cNorm[0] as number) - 2 * (dots[0] as number);
  for (let j = 1; j < k; j++) {
    const dist = (cNorm[j] as number) - 2 * (dots[j] as number);
    if (dist < bestDist) {
      bestDist = dist;
      best = j;
    }
  }
  labels[t] = best;
  const sq = Math.max(0, (xSquaredNorms[i] as number) + bestDist);
  distances[t] = sq;
  return weights === null ? sq : sq * (weights[i] as number);
}

/** Buffers reused across iterations so the loop allocates nothing. */
export interface AssignScratch {
  readonly centerSquaredNorms: Float64Array;
  readonly dots: Float64Array;
  /** Feature-major copy of the centres (sparse input only). */
  readonly centersT: Float64Array;
  /** Row-major copy of the centres (dense input only). */
  readonly centers: Float64Array;
}

/** The centre count rounded up to a multiple of 8: the width of the sparse kernel's blocks. */
export function paddedK(k: number): number {
  return Math.ceil(k / 8) * 8;
}

export function createAssignScratch(p: Points, k: number): AssignScratch {
  return {
    centerSquaredNorms: new Float64Array(k),
    dots: new Float64Array(paddedK(k)),
    centersT: new Float64Array(p.kind === "sparse" ? paddedK(k) * p.cols : 0),
    centers: new Float64Array(p.kind === "dense" ? k * p.cols : 0),
  };
}

/**
 * The rows of each block of the update step: the sums of each block run over its rows in
 * order, and the blocks are then added in order (two blocks, split at the middle row,
 * unless k·d is so large that a second k x d buffer would cost too much). The result
 * depends on the data only, never on the threads: each thread sums whole blocks, or
 * splits a block's columns.
 */
export function updateBlocks(n: number, k: number, d: number): readonly number[] {
  return n >= 2 && k * d <= MAX_BLOCK_CELLS ? [0, Math.round(n / 2), n] : [0, n];
}

/** k·d above which the update step keeps one block (a second k x d buffer of 64 MB at most). */
const MAX_BLOCK_CELLS = 8 * 1024 * 1024;

/**
 * The update step as every k-means path computes it: block sums (see {@link updateBlocks})
 * into `sums` (the second block through `partial`, k·d long), cluster weights in row order.
 */
export function accumulateInBlocks(
  p: Points,
  weights: Float64Array | null,
  labels: Int32Array,
  sums: Float64Array,
  clusterWeights: Float64Array,
  partial: Float64Array | null,
): void {
  const blocks = updateBlocks(p.rows, clusterWeights.length, p.cols);
  accumulateCenters(p, weights, labels, sums, null, null, [0, blocks[1] as number]);
  if (blocks.length === 3) {
    const second = partial ?? new Float64Array(sums.length);
    accumulateCenters(p, weights, labels, second, null, null, [blocks[1] as number, p.rows]);
    for (let c = 0; c < sums.length; c++) sums[c] = (sums[c] as number) + (second[c] as number);
  }
  sumClusterWeights(labels, weights, clusterWeights);
}

/**
 * Weighted sums of the points of each cluster over rows [from, to) (all by default) and,
 * unless `clusterWeights` is null, the cluster weights. With `columns` [lo, hi), only those
 * columns are summed (and zeroed). Each (cluster, column) sum runs over the rows in order,
 * so threads that split the columns compute the same bits as one thread. Threads sharing
 * the work leave the weights to {@link sumClusterWeights}: k adjacent numbers written by
 * every thread for every row would bounce one cache line between cores.
 */
export function accumulateCenters(
  p: Points,
  weights: Float64Array | null,
  labels: Int32Array,
  sums: Float64Array,
  clusterWeights: Float64Array | null,
  columns: readonly [number, number] | null = null,
  rows: readonly [number, number] | null = null,
): void {
  const d = p.cols;
  const [lo, hi] = columns ?? [0, d];
  const [from, to] = rows ?? [0, p.rows];
  clearSums(sums, clusterWeights, d, lo, hi);
  for (let i = from; i < to; i++) {
    const j = labels[i] as number;
    const w = weights === null ? 1 : (weights[i] as number);
    if (clusterWeights !== null) clusterWeights[j] = (clusterWeights[j] as number) + w;
    const base = j * d;
    if (p.kind === "sparse") {
      for (let q = p.indptr[i] as number, end = p.indptr[i + 1] as number; q < end; q++) {
        const c = p.indices[q] as number;
        if (c >= hi) break;
        if (c < lo) continue;
        sums[base + c] = (sums[base + c] as number) + (p.data[q] as number) * w;
      }
    } else {
      for (let f = lo, x = i * d + lo; f < hi; f++, x++)
        sums[base + f] = (sums[base + f] as number) + (p.data[x] as number) * w;
    }
  }
}

/** Zeroes columns [lo, hi) of every cluster's sums, and the weights unless null. */
export function clearSums(
  sums: Float64Array,
  clusterWeights: Float64Array | null,
  d: number,
  lo: number,
  hi: number,
): void {
  clusterWeights?.fill(0);
  if (lo === 0 && hi === d) sums.fill(0);
  else for (let base = 0; base < sums.length; base += d) sums.fill(0, base + lo, base + hi);
}

/** The weight of each cluster, summed over the rows in order (as {@link accumulateCenters} does). */
export function sumClusterWeights(
  labels: Int32Array,
  weights: Float64Array | null,
  clusterWeights: Float64Array,
): void {
  clusterWeights.fill(0);
  for (let i = 0; i < labels.length; i++) {
    const j = labels[i] as number;
    clusterWeights[j] = (clusterWeights[j] as number) + (weights === null ? 1 : (weights[i] as number));
  }
}

/**
 * Column bounds splitting a sparse matrix's stored entries into `parts` nearly equal
 * shares (dense: equal column ranges); `parts + 1` numbers from 0 to cols.
 */
export function balancedColumns(p: Points, parts: number): number[] {
  const d = p.cols;
  const bounds = [0];
  if (p.kind === "dense") {
    for (let t = 1; t <= parts; t++) bounds.push(Math.round((t * d) / parts));
    return bounds;
  }
  const count = new Float64Array(d);
  const nnz = p.indptr[p.rows] as number;
  for (let q = p.indptr[0] as number; q < nnz; q++) {
    const c = p.indices[q] as number;
    count[c] = (count[c] as number) + 1;
  }
  let seen = 0;
  for (let f = 0; f < d && bounds.length < parts; f++) {
    seen += count[f] as number;
    if (seen >= (bounds.length * nnz) / parts) bounds.push(f + 1);
  }
  while (bounds.length < parts) bounds.push(d);
  bounds.push(d);
  return bounds;
}

/**
 * The end of an update step summed in row blocks: with two blocks, the second block's sums
 * are added into the first's (by `addInPlace`, the WebAssembly kernel, when given), then the
 * cluster weights are counted. Lloyd's workspace and Elkan's state both end this way.
 */
export function finishBlockSums(
  sums: Float64Array,
  partial: Float64Array,
  blockCount: number,
  addInPlace: (() => void) | null,
  labels: Int32Array,
  weights: Float64Array | null,
  clusterWeights: Float64Array,
): void {
  if (blockCount === 2) {
    if (addInPlace !== null) addInPlace();
    else for (let c = 0; c < sums.length; c++) sums[c] = (sums[c] as number) + (partial[c] as number);
  }
  sumClusterWeights(labels, weights, clusterWeights);
}
