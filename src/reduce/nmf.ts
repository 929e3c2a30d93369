import type { DenseMatrix } from "../core/dense.js";
import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { gramMatrix } from "../core/linalg.js";
import { isFewSparseRows, type Points, sparseTimesTransposed, toPoints, type Vectors } from "../core/points.js";
import { createRandom, standardNormals } from "../core/random.js";
import { checkInteger, checkNumber, checkOneOf, checkOptions } from "../core/validate.js";
import { type Warning, warning } from "../core/warnings.js";
import { createSvdKernels } from "./svdKernels.js";
import { truncatedSvd } from "./truncatedSvd.js";

/** How the factors start: scikit-learn's `init` values, or given matrices (its `"custom"`). */
export type NmfInit = "nndsvda" | "nndsvd" | "random" | { readonly W: DenseMatrix; readonly H: DenseMatrix };

export interface NmfOptions {
  /**
   * `"nndsvda"`: NNDSVD (Boutsidis & Gallopoulos 2008) with its zeros filled with the mean of X;
   * `"nndsvd"`: zeros kept (sparser factors); `"random"`: |N(0,1)|·√(mean(X)/k); or `{ W, H }`.
   * @defaultValue "nndsvda" when k < min(rows, features), else "random" (scikit-learn's rule,
   * which also takes NNDSVDa at k = min(rows, features); the truncated SVD here needs k below it)
   */
  readonly init?: NmfInit;
  /** Stop when the projected gradient falls to this share of the first iteration's. @defaultValue 1e-4 */
  readonly tol?: number;
  /** @defaultValue 200 */
  readonly maxIter?: number;
  /** Regularization of W, scaled by the number of features as scikit-learn's `alpha_W`. @defaultValue 0 */
  readonly alphaW?: number;
  /** Regularization of H, scaled by the number of rows; `"same"` takes `alphaW`. @defaultValue "same" */
  readonly alphaH?: number | "same";
  /** Share of L1 in the regularization (0: L2 only, 1: L1 only). @defaultValue 0 */
  readonly l1Ratio?: number;
  /** Seed of the random start and of the SVD's random projection. @defaultValue 0 */
  readonly seed?: number;
}

export interface NmfResult {
  /** Rows x k: each row's weight on each component (scikit-learn's `fit_transform` output). */
  readonly W: DenseMatrix;
  /** k x features: the components (scikit-learn's `components_`). */
  readonly H: DenseMatrix;
  /** Coordinate-descent iterations run (`n_iter_`). */
  readonly iterations: number;
  /** ‖X − WH‖ (Frobenius), scikit-learn's `reconstruction_err_`. */
  readonly reconstructionError: number;
  readonly converged: boolean;
  readonly warnings: readonly Warning[];
}

export const NMF_DEFAULTS = Object.freeze({ tol: 1e-4, maxIter: 200, alphaW: 0, alphaH: "same", l1Ratio: 0, seed: 0 });

/** NNDSVD entries below this are zero before the fill (scikit-learn's `eps`). */
const INIT_EPS = 1e-6;
/** Up to this many rows or features, the SVD behind NNDSVD is exact (the random range covers all of X). */
const EXACT_SVD_MAX = 500;

/**
 * Non-negative matrix factorization X ≈ W·H by coordinate descent on the Frobenius loss,
 * as scikit-learn's `NMF(solver="cd", beta_loss="frobenius", shuffle=False)`: the same
 * starts, the same cyclic update of every coordinate of W then of H (Cichocki & Phan 2009),
 * the same stopping rule on the projected gradient and the same regularization scaling.
 * Tested against scikit-learn 1.2 on a TF-IDF matrix. The SVD behind NNDSVD is exact up to
 * 500 rows or features and randomized above (7 power iterations, or 4 when k is a tenth or
 * more of the smaller side, as scikit-learn's `randomized_svd`), so starts agree with
 * scikit-learn's to the accuracy of its randomized SVD.
 * @throws InvalidArgumentError for negative entries, bad k or options.
 */
