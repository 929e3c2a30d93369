import type { CsrMatrix } from "../core/csr.js";
import { type DenseMatrix, denseNormalizeRows } from "../core/dense.js";
import { InvalidArgumentError } from "../core/errors.js";
import { gramMatrix, orthonormalizeColumns, symmetricEigen } from "../core/linalg.js";
import {
  isFewSparseRows,
  meanColumnVariance,
  type Points,
  sparseTimesTransposed,
  toPoints,
  type Vectors,
} from "../core/points.js";
import { createRandom, standardNormals } from "../core/random.js";
import { checkInteger, checkOptions } from "../core/validate.js";
import { createBlockMultiplier, createSvdKernels, type SvdKernels } from "./svdKernels.js";

export interface TruncatedSvdOptions {
  /** Power iterations (more sharpen the leading components). @defaultValue 5 (scikit-learn's) */
  readonly nIter?: number;
  /** Extra random directions beyond nComponents. @defaultValue 10 (scikit-learn's) */
  readonly nOversamples?: number;
  /** Seed of the random projection. @defaultValue 0 */
  readonly seed?: number;
}

export const TRUNCATED_SVD_DEFAULTS = Object.freeze({ nIter: 5, nOversamples: 10, seed: 0 });

/** A fitted truncated SVD (LSA when X is TF-IDF). */
export interface TruncatedSvdResult {
  /** X projected on the components, X·Vᵀ: rows x nComponents. */
  readonly embedding: DenseMatrix;
  /** Right singular vectors, nComponents x features (row-major). */
  readonly components: DenseMatrix;
  /** Singular values, decreasing. */
  readonly singularValues: Float64Array;
  /** Variance of each embedding column. */
  readonly explainedVariance: Float64Array;
  /** explainedVariance divided by the total variance of X's columns. */
  readonly explainedVarianceRatio: Float64Array;
}

/**
 * Truncated SVD by randomized range finding (Halko, Martinsson & Tropp, 2011,
 * Algorithm 4.4), as scikit-learn's `TruncatedSVD(algorithm="randomized")`: a Gaussian
 * test matrix of nComponents + nOversamples columns, nIter power iterations with
 * re-orthonormalisation, then an exact SVD of the small projected matrix. Signs follow
 * scikit-learn's `svd_flip(u_based_decision=False)`: the largest entry of each
 * component is positive. Works on CSR input without densifying it.
 * O((nIter + 2)·nnz·l + features·l²) with l = nComponents + nOversamples.
 * @example const lsa = truncatedSvd(tfidf, 100).embedding;
 * @throws InvalidArgumentError when nComponents is not in [1, min(rows, features) - 1].
 */
