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
  options: Pick<ResolvedTfidfOptions, "sublinearTf" | "useIdf" | "norm">,
  shared = false,
): CsrMatrix {
  const nnz = counts.indptr[counts.rows] as number;
  const data = float64Array(nnz, shared);
  for (let p = 0; p < nnz; p++) {
    let v = counts.data[p] as number;
    // Signed hashed counts can be negative; 1 + ln(tf) applies to positive counts only.
    if (options.sublinearTf && v > 0) v = log(v) + 1;
    if (options.useIdf) v *= idf[counts.indices[p] as number] as number;
    data[p] = v;
  }
  const weighted = { rows: counts.rows, cols: counts.cols, indptr: counts.indptr, indices: counts.indices, data };
  if (options.norm !== null) normalizeCsrRows(weighted, options.norm);
  return weighted;
}

/** Divides each row of `m` by its L2 (or L1) norm in place, as scikit-learn's `normalize`. O(nnz). */
export function normalizeCsrRows(m: CsrMatrix, norm: "l1" | "l2"): void {
  const data = m.data;
  const l2 = norm === "l2";
  for (let r = 0; r < m.rows; r++) {
    const start = m.indptr[r] as number;
    const end = m.indptr[r + 1] as number;
    let s = 0;
    for (let p = start; p < end; p++) {
      const v = data[p] as number;
      s += l2 ? v * v : Math.abs(v);
    }
    if (s === 0) continue;
    const scale = l2 ? Math.sqrt(s) : s;
    for (let p = start; p < end; p++) data[p] = (data[p] as number) / scale;
  }
}
