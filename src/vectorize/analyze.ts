import { ngramsOf } from "../text/ngrams.js";
import { PHRASE_BREAK } from "../text/tokenize.js";
import type { Analyzer } from "./options.js";

/**
 * Turns one document into its terms: tokens, stop words removed, optionally stemmed,
 * then n-grams, none of which runs through a dropped number (as the vectorizer's scan). When
 * stemming, `surfaces` (if given) receives the unstemmed n-gram of each term in the same
 * order, so keywords can be shown as words.
 */
export function analyzeDocument(analyzer: Analyzer, text: string, surfaces?: string[]): string[] {
  const stop = analyzer.stopWords.words;
  const [minN, maxN] = analyzer.options.ngramRange;
  const raw = maxN > 1 ? analyzer.markingTokenizer(text) : analyzer.tokenizer(text);
  const tokens: string[] = [];
  for (const t of raw) if (!stop.has(t)) tokens.push(t);
  const stemmer = analyzer.stemmer;
  if (stemmer === null) return ngramsOf(tokens, minN, maxN);
  const stems = tokens.map((t) => (t === PHRASE_BREAK ? t : stemmer(t)));
  if (surfaces !== undefined) surfaces.push(...ngramsOf(tokens, minN, maxN));
  return ngramsOf(stems, minN, maxN);
}
