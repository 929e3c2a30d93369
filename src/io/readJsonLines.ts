import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { parse as parseCsvStream } from "csv-parse";
import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { checkString } from "../core/validate.js";
import { isGzip } from "./decodeText.js";
import { DELIMITED_OPTIONS, delimitedError, formatOfName, inputFormat, type TextFormat } from "./inputFormats.js";
import { ARROW_NAME, readArrowRecords } from "./readArrow.js";
import { readParquetRecords } from "./readParquet.js";
import { readSqliteRecords } from "./readSqlite.js";
import {
  type BadLineOptions,
  type DocumentRecord,
  documentOfLine,
  parseJsonObjectLine,
  pickFields,
  type RecordFields,
} from "./records.js";
import { systemReason } from "./systemReason.js";

/**
 * Streams the `field` of every record of a JSONL file (gzipped or not, by its magic
 * bytes), one line at a time: memory stays flat however large the file. Blank lines are
 * skipped. Feed the result to `fitTransformTfidfStream`.
 * @throws InvalidArgumentError (while iterating) for a line that is not JSON or lacks the field.
 */
export async function* readJsonLines(path: string, field = "text"): AsyncGenerator<string> {
  const fn = "readJsonLines";
  for await (const { line, n } of jsonLines(fn, path)) {
    const record = parseJsonObjectLine(fn, `${path} line ${n}`, line);
    const value = record[field];
    if (typeof value !== "string") {
      throw new InvalidArgumentError(
        `${fn}: ${path} line ${n} has no string field "${field}"; got ${describeValue(value)}`,
        "field",
      );
    }
    yield value;
  }
}

/**
 * Streams the documents of a JSONL file (gzipped or not) as `{ id?, title?, text }`, the
 * fields picked as `readDocuments` picks them: for `clusterTopicsStream`. Memory stays flat
 * however large the file.
 * @throws InvalidArgumentError (while iterating) for an unreadable or corrupt file, or for a
 * line that is not a JSON object with the text field (unless `badLines: "skip"`).
 */
export async function* readJsonRecords(
  path: string,
  fields: RecordFields & BadLineOptions = {},
): AsyncGenerator<DocumentRecord> {
  const fn = "readJsonRecords";
  for await (const { line, n } of jsonLines(fn, path)) {
    const doc = documentOfLine(fn, path, n, line, fields);
    if (doc !== null) yield doc;
  }
}

/** Options of {@link readRecords}. */
export interface ReadRecordsOptions extends RecordFields, BadLineOptions {
  /** A streamable format, or `"auto"` by the file's extension. @defaultValue "auto" */
  readonly format?: TextFormat | "parquet" | "arrow" | "sqlite" | "auto";
  /** SQLite: the query whose rows are the documents. @defaultValue the one table's rows */
  readonly sql?: string;
}

/**
 * Streams the documents of a JSON-lines, CSV or TSV file (gzipped or not) one record at a
 * time, of a Parquet file a row group at a time, of an Arrow file a record batch at a time
 * or of an SQLite query a row at a time, for `clusterTopicsStream`: the streamed
 * twin of `readDocuments` for those formats.
 * @throws InvalidArgumentError for a format that cannot be streamed, and (while iterating)
 * for an unreadable, corrupt or malformed file, naming the line or row.
 */
export function readRecords(path: string, options: ReadRecordsOptions = {}): AsyncGenerator<DocumentRecord> {
  const fn = "readRecords";
  checkString(fn, "path", path);
  if (options === null || typeof options !== "object")
    throw new InvalidArgumentError(`${fn}: options must be an object; got ${describeValue(options)}`, "options");
  const { format: asked = "auto", sql, ...fields } = options;
  const format = asked === "auto" ? streamFormatOfName(path) : asked;
  if (format === "sqlite") return readSqliteRecords(path, { ...fields, ...(sql === undefined ? {} : { sql }) }, fn);
  if (sql !== undefined)
    throw new InvalidArgumentError(
      `${fn}: sql queries an SQLite database; name its format ("sqlite", --input-format sqlite)`,
      "sql",
    );
  if (format === "parquet") return readParquetRecords(path, fields, fn);
  if (format === "arrow") return readArrowRecords(path, fields, fn);
  if (format === "auto" || !inputFormat(format).streamable) {
    throw new InvalidArgumentError(
      `${fn}: ${path} cannot be streamed: only JSON lines, CSV, TSV, Parquet, Arrow and SQLite can (got ${format === "auto" ? "no telling extension" : format}); name the format, or read the file whole`,
      "format",
    );
  }
  if (format === "jsonl") return readJsonRecords(path, fields);
  return delimitedRecords(fn, path, format === "tsv" ? "\t" : ",", fields);
}

