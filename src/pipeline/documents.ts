import { describeValue } from "../core/describe.js";
import { EmptyInputError, InvalidArgumentError } from "../core/errors.js";

/** A document: plain text, or text with an optional id and title. */
export type DocumentInput = string | { readonly id?: string; readonly title?: string; readonly text: string };

/** Documents split into what the pipeline needs. */
export interface NormalizedDocuments {
  /** Text analysed for each document (title and text joined when there is a title). */
  readonly texts: string[];
  readonly titles: (string | undefined)[];
  readonly ids: (string | undefined)[];
}

/**
 * Validates and normalises the documents of a public entry point (the argument `name`,
 * `docs` unless said otherwise).
 * @throws EmptyInputError for an empty list; InvalidArgumentError naming `docs[i]` otherwise.
 */
export function normalizeDocuments(fn: string, docs: readonly DocumentInput[], name = "docs"): NormalizedDocuments {
  if (!Array.isArray(docs)) {
    throw new InvalidArgumentError(
      `${fn}: ${name} must be an array of strings or {text} objects; got ${describeValue(docs)}`,
      name,
    );
  }
  if (docs.length === 0) throw new EmptyInputError(`${fn}: ${name} must hold at least one document; got 0`, name);
  const texts: string[] = [];
  const titles: (string | undefined)[] = [];
  const ids: (string | undefined)[] = [];
  docs.forEach((doc, i) => {
    const one = normalizeDocument(fn, doc, i, name);
    texts.push(one.text);
    titles.push(one.title);
    ids.push(one.id);
  });
  return { texts, titles, ids };
}

/**
 * One document of a public entry point (`docs[i]`, or `name[i]`), validated: the text analysed (title and
 * text joined when there is a title), its title and its id.
 * @throws InvalidArgumentError naming `docs[i]`.
 */
export function normalizeDocument(
  fn: string,
  doc: unknown,
  i: number,
  name = "docs",
): { text: string; title: string | undefined; id: string | undefined } {
  if (typeof doc === "string") return { text: doc, title: undefined, id: undefined };
  const d = doc as { text?: unknown; title?: unknown; id?: unknown } | null;
  if (d === null || typeof d !== "object" || typeof d.text !== "string") {
    throw new InvalidArgumentError(
      `${fn}: ${name}[${i}] must be a string or an object with a string text; got ${describeValue(doc)}`,
      `${name}[${i}]`,
    );
  }
  for (const field of ["id", "title"] as const) {
    if (d[field] !== undefined && typeof d[field] !== "string") {
      throw new InvalidArgumentError(
        `${fn}: ${name}[${i}].${field} must be a string; got ${describeValue(d[field])}`,
        `${name}[${i}].${field}`,
      );
    }
  }
  const title = d.title as string | undefined;
  return { text: title ? `${title}. ${d.text}` : d.text, title, id: d.id as string | undefined };
}

/** The start of a document's text, as representatives show it (whitespace folded, cut at a word). */
export function excerpt(text: string, length = 200): string {
  // Only the head is cleaned: the excerpt of a long text costs what a short one's does.
  for (let end = Math.min(text.length, 2 * length + 16); ; end *= 2) {
    const whole = end >= text.length;
    const clean = (whole ? text : text.slice(0, end)).replace(/\s+/g, " ").trim();
    if (whole && clean.length <= length) return clean;
    if (whole || clean.length > length) return `${clean.slice(0, length - 1).replace(/\s\S*$/, "")}…`;
  }
}
