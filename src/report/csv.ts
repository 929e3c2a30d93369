import { checkReportable } from "../pipeline/checkResult.js";
import type { TopicsResult } from "../pipeline/types.js";

/** One CSV field (RFC 4180): quoted when it holds a quote, comma or line break. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV (RFC 4180) with one row per document: document index, id, title, topic, label. */
export function toCSV(result: TopicsResult): string {
  checkReportable("toCSV", result);
  const labels = new Map(result.topics.map((t) => [t.id, t.label]));
  const rows = ["document,id,title,topic,label"];
  result.assignments.forEach((topic, i) => {
    const label = topic < 0 ? "(outlier)" : (labels.get(topic) ?? "");
    rows.push([i, result.ids[i] ?? "", result.titles[i] ?? "", topic, label].map(csvField).join(","));
  });
  return `${rows.join("\r\n")}\r\n`;
}
