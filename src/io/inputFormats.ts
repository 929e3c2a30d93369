import { parse as parseCsv } from "csv-parse/sync";
import { describeValue } from "../core/describe.js";
import { EmptyInputError, InvalidArgumentError } from "../core/errors.js";
import { checkString } from "../core/validate.js";
import { parseAbstractsPage } from "../corpus/parseAbstractsPage.js";
import { type BadLineOptions, type DocumentRecord, documentOfLine, pickFields, type RecordFields } from "./records.js";

/** How a file's text holds documents (a directory, read by `readDocuments`, is `"dir"`). */
export type TextFormat = "page" | "lines" | "jsonl" | "json" | "csv" | "tsv";

export interface ParseDocumentsOptions extends RecordFields, BadLineOptions {
  /** @defaultValue "auto": by `name`'s extension, else by the content */
  readonly format?: TextFormat | "auto";
  /** The file's name, for its extension and for messages. @defaultValue "input" */
  readonly name?: string;
}

export interface ParsedDocuments {
  readonly documents: DocumentRecord[];
  readonly format: TextFormat;
  /** Records left out under `badLines: "skip"`. */
  readonly skipped: number;
}

/** One input format: its name, the extensions that select it, and its parser. */
export interface InputFormatSpec {
  readonly name: TextFormat;
  readonly extensions: readonly string[];
  readonly description: string;
  /** Whether a file too large to hold can be read one record at a time. */
  readonly streamable: boolean;
  parse(fn: string, where: string, content: string, options: RecordFields & BadLineOptions): DocumentRecord[];
}

/**
 * The input formats, in the order the CLI's help lists them. Parsers need no file system,
 * so they work in browsers too (`parseDocuments`); `readDocuments` adds files, gzip and
 * directories.
 */
export const INPUT_FORMATS: readonly InputFormatSpec[] = Object.freeze([
  {
    name: "page",
    extensions: [],
    description: "a saved abstracts page: title line, blank line, abstract paragraph, ...",
    streamable: false,
    parse: (_fn, _where, content) => parseAbstractsPage(content).map((p) => ({ title: p.title, text: p.abstract })),
  },
  {
    name: "lines",
    extensions: [],
    description: "one document per line",
    streamable: false,
    parse: (_fn, _where, content) => fromLines(content),
  },
  {
    name: "jsonl",
    extensions: [".jsonl", ".ndjson"],
    description: "one JSON object per line (see --text-field)",
    streamable: true,
    parse: fromJsonLines,
  },
  {
    name: "json",
    extensions: [".json"],
    description: "a JSON array of objects (see --text-field) or of strings",
    streamable: false,
    parse: fromJsonArray,
  },
  {
    name: "csv",
    extensions: [".csv"],
    description: "a header row, then one document per row (RFC 4180 quoting)",
    streamable: true,
    parse: (fn, where, content, options) => fromDelimited(fn, where, content, options, ","),
  },
  {
    name: "tsv",
    extensions: [".tsv", ".tab"],
    description: "a header row, then tab-separated rows (no quoting, as IANA's TSV)",
    streamable: true,
    parse: (fn, where, content, options) => fromDelimited(fn, where, content, options, "\t"),
  },
]);

/** The format a file name selects (a `.gz` suffix looked through), or "auto". */
export function formatOfName(name: string): TextFormat | "auto" {
  const lower = checkString("formatOfName", "name", name).toLowerCase().replace(/\.gz$/, "");
  const found = INPUT_FORMATS.find((f) => f.extensions.some((ext) => lower.endsWith(ext)));
  return found?.name ?? "auto";
}

/** The spec of a format by name. */
export function inputFormat(name: TextFormat): InputFormatSpec {
  return INPUT_FORMATS.find((f) => f.name === name) as InputFormatSpec;
}

/**
 * Documents from a text in any input format. `"auto"` goes by the name's extension, then by
 * the content: a JSON array, JSON lines, an abstracts page, else one document per line.
 * @throws InvalidArgumentError for content that is not valid in its format (naming the line or row).
 * @throws EmptyInputError when the text holds no documents.
 */
export function parseDocuments(content: string, options: ParseDocumentsOptions = {}): ParsedDocuments {
  return parseDocumentsFor("parseDocuments", content, options);
}

/** {@link parseDocuments} for another entry point, whose name its errors carry. */
export function parseDocumentsFor(fn: string, content: string, options: ParseDocumentsOptions): ParsedDocuments {
  if (typeof content !== "string")
    throw new InvalidArgumentError(`${fn}: content must be a string; got ${describeValue(content)}`, "content");
  const name = options.name ?? "input";
  let format = options.format ?? "auto";
  if (format === "auto") format = formatOfName(name);
  if (format === "auto") format = sniffFormat(content);
  let skipped = 0;
  const fields = {
    ...options,
    onSkipped: (line: number, reason: string) => {
      skipped++;
      options.onSkipped?.(line, reason);
    },
  };
  const documents = inputFormat(format).parse(fn, name, content, fields);
  if (documents.length === 0) throw new EmptyInputError(`${fn}: ${name} holds no documents`, "path");
  return { documents, format, skipped };
}

