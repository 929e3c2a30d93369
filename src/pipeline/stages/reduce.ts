import type { CsrMatrix } from "../../core/csr.js";
import { type DenseMatrix, denseNormalizeRowsInPlace } from "../../core/dense.js";
import { type Warning, warning } from "../../core/warnings.js";
import { projectOnComponents, projectRowBlocks, truncatedSvd } from "../../reduce/truncatedSvd.js";

/** TF-IDF rows: the whole matrix, or (when it was never built) rows made on demand. */
export interface TfidfRowSource {
  readonly matrix: CsrMatrix | null;
  readonly rows: number;
  select(ids: ArrayLike<number>): CsrMatrix;
}

/** The whole TF-IDF matrix: the one held, or all rows built at once. */
function wholeMatrix(tfidf: TfidfRowSource): CsrMatrix {
  return tfidf.matrix ?? tfidf.select(range(0, tfidf.rows));
}

function range(from: number, to: number): Int32Array {
  return Int32Array.from({ length: to - from }, (_, i) => from + i);
}

/** The clustering space: TF-IDF rows, or unit-length LSA embeddings and their components. */
export interface Reduced {
  readonly X: CsrMatrix | DenseMatrix;
  readonly components: DenseMatrix | null;
  readonly reduce: number | "none";
}

/**
 * LSA (truncated SVD of the TF-IDF matrix, rows then scaled to unit length) to `dims`
 * dimensions, or the TF-IDF rows themselves. The components are learnt from `sample`
 * (all rows when null) and every row is projected on them: the randomized SVD's cost
 * stops growing with the corpus, and a new document is embedded as a training one is.
 * `chosen`: the pipeline chose `dims` (not the caller), so fewer usable ones are no news.
 */
export function reduceStage(
  tfidf: TfidfRowSource,
  dims: number | "none",
  seed: number,
  sample: Int32Array | null,
  warnings: Warning[],
  chosen = false,
): Reduced {
  const matrix = tfidf.matrix;
  if (dims === "none" || (sample === null && matrix === null))
    return { X: wholeMatrix(tfidf), components: null, reduce: "none" };
  const fitRows = sample === null ? (matrix as CsrMatrix) : tfidf.select(sample);
  const usable = Math.min(dims, Math.min(fitRows.rows, fitRows.cols) - 1);
  if (usable < 2) {
    if (!chosen)
      warnings.push(warning("reduce-ignored", `reduce ignored: the corpus is too small for ${dims} dimensions`));
    return { X: wholeMatrix(tfidf), components: null, reduce: "none" };
  }
  if (usable < dims && !chosen)
    warnings.push(
      warning(
        "reduce-clamped",
        `reduce ${dims} clamped to ${usable} dimensions: at most min(documents, terms) - 1 = ${usable} can be computed`,
      ),
    );
  const svd = truncatedSvd(fitRows, usable, { seed });
  // Every row projected; without the matrix, from rows built a block at a time (same bits).
  const embedding =
    sample === null
      ? svd.embedding
      : matrix !== null
        ? projectOnComponents(matrix, svd.components)
        : // Above the sample size, unit rows stored as float32: half the memory of the largest array.
          projectRowBlocks(tfidf.rows, (from, to) => tfidf.select(range(from, to)), svd.components, true);
  // The embedding is this stage's own array: scaled in place rather than copied.
  if (embedding.data instanceof Float64Array)
    denseNormalizeRowsInPlace(embedding as DenseMatrix & { data: Float64Array });
  return { X: embedding, components: svd.components, reduce: usable };
}
