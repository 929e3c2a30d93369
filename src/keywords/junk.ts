import { MATH_DEBRIS } from "../text/mathTerms.js";

const NUMBER_LIKE = /^[\p{N}\p{P}\p{S}]+$/u;

/**
 * Whether a term (a word or an n-gram) should never name a topic: any word that is a
 * stop word, number-like, a single character or math debris; or a phrase that repeats
 * a word ("learning learning").
 */
export function isJunkTerm(term: string, stopWords: ReadonlySet<string>): boolean {
  const words = term.split(" ");
  for (const w of words) {
    if ([...w].length < 2) return true;
    if (NUMBER_LIKE.test(w)) return true;
    if (MATH_DEBRIS.has(w)) return true;
    if (stopWords.has(w)) return true;
  }
  return words.length > 1 && new Set(words).size < words.length;
}
