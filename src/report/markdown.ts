import { formatNumber } from "../core/escape.js";
import { checkReportable } from "../pipeline/checkResult.js";
import type { TopicsResult } from "../pipeline/types.js";
import { resolveTitles } from "./checkOptions.js";
import { documentName, noTopicWords, outlierIndices, topicQualityOf } from "./summarize.js";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");

/** A Markdown report: a summary table of topics, then each topic with keywords and documents. */
export function toMarkdown(result: TopicsResult, options: { titles?: number } = {}): string {
  checkReportable("toMarkdown", result);
  const maxTitles = resolveTitles("toMarkdown", options, 10);
  const { parameters: p, quality: q } = result;
  const out = [
    "# Topics",
    "",
    `${p.documents} documents · ${result.topics.length} topics · silhouette ${formatNumber(q.silhouette)} · stability ${formatNumber(q.stability)} · coherence (NPMI) ${formatNumber(q.coherence)} · diversity ${formatNumber(q.diversity)}`,
    "",
    "| # | Topic | Size | Silhouette | Coherence | Keywords |",
    "|---:|---|---:|---:|---:|---|",
    ...result.topics.map((t) => {
      const fit = topicQualityOf(result, t.id);
      return `| ${t.id} | ${cell(t.label)} | ${t.size} | ${formatNumber(fit?.silhouette ?? null)} | ${formatNumber(fit?.coherence ?? null)} | ${cell(t.keywords.map((k) => k.term).join(", "))} |`;
    }),
  ];
  for (const t of result.topics) {
    out.push("", `## ${t.id}. ${cell(t.label)} (${t.size})`, "");
    out.push(`Keywords: ${t.keywords.map((k) => `${k.term} (${k.score.toFixed(3)})`).join(", ")}`, "");
    for (const i of t.documents.slice(0, maxTitles)) out.push(`- ${cell(documentName(result, i))}`);
    if (t.documents.length > maxTitles) out.push(`- … and ${t.documents.length - maxTitles} more`);
  }
  const outliers = outlierIndices(result);
  if (outliers.length > 0) {
    const { title, what } = noTopicWords(result);
    out.push("", `## ${title} (${outliers.length})`, "", `Documents ${what} (topic −1):`, "");
    for (const i of outliers.slice(0, maxTitles)) out.push(`- ${cell(documentName(result, i))}`);
    if (outliers.length > maxTitles) out.push(`- … and ${outliers.length - maxTitles} more`);
  }
  if (result.warnings.length > 0) out.push("", "## Warnings", "", ...result.warnings.map((w) => `- ${w.message}`));
  return `${out.join("\n")}\n`;
}
