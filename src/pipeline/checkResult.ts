import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { CLUSTERING_SPACE, type TopicsResult } from "./types.js";

/**
 * Checks that `result` is what `clusterTopics` (or a view that regroups its topics) returns:
 * topics, assignments, the fitted model and the clustering space. A result read back from
 * JSON, or copied by `structuredClone`, is data only; the views that recount or regroup its
 * documents cannot work from it, and would otherwise fail deep inside with a TypeError.
 * @throws InvalidArgumentError naming `result`.
 */
export function checkTopicsResult(fn: string, result: unknown): asserts result is TopicsResult {
  if (result === null || typeof result !== "object" || Array.isArray(result))
    throw new InvalidArgumentError(
      `${fn}: result must be the result of clusterTopics; got ${describeValue(result)}`,
      "result",
    );
  const r = result as Partial<TopicsResult> & { [CLUSTERING_SPACE]?: unknown };
  const missing = [
    Array.isArray(r.topics) ? null : "topics",
    r.assignments instanceof Int32Array ? null : "assignments (an Int32Array)",
    typeof r.model?.predict === "function" && typeof r.model.vectorizer === "object" ? null : "fitted model",
    typeof r[CLUSTERING_SPACE] === "function" ? null : "clustering space",
  ].filter((x) => x !== null);
  if (missing.length > 0)
    throw new InvalidArgumentError(
      `${fn}: result must be the result of clusterTopics; this one has no ${missing.join(", no ")}. A result read back from JSON or copied by structuredClone is data only: cluster the documents again (the same options and seed give the same topics)`,
      "result",
    );
}

/**
 * Checks that `result` holds what a report renders: topics, assignments, titles, ids,
 * parameters, quality and warnings, as `clusterTopics` returns them (a copy made by spreading
 * a result keeps them; JSON written by `toJSON` is a report, not a result). `projection`
 * is needed by the HTML report's scatter.
 * @throws InvalidArgumentError naming `result`.
 */
export function checkReportable(fn: string, result: unknown, needsProjection = false): asserts result is TopicsResult {
  if (result === null || typeof result !== "object" || Array.isArray(result))
    throw new InvalidArgumentError(
      `${fn}: result must be the result of clusterTopics; got ${describeValue(result)}`,
      "result",
    );
  const r = result as Record<string, unknown>;
  const assignments = r.assignments;
  const missing = [
    Array.isArray(r.topics) ? null : "topics",
    assignments instanceof Int32Array || Array.isArray(assignments) ? null : "assignments",
    Array.isArray(r.titles) ? null : "titles",
    Array.isArray(r.ids) ? null : "ids",
    typeof r.parameters === "object" && r.parameters !== null ? null : "parameters",
    typeof r.quality === "object" && r.quality !== null ? null : "quality",
    Array.isArray(r.warnings) ? null : "warnings",
    !needsProjection || typeof r.projection === "function" ? null : "projection()",
  ].filter((x) => x !== null);
  if (missing.length > 0)
    throw new InvalidArgumentError(
      `${fn}: result must be the result of clusterTopics; this one has no ${missing.join(", no ")}. JSON written from a result is a report, not a result: render the result itself`,
      "result",
    );
}
