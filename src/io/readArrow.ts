import { open } from "node:fs/promises";
import { tableFromIPC } from "@uwdata/flechette";
import { InvalidArgumentError } from "../core/errors.js";
import { fileStartsWith } from "./fileHead.js";
import type { BadLineOptions, DocumentRecord, RecordFields } from "./records.js";
import { systemReason } from "./systemReason.js";
import { tableColumns } from "./tableRows.js";

/** Names of Arrow IPC files (file format, Feather v2) and streams. */
export const ARROW_NAME = /\.(arrow|arrows|feather|ipc)$/i;

/** True when the file starts with the Arrow IPC file format's magic bytes "ARROW1". */
export function isArrowFile(path: string): Promise<boolean> {
  return fileStartsWith(path, "ARROW1");
}

/** Arrow IPC files are read into one buffer; a typed array holds at most this many bytes. */
const MAX_ARROW_BYTES = 2 ** 32 - 1;

/**
 * The documents of an Arrow IPC file (file format, `.arrow` / `.feather` v2) or stream
 * (`.arrows`), a record batch at a time: the file is held in memory as Arrow is meant to be
 * (up to 4 GiB; larger tables are better kept as Parquet, which is read a row group at a
 * time), and only the chosen columns of one batch are turned into values at once. Fields are
 * picked as in JSON lines (text, else abstract; title and id when present; label and time
 * when named); a chosen column the file lacks is an error naming the columns it has; a row
 * whose text is null is a bad record. 64-bit integers come back as numbers (ids as their
 * exact decimal text), dates and timestamps as ISO text, dictionary-encoded strings as strings.
 * @throws InvalidArgumentError for a file that is not Arrow IPC, or a missing column.
 */
export async function* readArrowRecords(
  path: string,
  fields: RecordFields & BadLineOptions = {},
  fn = "readRecords",
): AsyncGenerator<DocumentRecord> {
  const bytes = await readWhole(fn, path);
  let table: ReturnType<typeof tableFromIPC>;
  try {
    table = tableFromIPC(bytes, { useBigInt: true, useDate: true });
  } catch (error) {
    throw new InvalidArgumentError(
      `${fn}: ${path} is not a valid Arrow IPC file or stream (${(error as Error).message})`,
      "path",
    );
  }
  const chosen = tableColumns(fn, path, table.names, fields);
  const columns = chosen.wanted.map((name) => {
    const column = table.getChild(name);
    if (column === null) throw new InvalidArgumentError(`${fn}: ${path} has no column "${name}"`, "path");
    return { name, batches: column.data };
  });
  const batchCount = columns[0]?.batches.length ?? 0;
  let n = 0;
  for (let b = 0; b < batchCount; b++) {
    const values = columns.map((c) => ({
      name: c.name,
      batch: c.batches[b] as { length: number; at(i: number): unknown },
    }));
    const length = values[0]?.batch.length ?? 0;
    for (let r = 0; r < length; r++) {
      const row: Record<string, unknown> = {};
      for (const v of values) row[v.name] = v.batch.at(r);
      const doc = chosen.document(row, n++);
      if (doc !== null) yield doc;
    }
  }
}

/** The whole file in one buffer (Node's readFile stops at 2 GiB; Arrow files may be larger). */
async function readWhole(fn: string, path: string): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new InvalidArgumentError(`${fn}: cannot read ${path}: ${systemReason(error)}`, "path");
  }
  try {
    const { size } = await handle.stat();
    if (size > MAX_ARROW_BYTES)
      throw new InvalidArgumentError(
        `${fn}: ${path} is ${(size / 2 ** 30).toFixed(1)} GiB; Arrow files are read whole, up to 4 GiB: write it as Parquet (read a row group at a time) or in parts`,
        "path",
      );
    const bytes = new Uint8Array(size);
    const CHUNK = 1 << 26;
    for (let at = 0; at < size; ) {
      const { bytesRead } = await handle.read(bytes, at, Math.min(CHUNK, size - at), at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}
