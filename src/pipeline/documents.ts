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
 * Validates and normalises the documents of a public entry point.
 * @throws EmptyInputError for an empty list; InvalidArgumentError naming `docs[i]` otherwise.
 */
export function normalizeDocuments(fn: string, docs: readonly DocumentInput[]): NormalizedDocuments {
  if (!Array.isArray(docs)) {
    throw new InvalidArgumentError(
      `${fn}: docs must be an array of strings or {text} objects; got ${describeValue(docs)}`,
      "docs",
    );
  }
  if (docs.length === 0) throw new EmptyInputError(`${fn}: docs must hold at least one document; got 0`, "docs");
  const texts: string[] = [];
  const titles: (string | undefined)[] = [];
  const ids: (string | undefined)[] = [];
  docs.forEach((doc, i) => {
    if (typeof doc === "string") {
      texts.push(doc);
      titles.push(undefined);
      ids.push(undefined);
      return;
    }
    if (doc === null || typeof doc !== "object" || typeof doc.text !== "string") {
      throw new InvalidArgumentError(
        `${fn}: docs[${i}] must be a string or an object with a string text; got ${describeValue(doc)}`,
        `docs[${i}]`,
      );
    }
    for (const field of ["id", "title"] as const) {
      if (doc[field] !== undefined && typeof doc[field] !== "string") {
        throw new InvalidArgumentError(
          `${fn}: docs[${i}].${field} must be a string; got ${describeValue(doc[field])}`,
          `docs[${i}].${field}`,
        );
      }
    }
    texts.push(doc.title ? `${doc.title}. ${doc.text}` : doc.text);
    titles.push(doc.title);
    ids.push(doc.id);
  });
  return { texts, titles, ids };
}
