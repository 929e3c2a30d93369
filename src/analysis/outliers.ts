import { rowDot } from "../core/points.js";
import { checkNumber, checkOptions } from "../core/validate.js";
import { CLUSTERING_SPACE, type TopicsResult } from "../pipeline/types.js";

/** A document that fits no topic: no closer to its own than unrelated documents are. */
export interface OutlierDocument {
  readonly index: number;
  readonly topic: number;
  /** Similarity to the topic's centre (dot product with the unit centre for cosine). */
  readonly similarity: number;
  /** The topic's background: how similar the other topics' documents are to its centre (their `quantile`). */
  readonly background: number;
}

/**
 * Documents that fit no theme: those no more similar to their topic's centre than the
 * other topics' documents typically are (below the `quantile` of those documents'
 * similarities to the same centre, the median by default). k-means gives every document a
 * topic; this says which ones it had to force, least similar first, to review them or
 * leave them out of a report. The threshold comes from the corpus itself: there is no
 * absolute similarity to tune.
 * @throws InvalidArgumentError for bad options.
 */
export function outlierDocuments(result: TopicsResult, options: { quantile?: number } = {}): OutlierDocument[] {
  const fn = "outlierDocuments";
  const o = checkOptions(fn, options, ["quantile"]);
  const q = checkNumber(fn, "options.quantile", o.quantile ?? 0.5, { min: 0, max: 1 });
  const { points } = result[CLUSTERING_SPACE]();
  const { kmeans, topicOfCluster } = result.model;
  const centroids = Float64Array.from(kmeans.centroids.data);
  const d = kmeans.centroids.cols;
  const p =
    "indptr" in points
      ? {
          kind: "sparse" as const,
          rows: points.rows,
          cols: points.cols,
          indptr: points.indptr,
          indices: points.indices,
          data: points.data,
        }
      : { kind: "dense" as const, rows: points.rows, cols: points.cols, data: points.data };
  const n = points.rows;
  const out: OutlierDocument[] = [];
  for (let c = 0; c < kmeans.k; c++) {
    const own: number[] = [];
    const others: number[] = [];
    const sim = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sim[i] = rowDot(p, i, centroids, c * d);
      ((kmeans.labels[i] as number) === c ? own : others).push(i);
    }
    if (own.length === 0 || others.length === 0) continue;
    const background = quantile(
      others.map((i) => sim[i] as number).sort((a, b) => a - b),
      q,
    );
    for (const i of own) {
      const s = sim[i] as number;
      if (s <= background) out.push({ index: i, topic: topicOfCluster[c] as number, similarity: s, background });
    }
  }
  return out.sort((a, b) => a.similarity - b.similarity || a.index - b.index);
}

/** Linear-interpolation quantile of sorted values (NumPy's default). */
function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}