/** What a text without a telling extension holds, judged by its first non-blank character and line. */
function sniffFormat(content: string): TextFormat {
  const start = content.trimStart();
  if (start.startsWith("[")) return "json";
  if (start.startsWith("{")) {
    const first = start.slice(0, start.search(/\r?\n|$/));
    try {
      JSON.parse(first);
      return "jsonl";
    } catch {
      return "json";
    }
  }
  try {
    if (parseAbstractsPage(content).length >= 2) return "page";
  } catch (error) {
    if (!(error instanceof EmptyInputError)) throw error;
  }
  return "lines";
}

function fromLines(content: string): DocumentRecord[] {
  return content
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((text) => ({ text }));
}

function fromJsonLines(
  fn: string,
  where: string,
  content: string,
  options: RecordFields & BadLineOptions,
): DocumentRecord[] {
  const docs: DocumentRecord[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const doc = documentOfLine(fn, where, i + 1, line, options);
    if (doc !== null) docs.push(doc);
  });
  return docs;
}

function fromJsonArray(
  fn: string,
  where: string,
  content: string,
  options: RecordFields & BadLineOptions,
): DocumentRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    throw new InvalidArgumentError(`${fn}: ${where} is not valid JSON (${(error as Error).message})`, "path");
  }
  if (!Array.isArray(value)) {
    throw new InvalidArgumentError(
      `${fn}: ${where} must hold a JSON array of documents (objects or strings); got ${describeValue(value)}${
        value !== null && typeof value === "object" ? `; for one object per line, name it .jsonl` : ""
      }`,
      "path",
    );
  }
  const docs: DocumentRecord[] = [];
  value.forEach((item, i) => {
    const at = `${where} item ${i}`;
    try {
      if (typeof item === "string") docs.push({ text: item });
      else if (item !== null && typeof item === "object" && !Array.isArray(item))
        docs.push(pickFields(fn, at, item as Record<string, unknown>, options));
      else
        throw new InvalidArgumentError(
          `${fn}: ${at} must be an object or a string; got ${describeValue(item)}`,
          "path",
        );
    } catch (error) {
      if (!(error instanceof InvalidArgumentError) || options.badLines !== "skip") throw error;
      options.onSkipped?.(i, error.message);
    }
  });
  return docs;
}

function fromDelimited(
  fn: string,
  where: string,
  content: string,
  options: RecordFields & BadLineOptions,
  delimiter: string,
): DocumentRecord[] {
  // TSV has no quoting rules: a `"` inside a field is just a character there.
  const tsv = delimiter === "\t";
  let records: Record<string, string>[];
  try {
    records = parseCsv(content, { ...DELIMITED_OPTIONS, delimiter, ...(tsv ? { quote: false } : {}) });
  } catch (error) {
    throw delimitedError(fn, where, error, tsv ? "TSV" : "CSV", lineOfOpenQuote(content));
  }
  return records.map((r, i) => pickFields(fn, `${where} row ${i + 2}`, r, options));
}

/** csv-parse settings shared by the whole-file and the streamed readers. */
export const DELIMITED_OPTIONS = Object.freeze({
  columns: true,
  skip_empty_lines: true,
  relax_column_count: true,
  trim: true,
});

/** A csv-parse error as one line naming the file and, for an unclosed quote, where it opened. */
export function delimitedError(
  fn: string,
  where: string,
  error: unknown,
  kind: "CSV" | "TSV",
  openQuoteLine: number,
): InvalidArgumentError {
  let message = (error as Error).message;
  const unclosed = (error as { code?: string }).code === "CSV_QUOTE_NOT_CLOSED";
  if (unclosed && openQuoteLine > 0) message = `the quote opened on line ${openQuoteLine} is never closed`;
  const unbalanced = /quote/i.test(message)
    ? '; a field\'s quotes are unbalanced: double a quote inside a quoted field (""), or quote the whole field'
    : "";
  return new InvalidArgumentError(`${fn}: ${where} is not valid ${kind}: ${message}${unbalanced}`, "path");
}

/** The line where a quote that is still open at the end of `content` was opened (0 when none is). */
function lineOfOpenQuote(content: string): number {
  let line = 1;
  let inQuote = false;
  let openedOn = 0;
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34) {
      inQuote = !inQuote;
      if (inQuote) openedOn = line;
    }
  }
  return inQuote ? openedOn : 0;
}
