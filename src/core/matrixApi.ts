import * as csr from "./csr.js";
import * as dense from "./dense.js";
import { describeValue } from "./describe.js";
import { InvalidArgumentError } from "./errors.js";
import * as points from "./points.js";

// The matrix helpers as the package exports them: each checks its argument first (the
// library's own calls pass matrices it built, and skip the O(nnz) check).

/** Euclidean norm of every row of a CSR matrix, accumulated in float64. @throws InvalidArgumentError for an invalid matrix. */
export function csrRowNorms(x: csr.CsrMatrix): Float64Array {
  csr.assertCsr(x, "csrRowNorms", "x");
  return csr.csrRowNorms(x);
}

/** The CSR matrix with every non-zero row scaled to unit length (a new matrix). @throws InvalidArgumentError for an invalid matrix. */
export function csrNormalizeRows(x: csr.CsrMatrix): csr.CsrMatrix {
  csr.assertCsr(x, "csrNormalizeRows", "x");
  return csr.csrNormalizeRows(x);
}

/** The dense matrix with every non-zero row scaled to unit length (a new matrix). @throws InvalidArgumentError for an invalid matrix. */
export function denseNormalizeRows(x: dense.DenseMatrix): dense.DenseMatrix {
  if (!dense.isDenseMatrix(x))
    throw new InvalidArgumentError(
      `denseNormalizeRows: x must be a DenseMatrix {rows, cols, data: Float64Array | Float32Array}; got ${describeValue(x)}`,
      "x",
    );
  dense.assertDense(x, "denseNormalizeRows", "x");
  return dense.denseNormalizeRows(x);
}

/**
 * The rows listed in `rowIds`, in that order, as a new CSR matrix. O(selected nnz).
 * @throws InvalidArgumentError for an invalid matrix, or a row id that is not an integer from 0 to rows − 1.
 */
export function csrSelectRows(x: csr.CsrMatrix, rowIds: ArrayLike<number>): csr.CsrMatrix {
  const fn = "csrSelectRows";
  csr.assertCsr(x, fn, "x");
  if (rowIds === null || typeof rowIds !== "object" || typeof rowIds.length !== "number")
    throw new InvalidArgumentError(
      `${fn}: rowIds must be an array of row numbers; got ${describeValue(rowIds)}`,
      "rowIds",
    );
  for (let i = 0; i < rowIds.length; i++) {
    const r = rowIds[i];
    if (typeof r !== "number" || !Number.isInteger(r) || r < 0 || r >= x.rows)
      throw new InvalidArgumentError(
        `${fn}: rowIds[${i}] must be a row of x, an integer from 0 to ${x.rows - 1}; got ${describeValue(r)}`,
        "rowIds",
      );
  }
  return points.csrSelectRows(x, rowIds);
}
