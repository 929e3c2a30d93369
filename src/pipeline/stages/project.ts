import type { CsrMatrix } from "../../core/csr.js";
import type { DenseMatrix } from "../../core/dense.js";
import { csrSelectRows } from "../../core/points.js";
import { projectOnComponents, truncatedSvd } from "../../reduce/truncatedSvd.js";

/**
 * 2-D coordinates for plots: PCA (centred SVD) for dense vectors such as LSA or
 * embeddings, the first two SVD components for sparse TF-IDF (centring would densify it).
 * The two axes are learnt from `sample` (all rows when null) and every row is placed on
 * them, so the map's cost stops growing with the corpus.
 */
export function projectTo2d(X: CsrMatrix | DenseMatrix, seed: number, sample: Int32Array | null = null): DenseMatrix {
  const minSide = Math.min(sample?.length ?? X.rows, X.cols);
  if (minSide >= 3) {
    if ("indptr" in X) {
      if (sample === null) return truncatedSvd(X, 2, { seed }).embedding;
      return projectOnComponents(X, truncatedSvd(csrSelectRows(X, sample), 2, { seed }).components);
    }
    const d = X.cols;
    const rows = sample ?? null;
    const m = rows === null ? X.rows : rows.length;
    const row = (i: number) => (rows === null ? i : (rows[i] as number));
    const mean = new Float64Array(d);
    for (let i = 0; i < m; i++) {
      const r = row(i);
      for (let f = 0; f < d; f++) mean[f] = (mean[f] as number) + (X.data[r * d + f] as number) / m;
    }
    const centre = (ids: number, at: (i: number) => number) => {
      const out = new Float64Array(ids * d);
      for (let i = 0; i < ids; i++) {
        const r = at(i);
        for (let f = 0; f < d; f++) out[i * d + f] = (X.data[r * d + f] as number) - (mean[f] as number);
      }
      return out;
    };
    const fitted = truncatedSvd({ rows: m, cols: d, data: centre(m, row) }, 2, { seed });
    if (rows === null) return fitted.embedding;
    return projectOnComponents({ rows: X.rows, cols: d, data: centre(X.rows, (i) => i) }, fitted.components);
  }
  // Too small for an SVD: place documents on a line.
  const data = new Float64Array(X.rows * 2);
  for (let i = 0; i < X.rows; i++) data[i * 2] = i;
  return { rows: X.rows, cols: 2, data };
}