export function nmf(X: Vectors, k: number, options: NmfOptions = {}): NmfResult {
  const fn = "nmf";
  const o = checkOptions(fn, options, ["init", "tol", "maxIter", "alphaW", "alphaH", "l1Ratio", "seed"]);
  const p = nonNegativeCsr(fn, X);
  const { rows: n, cols: m } = p;
  checkInteger(fn, "k", k, 1, Number.MAX_SAFE_INTEGER);
  const settings = solverSettings(fn, o);
  const alphaH = o.alphaH ?? "same";
  if (alphaH !== "same") checkNumber(fn, "options.alphaH", alphaH, { min: 0 });
  const seed = checkInteger(fn, "options.seed", o.seed ?? NMF_DEFAULTS.seed, 0, Number.MAX_SAFE_INTEGER);
  const init = o.init ?? (k < Math.min(n, m) ? "nndsvda" : "random");
  const start = typeof init === "object" ? givenStart(fn, init, n, m, k) : firstFactors(fn, p, k, init, seed);

  const { alphaW, l1Ratio } = settings;
  const aH = alphaH === "same" ? alphaW : alphaH;
  const reg = {
    l1W: m * alphaW * l1Ratio,
    l2W: m * alphaW * (1 - l1Ratio),
    l1H: n * aH * l1Ratio,
    l2H: n * aH * (1 - l1Ratio),
  };
  const W = start.W;
  const Ht = transpose(start.H, k, m);
  // X·Ht and Xᵀ·W by the SVD's product kernels (WebAssembly SIMD where available), in their buffers.
  const kernels = createSvdKernels(p, k);
  const features = kernels.featuresBuffer;
  const rows = kernels.rowsBuffer;
  let iterations = 0;
  let converged = false;
  let first = 0;
  for (let it = 1; it <= settings.maxIter; it++) {
    iterations = it;
    // Both products and Gram matrices are made afresh each step, so they are regularized in place.
    features.set(Ht);
    const HHt = gramMatrix(features, m, k, kernels);
    kernels.multiply(features, k, rows);
    regularize(HHt, rows, k, reg.l1W, reg.l2W);
    let violation = updateCoordinates(W, n, HHt, rows, k);
    rows.set(W);
    const WtW = gramMatrix(rows, n, k, kernels);
    kernels.multiplyTransposed(rows, k, features);
    regularize(WtW, features, k, reg.l1H, reg.l2H);
    violation += updateCoordinates(Ht, m, WtW, features, k);
    if (it === 1) first = violation;
    if (first === 0 || violation / first <= settings.tol) {
      converged = true;
      break;
    }
  }
  const warnings: Warning[] = [];
  if (!converged && settings.tol > 0)
    warnings.push(
      warning("not-converged", `nmf: reached maxIter (${settings.maxIter}) before the tolerance; raise maxIter`),
    );
  const H = transpose(Ht, m, k);
  return {
    W: { rows: n, cols: k, data: W },
    H: { rows: k, cols: m, data: H },
    iterations,
    reconstructionError: frobeniusError(p, W, Ht, k),
    converged,
    warnings,
  };
}

/**
 * W for new rows with the components H fixed, as scikit-learn's `NMF.transform` (solver
 * "cd"): W starts at zero and only W's coordinates are updated, with the fit's tolerance,
 * iteration cap and W regularization.
 * @throws InvalidArgumentError for negative entries, a width other than H's, or bad options.
 */
export function nmfTransform(
  X: Vectors,
  H: DenseMatrix,
  options: Pick<NmfOptions, "tol" | "maxIter" | "alphaW" | "l1Ratio"> = {},
): DenseMatrix {
  return createNmfTransformer("nmfTransform", H, options)(X);
}

/**
 * {@link nmfTransform} with H fixed once: H·Hᵀ is computed here, not per call, and a few
 * rows (fewer stored values than H has columns) are multiplied with H as it is rather than
 * after transposing all of it. A fitted model's `predict` of one text costs its words, not
 * the size of the vocabulary. The same bits as transposing: each product is the same sum
 * in the same order.
 */
