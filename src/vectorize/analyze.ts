import { wordNgrams } from "../text/ngrams.js";
import type { Analyzer } from "./options.js";

/**
 * Turns one document into its terms: tokens, stop words removed, optionally stemmed,
 * then n-grams. When stemming, `surfaces` (if given) receives the unstemmed n-gram of
 * each term in the same order, so keywords can be shown as words.
 */
export function analyzeDocument(analyzer: Analyzer, text: string, surfaces?: string[]): string[] {
  const stop = analyzer.stopWords.words;
  const raw = analyzer.tokenizer(text);
  const tokens: string[] = [];
  for (const t of raw) if (!stop.has(t)) tokens.push(t);
  const [minN, maxN] = analyzer.options.ngramRange;
  const stemmer = analyzer.stemmer;
  if (stemmer === null) return wordNgrams(tokens, minN, maxN);
  const stems = tokens.map((t) => stemmer(t));
  if (surfaces !== undefined) surfaces.push(...wordNgrams(tokens, minN, maxN));
  return wordNgrams(stems, minN, maxN);
}
