import type { CsrMatrix } from "../../core/csr.js";
import type { DenseMatrix } from "../../core/dense.js";
import { replaceWarning, type Warning, warning } from "../../core/warnings.js";
import { nmf } from "../../reduce/nmf.js";

/** NMF topics: each document's heaviest component, and the components. */
export interface Factorized {
  /** Component of every document; −1 for a document with no weight on any. */
  readonly components: Int32Array;
  /** k x features (scikit-learn's `components_`). */
  readonly H: DenseMatrix;
}

/**
 * `algorithm: "nmf"`: scikit-learn's NMF of the TF-IDF rows (NNDSVDa start, coordinate
 * descent) and each document's heaviest component, the lowest on ties as NumPy's argmax.
 */
export function factorizeStage(X: CsrMatrix, k: number, seed: number, warnings: Warning[]): Factorized {
  const fit = nmf(X, k, { seed });
  warnings.push(...fit.warnings);
  const W = fit.W.data;
  const components = heaviestComponents(W, X.rows, k);
  const unused = k - new Set(components.filter((c) => c >= 0)).size;
  if (unused > 0)
    warnings.push(
      warning("empty-clusters", `nmf: ${unused} of ${k} components are no document's heaviest; they make no topic`),
    );
  const none = components.filter((c) => c < 0).length;
  if (none > 0) {
    // This replaces the vectorizer's note on term-less documents: NMF leaves them out rather than placing them.
    replaceWarning(
      warnings,
      warning(
        "empty-documents",
        `nmf: ${none} document(s) have no weight on any component (no terms in the vocabulary, or none the components use); they are in no topic (−1)`,
      ),
    );
  }
  return { components, H: fit.H };
}

/** The column of each row's largest entry (the first on ties), −1 for a row of zeros. */
export function heaviestComponents(W: ArrayLike<number>, rows: number, k: number): Int32Array {
  const out = new Int32Array(rows).fill(-1);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let t = 0; t < k; t++) {
      const w = W[i * k + t] as number;
      if (w > best) {
        best = w;
        out[i] = t;
      }
    }
  }
  return out;
}