export function createNmfTransformer(
  fn: string,
  H: DenseMatrix,
  options: Pick<NmfOptions, "tol" | "maxIter" | "alphaW" | "l1Ratio"> = {},
): (X: Vectors) => DenseMatrix {
  const o = checkOptions(fn, options, ["tol", "maxIter", "alphaW", "l1Ratio"]);
  if (H === null || typeof H !== "object" || !(H.data instanceof Float64Array || H.data instanceof Float32Array))
    throw new InvalidArgumentError(`${fn}: H must be a DenseMatrix (k x features); got ${describeValue(H)}`, "H");
  const { tol, maxIter, alphaW, l1Ratio } = solverSettings(fn, o);
  const k = H.rows;
  const m = H.cols;
  const components = Float64Array.from(H.data);
  let HHt: Float64Array | null = null;
  return (X) => {
    const p = nonNegativeCsr(fn, X);
    if (m !== p.cols || components.length !== k * m)
      throw new InvalidArgumentError(`${fn}: H must be ${k} x ${p.cols} (X's width); got ${k} x ${m}`, "H");
    const n = p.rows;
    const XHt = new Float64Array(n * k);
    const Ht = isFewSparseRows(p) ? null : transpose(components, k, m);
    if (Ht === null) sparseTimesTransposed(p, components, k, XHt);
    else sparseTimesDense(p, Ht, k, XHt);
    HHt ??= gramMatrix(Ht ?? transpose(components, k, m), m, k);
    const G = Float64Array.from(HHt);
    regularize(G, XHt, k, m * alphaW * l1Ratio, m * alphaW * (1 - l1Ratio));
    const W = new Float64Array(n * k);
    let first = 0;
    for (let it = 1; it <= maxIter; it++) {
      const violation = updateCoordinates(W, n, G, XHt, k);
      if (it === 1) first = violation;
      if (first === 0 || violation / first <= tol) break;
    }
    return { rows: n, cols: k, data: W };
  };
}

type Csr = Extract<Points, { kind: "sparse" }> & { readonly data: Float64Array };

function solverSettings(
  fn: string,
  o: Pick<NmfOptions, "tol" | "maxIter" | "alphaW" | "l1Ratio">,
): { tol: number; maxIter: number; alphaW: number; l1Ratio: number } {
  return {
    tol: checkNumber(fn, "options.tol", o.tol ?? NMF_DEFAULTS.tol, { min: 0 }),
    maxIter: checkInteger(fn, "options.maxIter", o.maxIter ?? NMF_DEFAULTS.maxIter, 1),
    alphaW: checkNumber(fn, "options.alphaW", o.alphaW ?? NMF_DEFAULTS.alphaW, { min: 0 }),
    l1Ratio: checkNumber(fn, "options.l1Ratio", o.l1Ratio ?? NMF_DEFAULTS.l1Ratio, { min: 0, max: 1 }),
  };
}

/** X as CSR (a dense X is compressed), refused when any entry is negative. */
function nonNegativeCsr(fn: string, X: Vectors): Csr {
  const p = toPoints(X, fn);
  const cols = p.cols;
  const check = (value: number, row: number, col: number) => {
    if (value < 0)
      throw new InvalidArgumentError(
        `${fn}: X must be non-negative (NMF); got ${value} at row ${row}, column ${col}`,
        "X",
      );
  };
  if (p.kind === "sparse") {
    for (let r = 0; r < p.rows; r++)
      for (let q = p.indptr[r] as number; q < (p.indptr[r + 1] as number); q++)
        check(p.data[q] as number, r, p.indices[q] as number);
    // One element type in the hot loops.
    return { ...p, data: p.data instanceof Float64Array ? p.data : Float64Array.from(p.data) };
  }
  const indptr = new Int32Array(p.rows + 1);
  let nnz = 0;
  for (let i = 0; i < p.data.length; i++) {
    const v = p.data[i] as number;
    check(v, Math.floor(i / cols), i % cols);
    if (v !== 0) nnz++;
  }
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  let q = 0;
  for (let r = 0; r < p.rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = p.data[r * cols + c] as number;
      if (v === 0) continue;
      indices[q] = c;
      data[q++] = v;
    }
    indptr[r + 1] = q;
  }
  return { kind: "sparse", rows: p.rows, cols, indptr, indices, data };
}

