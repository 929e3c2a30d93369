import { float64Array } from "../core/alloc.js";
import type { CsrMatrix } from "../core/csr.js";
import { checkCsrShape } from "../core/csr.js";
import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { log } from "../core/math.js";
import { checkInteger } from "../core/validate.js";

/** Spark ML's fitted `IDFModel`: the weights, and what they were computed from. */
export interface SparkIdf {
  /** ln((m + 1) / (df + 1)) per feature, 0 where df < minDocFreq. */
  readonly idf: Float64Array;
  /** Documents with a positive count of each feature. */
  readonly docFreq: Float64Array;
  readonly numDocs: number;
}

/**
 * Spark ML's `IDF.fit`: a document counts toward a feature's frequency when its value is
 * positive, and idf = ln((m + 1) / (df + 1)), set to 0 below `minDocFreq`. Unlike
 * scikit-learn there is no "+ 1" on the idf. O(nnz).
 */
export function fitSparkIdf(counts: CsrMatrix, minDocFreq = 0): SparkIdf {
  checkCsrShape("fitSparkIdf", "counts", counts);
  checkInteger("fitSparkIdf", "minDocFreq", minDocFreq, 0);
  const docFreq = addDocumentFrequencies(counts, new Float64Array(counts.cols));
  return { idf: sparkIdfOf(docFreq, counts.rows, minDocFreq), docFreq, numDocs: counts.rows };
}

/** Adds to `docFreq` the documents of `counts` with a positive value of each feature (one block of a stream at a time). */
export function addDocumentFrequencies(counts: CsrMatrix, docFreq: Float64Array): Float64Array {
  const nnz = counts.indptr[counts.rows] as number;
  for (let p = 0; p < nnz; p++) {
    const j = counts.indices[p] as number;
    if ((counts.data[p] as number) > 0) docFreq[j] = (docFreq[j] as number) + 1;
  }
  return docFreq;
}

/** The idf of document frequencies, as `IDF.fit` computes it. */
export function sparkIdfOf(docFreq: Float64Array, numDocs: number, minDocFreq: number): Float64Array {
  const idf = new Float64Array(docFreq.length);
  for (let j = 0; j < docFreq.length; j++) {
    const df = docFreq[j] as number;
    idf[j] = df >= minDocFreq ? log((numDocs + 1) / (df + 1)) : 0;
  }
  return idf;
}

/**
 * `IDFModel.transform`: every stored value times its feature's idf, with no normalisation;
 * entries whose product is 0 stay stored, as in Spark's sparse vectors. O(nnz).
 */
export function applySparkIdf(counts: CsrMatrix, idf: Float64Array): CsrMatrix {
  checkCsrShape("applySparkIdf", "counts", counts);
  if (!(idf instanceof Float64Array) || idf.length !== counts.cols)
    throw new InvalidArgumentError(
      `applySparkIdf: idf must be a Float64Array with one weight per column of counts (${counts.cols}); got ${describeValue(idf)}`,
      "idf",
    );
  const nnz = counts.indptr[counts.rows] as number;
  const data = float64Array(nnz, false);
  for (let p = 0; p < nnz; p++) data[p] = (counts.data[p] as number) * (idf[counts.indices[p] as number] as number);
  return { rows: counts.rows, cols: counts.cols, indptr: counts.indptr, indices: counts.indices, data };
}
