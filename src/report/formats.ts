import type { TopicsResult } from "../pipeline/types.js";
import { toCSV } from "./csv.js";
import { toHTML } from "./html.js";
import { toJSONReport } from "./json.js";
import { toMarkdown } from "./markdown.js";
import { toText } from "./summarize.js";

/** One report format: its name, the file extensions that imply it, and its renderer. */
export interface ReportFormatSpec {
  readonly name: "text" | "md" | "json" | "csv" | "html";
  readonly extensions: readonly string[];
  readonly description: string;
  render(result: TopicsResult): string;
}

/** The report formats, in the order the CLI's help lists them. */
export const REPORT_FORMATS: readonly ReportFormatSpec[] = Object.freeze([
  {
    name: "text",
    extensions: [".txt"],
    description: "a plain-text summary",
    render: (r) => `${toText(r, { titles: 5 })}\n`,
  },
  { name: "md", extensions: [".md", ".markdown"], description: "a Markdown report", render: (r) => toMarkdown(r) },
  {
    name: "json",
    extensions: [".json"],
    description: "topics, assignments, quality and parameters as JSON",
    render: (r) => `${JSON.stringify(toJSONReport(r), null, 2)}\n`,
  },
  { name: "csv", extensions: [".csv"], description: "one row per document", render: (r) => toCSV(r) },
  {
    name: "html",
    extensions: [".html", ".htm"],
    description: "a self-contained page with a map",
    render: (r) => toHTML(r),
  },
]);

/** The format a report file's extension implies, if any. */
export function reportFormatOfName(name: string): ReportFormatSpec | undefined {
  const lower = name.toLowerCase();
  return REPORT_FORMATS.find((f) => f.extensions.some((ext) => lower.endsWith(ext)));
}
