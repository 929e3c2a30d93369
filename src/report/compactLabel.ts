import { checkInteger, checkString } from "../core/validate.js";
import { shownForms } from "../keywords/mergeAbbreviations.js";
import { excerpt } from "../pipeline/documents.js";

const SEPARATOR = " · ";

/**
 * A topic label made to fit `maxChars` characters, for a chart's axis or legend: the whole
 * label when it fits; otherwise its terms in order while they fit, each term shown with its
 * short form (`stochastic gradient descent (SGD)`) reduced to that short form, so
 * `SGD · learning rate schedules` rather than `stochastic gradient descent (SGD) · lea`.
 * A label is cut only between terms; a first term too long even so is cut at a word and
 * ends with "…". Charts keep the whole label for hovering.
 * @throws InvalidArgumentError for a label that is not a string or a width below 1.
 */
export function compactLabel(label: string, maxChars: number): string {
  checkString("compactLabel", "label", label);
  checkInteger("compactLabel", "maxChars", maxChars, 1);
  if (label.length <= maxChars) return label;
  const terms = label.split(SEPARATOR).map((term) => shownForms(term)?.short ?? term);
  let shown = terms[0] as string;
  if (shown.length > maxChars) return excerpt(shown, maxChars);
  for (const term of terms.slice(1)) {
    if (shown.length + SEPARATOR.length + term.length > maxChars) break;
    shown += SEPARATOR + term;
  }
  return shown;
}

/** A chart's text for topic `id`: `[id] label`, compacted to `maxChars`. */
export function topicCaption(id: number, label: string, maxChars: number): string {
  const prefix = `[${id}] `;
  return prefix + compactLabel(label, Math.max(1, maxChars - prefix.length));
}
