import { wordNgrams } from "../text/ngrams.js";
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
  if (stemmer === null) return ngramsBetweenBreaks(tokens, minN, maxN);
  const stems = tokens.map((t) => (t === PHRASE_BREAK ? t : stemmer(t)));
  if (surfaces !== undefined) surfaces.push(...ngramsBetweenBreaks(tokens, minN, maxN));
  return ngramsBetweenBreaks(stems, minN, maxN);
}

/** {@link wordNgrams} of tokens holding `PHRASE_BREAK`s: the n-grams holding none, in the same order. */
function ngramsBetweenBreaks(tokens: readonly string[], minN: number, maxN: number): string[] {
  if (!tokens.includes(PHRASE_BREAK)) return wordNgrams(tokens, minN, maxN);
  const out: string[] = [];
  const n = tokens.length;
  for (let size = minN; size <= Math.min(maxN, n); size++) {
    for (let i = 0; i + size <= n; i++) {
      let gram = tokens[i] as string;
      let whole = gram !== PHRASE_BREAK;
      for (let j = 1; j < size && whole; j++) {
        const t = tokens[i + j] as string;
        whole = t !== PHRASE_BREAK;
        gram += ` ${t}`;
      }
      if (whole) out.push(gram);
    }
  }
  return out;
}
