import { float64Array } from "../core/alloc.js";
import type { CsrMatrix } from "../core/csr.js";
import { log } from "../core/math.js";
import type { ResolvedTfidfOptions } from "./options.js";

/**
 * Inverse document frequency, as scikit-learn's TfidfTransformer:
 * `ln((1 + n) / (1 + df)) + 1` when smoothing, `ln(n / df) + 1` otherwise.
 */
export function inverseDocumentFrequency(df: Int32Array, nDocs: number, smooth: boolean): Float64Array {
  const idf = new Float64Array(df.length);
  const s = smooth ? 1 : 0;
  for (let t = 0; t < df.length; t++) idf[t] = log((nDocs + s) / ((df[t] as number) + s)) + 1;
  return idf;
}

/** Document frequency of every column of a count matrix. O(nnz). */
export function columnDocumentFrequency(counts: CsrMatrix): Int32Array {
  const df = new Int32Array(counts.cols);
  const nnz = counts.indptr[counts.rows] as number;
  for (let p = 0; p < nnz; p++) {
    if ((counts.data[p] as number) !== 0)
      df[counts.indices[p] as number] = (df[counts.indices[p] as number] as number) + 1;
  }
  return df;
}

/**
 * TF-IDF weights from raw counts: optional sublinear tf (1 + ln tf), idf scaling and
 * row normalisation, in scikit-learn's order of operations so values agree to the last
 * bits. Shares the sparsity structure of `counts`. O(nnz).
 */
export function weightCounts(
  counts: CsrMatrix,
  idf: Float64Array,
  options: ResolvedTfidfOptions,
  shared = false,
): CsrMatrix {
  const nnz = counts.indptr[counts.rows] as number;
  const data = float64Array(nnz, shared);
  for (let p = 0; p < nnz; p++) {
    let v = counts.data[p] as number;
    if (options.sublinearTf) v = log(v) + 1;
    if (options.useIdf) v *= idf[counts.indices[p] as number] as number;
    data[p] = v;
  }
  if (options.norm !== null) {
    const l2 = options.norm === "l2";
    for (let r = 0; r < counts.rows; r++) {
      const start = counts.indptr[r] as number;
      const end = counts.indptr[r + 1] as number;
      let s = 0;
      for (let p = start; p < end; p++) {
        const v = data[p] as number;
        s += l2 ? v * v : Math.abs(v);
      }
      if (s === 0) continue;
      const norm = l2 ? Math.sqrt(s) : s;
      for (let p = start; p < end; p++) data[p] = (data[p] as number) / norm;
    }
  }
  return { rows: counts.rows, cols: counts.cols, indptr: counts.indptr, indices: counts.indices, data };
}
