import { type CsrMatrix, checkCsrShape } from "../core/csr.js";
import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { exp, log } from "../core/math.js";
import { checkBoolean, checkInteger, checkNumber, checkOptions } from "../core/validate.js";

/**
 * Sums the term counts of the documents of each class: a k x terms count matrix whose
 * row `c` is the "class document" of class `c`. Documents labelled < 0 are skipped
 * (noise). O(nnz + k·terms touched).
 */
export function classTermCounts(counts: CsrMatrix, labels: Int32Array, k: number): CsrMatrix {
  const fn = "classTermCounts";
  checkCsrShape(fn, "counts", counts);
  checkInteger(fn, "k", k, 1);
  if (!(labels instanceof Int32Array) || labels.length !== counts.rows)
    throw new InvalidArgumentError(
      `${fn}: labels must be an Int32Array with one class per row of counts (${counts.rows}); got ${describeValue(labels)}`,
      "labels",
    );
  const byClass: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] as number;
    if (c >= 0 && c < k) (byClass[c] as number[]).push(i);
  }
  return sumRowGroups(counts, byClass);
}

/** Row r of the result is the sum of the rows `groups[r]` of `m` (groups may overlap), columns sorted. */
export function sumRowGroups(m: CsrMatrix, groups: readonly (readonly number[])[]): CsrMatrix {
  const sums = new Float64Array(m.cols);
  const indptr = new Int32Array(groups.length + 1);
  const indices: number[] = [];
  const data: number[] = [];
  groups.forEach((rows, r) => {
    const touched: number[] = [];
    for (const i of rows) {
      for (let p = m.indptr[i] as number, end = m.indptr[i + 1] as number; p < end; p++) {
        const t = m.indices[p] as number;
        if (sums[t] === 0) touched.push(t);
        sums[t] = (sums[t] as number) + (m.data[p] as number);
      }
    }
    touched.sort((a, b) => a - b);
    for (const t of touched) {
      indices.push(t);
      data.push(sums[t] as number);
      sums[t] = 0;
    }
    indptr[r + 1] = indices.length;
  });
  return {
    rows: groups.length,
    cols: m.cols,
    indptr,
    indices: Int32Array.from(indices),
    data: Float64Array.from(data),
  };
}

/** Damped counts are multiples of 2^-20: sums of them are exact in any order up to 2^33. */
const COUNT_GRID = 2 ** 20;

/**
 * Class counts with repetitions inside a document damped: for each class and term,
 * `documents × (occurrences per document)^repetition`, that is
 * `occurrences^repetition · documents^(1 − repetition)`. 1 gives the occurrences (BERTopic's
 * c-TF-IDF), 0 the documents holding the term. `documentCounts` may have another sparsity;
 * a term it does not hold gets 0. The power goes through the engine-independent `exp` and
 * `log`, and each count is rounded to a multiple of 2^-20, so that the idf's sums over
 * classes, taken in each table's own column order, are the same on every engine and in
 * every order. O(nnz of both).
 */
export function repetitionDampedCounts(
  termCounts: CsrMatrix,
  documentCounts: CsrMatrix,
  repetition: number,
): CsrMatrix {
  const fn = "repetitionDampedCounts";
  checkCsrShape(fn, "termCounts", termCounts);
  checkCsrShape(fn, "documentCounts", documentCounts);
  if (documentCounts.rows !== termCounts.rows || documentCounts.cols !== termCounts.cols)
    throw new InvalidArgumentError(
      `${fn}: documentCounts must have termCounts' shape (${termCounts.rows} x ${termCounts.cols}); got ${documentCounts.rows} x ${documentCounts.cols}`,
      "documentCounts",
    );
  checkNumber(fn, "repetition", repetition, { min: 0, max: 1 });
  if (repetition === 1) return termCounts;
  const { rows: k, indptr, indices } = termCounts;
  const documents = new Float64Array(termCounts.cols);
  const data = new Float64Array(indptr[k] as number);
  for (let c = 0; c < k; c++) {
    const dStart = documentCounts.indptr[c] as number;
    const dEnd = documentCounts.indptr[c + 1] as number;
    for (let p = dStart; p < dEnd; p++)
      documents[documentCounts.indices[p] as number] = documentCounts.data[p] as number;
    for (let p = indptr[c] as number; p < (indptr[c + 1] as number); p++) {
      const occurrences = termCounts.data[p] as number;
      const holding = documents[indices[p] as number] as number;
      if (holding <= 0 || occurrences <= 0) continue;
      // Once in each document holding it: nothing to damp (and no exp or log to take).
      if (occurrences === holding) {
        data[p] = occurrences;
        continue;
      }
      const damped = holding * exp(repetition * log(occurrences / holding));
      data[p] = Math.round(damped * COUNT_GRID) / COUNT_GRID;
    }
    for (let p = dStart; p < dEnd; p++) documents[documentCounts.indices[p] as number] = 0;
  }
  return { ...termCounts, data };
}

