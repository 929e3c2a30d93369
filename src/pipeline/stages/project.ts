import type { CsrMatrix } from "../../core/csr.js";
import type { DenseMatrix } from "../../core/dense.js";
import { truncatedSvd } from "../../reduce/truncatedSvd.js";

/**
 * 2-D coordinates for plots: PCA (centred SVD) for dense vectors such as LSA or
 * embeddings, the first two SVD components for sparse TF-IDF (centring would densify it).
 */
export function projectTo2d(X: CsrMatrix | DenseMatrix, seed: number): DenseMatrix {
  const minSide = Math.min(X.rows, X.cols);
  if (minSide >= 3) {
    if ("indptr" in X) return truncatedSvd(X, 2, { seed }).embedding;
    const d = X.cols;
    const mean = new Float64Array(d);
    for (let i = 0; i < X.rows; i++)
      for (let f = 0; f < d; f++) mean[f] = (mean[f] as number) + (X.data[i * d + f] as number) / X.rows;
    const centred = new Float64Array(X.rows * d);
    for (let i = 0; i < X.rows; i++)
      for (let f = 0; f < d; f++) centred[i * d + f] = (X.data[i * d + f] as number) - (mean[f] as number);
    return truncatedSvd({ rows: X.rows, cols: d, data: centred }, 2, { seed }).embedding;
  }
  // Too small for an SVD: place documents on a line.
  const data = new Float64Array(X.rows * 2);
  for (let i = 0; i < X.rows; i++) data[i * 2] = i;
  return { rows: X.rows, cols: 2, data };
}
