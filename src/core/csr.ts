import { describeValue } from "./describe.js";
import { InvalidArgumentError } from "./errors.js";

/**
 * A compressed sparse row matrix (rows = documents, columns = terms), laid out as
 * scikit-learn's `csr_matrix` with sorted indices: the entries of row `i` are
 * `indices[indptr[i]..indptr[i+1])` and `data[...]` over the same range.
 */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** `rows + 1` offsets, starting at 0, non-decreasing. */
  readonly indptr: Int32Array;
  /** Column of each stored entry, strictly increasing within a row. */
  readonly indices: Int32Array;
  readonly data: Float64Array | Float32Array;
}

/** True when `x` has the shape of a {@link CsrMatrix} (does not check invariants). */
export function isCsrMatrix(x: unknown): x is CsrMatrix {
  if (x === null || typeof x !== "object") return false;
  const m = x as Partial<CsrMatrix>;
  return m.indptr instanceof Int32Array && m.indices instanceof Int32Array && typeof m.rows === "number";
}

/**
 * Checks every CSR invariant: shapes, offsets, sorted in-range column indices and
 * finite values. O(nnz).
 * @throws InvalidArgumentError naming `fn` and `name` at the first violation.
 */
export function assertCsr(x: unknown, fn = "assertCsr", name = "X"): asserts x is CsrMatrix {
  const bad = (what: string): never => {
    throw new InvalidArgumentError(`${fn}: ${name} is not a valid CSR matrix: ${what}`, name);
  };
  if (!isCsrMatrix(x)) bad("expected {rows, cols, indptr: Int32Array, indices: Int32Array, data}");
  const m = x as CsrMatrix;
  if (!(m.data instanceof Float64Array || m.data instanceof Float32Array))
    bad("data must be a Float64Array or Float32Array");
  if (!Number.isInteger(m.rows) || m.rows < 0) bad(`rows must be a non-negative integer; got ${m.rows}`);
  if (!Number.isInteger(m.cols) || m.cols < 0) bad(`cols must be a non-negative integer; got ${m.cols}`);
  if (m.indptr.length !== m.rows + 1) bad(`indptr has length ${m.indptr.length}, expected rows + 1 = ${m.rows + 1}`);
  if (m.indptr[0] !== 0) bad("indptr[0] must be 0");
  const nnz = m.indptr[m.rows] as number;
  if (m.indices.length < nnz || m.data.length < nnz) bad(`indices and data must hold indptr[rows] = ${nnz} entries`);
  for (let r = 0; r < m.rows; r++) {
    const start = m.indptr[r] as number;
    const end = m.indptr[r + 1] as number;
    if (end < start) bad(`indptr decreases at row ${r}`);
    let prev = -1;
    for (let p = start; p < end; p++) {
      const c = m.indices[p] as number;
      if (c <= prev || c >= m.cols) bad(`row ${r} has unsorted or out-of-range column index ${c}`);
      if (!Number.isFinite(m.data[p] as number)) bad(`row ${r}, column ${c} holds ${m.data[p]}`);
      prev = c;
    }
  }
}

/** Number of stored entries. */
export function csrNnz(x: CsrMatrix): number {
  return x.indptr[x.rows] as number;
}

/** Euclidean norm of every row, accumulated in float64. */
export function csrRowNorms(x: CsrMatrix): Float64Array {
  const out = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let s = 0;
    for (let p = x.indptr[r] as number, end = x.indptr[r + 1] as number; p < end; p++) {
      const v = x.data[p] as number;
      s += v * v;
    }
    out[r] = Math.sqrt(s);
  }
  return out;
}

/** A copy whose non-zero rows have unit L2 norm (zero rows stay zero). */
export function csrNormalizeRows(x: CsrMatrix): CsrMatrix {
  const norms = csrRowNorms(x);
  const data = new Float64Array(csrNnz(x));
  for (let r = 0; r < x.rows; r++) {
    const n = norms[r] as number;
    for (let p = x.indptr[r] as number, end = x.indptr[r + 1] as number; p < end; p++) {
      data[p] = n > 0 ? (x.data[p] as number) / n : 0;
    }
  }
  return { rows: x.rows, cols: x.cols, indptr: x.indptr.slice(), indices: x.indices.slice(0, data.length), data };
}

/** The transpose, as CSR (i.e. the CSC form of `x`). O(nnz + cols). */
export function csrTranspose(x: CsrMatrix): CsrMatrix {
  const nnz = csrNnz(x);
  const indptr = new Int32Array(x.cols + 1);
  for (let p = 0; p < nnz; p++) (indptr[(x.indices[p] as number) + 1] as number)++;
  for (let c = 0; c < x.cols; c++) indptr[c + 1] = (indptr[c + 1] as number) + (indptr[c] as number);
  const next = indptr.slice(0, x.cols);
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  for (let r = 0; r < x.rows; r++) {
    for (let p = x.indptr[r] as number, end = x.indptr[r + 1] as number; p < end; p++) {
      const c = x.indices[p] as number;
      const q = next[c] as number;
      next[c] = q + 1;
      indices[q] = r;
      data[q] = x.data[p] as number;
    }
  }
  return { rows: x.cols, cols: x.rows, indptr, indices, data };
}

/**
 * Checks the shape of a CSR matrix in O(1): typed arrays, integer dimensions, `rows + 1`
 * offsets and room for `indptr[rows]` entries; not the order or finiteness of its entries
 * (see {@link assertCsr}), so functions that read a large matrix once can afford it.
 * @throws InvalidArgumentError naming `name`.
 */
export function checkCsrShape(fn: string, name: string, x: unknown): asserts x is CsrMatrix {
  const bad = (what: string): never => {
    throw new InvalidArgumentError(`${fn}: ${name} is not a valid CSR matrix: ${what}`, name);
  };
  if (!isCsrMatrix(x))
    bad(`expected {rows, cols, indptr: Int32Array, indices: Int32Array, data}; got ${describeValue(x)}`);
  const m = x as CsrMatrix;
  if (!(m.data instanceof Float64Array || m.data instanceof Float32Array))
    bad("data must be a Float64Array or Float32Array");
  if (!Number.isInteger(m.rows) || m.rows < 0 || !Number.isInteger(m.cols) || m.cols < 0)
    bad(`rows and cols must be non-negative integers; got ${m.rows} x ${m.cols}`);
  if (m.indptr.length !== m.rows + 1) bad(`indptr has length ${m.indptr.length}, expected rows + 1 = ${m.rows + 1}`);
  const nnz = m.indptr[m.rows] as number;
  if (m.indptr[0] !== 0 || nnz < 0 || m.indices.length < nnz || m.data.length < nnz)
    bad(`indptr must start at 0 and indices and data hold indptr[rows] = ${nnz} entries`);
}
