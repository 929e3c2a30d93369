/**
 * PDF text extractors write a glyph they cannot map as its font code, `(cid:12)`: a ligature
 * in "classi(cid:12)cation", a soft hyphen in "conjunc(cid:173) tion". The tokenizer reads
 * the code's name ("cid") and the pieces of the split word ("conjunc", "tion") as words,
 * which the scanned papers share and which name nothing. The texts keep them (they mark the
 * papers of an era, which clustering may use); keywords must not (see `glyphCodeWords`).
 */
// The code, with the letters touching it before and, past one space, after it (a lookahead,
// so that "a(cid:1)b(cid:2)c" gives "b" to both codes).
const GLYPH_CODE = /(\p{L}*)\((\p{L}+):\p{N}+\)(?=\s?(\p{L}*))/gu;

/**
 * Adds to `counts` each glyph-code name in `text` and each piece of a word that a code
 * touches ("piri(cid:173) form" adds "cid", "piri" and "form"), as written, one per occurrence.
 */
export function countGlyphCodeWords(text: string, counts: Map<string, number>): void {
  if (text.indexOf(":") < 0) return;
  for (const m of text.matchAll(GLYPH_CODE)) {
    for (const word of [m[1], m[2], m[3]] as string[]) {
      if (word !== "") counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
}

/** A corpus' glyph-code words (see {@link countGlyphCodeWords}). */
export interface GlyphCodeCollector {
  add(text: string): void;
  /** Counts made on another thread. */
  addCounts(counts: Iterable<readonly [string, number]>): void;
  finish(): ReadonlyMap<string, number>;
}

export function createGlyphCodeCollector(): GlyphCodeCollector {
  const counts = new Map<string, number>();
  return {
    add: (text) => countGlyphCodeWords(text, counts),
    addCounts(found) {
      for (const [word, n] of found) counts.set(word, (counts.get(word) ?? 0) + n);
    },
    finish: () => counts,
  };
}