function givenStart(
  fn: string,
  init: { readonly W: DenseMatrix; readonly H: DenseMatrix },
  n: number,
  m: number,
  k: number,
): { W: Float64Array; H: Float64Array } {
  const copy = (name: "W" | "H", M: DenseMatrix, rows: number, cols: number) => {
    const ok =
      M !== null &&
      typeof M === "object" &&
      M.rows === rows &&
      M.cols === cols &&
      (M.data instanceof Float64Array || M.data instanceof Float32Array) &&
      M.data.length === rows * cols;
    if (!ok)
      throw new InvalidArgumentError(
        `${fn}: options.init.${name} must be a ${rows} x ${cols} DenseMatrix; got ${describeValue(M)}`,
        `options.init.${name}`,
      );
    const data = Float64Array.from(M.data);
    for (const v of data)
      if (!(v >= 0) || !Number.isFinite(v))
        throw new InvalidArgumentError(
          `${fn}: options.init.${name} must hold finite non-negative numbers; got ${v}`,
          `options.init.${name}`,
        );
    return data;
  };
  if (init === null || !("W" in init) || !("H" in init))
    throw new InvalidArgumentError(
      `${fn}: options.init must be "nndsvda", "nndsvd", "random" or { W, H }; got ${describeValue(init)}`,
      "options.init",
    );
  return { W: copy("W", init.W, n, k), H: copy("H", init.H, k, m) };
}

/** The start `nmf` would use, as scikit-learn's `_initialize_nmf` (for tests and inspection). */
export function nmfStart(
  X: Vectors,
  k: number,
  init: "nndsvda" | "nndsvd" | "random",
  seed = 0,
): { W: Float64Array; H: Float64Array } {
  return firstFactors("nmfStart", nonNegativeCsr("nmfStart", X), k, init, seed);
}

/** NNDSVD(a) or random starts, as scikit-learn's `_initialize_nmf`. */
function firstFactors(
  fn: string,
  p: Csr,
  k: number,
  init: unknown,
  seed: number,
): { W: Float64Array; H: Float64Array } {
  const method = checkOneOf(fn, "options.init", init, ["nndsvda", "nndsvd", "random"] as const);
  const { rows: n, cols: m } = p;
  let total = 0;
  for (let q = 0; q < p.data.length; q++) total += p.data[q] as number;
  const mean = total / (n * m);
  if (method === "random") {
    const scale = Math.sqrt(mean / k);
    const random = createRandom(seed);
    // scikit-learn draws H first, then W.
    const H = standardNormals(k * m, random).map((v) => scale * Math.abs(v));
    const W = standardNormals(n * k, random).map((v) => scale * Math.abs(v));
    return { W, H };
  }
  const smaller = Math.min(n, m);
  if (k >= smaller)
    throw new InvalidArgumentError(
      `${fn}: init "${method}" needs k below min(rows, features) = ${smaller}; got k = ${k} (use init "random")`,
      "k",
    );
  const svd = truncatedSvd(p, k, {
    seed,
    nIter: k < 0.1 * smaller ? 7 : 4,
    nOversamples: smaller <= EXACT_SVD_MAX ? smaller : 10,
  });
  const W = new Float64Array(n * k);
  const H = new Float64Array(k * m);
  const u = new Float64Array(n);
  const v = new Float64Array(m);
  for (let j = 0; j < k; j++) {
    const s = svd.singularValues[j] as number;
    for (let i = 0; i < n; i++) u[i] = s > 0 ? (svd.embedding.data[i * k + j] as number) / s : 0;
    for (let f = 0; f < m; f++) v[f] = svd.components.data[j * m + f] as number;
    if (j === 0) {
      // The leading singular pair is non-negative up to sign.
      const root = Math.sqrt(s);
      for (let i = 0; i < n; i++) W[i * k] = root * Math.abs(u[i] as number);
      for (let f = 0; f < m; f++) H[f] = root * Math.abs(v[f] as number);
      continue;
    }
    // The positive or the negative parts of the pair, whichever carries more.
    const up = partNorm(u, 1);
    const un = partNorm(u, -1);
    const vp = partNorm(v, 1);
    const vn = partNorm(v, -1);
    const positive = up * vp > un * vn;
    const sign = positive ? 1 : -1;
    const [nu, nv, sigma] = positive ? [up, vp, up * vp] : [un, vn, un * vn];
    const lambda = Math.sqrt(s * sigma);
    for (let i = 0; i < n; i++) {
      const x = sign * (u[i] as number);
      W[i * k + j] = x > 0 && nu > 0 ? (lambda * x) / nu : 0;
    }
    for (let f = 0; f < m; f++) {
      const x = sign * (v[f] as number);
      H[j * m + f] = x > 0 && nv > 0 ? (lambda * x) / nv : 0;
    }
  }
  for (const M of [W, H])
    for (let i = 0; i < M.length; i++) {
      if ((M[i] as number) < INIT_EPS) M[i] = 0;
      if (method === "nndsvda" && M[i] === 0) M[i] = mean;
    }
  return { W, H };
}