export function truncatedSvd(X: Vectors, nComponents: number, options: TruncatedSvdOptions = {}): TruncatedSvdResult {
  const fn = "truncatedSvd";
  const o = checkOptions(fn, options, ["nIter", "nOversamples", "seed"]);
  const p = toPoints(X, fn);
  const limit = Math.min(p.rows, p.cols) - 1;
  checkInteger(fn, "nComponents", nComponents, 1, Math.max(1, limit), "less than min(rows, features)");
  const nIter = checkInteger(fn, "options.nIter", o.nIter ?? TRUNCATED_SVD_DEFAULTS.nIter, 0);
  const nOversamples = checkInteger(
    fn,
    "options.nOversamples",
    o.nOversamples ?? TRUNCATED_SVD_DEFAULTS.nOversamples,
    0,
  );
  const seed = checkInteger(fn, "options.seed", o.seed ?? TRUNCATED_SVD_DEFAULTS.seed, 0, Number.MAX_SAFE_INTEGER);
  const l = Math.min(nComponents + nOversamples, Math.min(p.rows, p.cols));
  const n = p.rows;
  const d = p.cols;

  const random = createRandom(seed);
  // X·M and Xᵀ·M alternate between a features x l and a rows x l buffer.
  const kernels = createSvdKernels(p, l);
  const q = kernels.featuresBuffer;
  const y = kernels.rowsBuffer;
  q.set(standardNormals(d * l, random));
  for (let it = 0; it < nIter; it++) {
    // One orthonormalisation pass per step keeps the power iterations stable (scikit-learn
    // uses an LU step here); the final basis below gets two.
    kernels.multiply(q, l, y);
    orthonormalizeColumns(y, n, l, 1, kernels);
    kernels.multiplyTransposed(y, l, q);
    orthonormalizeColumns(q, d, l, 1, kernels);
  }
  kernels.multiply(q, l, y); // the basis, n x l
  orthonormalizeColumns(y, n, l, 2, kernels);
  kernels.multiplyTransposed(y, l, q); // d x l, i.e. Bᵀ with B = basisᵀ X
  const bt = q;
  const gram = gramMatrix(bt, d, l, kernels); // B Bᵀ
  const { values, vectors } = symmetricEigen(gram, l);

  const k = nComponents;
  const singularValues = new Float64Array(k);
  const components = new Float64Array(k * d);
  // Bᵀ·V, row by row with the kernels (each entry summed over a in order, as a dot product).
  kernels.transformRows(bt, d, l, vectors);
  for (let r = 0; r < k; r++) {
    const s = Math.sqrt(Math.max(0, values[r] as number));
    singularValues[r] = s;
    if (s === 0) continue;
    for (let f = 0; f < d; f++) components[r * d + f] = (bt[f * l + r] as number) / s;
  }
  flipSigns(components, k, d);
  // X·Vᵀ rather than U·Σ, so that training rows and projectOnComponents() agree exactly.
  const embedding = projectPoints(p, components, k, kernels);
  const explainedVariance = columnVariances(embedding, n, k);
  const total = meanColumnVariance(p) * d;
  const explainedVarianceRatio = explainedVariance.map((v) => (total > 0 ? v / total : 0));
  return {
    embedding: { rows: n, cols: k, data: embedding },
    components: { rows: k, cols: d, data: components },
    singularValues,
    explainedVariance,
    explainedVarianceRatio,
  };
}

/** Projects new rows on fitted components: X·Vᵀ. */
export function projectOnComponents(X: Vectors, components: DenseMatrix): DenseMatrix {
  const p = pointsOfWidth("projectOnComponents", "X", X, components);
  return { rows: p.rows, cols: components.rows, data: projectPoints(p, components.data, components.rows) };
}

/** Rows to project, checked to be as wide as the components. */
function pointsOfWidth(fn: string, name: string, X: Vectors, components: DenseMatrix): Points {
  const p = toPoints(X, fn);
  if (p.cols !== components.cols) {
    throw new InvalidArgumentError(
      `${fn}: ${name} must have ${components.cols} columns (the components' width); got ${p.cols}`,
      name,
    );
  }
  return p;
}

/**
 * {@link projectOnComponents} of `rows` rows that are never held at once: `block(from, to)`
 * gives rows [from, to), asked for in the blocks the projection works in, so the result
 * has the bits of projecting the whole matrix. With `unitFloat32`, each row is scaled to
 * unit length (in float64, as `denseNormalizeRows`) and stored as float32: half the memory,
 * for embeddings of corpora too large for the exact path.
 */
export function projectRowBlocks(
  rows: number,
  block: (from: number, to: number) => CsrMatrix,
  components: DenseMatrix,
  unitFloat32 = false,
): DenseMatrix {
  const k = components.rows;
  const out = unitFloat32 ? new Float32Array(rows * k) : new Float64Array(rows * k);
  const project = blockProjector(components.data, k, components.cols);
  for (let from = 0; from < rows; from += PROJECTION_BLOCK) {
    const to = Math.min(rows, from + PROJECTION_BLOCK);
    const p = pointsOfWidth("projectRowBlocks", "block", block(from, to), components);
    const projected: DenseMatrix = { rows: to - from, cols: k, data: project(p) };
    out.set(unitFloat32 ? denseNormalizeRows(projected).data : projected.data, from * k);
  }
  return { rows, cols: k, data: out };
}

