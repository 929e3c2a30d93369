import { InvalidArgumentError } from "../core/errors.js";
import { type BadLineOptions, type DocumentRecord, pickFields, type RecordFields } from "./records.js";

/** How the rows of a table (Parquet, SQLite) become documents. */
export interface TableColumns {
  /** The columns read: text, and title, id, label and time where chosen or present. */
  readonly wanted: readonly string[];
  /** Row `n` as a document, or null for a bad row that `fields` says to skip. */
  document(row: Record<string, unknown>, n: number): DocumentRecord | null;
}

const FLAGS = {
  text: "textField",
  title: "titleField",
  id: "idField",
  label: "labelField",
  time: "timeField",
} as const;

/**
 * The JSON-lines field rules over a table's columns: text is "text", else "abstract"; title
 * and id are read when present; label and time when named. A chosen column the table lacks
 * is an error naming the columns it has; a row whose text is not a string is a bad record.
 * 64-bit integers become numbers (ids their exact decimal text), dates ISO text.
 * @throws InvalidArgumentError for a missing column.
 */
export function tableColumns(
  fn: string,
  where: string,
  present: readonly string[],
  fields: RecordFields & BadLineOptions,
): TableColumns {
  const has = (c: string) => present.includes(c);
  const text = fields.textField ?? (has("text") ? "text" : "abstract");
  const columns = {
    text,
    title: fields.titleField ?? (has("title") ? "title" : undefined),
    id: fields.idField ?? (has("id") ? "id" : undefined),
    label: fields.labelField,
    time: fields.timeField,
  };
  for (const [role, column] of Object.entries(columns))
    if (column !== undefined && !has(column)) {
      const flag = FLAGS[role as keyof typeof FLAGS];
      throw new InvalidArgumentError(
        `${fn}: ${where} has no column "${column}" (columns: ${present.join(", ")}); choose another with ${flag}`,
        `options.${flag}`,
      );
    }
  const cell = (row: Record<string, unknown>, column: string | undefined) =>
    column === undefined ? undefined : plain(row[column]);
  return {
    wanted: [...new Set(Object.values(columns).filter((c): c is string => c !== undefined))],
    document(row, n) {
      const value = row[text];
      if (typeof value !== "string") {
        const message = `${fn}: ${where} row ${n} has no text in column "${text}" (${value === null || value === undefined ? "null" : typeof value})`;
        if (fields.badLines === "skip") {
          fields.onSkipped?.(n, message);
          return null;
        }
        throw new InvalidArgumentError(`${message}; skip such rows with badLines: "skip" (--skip-bad-lines)`, "path");
      }
      const record = {
        text: value,
        title: cell(row, columns.title),
        // An id keeps every digit: a 64-bit id past 2^53 is exact as text, not as a number.
        id: columns.id === undefined ? undefined : idText(row[columns.id]),
        label: cell(row, columns.label),
        time: cell(row, columns.time),
      };
      return pickFields(fn, `${where} row ${n}`, record, {
        ...(columns.label === undefined ? {} : { labelField: "label" }),
        ...(columns.time === undefined ? {} : { timeField: "time" }),
      });
    },
  };
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
