import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { parse as parseCsv } from "csv-parse/sync";
import { EmptyInputError, InvalidArgumentError } from "../core/errors.js";
import { parseAbstractsPage } from "../corpus/parseAbstractsPage.js";
import { type BadLineOptions, documentOfLine, pickFields, type RecordFields } from "./records.js";
import { systemReason } from "./systemReason.js";

/** How a file holds documents. */
export type InputFormat = "auto" | "page" | "lines" | "jsonl" | "csv" | "tsv" | "dir";

export interface ReadDocumentsOptions extends RecordFields, BadLineOptions {
  /** @defaultValue "auto" (by extension; `.txt` is tried as an abstracts page, then as one document per line) */
  readonly format?: InputFormat;
}

/** Documents read from a file, with the format that was used. */
export interface ReadDocumentsResult {
  readonly documents: { id?: string; title?: string; text: string }[];
  readonly format: Exclude<InputFormat, "auto">;
  /** JSON lines left out under `badLines: "skip"` (0 otherwise). */
  readonly skipped: number;
}

/**
 * Reads documents from a saved abstracts page, a `.jsonl` file, a `.csv`/`.tsv` file
 * (parsed by csv-parse, quotes and embedded newlines included), a `.txt` file with one
 * document per line, or a directory of `.txt` files (one document each, titled by name).
 * @throws InvalidArgumentError for unreadable files, bad JSON lines or missing fields.
 * @throws EmptyInputError when the file holds no documents.
 */
export async function readDocuments(path: string, options: ReadDocumentsOptions = {}): Promise<ReadDocumentsResult> {
  const fn = "readDocuments";
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw new InvalidArgumentError(`${fn}: cannot read ${path}: ${systemReason(error)}`, "path");
  }
  let format = options.format ?? "auto";
  if (format === "auto") format = info.isDirectory() ? "dir" : formatFromExtension(path);
  if (format === "dir") {
    if (!info.isDirectory()) throw new InvalidArgumentError(`${fn}: ${path} is not a directory`, "path");
    let entries: string[];
    try {
      entries = await readdir(path);
    } catch (error) {
      throw new InvalidArgumentError(`${fn}: cannot read the directory ${path}: ${systemReason(error)}`, "path");
    }
    const names = entries.filter((n) => n.toLowerCase().endsWith(".txt")).sort();
    const documents = [];
    for (const name of names) {
      const text = (await readTextFile(fn, join(path, name))).trim();
      if (text) documents.push({ id: name, title: basename(name, extname(name)), text });
    }
    return finish(fn, path, documents, "dir");
  }
  if (info.isDirectory()) throw new InvalidArgumentError(`${fn}: ${path} is a directory; use format "dir"`, "path");
  const content = await readTextFile(fn, path);
  switch (format) {
    case "jsonl": {
      let skipped = 0;
      const documents = fromJsonLines(fn, path, content, {
        ...options,
        onSkipped: (line, reason) => {
          skipped++;
          options.onSkipped?.(line, reason);
        },
      });
      return { ...finish(fn, path, documents, "jsonl"), skipped };
    }
    case "csv":
    case "tsv":
      return finish(fn, path, fromCsv(fn, path, content, options, format === "tsv" ? "\t" : ","), format);
    case "page":
      return finish(
        fn,
        path,
        parseAbstractsPage(content).map((p) => ({ title: p.title, text: p.abstract })),
        "page",
      );
    case "lines":
      return finish(fn, path, fromLines(content), "lines");
    default: {
      try {
        const papers = parseAbstractsPage(content);
        if (papers.length >= 2)
          return finish(
            fn,
            path,
            papers.map((p) => ({ title: p.title, text: p.abstract })),
            "page",
          );
      } catch (error) {
        if (!(error instanceof EmptyInputError)) throw error;
      }
      return finish(fn, path, fromLines(content), "lines");
    }
  }
}

const gunzipAsync = promisify(gunzip);

/**
 * The file's text: gunzipped when it starts with gzip's magic bytes (whatever its name), a
 * byte-order mark dropped. A corrupt or truncated gzip stream, or bytes that are not text
 * (NUL bytes or invalid UTF-8 in its first 64 KiB), are refused rather than parsed as garbage.
 */
async function readTextFile(fn: string, path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InvalidArgumentError(`${fn}: cannot read ${path}: ${systemReason(error)}`, "path");
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = await gunzipAsync(bytes);
    } catch (error) {
      throw new InvalidArgumentError(
        `${fn}: ${path} is not a valid gzip file (${(error as Error).message}); it may be truncated or corrupt`,
        "path",
      );
    }
  }
  const head = bytes.subarray(0, 65536);
  if (head.includes(0))
    throw new InvalidArgumentError(`${fn}: ${path} is not a text file (it holds NUL bytes)`, "path");
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const replaced = text.slice(0, 65536).split("\uFFFD").length - 1;
  if (replaced > 16 && replaced > head.length / 1000)
    throw new InvalidArgumentError(
      `${fn}: ${path} is not UTF-8 text (${replaced} invalid byte sequences at its start)`,
      "path",
    );
  return text.replace(/^\uFEFF/, "");
}

function formatFromExtension(path: string): InputFormat {
  const ext = extname(path.replace(/\.gz$/i, "")).toLowerCase();
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  if (ext === ".csv") return "csv";
  if (ext === ".tsv") return "tsv";
  return "auto";
}

function finish(
  fn: string,
  path: string,
  documents: ReadDocumentsResult["documents"],
  format: ReadDocumentsResult["format"],
): ReadDocumentsResult {
  if (documents.length === 0) throw new EmptyInputError(`${fn}: ${path} holds no documents`, "path");
  return { documents, format, skipped: 0 };
}

function fromLines(content: string): ReadDocumentsResult["documents"] {
  return content
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((text) => ({ text }));
}

function fromJsonLines(
  fn: string,
  path: string,
  content: string,
  options: ReadDocumentsOptions,
): ReadDocumentsResult["documents"] {
  const docs: ReadDocumentsResult["documents"] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const doc = documentOfLine(fn, path, i + 1, line, options);
    if (doc !== null) docs.push(doc);
  });
  return docs;
}

function fromCsv(
  fn: string,
  path: string,
  content: string,
  options: ReadDocumentsOptions,
  delimiter: string,
): ReadDocumentsResult["documents"] {
  // TSV has no quoting rules: a `"` inside a field is just a character there.
  const tsv = delimiter === "\t";
  let records: Record<string, string>[];
  try {
    records = parseCsv(content, {
      columns: true,
      skip_empty_lines: true,
      delimiter,
      relax_column_count: true,
      trim: true,
      ...(tsv ? { quote: false } : {}),
    });
  } catch (error) {
    let message = (error as Error).message;
    const open = (error as { code?: string }).code === "CSV_QUOTE_NOT_CLOSED" ? lineOfOpenQuote(content) : 0;
    if (open > 0) message = `the quote opened on line ${open} is never closed`;
    const unbalanced = /quote/i.test(message)
      ? '; a field\'s quotes are unbalanced: double a quote inside a quoted field (""), or quote the whole field'
      : "";
    throw new InvalidArgumentError(
      `${fn}: ${path} is not valid ${tsv ? "TSV" : "CSV"}: ${message}${unbalanced}`,
      "path",
    );
  }
  return records.map((r, i) => pickFields(fn, `${path} row ${i + 2}`, r, options));
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
