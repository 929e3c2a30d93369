import { MATH_DEBRIS } from "../text/mathTerms.js";

const NUMBER_LIKE = /^[\p{N}\p{P}\p{S}]+$/u;
// "don't", "i'm", "they've": function words that stop-word lists often miss.
const CONTRACTION = /^\p{L}+'(?:t|s|m|re|ve|ll|d)$/u;

/**
 * Words of scholarly prose that name no theme ("et al", "furthermore", "we propose"),
 * missing from general stop-word lists; kept out of keywords, not out of the vectors.
 */
export const DISCOURSE_WORDS: ReadonlySet<string> = new Set([
  "et",
  "al",
  "etc",
  "e.g",
  "i.e",
  "finally",
  "furthermore",
  "moreover",
  "additionally",
  "thus",
  "hence",
  "therefore",
  "however",
  "respectively",
  "via",
  "use",
  "uses",
  "using",
  "used",
  "provide",
  "provides",
  "provided",
  "present",
  "presents",
  "presented",
  "propose",
  "proposes",
  "proposed",
  "paper",
  "papers",
  "work",
  "works",
  "show",
  "shows",
  "shown",
  "demonstrate",
  "demonstrates",
  "based",
  "novel",
  "new",
  "existing",
  "recent",
  "recently",
  "various",
  "different",
  "several",
  "significantly",
  "achieve",
  "achieves",
  "obtain",
  "obtained",
  "allow",
  "allows",
]);

/**
 * Whether a term (a word or an n-gram) should never name a topic: any word that is a
 * stop word, number-like, a single character or math debris; a discourse word, unless the
 * term is a fixed expression that holds one ("new york", see `fixedExpressions`); or a
 * phrase that repeats a word ("learning learning").
 */
export function isJunkTerm(term: string, stopWords: ReadonlySet<string>, fixedExpression = false): boolean {
  const words = term.split(" ");
  for (const w of words) {
    if ([...w].length < 2) return true;
    if (NUMBER_LIKE.test(w)) return true;
    if (MATH_DEBRIS.has(w)) return true;
    if (stopWords.has(w) || (DISCOURSE_WORDS.has(w) && !fixedExpression) || CONTRACTION.test(w)) return true;
  }
  return words.length > 1 && new Set(words).size < words.length;
}