export interface ClassTfidfOptions {
  /** Square-root the L1-normalised term frequencies (BERTopic's `reduce_frequent_words`). @defaultValue false */
  readonly reduceFrequentWords?: boolean;
  /** BM25-inspired idf `ln(1 + (A - f + 0.5) / (f + 0.5))` (BERTopic's `bm25_weighting`). @defaultValue false */
  readonly bm25Weighting?: boolean;
}

/** c-TF-IDF weights of every class and the idf used. */
export interface ClassTfidf {
  /** k x terms weights with the sparsity of the class counts. */
  readonly matrix: CsrMatrix;
  /** Per-term idf; 0 for a term that no class holds. */
  readonly idf: Float64Array;
  /** A: the average number of words per class, truncated to an integer. */
  readonly averageClassSize: number;
}

/**
 * Class-based TF-IDF exactly as BERTopic's `ClassTfidfTransformer` (Grootendorst,
 * 2022): `tf(t, c)` is the L1-normalised count of term t in class c (optionally
 * square-rooted), `idf(t) = ln(1 + A / f_t)` where `A` is the mean number of words per
 * class truncated to an integer and `f_t` the total count of t over all classes.
 * O(nnz of the class counts).
 * @example classTfidf(classTermCounts(counts, labels, k)).matrix
 */
export function classTfidf(classCounts: CsrMatrix, options: ClassTfidfOptions = {}): ClassTfidf {
  const fn = "classTfidf";
  checkCsrShape(fn, "classCounts", classCounts);
  const o = checkOptions(fn, options, ["reduceFrequentWords", "bm25Weighting"]);
  const reduce = checkBoolean(fn, "options.reduceFrequentWords", o.reduceFrequentWords ?? false);
  const bm25 = checkBoolean(fn, "options.bm25Weighting", o.bm25Weighting ?? false);
  const { rows: k, cols, indptr, indices } = classCounts;
  const nnz = indptr[k] as number;
  const frequency = new Float64Array(cols);
  let total = 0;
  for (let p = 0; p < nnz; p++) {
    const t = indices[p] as number;
    const v = classCounts.data[p] as number;
    frequency[t] = (frequency[t] as number) + v;
  }
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let p = indptr[c] as number; p < (indptr[c + 1] as number); p++) s += classCounts.data[p] as number;
    total += s;
  }
  const averageClassSize = Math.trunc(total / k);
  const idf = new Float64Array(cols);
  for (let t = 0; t < cols; t++) {
    const f = frequency[t] as number;
    if (f === 0) continue;
    idf[t] = bm25 ? log(1 + (averageClassSize - f + 0.5) / (f + 0.5)) : log(averageClassSize / f + 1);
  }
  return { matrix: weighByIdf(classCounts, idf, reduce), idf, averageClassSize };
}

/**
 * c-TF-IDF weights of class counts with a given idf (BERTopic's `transform` of a fitted
 * model): the L1-normalised term frequency (square-rooted when `reduceFrequentWords`) times
 * the term's idf, with the sparsity of the counts.
 */
export function weighByIdf(classCounts: CsrMatrix, idf: Float64Array, reduceFrequentWords: boolean): CsrMatrix {
  const { rows: k, indptr, indices } = classCounts;
  const data = new Float64Array(indptr[k] as number);
  for (let c = 0; c < k; c++) {
    const start = indptr[c] as number;
    const end = indptr[c + 1] as number;
    let s = 0;
    for (let p = start; p < end; p++) s += Math.abs(classCounts.data[p] as number);
    for (let p = start; p < end; p++) {
      let tf = s === 0 ? 0 : (classCounts.data[p] as number) / s;
      if (reduceFrequentWords) tf = Math.sqrt(tf);
      data[p] = tf * (idf[indices[p] as number] as number);
    }
  }
  return { ...classCounts, data };
}
