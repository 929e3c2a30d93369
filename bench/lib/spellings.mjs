// Words as one spelling: hyphenated words split, each word singular ("time-series models" →
// "time", "series", "model"), the rule the library's label near-duplicates use. With
// SPELLINGS=1, bench/labelQuery.mjs and bench/coherence.mjs read labels, keywords and texts
// this way, so that a term is not scored by one spelling of itself.

export const ONE_SPELLING = process.env.SPELLINGS === "1";

function singular(w) {
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 2 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** The words as one spelling (unchanged without SPELLINGS=1). */
export function oneSpelling(words) {
  return ONE_SPELLING
    ? words
        .flatMap((w) => w.split("-"))
        .filter(Boolean)
        .map(singular)
    : words;
}
