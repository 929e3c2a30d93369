import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { parse as parseCsv } from "csv-parse/sync";
import { describeValue } from "../core/describe.js";
import { EmptyInputError, InvalidArgumentError } from "../core/errors.js";
import { parseAbstractsPage } from "../corpus/parseAbstractsPage.js";

/** How a file holds documents. */
export type InputFormat = "auto" | "page" | "lines" | "jsonl" | "csv" | "tsv" | "dir";

export interface ReadDocumentsOptions {
  /** @defaultValue "auto" (by extension; `.txt` is tried as an abstracts page, then as one document per line) */
  readonly format?: InputFormat;
  /** Field holding the text (JSONL/CSV). @defaultValue "text", else "abstract" when absent */
  readonly textField?: string;
  /** Field holding the title (JSONL/CSV). @defaultValue "title" when present */
  readonly titleField?: string;
  /** Field holding the id (JSONL/CSV). @defaultValue "id" when present */
  readonly idField?: string;
}

/** Documents read from a file, with the format that was used. */
export interface ReadDocumentsResult {
  readonly documents: { id?: string; title?: string; text: string }[];
  readonly format: Exclude<InputFormat, "auto">;
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
    case "jsonl":
      return finish(fn, path, fromJsonLines(fn, path, content, options), "jsonl");
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

/** The reason of a file-system error in words, without Node's "ENOENT: ENOENT: ..." doubling. */
function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return (error as Error).message;
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
  return { documents, format };
}

function fromLines(content: string): ReadDocumentsResult["documents"] {
  return content
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((text) => ({ text }));
}

function pickFields(
  fn: string,
  where: string,
  record: Record<string, unknown>,
  options: ReadDocumentsOptions,
): ReadDocumentsResult["documents"][number] {
  const textField = options.textField ?? ("text" in record ? "text" : "abstract");
  const text = record[textField];
  if (typeof text !== "string") {
    throw new InvalidArgumentError(
      `${fn}: ${where} has no string field "${textField}" (fields: ${Object.keys(record).join(", ")}); choose one with textField`,
      "options.textField",
    );
  }
  const titleField = options.titleField ?? "title";
  const idField = options.idField ?? "id";
  const doc: { id?: string; title?: string; text: string } = { text };
  const title = record[titleField];
  if (title !== undefined && title !== null && title !== "") doc.title = String(title);
  else if (options.titleField !== undefined)
    throw new InvalidArgumentError(`${fn}: ${where} has no field "${titleField}"`, "options.titleField");
  const id = record[idField];
  if (id !== undefined && id !== null && id !== "") doc.id = String(id);
  return doc;
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
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new InvalidArgumentError(`${fn}: ${path} line ${i + 1} is not valid JSON`, "path");
    }
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      throw new InvalidArgumentError(
        `${fn}: ${path} line ${i + 1} must be a JSON object; got ${describeValue(record)}`,
        "path",
      );
    }
    docs.push(pickFields(fn, `${path} line ${i + 1}`, record as Record<string, unknown>, options));
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
  let records: Record<string, string>[];
  try {
    records = parseCsv(content, {
      columns: true,
      skip_empty_lines: true,
      delimiter,
      relax_column_count: true,
      trim: true,
    });
  } catch (error) {
    throw new InvalidArgumentError(`${fn}: ${path} is not valid CSV: ${(error as Error).message}`, "path");
  }
  return records.map((r, i) => pickFields(fn, `${path} row ${i + 2}`, r, options));
}