async function* delimitedRecords(
  fn: string,
  path: string,
  delimiter: string,
  fields: RecordFields & BadLineOptions,
): AsyncGenerator<DocumentRecord> {
  const tsv = delimiter === "\t";
  const input = await openText(fn, path);
  const parser = input.pipe(
    parseCsvStream({ ...DELIMITED_OPTIONS, delimiter, ...(tsv ? { quote: false } : {}), info: true }),
  );
  input.on("error", (error) => parser.destroy(error));
  let row = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      row++;
      const where = `${path} row ${row} (line ${info.lines})`;
      try {
        yield pickFields(fn, where, record, fields);
      } catch (error) {
        if (!(error instanceof InvalidArgumentError) || fields.badLines !== "skip") throw error;
        fields.onSkipped?.(info.lines, error.message);
      }
    }
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    if ((error as { code?: string }).code?.startsWith("CSV_"))
      throw delimitedError(fn, path, error, tsv ? "TSV" : "CSV", 0);
    throw readError(fn, path, row, error);
  } finally {
    input.destroy();
  }
}

function readError(fn: string, path: string, after: number, error: unknown): InvalidArgumentError {
  if (error instanceof InvalidArgumentError) return error;
  const gz = (error as NodeJS.ErrnoException).code?.startsWith("Z_");
  return new InvalidArgumentError(
    gz
      ? `${fn}: ${path} is not a valid gzip file after line ${after} (${(error as Error).message}); it may be truncated or corrupt`
      : `${fn}: cannot read ${path} after line ${after}: ${systemReason(error)}`,
    "path",
  );
}

/**
 * A readable stream of the file's bytes, gunzipped when it starts with gzip's magic bytes.
 * A missing or unreadable file, a directory, or UTF-16 text (which the line readers cannot
 * stream) is one clear error here, before any reading.
 */
async function openText(fn: string, path: string): Promise<Readable> {
  let head: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InvalidArgumentError(`${fn}: ${path} is a directory, not a file`, "path");
    const handle = await open(path, "r");
    try {
      head = new Uint8Array(4);
      const { bytesRead } = await handle.read(head, 0, 4, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    throw new InvalidArgumentError(`${fn}: cannot read ${path}: ${systemReason(error)}`, "path");
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new InvalidArgumentError(
      `${fn}: ${path} is UTF-16 text, which is read whole but not streamed; convert it to UTF-8 (iconv -f utf-16 -t utf-8) to stream it`,
      "path",
    );
  }
  const file = createReadStream(path);
  if (!isGzip(head)) return file;
  const gunzip = createGunzip();
  // A read error of the file must reach the stream being read, not go unhandled.
  file.on("error", (error) => gunzip.destroy(error));
  return file.pipe(gunzip);
}

/** Non-blank lines of a (gzipped) text file with their numbers; read errors become one clear error. */
async function* jsonLines(fn: string, path: string): AsyncGenerator<{ line: string; n: number }> {
  const input = await openText(fn, path);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (line.trim()) yield { line, n };
    }
  } catch (error) {
    throw readError(fn, path, n, error);
  } finally {
    lines.close();
    input.destroy();
  }
}

/** The format a file name selects, Parquet (`.parquet`), Arrow (`.arrow`, `.arrows`, `.feather`, `.ipc`) and SQLite (`.sqlite`, `.sqlite3`, `.db`) included, or "auto". */
export function streamFormatOfName(path: string): TextFormat | "parquet" | "arrow" | "sqlite" | "auto" {
  if (/\.parquet$/i.test(path)) return "parquet";
  if (ARROW_NAME.test(path)) return "arrow";
  if (/\.(sqlite3?|db)$/i.test(path)) return "sqlite";
  return formatOfName(path);
}
