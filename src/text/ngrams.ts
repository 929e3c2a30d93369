import { checkInteger, checkStringArray } from "../core/validate.js";
/**
 * Word n-grams of `tokens` for n in [minN, maxN], joined by one space, in
 * scikit-learn's order (all unigrams, then all bigrams, ...). Stop words must already
 * be removed, as scikit-learn does, so "learning of rates" gives "learning rates".
 */
export function wordNgrams(tokens: readonly string[], minN: number, maxN: number): string[] {
  checkStringArray("wordNgrams", "tokens", tokens);
  checkInteger("wordNgrams", "minN", minN, 1);
  checkInteger("wordNgrams", "maxN", maxN, minN, Infinity, "minN or more");
  if (maxN === 1 && minN === 1) return tokens.slice();
  const out: string[] = [];
  const n = tokens.length;
  for (let size = minN; size <= Math.min(maxN, n); size++) {
    for (let i = 0; i + size <= n; i++) {
      let gram = tokens[i] as string;
      for (let j = 1; j < size; j++) gram += ` ${tokens[i + j] as string}`;
      out.push(gram);
    }
  }
  return out;
}
