import type { CsrMatrix } from "../../core/csr.js";
import { type DenseMatrix, denseNormalizeRowsInPlace } from "../../core/dense.js";
import { csrSelectRows } from "../../core/points.js";
import { type Warning, warning } from "../../core/warnings.js";
import { projectOnComponents, truncatedSvd } from "../../reduce/truncatedSvd.js";

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
 */
export function reduceStage(
  matrix: CsrMatrix,
  dims: number | "none",
  seed: number,
  sample: Int32Array | null,
  warnings: Warning[],
): Reduced {
  if (dims === "none") return { X: matrix, components: null, reduce: "none" };
  const fitRows = sample === null ? matrix : csrSelectRows(matrix, sample);
  const usable = Math.min(dims, Math.min(fitRows.rows, matrix.cols) - 1);
  if (usable < 2) {
    warnings.push(warning("reduce-ignored", `reduce ignored: the corpus is too small for ${dims} dimensions`));
    return { X: matrix, components: null, reduce: "none" };
  }
  if (usable < dims)
    warnings.push(
      warning(
        "reduce-clamped",
        `reduce ${dims} clamped to ${usable} dimensions: at most min(documents, terms) - 1 = ${usable} can be computed`,
      ),
    );
  const svd = truncatedSvd(fitRows, usable, { seed });
  const embedding = sample === null ? svd.embedding : projectOnComponents(matrix, svd.components);
  // The embedding is this stage's own array: scaled in place rather than copied.
  denseNormalizeRowsInPlace(embedding as DenseMatrix & { data: Float64Array });
  return { X: embedding, components: svd.components, reduce: usable };
}
