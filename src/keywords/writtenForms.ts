import type { TokenDocuments } from "../vectorize/vocabulary.js";
import { UNKNOWN_GAP } from "../vectorize/writtenGaps.js";
import { indexForms } from "./termDocuments.js";

/**
 * How each phrase (its words, as counted with stop words out) is written in the texts:
 * its commonest way with the stop words inside ("bank of england" for `bank england`),
 * when at least half of its occurrences are written so and no other way as often; null
 * when it is mostly written as counted, or read nowhere. The documents read are those whose
 * gaps the tokens keep (`tokens.gaps`, the corpus' first documents); without gaps, all null.
 * O(tokens read + phrases).
 */
export function writtenForms(tokens: TokenDocuments, phrases: readonly (readonly string[])[]): (string | null)[] {
  const out: (string | null)[] = phrases.map(() => null);
  const gaps = tokens.gaps;
  if (gaps === undefined || phrases.length === 0) return out;
  const index = indexForms(
    tokens,
    phrases.map((words) => [words]),
  );
  // Per phrase, its occurrences by the codes of its inner gaps ("3,0" for "x of y z").
  const ways = phrases.map(() => new Map<string, number>());
  const totals = new Int32Array(phrases.length);
  const { offsets } = tokens;
  const { codes, forms } = gaps;
  const count = (row: number, p: number, length: number): void => {
    let key = "";
    for (let j = 1; j < length; j++) {
      const code = codes[p + j] as number;
      if (code === UNKNOWN_GAP) {
        key = "?";
        break;
      }
      key += j === 1 ? `${code}` : `,${code}`;
    }
    const seen = ways[row] as Map<string, number>;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    totals[row] = (totals[row] as number) + 1;
  };
  for (let d = 0; d < gaps.documents; d++) {
    const end = offsets[d + 1] as number;
    for (let p = offsets[d] as number; p < end; p++) index.eachMatch(p, end, count);
  }
  phrases.forEach((words, row) => {
    let best = "";
    let bestCount = 0;
    let tied = false;
    for (const [key, n] of ways[row] as Map<string, number>) {
      if (n > bestCount) {
        best = key;
        bestCount = n;
        tied = false;
      } else if (n === bestCount) tied = true;
    }
    if (tied || best === "?" || 2 * bestCount < (totals[row] as number)) return;
    const inner = best.split(",").map(Number);
    if (inner.every((code) => code === 0)) return;
    let written = words[0] as string;
    for (let j = 1; j < words.length; j++) {
      const between = forms[inner[j - 1] as number] as string;
      written += between === "" ? ` ${words[j]}` : ` ${between} ${words[j]}`;
    }
    out[row] = written;
  });
  return out;
}
