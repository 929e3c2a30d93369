import type { CsrMatrix } from "../core/csr.js";
import type { DenseMatrix } from "../core/dense.js";

/** Spark KMeans's `distanceMeasure`. */
export type SparkDistance = "euclidean" | "cosine";

/**
 * The nearest centre of every row, as Spark's `KMeansModel.predict`: squared Euclidean
 * distance, or cosine distance 1 − cos; the first centre wins a tie. O(nnz · k).
 */
export function nearestSparkCentres(X: CsrMatrix, centres: DenseMatrix, measure: SparkDistance): Int32Array {
  const { rows: k, cols: d, data: c } = centres;
  const centreSq = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let f = j * d; f < (j + 1) * d; f++) s += (c[f] as number) ** 2;
    centreSq[j] = s;
  }
  const labels = new Int32Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    const start = X.indptr[i] as number;
    const end = X.indptr[i + 1] as number;
    let rowSq = 0;
    for (let p = start; p < end; p++) rowSq += (X.data[p] as number) ** 2;
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let p = start; p < end; p++) dot += (X.data[p] as number) * (c[j * d + (X.indices[p] as number)] as number);
      const distance =
        measure === "euclidean"
          ? rowSq + (centreSq[j] as number) - 2 * dot
          : 1 - dot / (Math.sqrt(rowSq) * Math.sqrt(centreSq[j] as number) || 1);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = j;
      }
    }
    labels[i] = best;
  }
  return labels;
}
