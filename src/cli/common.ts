import { parseArgs } from "node:util";
import { inputFormat as formatSpec, type TextFormat } from "../io/inputFormats.js";
import type { InputFormat } from "../io/readDocuments.js";
import { streamFormatOfName } from "../io/readJsonLines.js";
import { REPORT_FORMATS, type ReportFormatSpec, reportFormatOfName } from "../report/formats.js";
import { INPUT_NAMES, joinNegativeValues, parseArgsConfig } from "./flags.js";
import { writeFileAtomically } from "./writeFile.js";

/** The command's output and error streams. */
export interface Streams {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WriteStream;
}

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {}

export function parse(args: readonly string[], flags: Parameters<typeof parseArgsConfig>[0]) {
  const options = parseArgsConfig(flags);
  return parseArgs({ args: joinNegativeValues(args, options), allowPositionals: true, strict: true, options });
}

export function oneInput(positionals: readonly string[]): string {
  if (positionals.length !== 1)
    throw new UsageError(`expected one input file or directory; got ${positionals.length} (see --help)`);
  return positionals[0] as string;
}

/** How records are read: the input format, the fields, and bad records counted. */
export function readingOptions(values: Record<string, unknown>) {
  const inputFormat = (values["input-format"] ?? "auto") as InputFormat;
  const formats = ["auto", ...INPUT_NAMES];
  if (!formats.includes(inputFormat))
    throw new UsageError(`--input-format must be ${formats.join(", ")}; got "${inputFormat}"`);
  const skipped = { count: 0, first: 0, why: "" };
  const ext =
    typeof values.ext === "string"
      ? values.ext
          .split(",")
          .map((e) => e.trim())
          .filter(Boolean)
      : undefined;
  if (ext !== undefined && ext.length === 0) throw new UsageError(`--ext must list extensions, e.g. md,txt; got ""`);
  return {
    inputFormat,
    skipped,
    directory: { recursive: values.recursive === true, ...(ext ? { extensions: ext } : {}) },
    fields: {
      textField: values["text-field"] as string | undefined,
      titleField: values["title-field"] as string | undefined,
      idField: values["id-field"] as string | undefined,
      labelField: values["label-field"] as string | undefined,
      timeField: values["time-field"] as string | undefined,
      ...(typeof values.sql === "string" ? { sql: values.sql } : {}),
      badLines: values["skip-bad-lines"] ? ("skip" as const) : ("error" as const),
      onSkipped: (line: number, reason: string) => {
        if (skipped.count++ > 0) return;
        skipped.first = line;
        // "readDocuments: FILE line 31 is not valid JSON; ..." → "is not valid JSON"
        skipped.why = reason.replace(/^.*? (line|row|item) \d+( \(line \d+\))? /, "").replace(/;.*$/, "");
      },
    },
  };
}

/** The report format --format names, else --out's extension gives, else text. */
export function reportFormatOf(format: unknown, out: string | undefined): ReportFormatSpec {
  const name = (format as string | undefined) ?? (out ? reportFormatOfName(out)?.name : undefined) ?? "text";
  const report = REPORT_FORMATS.find((f) => f.name === name);
  if (report === undefined)
    throw new UsageError(`--format must be ${REPORT_FORMATS.map((f) => f.name).join(", ")}; got "${name}"`);
  if (report.binary && out === undefined) throw new UsageError(`--format ${name} is binary: name a file with --out`);
  return report;
}

/** The format the input is streamed in (JSON lines, CSV, TSV, Parquet, Arrow, SQLite), or null when it is read whole. */
export function streamableFormat(
  input: string,
  asked: InputFormat,
): TextFormat | "parquet" | "arrow" | "sqlite" | null {
  const format = asked === "auto" ? streamFormatOfName(input) : asked;
  if (format === "parquet" || format === "arrow" || format === "sqlite") return format;
  return format !== "auto" && format !== "dir" && formatSpec(format).streamable ? format : null;
}

/**
 * Writes a report to `out` (and, for a binary format, the files beside it), each through a
 * temporary file and a rename; or to standard output, which takes text formats only.
 */
export async function writeReport(
  report: ReportFormatSpec,
  content: string | Uint8Array,
  result: Parameters<ReportFormatSpec["render"]>[0],
  out: string | undefined,
  stdout: NodeJS.WritableStream,
): Promise<void> {
  if (out === undefined) {
    stdout.write(content);
    return;
  }
  const stem = out.replace(/\.[^./\\]+$/, "");
  for (const c of report.companions?.(result) ?? []) await writeFileAtomically(`${stem}${c.suffix}`, c.content);
  await writeFileAtomically(out, content);
}
