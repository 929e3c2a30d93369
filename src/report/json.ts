import { checkReportable } from "../pipeline/checkResult.js";
import type { TopicsResult } from "../pipeline/types.js";

/** The result as plain JSON data (topics, assignments, quality, parameters, abbreviations, warnings). */
export function toJSONReport(result: TopicsResult): Record<string, unknown> {
  checkReportable("toJSONReport", result);
  return {
    format: "topiclens/topics-report",
    version: 1,
    parameters: result.parameters,
    quality: result.quality,
    topics: result.topics.map((t) => ({ ...t, documents: [...t.documents], representatives: [...t.representatives] })),
    assignments: Array.from(result.assignments),
    documents: result.assignments.length,
    sweep:
      result.sweep === null
        ? null
        : {
            recommendedK: result.sweep.recommendedK,
            rule: result.sweep.rule,
            rows: result.sweep.rows.map(({ labels: _labels, ...row }) => row),
          },
    abbreviations: [...result.abbreviations],
    warnings: [...result.warnings],
  };
}
