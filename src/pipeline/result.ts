import type { DenseMatrix } from "../core/dense.js";
import { withMethods } from "../core/methods.js";
import { toCSV } from "../report/csv.js";
import { toHTML } from "../report/html.js";
import { toJSONReport } from "../report/json.js";
import { JUPYTER_DISPLAY } from "../report/jupyter.js";
import { toMarkdown } from "../report/markdown.js";
import { toText } from "../report/summarize.js";
import type { ClusterPoints } from "./stages/cluster.js";
import { projectTo2d } from "./stages/project.js";
import { CLUSTERING_SPACE, type HtmlOptions, type TopicsResult } from "./types.js";

/** A result's data, before its methods are attached. */
export type TopicsData = Omit<
  TopicsResult,
  | "projection"
  | "toMarkdown"
  | "toJSON"
  | "toCSV"
  | "toHTML"
  | "toString"
  | typeof JUPYTER_DISPLAY
  | typeof CLUSTERING_SPACE
>;

/**
 * The result object: its data, with the renderers (functions of the data, src/report/) and
 * the lazy 2-D projection attached non-enumerable, so the result itself is plain data for
 * structuredClone and workers. `X` is the clustering space, kept for the projection and
 * for the analysis views that regroup topics.
 */
export function topicsResult(data: TopicsData, X: ClusterPoints, sample: Int32Array | null): TopicsResult {
  let projection: DenseMatrix | null = null;
  const result: TopicsResult = withMethods(data, {
    projection(): DenseMatrix {
      if (projection === null) projection = projectTo2d(X, data.parameters.seed, sample);
      return projection;
    },
    toMarkdown: (opts?: { titles?: number }) => toMarkdown(result, opts),
    toJSON: () => toJSONReport(result),
    toCSV: () => toCSV(result),
    toHTML: (opts?: HtmlOptions) => toHTML(result, opts),
    toString: () => toText(result),
    [JUPYTER_DISPLAY]: () => ({
      "text/html": toHTML(result, { fragment: true, maxHeight: 720 }),
      "text/plain": toText(result),
    }),
    [CLUSTERING_SPACE]: () => ({ points: X, sample }),
  });
  return result;
}
