import { indexOfNamed } from "../core/strings.js";
import type { TokenDocuments } from "../vectorize/vocabulary.js";
import type { ClassTermTable } from "./classPhraseCounts.js";
import type { CorpusAbbreviations } from "./mergeAbbreviations.js";

/**
 * A glyph-code word is markup when at least this share of its occurrences are in or against
 * a code: "cid" is written `(cid:N)` 4,698 times of 4,707 in 87,242 abstracts, and "tion"
 * is mostly the tail of a split word, while "form" after "piri(cid:173) " stays a word.
 */
export const MIN_CODE_SHARE = 0.5;

/**
 * The words that are markup in this corpus: glyph-code names and the pieces of words that
 * codes split (see `countGlyphCodeWords`), when at least {@link MIN_CODE_SHARE} of their
 * occurrences are such. O(tokens) when the corpus has codes, nothing otherwise.
 */
export function markupWordsOf(
  tokens: TokenDocuments,
  { glyphCodeWords, wordsOf }: Pick<CorpusAbbreviations, "glyphCodeWords" | "wordsOf">,
): ReadonlySet<string> {
  const out = new Set<string>();
  if (glyphCodeWords === undefined || glyphCodeWords.size === 0) return out;
  // Words as the keywords spell them ("CID" → "cid"); a stop word yields none.
  const inCodes = new Map<string, number>();
  for (const [written, n] of glyphCodeWords) {
    const words = wordsOf(written);
    if (words.length === 1) inCodes.set(words[0] as string, (inCodes.get(words[0] as string) ?? 0) + n);
  }
  const ids = indexOfNamed(tokens.terms, new Set(inCodes.keys()));
  if (ids.size === 0) return out;
  const occurrences = new Float64Array(tokens.terms.length);
  const { stream } = tokens;
  for (let p = 0; p < stream.length; p++) {
    const id = stream[p] as number;
    occurrences[id] = (occurrences[id] as number) + 1;
  }
  for (const [word, id] of ids) {
    if ((inCodes.get(word) as number) >= MIN_CODE_SHARE * (occurrences[id] as number)) out.add(word);
  }
  return out;
}

/** The table with the corpus' markup words kept out of keywords (see {@link markupWordsOf}). */
export function markGlyphCodeWords(
  table: ClassTermTable,
  tokens: TokenDocuments,
  corpus: Pick<CorpusAbbreviations, "glyphCodeWords" | "wordsOf">,
): ClassTermTable {
  const words = markupWordsOf(tokens, corpus);
  return words.size === 0 ? table : { ...table, markupWords: words };
}