/** Rows per block when projecting many rows: the kernels' copy of X never exceeds one block. */
const PROJECTION_BLOCK = 16384;

function projectPoints(
  p: Points,
  components: Float64Array | Float32Array,
  k: number,
  kernels?: SvdKernels,
): Float64Array {
  if (kernels !== undefined) return projectWith(kernels, p, components, k);
  // A few rows (a query, some new texts) are read straight from the components: transposing
  // all k x d of them would cost a short text a hundred times its product.
  if (isFewSparseRows(p)) {
    const out = new Float64Array(p.rows * k);
    sparseTimesTransposed(p, components, k, out);
    return out;
  }
  const project = blockProjector(components, k, p.cols);
  if (p.rows <= PROJECTION_BLOCK) return project(p);
  // Each output row depends only on its own input row, so blocks give the same bits.
  const out = new Float64Array(p.rows * k);
  for (let from = 0; from < p.rows; from += PROJECTION_BLOCK) {
    const to = Math.min(p.rows, from + PROJECTION_BLOCK);
    out.set(project(rowBlock(p, from, to)), from * k);
  }
  return out;
}

/** Components transposed (d x k), which lets the product stream each row once. */
function transposedComponents(components: Float64Array | Float32Array, k: number, d: number, vt: Float64Array): void {
  for (let r = 0; r < k; r++) for (let f = 0; f < d; f++) vt[f * k + r] = components[r * d + f] as number;
}

/** X·Vᵀ for blocks of rows in turn, sharing one kernel memory. */
function blockProjector(components: Float64Array | Float32Array, k: number, d: number): (p: Points) => Float64Array {
  const vt = new Float64Array(d * k);
  transposedComponents(components, k, d, vt);
  return createBlockMultiplier(vt, d, k);
}

/** X·Vᵀ with the SVD's own kernels (the training rows, already in their memory). */
function projectWith(kernels: SvdKernels, p: Points, components: Float64Array | Float32Array, k: number): Float64Array {
  const vt = kernels.featuresBuffer.subarray(0, p.cols * k);
  transposedComponents(components, k, p.cols, vt);
  const out = kernels.rowsBuffer.subarray(0, p.rows * k);
  kernels.multiply(vt, k, out);
  return out.slice();
}

/** Rows [from, to) of p, as views where possible. */
function rowBlock(p: Points, from: number, to: number): Points {
  if (p.kind === "dense") {
    return { kind: "dense", rows: to - from, cols: p.cols, data: p.data.subarray(from * p.cols, to * p.cols) };
  }
  const start = p.indptr[from] as number;
  const indptr = Int32Array.from(p.indptr.subarray(from, to + 1), (v) => v - start);
  const end = p.indptr[to] as number;
  return {
    kind: "sparse",
    rows: to - from,
    cols: p.cols,
    indptr,
    indices: p.indices.subarray(start, end),
    data: p.data.subarray(start, end),
  };
}

function flipSigns(components: Float64Array, k: number, d: number): void {
  for (let r = 0; r < k; r++) {
    let best = 0;
    for (let f = 0; f < d; f++) {
      if (Math.abs(components[r * d + f] as number) > Math.abs(components[r * d + best] as number)) best = f;
    }
    if ((components[r * d + best] as number) >= 0) continue;
    for (let f = 0; f < d; f++) components[r * d + f] = -(components[r * d + f] as number);
  }
}

function columnVariances(m: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += m[i * cols + c] as number;
    mean /= rows;
    let s = 0;
    for (let i = 0; i < rows; i++) s += ((m[i * cols + c] as number) - mean) ** 2;
    out[c] = s / rows;
  }
  return out;
}
