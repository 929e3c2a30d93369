import { assertCsr, type CsrMatrix, isCsrMatrix } from "./csr.js";
import { assertDense, type DenseMatrix, denseFromRows, isDenseMatrix } from "./dense.js";
import { describeValue } from "./describe.js";
import { EmptyInputError, InvalidArgumentError } from "./errors.js";

/** The vectors any clustering routine accepts. */
export type Vectors = CsrMatrix | DenseMatrix | readonly (readonly number[])[];

/** Validated vectors in one of the two layouts the kernels understand. */
export type Points =
  | { readonly kind: "dense"; readonly rows: number; readonly cols: number; readonly data: Float64Array | Float32Array }
  | {
      readonly kind: "sparse";
      readonly rows: number;
      readonly cols: number;
      readonly indptr: Int32Array;
      readonly indices: Int32Array;
      readonly data: Float64Array | Float32Array;
    };

/**
 * Checks and wraps `X` without copying typed arrays (plain arrays are converted once).
 * @throws InvalidArgumentError for NaN/Infinity, ragged rows or malformed matrices.
 * @throws EmptyInputError when X has no rows or no columns.
 */
/** A CSR or dense matrix already validated, as the kernels' tagged points (no copy, no checks). */
export function asPoints(X: CsrMatrix | DenseMatrix): Points {
  return "indptr" in X
    ? { kind: "sparse", rows: X.rows, cols: X.cols, indptr: X.indptr, indices: X.indices, data: X.data }
    : { kind: "dense", rows: X.rows, cols: X.cols, data: X.data };
}

export function toPoints(X: Vectors, fn: string, name = "X"): Points {
  let points: Points;
  if (isCsrMatrix(X)) {
    assertCsr(X, fn, name);
    points = { kind: "sparse", rows: X.rows, cols: X.cols, indptr: X.indptr, indices: X.indices, data: X.data };
  } else if (isDenseMatrix(X)) {
    assertDense(X, fn, name);
    points = { kind: "dense", rows: X.rows, cols: X.cols, data: X.data };
  } else if (Array.isArray(X)) {
    const m = denseFromRows(X, fn, name);
    points = { kind: "dense", rows: m.rows, cols: m.cols, data: m.data };
  } else {
    throw new InvalidArgumentError(
      `${fn}: ${name} must be a CsrMatrix, a DenseMatrix or an array of number rows; got ${describeValue(X)}`,
      name,
    );
  }
  if (points.rows === 0) throw new EmptyInputError(`${fn}: ${name} must hold at least one row; got 0 rows`, name);
  if (points.cols === 0) throw new EmptyInputError(`${fn}: ${name} must have at least one column; got 0`, name);
  return points;
}

/** Squared L2 norm of every row, in float64. */
export function squaredRowNorms(p: Points): Float64Array {
  const out = new Float64Array(p.rows);
  if (p.kind === "sparse") {
    for (let i = 0; i < p.rows; i++) {
      let s = 0;
      for (let q = p.indptr[i] as number, end = p.indptr[i + 1] as number; q < end; q++) {
        const v = p.data[q] as number;
        s += v * v;
      }
      out[i] = s;
    }
  } else {
    const d = p.cols;
    for (let i = 0; i < p.rows; i++) {
      let s = 0;
      for (let f = i * d, end = f + d; f < end; f++) {
        const v = p.data[f] as number;
        s += v * v;
      }
      out[i] = s;
    }
  }
  return out;
}

/**
 * Unit-L2 rows (zero rows stay zero), for the cosine metric. Rows that are already unit
 * length (TF-IDF with l2 norm; float32 rows within float32's rounding) are used as they
 * are, without a copy.
 */
export function normalizePoints(p: Points): Points {
  const norms = squaredRowNorms(p);
  // Float32 rows that were scaled to unit length before rounding are as unit as float32
  // allows: used as they are, or a million-row embedding would be copied to float64 here.
  const tolerance = p.data instanceof Float64Array ? 1e-12 : 1e-6;
  let unit = true;
  for (let i = 0; i < p.rows && unit; i++) {
    const n = norms[i] as number;
    unit = n === 0 || Math.abs(n - 1) <= tolerance;
  }
  if (unit) return p;
  const data = new Float64Array(p.data.length);
  if (p.kind === "sparse") {
    for (let i = 0; i < p.rows; i++) {
      const n = Math.sqrt(norms[i] as number);
      for (let q = p.indptr[i] as number, end = p.indptr[i + 1] as number; q < end; q++) {
        data[q] = n > 0 ? (p.data[q] as number) / n : 0;
      }
    }
    return { ...p, data };
  }
  for (let i = 0; i < p.rows; i++) {
    const n = Math.sqrt(norms[i] as number);
    if (n === 0) continue;
    for (let f = i * p.cols, end = f + p.cols; f < end; f++) data[f] = (p.data[f] as number) / n;
  }
  return { ...p, data };
}

/** Writes row `i` of `p` into `out` (length cols), as dense float64. */
export function copyRow(p: Points, i: number, out: Float64Array, offset = 0): void {
  if (p.kind === "dense") {
    for (let f = 0; f < p.cols; f++) out[offset + f] = p.data[i * p.cols + f] as number;
  } else {
    out.fill(0, offset, offset + p.cols);
    for (let q = p.indptr[i] as number, end = p.indptr[i + 1] as number; q < end; q++) {
      out[offset + (p.indices[q] as number)] = p.data[q] as number;
    }
  }
}

/** 1 for each row of p that is all zeros (a document with no term), else 0. O(nnz). */
export function zeroRows(p: Points): Uint8Array {
  const norms = squaredRowNorms(p);
  return Uint8Array.from(norms, (s) => (s === 0 ? 1 : 0));
}

