import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join, relative } from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { EmptyInputError, InvalidArgumentError } from "../core/errors.js";
import { decodeText, isGzip } from "./decodeText.js";
import { type ParseDocumentsOptions, parseDocumentsFor, type TextFormat } from "./inputFormats.js";
import { ARROW_NAME, isArrowFile, readArrowRecords } from "./readArrow.js";
import { isParquetFile, readParquetRecords } from "./readParquet.js";
import { isSqliteFile, readSqliteRecords } from "./readSqlite.js";
import type { BadLineOptions, DocumentRecord, RecordFields } from "./records.js";
import { systemReason } from "./systemReason.js";

/** How a file holds documents. */
export type InputFormat = "auto" | TextFormat | "parquet" | "arrow" | "sqlite" | "dir";

export interface ReadDocumentsOptions extends Omit<ParseDocumentsOptions, "format" | "name"> {
  /** @defaultValue "auto" (by extension, then by content; `.txt` is tried as an abstracts page, then as one document per line) */
  readonly format?: InputFormat;
  /** Directories: also read the files in subfolders. @defaultValue false */
  readonly recursive?: boolean;
  /** Directories: the extensions of the files read, one document each. @defaultValue [".txt"] */
  readonly extensions?: readonly string[];
  /** SQLite: the query whose rows are the documents. @defaultValue the one table's rows */
  readonly sql?: string;
}

/** Documents read from a file, with the format that was used. */
export interface ReadDocumentsResult {
  readonly documents: DocumentRecord[];
  readonly format: Exclude<InputFormat, "auto">;
  /** Records left out under `badLines: "skip"` (0 otherwise). */
  readonly skipped: number;
}

/**
 * Reads documents from a file in any input format (see `INPUT_FORMATS`: an abstracts page,
 * lines, JSON lines, a JSON array, CSV, TSV), gzipped or not (by its magic bytes), UTF-8 or
 * UTF-16; from a Parquet file (by extension or magic bytes; see `readParquetRecords`), an
 * Arrow IPC file or stream (see `readArrowRecords`), an SQLite database; or
 * from a directory of text files (one document each, titled by name).
 * @throws InvalidArgumentError for unreadable, binary or malformed files, naming the file and line.
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
  const { format = "auto", recursive = false, extensions = [".txt"], ...fields } = options;
  if (format === "dir" || (format === "auto" && info.isDirectory())) {
    if (!info.isDirectory()) throw new InvalidArgumentError(`${fn}: ${path} is not a directory`, "path");
    return { documents: await readDirectory(fn, path, recursive, extensions), format: "dir", skipped: 0 };
  }
  if (info.isDirectory()) throw new InvalidArgumentError(`${fn}: ${path} is a directory; use format "dir"`, "path");
  const { sql, ...recordFields } = fields;
  if (sql !== undefined && format !== "sqlite" && !(format === "auto" && (await isSqliteFile(path))))
    throw new InvalidArgumentError(`${fn}: sql queries an SQLite database, and ${path} is not one`, "sql");
  if (format === "sqlite" || (format === "auto" && (await isSqliteFile(path)))) {
    const read = await collect(fn, path, recordFields, (counting) =>
      readSqliteRecords(path, { ...counting, ...(sql === undefined ? {} : { sql }) }, fn),
    );
    return { ...read, format: "sqlite" };
  }
  if (format === "parquet" || (format === "auto" && (/\.parquet$/i.test(path) || (await isParquetFile(path))))) {
    const read = await collect(fn, path, recordFields, (counting) => readParquetRecords(path, counting, fn));
    return { ...read, format: "parquet" };
  }
  if (format === "arrow" || (format === "auto" && (ARROW_NAME.test(path) || (await isArrowFile(path))))) {
    const read = await collect(fn, path, recordFields, (counting) => readArrowRecords(path, counting, fn));
    return { ...read, format: "arrow" };
  }
  const content = await readTextFile(fn, path);
  const parsed = parseDocumentsFor(fn, content, { ...recordFields, format, name: path });
  return { documents: parsed.documents, format: parsed.format, skipped: parsed.skipped };
}

/** Every document of a table reader, and how many rows it skipped; none at all is an error. */
async function collect(
  fn: string,
  path: string,
  fields: RecordFields & BadLineOptions,
  read: (fields: RecordFields & BadLineOptions) => AsyncIterable<DocumentRecord>,
): Promise<{ documents: DocumentRecord[]; skipped: number }> {
  let skipped = 0;
  const counting = {
    ...fields,
    onSkipped: (row: number, reason: string) => {
      skipped++;
      fields.onSkipped?.(row, reason);
    },
  };
  const documents: DocumentRecord[] = [];
  for await (const doc of read(counting)) documents.push(doc);
  if (documents.length === 0) throw new EmptyInputError(`${fn}: ${path} holds no documents`, "path");
  return { documents, skipped };
}

/** Every file with one of `extensions` (in subfolders too when `recursive`), sorted by path. */
async function readDirectory(
  fn: string,
  dir: string,
  recursive: boolean,
  extensions: readonly string[],
): Promise<DocumentRecord[]> {
  const wanted = extensions.map((e) => (e.startsWith(".") ? e : `.${e}`).toLowerCase());
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive })).map(String);
  } catch (error) {
    throw new InvalidArgumentError(`${fn}: cannot read the directory ${dir}: ${systemReason(error)}`, "path");
  }
  const names = entries.filter((n) => wanted.some((ext) => n.toLowerCase().endsWith(ext))).sort();
  const documents: DocumentRecord[] = [];
  for (const name of names) {
    const file = join(dir, name);
    if ((await stat(file)).isDirectory()) continue;
    const text = (await readTextFile(fn, file)).trim();
    if (text) documents.push({ id: relative(dir, file), title: basename(name, extname(name)), text });
  }
  if (documents.length === 0) {
    const looked = wanted.map((e) => `*${e}`).join(", ");
    throw new EmptyInputError(
      `${fn}: ${dir} holds no non-empty ${looked} files${recursive ? " (subfolders included)" : "; subfolders were not searched (recursive, --recursive)"}; choose other extensions with --ext`,
      "path",
    );
  }
  return documents;
}

const gunzipAsync = promisify(gunzip);

/** The file's text: gunzipped when it starts with gzip's magic bytes (whatever its name), then decoded. */
async function readTextFile(fn: string, path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InvalidArgumentError(`${fn}: cannot read ${path}: ${systemReason(error)}`, "path");
  }
  if (isGzip(bytes)) {
    try {
      bytes = await gunzipAsync(bytes);
    } catch (error) {
      throw new InvalidArgumentError(
        `${fn}: ${path} is not a valid gzip file (${(error as Error).message}); it may be truncated or corrupt`,
        "path",
      );
    }
  }
  return decodeText(fn, path, bytes);
}
