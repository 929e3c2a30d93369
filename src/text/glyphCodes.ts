/**
 * PDF text extractors write a glyph they cannot map as its font code, `(cid:12)`: a ligature
 * in "classi(cid:12)cation", a soft hyphen in "conjunc(cid:173) tion". The tokenizer reads
 * the code's name ("cid") and the pieces of the split word ("conjunc", "tion") as words,
 * which the scanned papers share and which name nothing. The texts keep them (they mark the
 * papers of an era, which clustering may use); keywords must not (see `glyphCodeWords`).
 */
// The code alone: the letters around it are read by hand, so that a long run of letters is
// not scanned again from every position (a regex starting with \p{L}* would be quadratic).
const GLYPH_CODE = /\((\p{L}+):\p{N}+\)/gu;
const LETTER = /\p{L}/u;
const SPACE = /\s/u;
/** A word piece longer than this is not one a code split off. */
const MAX_PIECE = 40;

/**
 * Adds to `counts` each glyph-code name in `text` and each piece of a word that a code
 * touches ("piri(cid:173) form" adds "cid", "piri" and "form"), as written, one per occurrence.
 * O(text length).
 */
export function countGlyphCodeWords(text: string, counts: Map<string, number>): void {
  if (text.indexOf(":") < 0) return;
  const add = (word: string) => {
    if (word !== "") counts.set(word, (counts.get(word) ?? 0) + 1);
  };
  for (const m of text.matchAll(GLYPH_CODE)) {
    const start = m.index;
    const end = start + m[0].length;
    add(m[1] as string);
    add(letterRun(text, start, -1));
    // Past one space: "piri(cid:173) form".
    add(letterRun(text, end < text.length && SPACE.test(text[end] as string) ? end + 1 : end, 1));
  }
}

/** The letters just before `at` (direction −1) or from `at` on (+1), or "" when longer than MAX_PIECE. */
function letterRun(text: string, at: number, direction: 1 | -1): string {
  let from = at;
  let to = at;
  if (direction === 1) {
    while (to < text.length && to - at <= MAX_PIECE && LETTER.test(text[to] as string)) to++;
  } else {
    while (from > 0 && at - from <= MAX_PIECE && LETTER.test(text[from - 1] as string)) from--;
  }
  return Math.abs(to - from) > MAX_PIECE ? "" : text.slice(from, to);
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