/**
 * Whether p is a sparse batch holding no more stored values than it has columns (a query,
 * a few new texts): multiplying it by a k x cols matrix as it is then costs less than
 * transposing the matrix for the kernels.
 */
export function isFewSparseRows(p: Points): p is Points & { kind: "sparse" } {
  return p.kind === "sparse" && (p.indptr[p.rows] as number) - (p.indptr[0] as number) <= p.cols;
}

/**
 * out (rows x k) = X·Mᵀ for sparse rows X and M dense (k x cols, row-major), read as it is:
 * for a few rows, cheaper than transposing M first. Each output is the sum, in the row's
 * order, of the products a kernel over Mᵀ forms: the same bits.
 */
export function sparseTimesTransposed(
  p: Points & { kind: "sparse" },
  m: Float64Array | Float32Array,
  k: number,
  out: Float64Array,
): void {
  const cols = p.cols;
  out.fill(0, 0, p.rows * k);
  for (let i = 0; i < p.rows; i++) {
    const o = i * k;
    for (let q = p.indptr[i] as number, end = p.indptr[i + 1] as number; q < end; q++) {
      const f = p.indices[q] as number;
      const v = p.data[q] as number;
      for (let r = 0; r < k; r++) out[o + r] = (out[o + r] as number) + v * (m[r * cols + f] as number);
    }
  }
}

/** Dot product of row `i` with `vector` (dense, length cols). */
export function rowDot(p: Points, i: number, vector: Float64Array, offset = 0): number {
  let s = 0;
  if (p.kind === "dense") {
    for (let f = 0, base = i * p.cols; f < p.cols; f++)
      s += (p.data[base + f] as number) * (vector[offset + f] as number);
  } else {
    for (let q = p.indptr[i] as number, end = p.indptr[i + 1] as number; q < end; q++) {
      s += (p.data[q] as number) * (vector[offset + (p.indices[q] as number)] as number);
    }
  }
  return s;
}

/** Mean variance of the columns (population variance), as scikit-learn's `_tolerance` uses. */
export function meanColumnVariance(p: Points): number {
  const n = p.rows;
  const sum = new Float64Array(p.cols);
  const sumSq = new Float64Array(p.cols);
  if (p.kind === "sparse") {
    for (let q = 0, end = p.indptr[n] as number; q < end; q++) {
      const v = p.data[q] as number;
      const c = p.indices[q] as number;
      sum[c] = (sum[c] as number) + v;
    }
    for (let c = 0; c < p.cols; c++) sum[c] = (sum[c] as number) / n;
    const nnz = new Int32Array(p.cols);
    for (let q = 0, end = p.indptr[n] as number; q < end; q++) {
      const c = p.indices[q] as number;
      const diff = (p.data[q] as number) - (sum[c] as number);
      sumSq[c] = (sumSq[c] as number) + diff * diff;
      nnz[c] = (nnz[c] as number) + 1;
    }
    let total = 0;
    for (let c = 0; c < p.cols; c++) {
      const m = sum[c] as number;
      total += ((sumSq[c] as number) + (n - (nnz[c] as number)) * m * m) / n;
    }
    return total / p.cols;
  }
  for (let i = 0; i < n; i++) {
    for (let c = 0, base = i * p.cols; c < p.cols; c++) sum[c] = (sum[c] as number) + (p.data[base + c] as number);
  }
  for (let c = 0; c < p.cols; c++) sum[c] = (sum[c] as number) / n;
  for (let i = 0; i < n; i++) {
    for (let c = 0, base = i * p.cols; c < p.cols; c++) {
      const diff = (p.data[base + c] as number) - (sum[c] as number);
      sumSq[c] = (sumSq[c] as number) + diff * diff;
    }
  }
  let total = 0;
  for (let c = 0; c < p.cols; c++) total += (sumSq[c] as number) / n;
  return total / p.cols;
}

/** The rows `ids` of `p`, in that order, as new float64 points of the same kind. O(selected nnz). */
export function selectRows(p: Points, ids: ArrayLike<number>): Points {
  const n = ids.length;
  if (p.kind === "dense") {
    const data = new Float64Array(n * p.cols);
    for (let i = 0; i < n; i++) {
      const r = ids[i] as number;
      data.set(p.data.subarray(r * p.cols, (r + 1) * p.cols), i * p.cols);
    }
    return { kind: "dense", rows: n, cols: p.cols, data };
  }
  const indptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const r = ids[i] as number;
    indptr[i + 1] = (indptr[i] as number) + (p.indptr[r + 1] as number) - (p.indptr[r] as number);
  }
  const indices = new Int32Array(indptr[n] as number);
  const data = new Float64Array(indptr[n] as number);
  for (let i = 0; i < n; i++) {
    const r = ids[i] as number;
    indices.set(p.indices.subarray(p.indptr[r], p.indptr[r + 1]), indptr[i] as number);
    data.set(p.data.subarray(p.indptr[r], p.indptr[r + 1]), indptr[i] as number);
  }
  return { kind: "sparse", rows: n, cols: p.cols, indptr, indices, data };
}

/** The rows listed in `rowIds`, in that order, as a new CSR matrix. O(selected nnz). */
export function csrSelectRows(x: CsrMatrix, rowIds: ArrayLike<number>): CsrMatrix {
  const p = selectRows(
    { kind: "sparse", rows: x.rows, cols: x.cols, indptr: x.indptr, indices: x.indices, data: x.data },
    rowIds,
  );
  if (p.kind !== "sparse") throw new Error("unreachable");
  return { rows: p.rows, cols: p.cols, indptr: p.indptr, indices: p.indices, data: p.data };
}
