import { checkInteger, checkStringArray } from "../core/validate.js";
import { PHRASE_BREAK } from "./tokenize.js";

/**
 * Word n-grams of `tokens` for n in [minN, maxN], joined by one space, in
 * scikit-learn's order (all unigrams, then all bigrams, ...). Stop words must already
 * be removed, as scikit-learn does, so "learning of rates" gives "learning rates". No
 * n-gram holds a `PHRASE_BREAK` (where a marking tokenizer dropped a number).
 */
export function wordNgrams(tokens: readonly string[], minN: number, maxN: number): string[] {
  checkStringArray("wordNgrams", "tokens", tokens);
  checkInteger("wordNgrams", "minN", minN, 1);
  checkInteger("wordNgrams", "maxN", maxN, minN, Infinity, "minN or more");
  return ngramsOf(tokens, minN, maxN);
}

/** {@link wordNgrams} of arguments already checked. */
export function ngramsOf(tokens: readonly string[], minN: number, maxN: number): string[] {
  const breaks = tokens.includes(PHRASE_BREAK);
  if (maxN === 1 && minN === 1 && !breaks) return tokens.slice();
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
