import { open } from "node:fs/promises";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { InvalidArgumentError } from "../core/errors.js";
import { type BadLineOptions, type DocumentRecord, pickFields, type RecordFields } from "./records.js";
import { systemReason } from "./systemReason.js";

/** True when the file starts with Parquet's magic bytes "PAR1". */
export async function isParquetFile(path: string): Promise<boolean> {
  try {
    const handle = await open(path, "r");
    try {
      const head = Buffer.alloc(4);
      await handle.read(head, 0, 4, 0);
      return head.toString("latin1") === "PAR1";
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
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
  const present = topLevelColumns(metadata.schema);
  const has = (c: string) => present.includes(c);
  const textColumn = fields.textField ?? (has("text") ? "text" : "abstract");
  const columns = {
    text: textColumn,
    title: fields.titleField ?? (has("title") ? "title" : undefined),
    id: fields.idField ?? (has("id") ? "id" : undefined),
    label: fields.labelField,
    time: fields.timeField,
  };
  const flags = { text: "textField", title: "titleField", id: "idField", label: "labelField", time: "timeField" };
  for (const [role, column] of Object.entries(columns))
    if (column !== undefined && !has(column))
      throw new InvalidArgumentError(
        `${fn}: ${path} has no column "${column}" (columns: ${present.join(", ")}); choose another with ${flags[role as keyof typeof flags]}`,
        `options.${flags[role as keyof typeof flags]}`,
      );
  const wanted = [...new Set(Object.values(columns).filter((c): c is string => c !== undefined))];
  let start = 0;
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows);
    const rows = (await parquetReadObjects({
      file,
      metadata,
      columns: wanted,
      rowStart: start,
      rowEnd: end,
    })) as Record<string, unknown>[];
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as Record<string, unknown>;
      const n = start + r;
      const text = row[textColumn];
      if (typeof text !== "string") {
        const message = `${fn}: ${path} row ${n} has no text in column "${textColumn}" (${text === null || text === undefined ? "null" : typeof text})`;
        if (fields.badLines === "skip") {
          fields.onSkipped?.(n, message);
          continue;
        }
        throw new InvalidArgumentError(`${message}; skip such rows with badLines: "skip" (--skip-bad-lines)`, "path");
      }
      const record = {
        text,
        title: plain(columns.title === undefined ? undefined : row[columns.title]),
        // An id keeps every digit: a 64-bit id past 2^53 is exact as text, not as a number.
        id: columns.id === undefined ? undefined : idText(row[columns.id]),
        label: plain(columns.label === undefined ? undefined : row[columns.label]),
        time: plain(columns.time === undefined ? undefined : row[columns.time]),
      };
      yield pickFields(fn, `${path} row ${n}`, record, {
        ...(columns.label === undefined ? {} : { labelField: "label" }),
        ...(columns.time === undefined ? {} : { timeField: "time" }),
      });
    }
    start = end;
  }
}

function idText(value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : plain(value);
}

/** A cell as JSON lines would hold it: 64-bit integers as numbers, dates as ISO text. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  return value;
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