/** Norm of the positive (sign 1) or negative (sign −1) part of a vector. */
function partNorm(x: Float64Array, sign: 1 | -1): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const v = sign * (x[i] as number);
    if (v > 0) s += v * v;
  }
  return Math.sqrt(s);
}

/**
 * One cyclic pass over every coordinate of F (rows x k): F[i][t] moves to
 * max(0, F[i][t] − grad / hess) with grad = (F·G)[i][t] − B[i][t] (G = the other factor's
 * Gram matrix, B = X times the other factor, both regularized by {@link regularize}),
 * component after component, as scikit-learn's `_update_cdnmf_fast`. Returns the sum of the
 * projected gradients' magnitudes.
 */
function updateCoordinates(F: Float64Array, rows: number, G: Float64Array, B: Float64Array, k: number): number {
  let violation = 0;
  for (let t = 0; t < k; t++) {
    const hess = G[t * k + t] as number;
    const gt = t * k;
    for (let i = 0; i < rows; i++) {
      const fi = i * k;
      let grad = -(B[fi + t] as number);
      for (let r = 0; r < k; r++) grad += (G[gt + r] as number) * (F[fi + r] as number);
      const value = F[fi + t] as number;
      violation += Math.abs(value === 0 ? Math.min(0, grad) : grad);
      if (hess !== 0) F[fi + t] = Math.max(value - grad / hess, 0);
    }
  }
  return violation;
}

/** Regularization in place, as scikit-learn applies it: L2 on the Gram matrix's diagonal, L1 off every entry of B. */
function regularize(G: Float64Array, B: Float64Array, k: number, l1: number, l2: number): void {
  if (l2 !== 0) for (let t = 0; t < k; t++) G[t * k + t] = (G[t * k + t] as number) + l2;
  if (l1 !== 0) for (let i = 0; i < B.length; i++) B[i] = (B[i] as number) - l1;
}

/** out = X·D with X sparse (rows x cols) and D dense (cols x k). */
function sparseTimesDense(X: Csr, D: Float64Array, k: number, out: Float64Array): void {
  out.fill(0);
  const { indptr, indices, data } = X;
  for (let r = 0; r < X.rows; r++) {
    const o = r * k;
    const end = indptr[r + 1] as number;
    for (let q = indptr[r] as number; q < end; q++) {
      const x = data[q] as number;
      const d = (indices[q] as number) * k;
      for (let t = 0; t < k; t++) out[o + t] = (out[o + t] as number) + x * (D[d + t] as number);
    }
  }
}

function transpose(M: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = M[r * cols + c] as number;
  return out;
}

/** ‖X − W·H‖ from ‖X‖², the cross term and trace(WᵀW·HHᵀ), without forming W·H. */
function frobeniusError(X: Csr, W: Float64Array, Ht: Float64Array, k: number): number {
  let normX = 0;
  for (let q = 0; q < X.data.length; q++) normX += (X.data[q] as number) ** 2;
  const XHt = new Float64Array(X.rows * k);
  sparseTimesDense(X, Ht, k, XHt);
  let cross = 0;
  for (let i = 0; i < XHt.length; i++) cross += (XHt[i] as number) * (W[i] as number);
  const WtW = gramMatrix(W, X.rows, k);
  const HHt = gramMatrix(Ht, X.cols, k);
  let normWH = 0;
  for (let i = 0; i < k * k; i++) normWH += (WtW[i] as number) * (HHt[i] as number);
  return Math.sqrt(Math.max(0, normX - 2 * cross + normWH));
}
