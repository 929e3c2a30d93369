import type { ClassTermTable } from "./classPhraseCounts.js";
import { DISCOURSE_WORDS } from "./junk.js";
import { columnSums } from "./mergeColumns.js";

/**
 * A phrase led by a discourse word is a fixed expression when at least this share of the
 * documents holding each of its other words hold the phrase: "new york" (AG News: the phrase
 * in nearly every story that has "york"), not "new method".
 */
export const FIXED_EXPRESSION_SHARE = 0.5;

/**
 * The phrases of the table that start with a discourse word ("new", "al": words of
 * scholarly prose that name no theme, see `DISCOURSE_WORDS`) and still name something,
 * because the corpus writes their other words mostly after it: "new york", "new zealand",
 * "new testament", "al qaeda". 1 marks such a phrase. A discourse word further in marks
 * none ("et al"), and so does a phrase mostly written with other words between its words
 * (`writtenOtherwise`, see `writtenForms`): 20 Newsgroups' copied "proceeded in the work of
 * extermination" has "extermination" in 120 of its 131 posts after "work". O(terms + table
 * entries), and the written forms of the phrases marked.
 */
export function fixedExpressions(
  table: ClassTermTable,
  writtenOtherwise: ((columns: readonly number[]) => ReadonlyMap<number, string>) | null = null,
): Uint8Array {
  // Every clustered document is in one cluster: the column sums are the corpus' documents holding each term.
  return fixedExpressionsOf(table.vocabulary, columnSums(table.documentCounts), writtenOtherwise);
}

/**
 * {@link fixedExpressions} of a vocabulary whose documents holding each term are known
 * (a fitted TF-IDF model's `documentFrequency`).
 */
export function fixedExpressionsOf(
  vocabulary: readonly string[],
  holding: ArrayLike<number>,
  writtenOtherwise: ((columns: readonly number[]) => ReadonlyMap<number, string>) | null = null,
): Uint8Array {
  const fixed = new Uint8Array(vocabulary.length);
  const candidates: number[] = [];
  vocabulary.forEach((term, t) => {
    const words = term.split(" ");
    if (
      DISCOURSE_WORDS.has(words[0] as string) &&
      words.length > 1 &&
      !words.slice(1).some((w) => DISCOURSE_WORDS.has(w))
    )
      candidates.push(t);
  });
  if (candidates.length === 0) return fixed;
  const idOf = new Map<string, number>();
  vocabulary.forEach((term, t) => {
    if (!term.includes(" ")) idOf.set(term, t);
  });
  for (const t of candidates) {
    const phraseDocuments = holding[t] as number;
    if (phraseDocuments === 0) continue;
    // Only the first word is a discourse word (see the candidates).
    const others = (vocabulary[t] as string).split(" ").slice(1);
    const written = others.every((w) => {
      const id = idOf.get(w);
      return id !== undefined && phraseDocuments >= FIXED_EXPRESSION_SHARE * (holding[id] as number);
    });
    if (written) fixed[t] = 1;
  }
  // A name is written as one run of words; a phrase mostly written with words between its
  // words ("work of extermination") is not one.
  if (writtenOtherwise !== null) {
    const marked = candidates.filter((t) => fixed[t] === 1);
    for (const t of writtenOtherwise(marked).keys()) fixed[t] = 0;
  }
  return fixed;
}
