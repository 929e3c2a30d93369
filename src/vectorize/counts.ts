import { int32Array } from "../core/alloc.js";
import type { CsrMatrix } from "../core/csr.js";
import { GrowableInt32 } from "../core/growable.js";

/**
 * Accumulates rows of term-column occurrences into a CSR count matrix with sorted
 * indices and summed duplicates. Scratch space is sized once per matrix.
 */
export class CountMatrixBuilder {
  private readonly scratch: Float64Array;
  // Signed values can cancel to 0, so membership of the current row is tracked apart.
  private readonly touchedFlag: Uint8Array;
  private touched: Int32Array;
  private nTouched = 0;
  private readonly indptr: GrowableInt32 = new GrowableInt32(1024);
  private readonly indices: GrowableInt32 = new GrowableInt32(1 << 16);
  private data: Float64Array = new Float64Array(1 << 16);

  constructor(
    private readonly cols: number,
    private readonly binary: boolean,
  ) {
    this.scratch = new Float64Array(cols);
    this.touchedFlag = new Uint8Array(cols);
    this.touched = new Int32Array(256);
    this.indptr.push(0);
  }

  /** Adds `value` (one occurrence by default) to column `c` of the current row. */
  add(c: number, value = 1): void {
    if (this.scratch[c] === 0 && !this.touchedFlag[c]) {
      this.touchedFlag[c] = 1;
      if (this.nTouched === this.touched.length) {
        const next = new Int32Array(this.touched.length * 2);
        next.set(this.touched);
        this.touched = next;
      }
      this.touched[this.nTouched++] = c;
    }
    this.scratch[c] = (this.scratch[c] as number) + value;
  }

  /** Closes the current row. */
  endRow(): void {
    const row = this.touched.subarray(0, this.nTouched);
    row.sort();
    const start = this.indices.length;
    this.indices.ensureLength(start + row.length);
    if (this.data.length < start + row.length) {
      const next = new Float64Array(Math.max(start + row.length, this.data.length * 2));
      next.set(this.data.subarray(0, start));
      this.data = next;
    }
    for (let i = 0; i < row.length; i++) {
      const c = row[i] as number;
      this.indices.set(start + i, c);
      this.data[start + i] = this.binary ? 1 : (this.scratch[c] as number);
      this.scratch[c] = 0;
      this.touchedFlag[c] = 0;
    }
    this.nTouched = 0;
    this.indptr.push(start + row.length);
  }

  build(): CsrMatrix {
    const nnz = this.indices.length;
    return {
      rows: this.indptr.length - 1,
      cols: this.cols,
      indptr: this.indptr.toArray(),
      indices: this.indices.toArray(),
      data: this.data.slice(0, nnz),
    };
  }
}

/**
 * The count matrix straight from a scan's retained term ids, in two passes so every
 * array is allocated once at its final size (no growth, no copies): the first counts
 * each row's distinct columns, the second fills them. Counts are stored as float32,
 * exact for any count below 2^24 (rows with more tokens than that fall back to float64).
 * With `rowIds`, only those documents, in that order (row r is document rowIds[r]).
 */
export function countsFromStream(
  stream: Int32Array,
  offsets: Int32Array,
  columnOf: Int32Array,
  cols: number,
  rows: number,
  binary: boolean,
  shared = false,
  rowIds: ArrayLike<number> | null = null,
): CsrMatrix {
  const mark = new Int32Array(cols).fill(-1);
  const indptr = int32Array(rows + 1, shared);
  let longest = 0;
  for (let r = 0; r < rows; r++) {
    const d = rowIds === null ? r : (rowIds[r] as number);
    let distinct = 0;
    const start = offsets[d] as number;
    const end = offsets[d + 1] as number;
    longest = Math.max(longest, end - start);
    for (let p = start; p < end; p++) {
      const c = columnOf[stream[p] as number] as number;
      if (c >= 0 && mark[c] !== r) {
        mark[c] = r;
        distinct++;
      }
    }
    indptr[r + 1] = (indptr[r] as number) + distinct;
  }
  const nnz = indptr[rows] as number;
  const indices = int32Array(nnz, shared);
  const data = longest < 2 ** 24 ? new Float32Array(nnz) : new Float64Array(nnz);
  const scratch = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const d = rowIds === null ? r : (rowIds[r] as number);
    const rowStart = indptr[r] as number;
    let n = 0;
    for (let p = offsets[d] as number, end = offsets[d + 1] as number; p < end; p++) {
      const c = columnOf[stream[p] as number] as number;
      if (c < 0) continue;
      if (scratch[c] === 0) indices[rowStart + n++] = c;
      scratch[c] = (scratch[c] as number) + 1;
    }
    const row = indices.subarray(rowStart, rowStart + n);
    row.sort();
    for (let i = 0; i < n; i++) {
      const c = row[i] as number;
      data[rowStart + i] = binary ? 1 : (scratch[c] as number);
      scratch[c] = 0;
    }
  }
  return { rows, cols, indptr, indices, data };
}
