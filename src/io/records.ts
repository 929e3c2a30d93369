import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";

/** Which fields of a record hold a document's text, title and id. */
export interface RecordFields {
  /** Field holding the text. @defaultValue "text", else "abstract" when absent */
  readonly textField?: string;
  /** Field holding the title. @defaultValue "title" when present */
  readonly titleField?: string;
  /** Field holding the id. @defaultValue "id" when present */
  readonly idField?: string;
  /** Field holding a known class, kept as `label` (absent or empty: no label). @defaultValue none */
  readonly labelField?: string;
  /** Field holding the document's time (a year, a date string), kept as `time`. @defaultValue none */
  readonly timeField?: string;
}

export type DocumentRecord = { id?: string; title?: string; text: string; label?: string; time?: string | number };

/** How JSON-lines readers treat a line that is not a usable record. */
export interface BadLineOptions {
  /** `"error"` stops at the first bad line, naming it; `"skip"` leaves it out. @defaultValue "error" */
  readonly badLines?: "error" | "skip";
  /** Told of every skipped line (its number and what was wrong with it). */
  readonly onSkipped?: (line: number, reason: string) => void;
}

/**
 * A JSON-lines record as a document, or null for a bad line that `options` says to skip.
 * @throws InvalidArgumentError for a bad line when not skipping (naming it and the remedy).
 */
export function documentOfLine(
  fn: string,
  path: string,
  n: number,
  line: string,
  fields: RecordFields & BadLineOptions,
): DocumentRecord | null {
  const where = `${path} line ${n}`;
  try {
    return pickFields(fn, where, parseJsonObjectLine(fn, where, line), fields);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    if (fields.badLines === "skip") {
      fields.onSkipped?.(n, error.message);
      return null;
    }
    throw new InvalidArgumentError(
      `${error.message}; fix the line, or skip bad lines (badLines: "skip", --skip-bad-lines)`,
      error.argument,
    );
  }
}

/** One line of a JSONL file as a JSON object. @throws InvalidArgumentError naming `where`. */
export function parseJsonObjectLine(fn: string, where: string, line: string): Record<string, unknown> {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    throw new InvalidArgumentError(`${fn}: ${where} is not valid JSON`, "path");
  }
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new InvalidArgumentError(`${fn}: ${where} must be a JSON object; got ${describeValue(record)}`, "path");
  }
  return record as Record<string, unknown>;
}

/**
 * A document from a record's fields. A missing text field is an error naming the fields
 * that exist; an explicitly chosen title field must exist too.
 */
export function pickFields(
  fn: string,
  where: string,
  record: Record<string, unknown>,
  fields: RecordFields,
): DocumentRecord {
  const textField = fields.textField ?? ("text" in record ? "text" : "abstract");
  const text = record[textField];
  if (typeof text !== "string") {
    throw new InvalidArgumentError(
      `${fn}: ${where} has no string field "${textField}" (fields: ${Object.keys(record).join(", ")}); choose another with textField`,
      "options.textField",
    );
  }
  const titleField = fields.titleField ?? "title";
  const idField = fields.idField ?? "id";
  const doc: DocumentRecord = { text };
  const title = record[titleField];
  if (title !== undefined && title !== null && title !== "") doc.title = String(title);
  else if (fields.titleField !== undefined)
    throw new InvalidArgumentError(`${fn}: ${where} has no field "${titleField}"`, "options.titleField");
  const id = record[idField];
  if (id !== undefined && id !== null && id !== "") doc.id = String(id);
  if (fields.timeField !== undefined) {
    const time = record[fields.timeField];
    // A CSV cell holding a year is text: read it as the number it is.
    if (typeof time === "number") doc.time = time;
    else if (typeof time === "string" && time.trim() !== "")
      doc.time = /^\d{1,4}$/.test(time.trim()) ? Number(time) : time;
  }
  if (fields.labelField !== undefined) {
    const label = record[fields.labelField];
    if (label !== undefined && label !== null && label !== "") doc.label = String(label);
  }
  return doc;
}
