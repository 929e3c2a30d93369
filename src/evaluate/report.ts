import type { Vectors } from "../core/points.js";
import { checkOptions } from "../core/validate.js";
import { htmlTable, withDisplay } from "./display.js";
import {
  adjustedMutualInfo,
  adjustedRandIndex,
  homogeneityCompletenessVMeasure,
  normalizedMutualInfo,
  purity,
} from "./external.js";
import { calinskiHarabasz, daviesBouldin, silhouetteScore } from "./internal.js";
import type { Labels } from "./labels.js";

/** Every external metric of a clustering against known labels, plus internal ones when X is given. */
export interface ClusteringReport {
  readonly homogeneity: number;
  readonly completeness: number;
  readonly vMeasure: number;
  readonly adjustedRandIndex: number;
  readonly normalizedMutualInfo: number;
  readonly adjustedMutualInfo: number;
  readonly purity: number;
  readonly silhouette: number | null;
  readonly calinskiHarabasz: number | null;
  readonly daviesBouldin: number | null;
}

/**
 * Scores a clustering in one call: all external metrics against `labelsTrue`, and the
 * internal ones (silhouette on at most `sampleSize` rows) when `X` is given. Renders as a
 * table in notebooks.
 * @throws InvalidArgumentError as the individual metrics do.
 */
export function clusteringReport(
  labelsTrue: Labels,
  labelsPred: Labels,
  options: { readonly X?: Vectors; readonly metric?: "euclidean" | "cosine"; readonly sampleSize?: number } = {},
): ClusteringReport {
  const o = checkOptions("clusteringReport", options, ["X", "metric", "sampleSize"]);
  const hcv = homogeneityCompletenessVMeasure(labelsTrue, labelsPred);
  const distinct = new Set(Array.from(labelsPred as ArrayLike<number | string>)).size;
  const internal = o.X !== undefined && distinct >= 2 && distinct < labelsPred.length;
  const report: ClusteringReport = {
    homogeneity: hcv.homogeneity,
    completeness: hcv.completeness,
    vMeasure: hcv.vMeasure,
    adjustedRandIndex: adjustedRandIndex(labelsTrue, labelsPred),
    normalizedMutualInfo: normalizedMutualInfo(labelsTrue, labelsPred),
    adjustedMutualInfo: adjustedMutualInfo(labelsTrue, labelsPred),
    purity: purity(labelsTrue, labelsPred),
    silhouette: internal
      ? silhouetteScore(o.X as Vectors, labelsPred, {
          metric: o.metric ?? "euclidean",
          sampleSize: Math.min(o.sampleSize ?? 2000, labelsPred.length),
        })
      : null,
    calinskiHarabasz: internal ? calinskiHarabasz(o.X as Vectors, labelsPred) : null,
    daviesBouldin: internal ? daviesBouldin(o.X as Vectors, labelsPred) : null,
  };
  return withDisplay(report, () => {
    const entries = Object.entries(report) as [string, number | null][];
    return {
      "text/html": htmlTable(["metric", "value"], entries),
      "text/plain": entries.map(([k, v]) => `${k}: ${v === null ? "–" : v.toFixed(4)}`).join("\n"),
    };
  });
}
