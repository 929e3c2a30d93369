import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import {
  type BadLineOptions,
  type DocumentRecord,
  documentOfLine,
  parseJsonObjectLine,
  type RecordFields,
} from "./records.js";
import { systemReason } from "./systemReason.js";

/**
 * Streams the `field` of every record of a JSONL file (gzipped when the name ends in
 * `.gz`), one line at a time: memory stays flat however large the file. Blank lines are
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
 * Streams the documents of a JSONL file (gzipped when the name ends in `.gz`) as
 * `{ id?, title?, text }`, the fields picked as `readDocuments` picks them: for
 * `clusterTopicsStream`. Memory stays flat however large the file.
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

/** Non-blank lines of a (gzipped) text file with their numbers; read errors become one clear error. */
async function* jsonLines(fn: string, path: string): AsyncGenerator<{ line: string; n: number }> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InvalidArgumentError(`${fn}: ${path} is a directory, not a JSONL file`, "path");
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    throw new InvalidArgumentError(`${fn}: cannot read ${path}: ${systemReason(error)}`, "path");
  }
  const file = createReadStream(path);
  let input: Readable = file;
  if (path.endsWith(".gz")) {
    const gunzip = createGunzip();
    // A read error of the file must reach the stream being read, not go unhandled.
    file.on("error", (error) => gunzip.destroy(error));
    input = file.pipe(gunzip);
  }
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (line.trim()) yield { line, n };
    }
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    const gz = path.endsWith(".gz") && (error as NodeJS.ErrnoException).code?.startsWith("Z_");
    throw new InvalidArgumentError(
      gz
        ? `${fn}: ${path} is not a valid gzip file after line ${n} (${(error as Error).message}); it may be truncated or corrupt`
        : `${fn}: cannot read ${path} after line ${n}: ${systemReason(error)}`,
      "path",
    );
  } finally {
    lines.close();
    input.destroy();
  }
}
