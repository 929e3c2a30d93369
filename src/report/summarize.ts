import { countOf, formatNumber } from "../core/escape.js";
import { checkReportable } from "../pipeline/checkResult.js";
import type { DocumentThemes, TopicQuality, TopicsResult } from "../pipeline/types.js";
import { checkDistribution, resolveTitles } from "./checkOptions.js";

/** A plain-text summary: one block per topic with its label, size, keywords and titles. */
export function toText(result: TopicsResult, options: { titles?: number } = {}): string {
  checkReportable("toText", result);
  const maxTitles = resolveTitles("toText", options, 5);
  const { parameters: p, quality: q } = result;
  // k was fitted, then clusters of one document became outliers (see `outliers`).
  const dissolved = result.warnings.some((w) => w.code === "tiny-clusters-dissolved")
    ? ", less its one-document clusters"
    : "";
  const lines = [
    `${p.documents} documents, ${result.topics.length} topics (${p.algorithm === "nmf" ? "NMF, " : ""}k ${p.kChosenBy === "user" ? "given" : `chosen by ${p.kChosenBy}`}${dissolved}), silhouette ${formatNumber(q.silhouette)}, stability ${formatNumber(q.stability)}, coherence ${formatNumber(q.coherence)}`,
  ];
  const choice = q.kChoice;
  if (choice?.uncertain)
    lines.push(
      `the choice of k is uncertain: runner-up k = ${choice.runnerUp ?? "none"}${choice.acrossSeeds === null ? "" : `; the sweeps of 5 seeds chose ${choice.acrossSeeds.join(", ")}`}`,
    );
  for (const t of result.topics) {
    const fit = topicFitText(result, t.id);
    lines.push("", `[${t.id}] ${t.label} (${countOf(t.size, "document")}${fit === "" ? "" : `; ${fit}`})`);
    lines.push(`    keywords: ${t.keywords.map((k) => k.term).join(", ")}`);
    const shown = t.documents.slice(0, maxTitles);
    for (const i of shown) lines.push(`    - ${documentName(result, i)}`);
    if (t.documents.length > shown.length) lines.push(`    ... and ${t.documents.length - shown.length} more`);
  }
  const outliers = outlierIndices(result);
  if (outliers.length > 0) {
    const { name, what } = noTopicWords(result);
    lines.push("", `[-1] ${name}: ${countOf(outliers.length, "document")} ${what}`);
    for (const i of outliers.slice(0, maxTitles)) lines.push(`    - ${documentName(result, i)}`);
    if (outliers.length > maxTitles) lines.push(`    ... and ${outliers.length - maxTitles} more`);
  }
  if (result.warnings.length > 0) lines.push("", ...result.warnings.map((w) => `warning: ${w.message}`));
  return lines.join("\n");
}

/**
 * A topic's own silhouette and coherence for reports ("silhouette 0.211, coherence -0.151"),
 * or "" when the result has none for it (a result made before they were measured).
 */
export function topicFitText(result: TopicsResult, id: number): string {
  const fit = topicQualityOf(result, id);
  return fit === undefined
    ? ""
    : `silhouette ${formatNumber(fit.silhouette)}, coherence ${formatNumber(fit.coherence)}`;
}

/** How many documents of more than one theme reports list. */
const MIXED_LISTED = 25;

/** What reports say of a distribution: its documents of more than one theme, the first listed, how many more, and its note on documents of no theme. */
export function mixedListing(distribution: DocumentThemes): {
  readonly total: number;
  readonly listed: ReturnType<DocumentThemes["mixed"]>;
  readonly more: number;
  readonly none: string;
} {
  const mixed = distribution.mixed();
  return {
    total: mixed.length,
    listed: mixed.slice(0, MIXED_LISTED),
    more: Math.max(0, mixed.length - MIXED_LISTED),
    none: emptyNote(distribution),
  };
}

/**
 * A document's themes for reports: "neural networks 0.55, clustering 0.45" (commas, since a
 * name can hold " · ": `space · program`).
 */
export function sharesText(result: TopicsResult, shares: readonly { topic: number; share: number }[]): string {
  return shares.map((s) => `${result.topics[s.topic]?.name ?? `topic ${s.topic}`} ${s.share.toFixed(2)}`).join(", ");
}

/** Says how many documents hold no theme in a distribution, when it knows and some do. */
function emptyNote(distribution: DocumentThemes): string {
  const empty = distribution.empty ?? 0;
  return empty === 0
    ? ""
    : `${countOf(empty, "document")} ${empty === 1 ? "has" : "have"} no passage close to any theme (all 0; a lower minSimilarity reaches more)`;
}

/** The text section of a topic distribution: the documents of more than one theme, the most even first. */
export function mixedDocumentsText(result: TopicsResult, distribution: DocumentThemes): string {
  checkDistribution("report", result, distribution);
  const { total, listed, more, none } = mixedListing(distribution);
  const lines = listed.map((m) => `  ${documentName(result, m.index)}: ${sharesText(result, m.shares)}`);
  if (more > 0) lines.push(`  ... and ${more} more`);
  return `Documents of more than one theme (${total}; a second theme holds a quarter or more)${none === "" ? "" : `; ${none}`}${lines.length > 0 ? `\n\n${lines.join("\n")}` : ""}`;
}

/** A topic's entry of `quality.topics`, if the result has one. */
export function topicQualityOf(result: TopicsResult, id: number): TopicQuality | undefined {
  // Results restored from JSON written before per-topic figures have no `quality.topics`.
  const topics: readonly TopicQuality[] | undefined = result.quality.topics;
  return topics?.find((q) => q.id === id);
}

/**
 * How reports name topic −1: outliers when the call set documents aside as fitting no topic
 * well; otherwise documents given no cluster, or with no term (or no NMF weight) to place them by.
 */
export function noTopicWords(result: TopicsResult): {
  readonly name: string;
  readonly title: string;
  readonly what: string;
} {
  const p = result.parameters;
  if (p.outliers !== null) return { name: "outliers", title: "Outliers", what: "that fit no topic well" };
  const given = p.kChosenBy === "given" && p.algorithm !== "nmf";
  return {
    name: "in no topic",
    title: "In no topic",
    what: given ? "given no cluster" : "with no term to place them by",
  };
}

/** The documents in topic −1 (outliers), in order. */
export function outlierIndices(result: TopicsResult): number[] {
  const out: number[] = [];
  result.assignments.forEach((t, i) => {
    if (t < 0) out.push(i);
  });
  return out;
}

/** A document's title, id, or the start of its text. */
export function documentName(result: TopicsResult, index: number): string {
  const title = result.titles[index];
  if (title) return title;
  const id = result.ids[index];
  if (id) return id;
  for (const t of result.topics) {
    const r = t.representatives.find((x) => x.index === index);
    if (r) return r.excerpt;
  }
  return `document ${index}`;
}
