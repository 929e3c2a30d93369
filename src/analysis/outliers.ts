import { clusterOutliers, OUTLIER_QUANTILE } from "../cluster/outliers.js";
import { checkNumber, checkOptions } from "../core/validate.js";
import { checkTopicsResult } from "../pipeline/checkResult.js";
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
  checkTopicsResult(fn, result);
  const o = checkOptions(fn, options, ["quantile"]);
  const q = checkNumber(fn, "options.quantile", o.quantile ?? OUTLIER_QUANTILE, { min: 0, max: 1 });
  const { points } = result[CLUSTERING_SPACE]();
  const { topicOfCluster } = result.model;
  return clusterOutliers(points, result.model.kmeans, q).map((x) => ({
    index: x.index,
    topic: topicOfCluster[x.cluster] as number,
    similarity: x.similarity,
    background: x.background,
  }));
}
