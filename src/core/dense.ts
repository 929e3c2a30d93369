import { describeValue } from "./describe.js";
import { EmptyInputError, InvalidArgumentError } from "./errors.js";

/** A row-major dense matrix; embeddings are often float32. */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array | Float32Array;
}

export function isDenseMatrix(x: unknown): x is DenseMatrix {
  if (x === null || typeof x !== "object") return false;
  const m = x as Partial<DenseMatrix>;
  return (
    typeof m.rows === "number" &&
    typeof m.cols === "number" &&
    (m.data instanceof Float64Array || m.data instanceof Float32Array) &&
    !("indptr" in m)
  );
}

/**
 * Converts `readonly number[][]` into a {@link DenseMatrix} (float64), checking
 * that rows are equally long and every value is finite.
 */
export function denseFromRows(rows: readonly (readonly number[])[], fn = "denseFromRows", name = "X"): DenseMatrix {
  if (!Array.isArray(rows)) {
    throw new InvalidArgumentError(`${fn}: ${name} must be an array of rows; got ${describeValue(rows)}`, name);
  }
  if (rows.length === 0) throw new EmptyInputError(`${fn}: ${name} must hold at least one row; got 0 rows`, name);
  const first = rows[0];
  if (!Array.isArray(first) && !ArrayBuffer.isView(first)) {
    throw new InvalidArgumentError(`${fn}: ${name}[0] must be an array of numbers; got ${describeValue(first)}`, name);
  }
  const cols = (first as readonly number[]).length;
  const data = new Float64Array(rows.length * cols);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if ((!Array.isArray(row) && !ArrayBuffer.isView(row)) || (row as readonly number[]).length !== cols) {
      throw new InvalidArgumentError(
        `${fn}: ${name} rows must all have length ${cols} (ragged rows); row ${i} is ${describeValue(row)}`,
        name,
      );
    }
    for (let j = 0; j < cols; j++) {
      const v = (row as readonly number[])[j];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new InvalidArgumentError(
          `${fn}: ${name} must hold finite numbers; got ${describeValue(v)} at row ${i}, column ${j}`,
          name,
        );
      }
      data[i * cols + j] = v;
    }
  }
  return { rows: rows.length, cols, data };
}

/** Checks shape and finiteness of a {@link DenseMatrix}. O(rows * cols). */
export function assertDense(x: DenseMatrix, fn: string, name = "X"): void {
  if (!Number.isInteger(x.rows) || !Number.isInteger(x.cols) || x.rows < 0 || x.cols < 0) {
    throw new InvalidArgumentError(`${fn}: ${name} must have integer rows and cols; got ${x.rows} x ${x.cols}`, name);
  }
  if (x.data.length !== x.rows * x.cols) {
    throw new InvalidArgumentError(
      `${fn}: ${name}.data must hold rows * cols = ${x.rows * x.cols} values; got ${x.data.length}`,
      name,
    );
  }
  const d = x.data;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i] as number)) {
      const r = Math.floor(i / Math.max(1, x.cols));
      throw new InvalidArgumentError(
        `${fn}: ${name} must hold finite numbers; got ${d[i]} at row ${r}, column ${i - r * x.cols}`,
        name,
      );
    }
  }
}

/** Euclidean norm of every row, accumulated in float64. */
export function denseRowNorms(x: DenseMatrix): Float64Array {
  const out = new Float64Array(x.rows);
  const d = x.data;
  for (let r = 0, off = 0; r < x.rows; r++, off += x.cols) {
    let s = 0;
    for (let j = 0; j < x.cols; j++) {
      const v = d[off + j] as number;
      s += v * v;
    }
    out[r] = Math.sqrt(s);
  }
  return out;
}

/** A float64 copy whose non-zero rows have unit L2 norm. */
export function denseNormalizeRows(x: DenseMatrix): DenseMatrix {
  const data = new Float64Array(x.rows * x.cols);
  divideRowsByNorms(x, data);
  return { rows: x.rows, cols: x.cols, data };
}

/** {@link denseNormalizeRows} in place, with the same bits, for a float64 matrix the caller owns. */
export function denseNormalizeRowsInPlace(x: DenseMatrix & { readonly data: Float64Array }): void {
  divideRowsByNorms(x, x.data);
}

function divideRowsByNorms(x: DenseMatrix, out: Float64Array): void {
  const norms = denseRowNorms(x);
  for (let r = 0, off = 0; r < x.rows; r++, off += x.cols) {
    const n = norms[r] as number;
    if (n === 0) continue;
    for (let j = 0; j < x.cols; j++) out[off + j] = (x.data[off + j] as number) / n;
  }
}

/**
 * Scales each row of a row-major `rows x cols` array to unit L2 length in place (rows of
 * zeros stay zero), multiplying by the inverse norm. Used for spherical k-means centres.
 */
export function normalizeRowsInPlace(data: Float64Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let f = r * cols, end = f + cols; f < end; f++) s += (data[f] as number) ** 2;
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let f = r * cols, end = f + cols; f < end; f++) data[f] = (data[f] as number) * inv;
  }
}
