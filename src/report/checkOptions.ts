import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { checkBoolean, checkLimit, checkOptions, checkString } from "../core/validate.js";
import { normalizeDocuments } from "../pipeline/documents.js";
import type { DocumentThemes, HtmlOptions, TopicsResult } from "../pipeline/types.js";

/** The HTML report's options, checked, with their defaults. */
export interface ResolvedHtmlOptions {
  readonly title: string;
  readonly titles: number;
  readonly explorer: boolean;
  readonly fragment: boolean;
  readonly maxHeight: number | null;
}

/**
 * Checks `toHTML`'s options: their types, that `documents` are the result's (as many, each a
 * text or a record with one) and that each view is what its function returns.
 * @throws InvalidArgumentError naming the option.
 */
export function resolveHtmlOptions(result: TopicsResult, options: HtmlOptions | undefined): ResolvedHtmlOptions {
  const fn = "toHTML";
  const o = checkOptions(fn, options, ["title", "titles", "explorer", "fragment", "documents", "maxHeight", "views"]);
  if (o.documents !== undefined) {
    normalizeDocuments(fn, o.documents, "options.documents");
    checkReportDocuments(result, o.documents);
  }
  if (o.views !== undefined) checkViews(fn, result, o.views);
  return {
    title: checkString(fn, "options.title", o.title ?? "Topics"),
    titles: checkLimit(fn, "options.titles", o.titles ?? 5, 0),
    explorer: checkBoolean(fn, "options.explorer", o.explorer ?? true),
    fragment: checkBoolean(fn, "options.fragment", o.fragment ?? false),
    maxHeight: o.maxHeight === undefined ? null : pixels(fn, o.maxHeight),
  };
}

function pixels(fn: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0)
    throw new InvalidArgumentError(
      `${fn}: options.maxHeight must be a positive number of pixels; got ${describeValue(value)}`,
      "options.maxHeight",
    );
  return value;
}

/** @throws InvalidArgumentError unless a report's `documents` are as many as the result's. */
export function checkReportDocuments(result: TopicsResult, documents: HtmlOptions["documents"]): void {
  const n = result.assignments.length;
  if (documents !== undefined && documents.length !== n)
    throw new InvalidArgumentError(
      `toHTML: options.documents holds ${documents.length} documents, and the result ${n}; pass the documents that were clustered`,
      "options.documents",
    );
}

/** @throws InvalidArgumentError unless `distribution` is of the result's own documents (not `options.texts`). */
export function checkDistribution(fn: string, result: TopicsResult, distribution: DocumentThemes): void {
  const n = result.assignments.length;
  if (distribution.documents !== n)
    throw new InvalidArgumentError(
      `${fn}: views.distribution must be the distribution of the result's ${n} documents (topicDistribution(result, docs) without texts); got one of ${distribution.documents} texts`,
      "views.distribution",
    );
}

/** The titles option of the text and Markdown reports (Infinity lists every title). */
export function resolveTitles(fn: string, options: { titles?: number } | undefined, fallback: number): number {
  const o = checkOptions(fn, options, ["titles"]);
  return checkLimit(fn, "options.titles", o.titles ?? fallback, 0);
}

function checkViews(fn: string, result: TopicsResult, views: NonNullable<HtmlOptions["views"]>): void {
  const v = checkOptions(fn, views, ["overTime", "hierarchy", "outliers", "distribution"], "options.views");
  const rendered = (name: string, value: unknown, methods: readonly string[], from: string) => {
    const ok =
      value !== null &&
      typeof value === "object" &&
      methods.every((m) => typeof (value as Record<string, unknown>)[m] === "function");
    if (!ok)
      throw new InvalidArgumentError(
        `${fn}: options.views.${name} must be what ${from} returns; got ${describeValue(value)}`,
        `options.views.${name}`,
      );
  };
  if (v.overTime !== undefined) rendered("overTime", v.overTime, ["toSVG"], "topicsOverTime");
  if (v.hierarchy !== undefined)
    rendered("hierarchy", v.hierarchy, ["toSVG", "toMapSVG", "toHeatmapSVG"], "hierarchicalTopics");
  if (v.distribution !== undefined) {
    rendered("distribution", v.distribution, ["row", "shares", "mixed"], "topicDistribution");
    checkDistribution(fn, result, v.distribution);
  }
  if (v.outliers !== undefined) {
    const n = result.assignments.length;
    const bad = !Array.isArray(v.outliers)
      ? -1
      : v.outliers.findIndex(
          (x) =>
            x === null ||
            typeof x !== "object" ||
            !Number.isInteger(x.index) ||
            x.index < 0 ||
            x.index >= n ||
            typeof x.topic !== "number" ||
            typeof x.similarity !== "number",
        );
    if (bad !== -1 || !Array.isArray(v.outliers))
      throw new InvalidArgumentError(
        `${fn}: options.views.outliers must be what outlierDocuments returns ({index, topic, similarity} for documents 0 to ${n - 1}); got ${describeValue(Array.isArray(v.outliers) ? v.outliers[bad] : v.outliers)}${bad > 0 ? ` at index ${bad}` : ""}`,
        "options.views.outliers",
      );
  }
}
