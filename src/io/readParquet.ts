import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { InvalidArgumentError } from "../core/errors.js";
import { fileStartsWith } from "./fileHead.js";
import type { BadLineOptions, DocumentRecord, RecordFields } from "./records.js";
import { systemReason } from "./systemReason.js";
import { tableColumns } from "./tableRows.js";

/** True when the file starts with Parquet's magic bytes "PAR1". */
export function isParquetFile(path: string): Promise<boolean> {
  return fileStartsWith(path, "PAR1");
}

/**
 * The documents of a Parquet file, a row group at a time (memory holds one group's chosen
 * columns): fields picked as in JSON lines (text, else abstract; title and id when
 * present; label and time when named). A chosen column the file lacks is an error naming
 * the columns it has; a row whose text is null is a bad record (an error naming the row,
 * or skipped with `badLines: "skip"`). 64-bit integers come back as numbers (ids as their
 * decimal text), dates and timestamps as ISO text.
 * @throws InvalidArgumentError for a file that is not Parquet, or a missing column.
 */
export async function* readParquetRecords(
  path: string,
  fields: RecordFields & BadLineOptions = {},
  fn = "readRecords",
): AsyncGenerator<DocumentRecord> {
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    file = await asyncBufferFromFile(path);
  } catch (error) {
    throw new InvalidArgumentError(`${fn}: cannot read ${path}: ${systemReason(error)}`, "path");
  }
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new InvalidArgumentError(`${fn}: ${path} is not a valid Parquet file (${(error as Error).message})`, "path");
  }
  const table = tableColumns(fn, path, topLevelColumns(metadata.schema), fields);
  let start = 0;
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows);
    const rows = (await parquetReadObjects({
      file,
      metadata,
      columns: [...table.wanted],
      rowStart: start,
      rowEnd: end,
    })) as Record<string, unknown>[];
    for (let r = 0; r < rows.length; r++) {
      const doc = table.document(rows[r] as Record<string, unknown>, start + r);
      if (doc !== null) yield doc;
    }
    start = end;
  }
}

/** The names of a flattened Parquet schema's top-level columns (the root's children). */
export function topLevelColumns(
  schema: readonly { readonly name: string; readonly num_children?: number }[],
): string[] {
  const names: string[] = [];
  const after = (i: number): number => {
    let j = i + 1;
    for (let c = 0; c < (schema[i]?.num_children ?? 0); c++) j = after(j);
    return j;
  };
  for (let i = 1; i < schema.length; i = after(i)) names.push((schema[i] as { name: string }).name);
  return names;
}
