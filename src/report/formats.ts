import { checkString } from "../core/validate.js";
import type { HtmlOptions, TopicsResult } from "../pipeline/types.js";
import { toCSV } from "./csv.js";
import { toHTML } from "./html.js";
import { toJSONReport } from "./json.js";
import { toMarkdown } from "./markdown.js";
import { documentsParquet, topicsParquet } from "./parquet.js";
import { mixedDocumentsText, toText } from "./summarize.js";

/** One report format: its name, the file extensions that imply it, and its renderer. */
export interface ReportFormatSpec {
  readonly name: "text" | "md" | "json" | "csv" | "html" | "parquet";
  readonly extensions: readonly string[];
  readonly description: string;
  /** The report; `views` (analysis views) add their sections where the format can show them. Bytes for a binary format. */
  render(result: TopicsResult, views?: ReportViews, documents?: HtmlOptions["documents"]): string | Uint8Array;
  /** Bytes, not text: written to a file, never to a terminal. */
  readonly binary?: boolean;
  /** Files written beside the report (binary formats), each named by a suffix of the report's name. */
  companions?(result: TopicsResult): readonly { readonly suffix: string; readonly content: Uint8Array }[];
}

/** Analysis views a report can include: each renders itself as text, SVG and JSON. */
export type ReportViews = NonNullable<HtmlOptions["views"]> & {
  readonly overTime?: { toSVG(): string; toString(): string };
  readonly hierarchy?: { toSVG(): string; toMapSVG(): string; toHeatmapSVG(): string; toString(): string };
};

function viewsText(result: TopicsResult, views: ReportViews | undefined): string[] {
  if (views === undefined) return [];
  const out: string[] = [];
  if (views.overTime) out.push(`Topics over time\n\n${views.overTime.toString()}`);
  if (views.hierarchy) out.push(`Topic hierarchy\n\n${views.hierarchy.toString()}`);
  if (views.distribution) out.push(mixedDocumentsText(result, views.distribution));
  if (views.outliers)
    out.push(
      `Documents that fit no topic well (${views.outliers.length})\n\n${views.outliers
        .map((o) => `  document ${o.index} (topic ${o.topic}, similarity ${o.similarity.toFixed(3)})`)
        .join("\n")}`,
    );
  return out;
}

/** The report formats, in the order the CLI's help lists them. */
export const REPORT_FORMATS: readonly ReportFormatSpec[] = Object.freeze([
  {
    name: "text",
    extensions: [".txt"],
    description: "a plain-text summary",
    render: (r, views) => `${[toText(r, { titles: 5 }), ...viewsText(r, views)].join("\n\n")}\n`,
  },
  {
    name: "md",
    extensions: [".md", ".markdown"],
    description: "a Markdown report",
    render: (r, views) =>
      [
        toMarkdown(r),
        ...viewsText(r, views).map((v) => {
          const [head, ...rest] = v.split("\n\n");
          return `## ${head}\n\n\`\`\`\n${rest.join("\n\n")}\n\`\`\`\n`;
        }),
      ].join("\n"),
  },
  {
    name: "json",
    extensions: [".json"],
    description: "topics, assignments, quality and parameters as JSON",
    render: (r, views) => `${JSON.stringify({ ...toJSONReport(r), ...(views ?? {}) }, null, 2)}\n`,
  },
  { name: "csv", extensions: [".csv"], description: "one row per document", render: (r) => toCSV(r) },
  {
    name: "html",
    extensions: [".html", ".htm"],
    description: "a self-contained page with a map",
    render: (r, views, documents) => toHTML(r, { ...(views ? { views } : {}), ...(documents ? { documents } : {}) }),
  },
  {
    name: "parquet",
    extensions: [".parquet"],
    description: "Parquet: document → topic, and the topics table beside it (FILE.topics.parquet)",
    binary: true,
    render: (r) => documentsParquet(r),
    companions: (r) => [{ suffix: ".topics.parquet", content: topicsParquet(r) }],
  },
]);

/** The format a report file's extension implies, if any. */
export function reportFormatOfName(name: string): ReportFormatSpec | undefined {
  const lower = checkString("reportFormatOfName", "name", name).toLowerCase();
  return REPORT_FORMATS.find((f) => f.extensions.some((ext) => lower.endsWith(ext)));
}
