import { describeValue } from "../core/describe.js";
import { EmptyInputError, InvalidArgumentError } from "../core/errors.js";

/** One paper of a saved abstracts page. */
export interface Paper {
  readonly title: string;
  readonly abstract: string;
}

// A title is one short line; an abstract a long paragraph. The gap between the two
// (titles here reach 26 words, abstracts start near 180) keeps page headers out.
const MAX_TITLE_WORDS = 40;
const MIN_ABSTRACT_WORDS = 50;

const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/**
 * Parses a saved web page of paper abstracts: some header lines, then for each paper
 * a title line, a blank line and an abstract paragraph. Header lines (and any other
 * paragraph that is not a title followed by an abstract) are skipped. Tolerates CRLF,
 * trailing spaces and extra blank lines. O(length of text).
 * @example parseAbstractsPage(pageText).length // 70 for the packaged seed corpus
 * @throws InvalidArgumentError if `text` is not a string.
 * @throws EmptyInputError if the text holds no paper.
 */
export function parseAbstractsPage(text: string): Paper[] {
  if (typeof text !== "string") {
    throw new InvalidArgumentError(`parseAbstractsPage: text must be a string; got ${describeValue(text)}`, "text");
  }
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean)
        .join(" "),
    )
    .filter((p) => p.length > 0);
  const papers: Paper[] = [];
  for (let i = 0; i + 1 < paragraphs.length; ) {
    const title = paragraphs[i] as string;
    const abstract = paragraphs[i + 1] as string;
    const titleWords = wordCount(title);
    if (titleWords <= MAX_TITLE_WORDS && wordCount(abstract) >= MIN_ABSTRACT_WORDS) {
      papers.push({ title, abstract });
      i += 2;
    } else {
      i += 1;
    }
  }
  if (papers.length === 0) {
    throw new EmptyInputError(
      `parseAbstractsPage: text holds no papers (expected a title line, a blank line, then an abstract of at least ${MIN_ABSTRACT_WORDS} words)`,
      "text",
    );
  }
  return papers;
}
