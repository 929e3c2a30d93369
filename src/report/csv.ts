import type { TopicsResult } from "../pipeline/types.js";

function field(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV (RFC 4180) with one row per document: document index, id, title, topic, label. */
export function toCSV(result: TopicsResult): string {
  const labels = new Map(result.topics.map((t) => [t.id, t.label]));
  const rows = ["document,id,title,topic,label"];
  result.assignments.forEach((topic, i) => {
    const label = topic < 0 ? "(outlier)" : (labels.get(topic) ?? "");
    rows.push([i, result.ids[i] ?? "", result.titles[i] ?? "", topic, label].map(field).join(","));
  });
  return `${rows.join("\r\n")}\r\n`;
}
