import { GrowableUint16 } from "../core/growable.js";

/**
 * The stop words written between consecutive kept words, so that a phrase counted over
 * the kept words ("bank england") can be shown as the texts write it ("bank of england").
 * Kept for the first {@link WRITTEN_GAP_DOCUMENTS} documents only: two bytes a word.
 */
export interface WrittenGaps {
  /** Documents whose gaps are kept: the corpus' first `documents`. */
  readonly documents: number;
  /**
   * For each kept word of those documents (the token stream's first positions, up to the
   * offset of document `documents`), the code of the stop words written just before it:
   * 0 for none, {@link UNKNOWN_GAP} when not known (more than {@link MAX_GAP_WORDS} stop
   * words, or a word the vocabulary left out).
   */
  readonly codes: Uint16Array;
  /** The stop words of each code, space-separated as written (`"of the"`); "" for code 0. */
  readonly forms: readonly string[];
}

/** The code of a gap whose words are not kept. */
export const UNKNOWN_GAP = 0xffff;

/** Stop words in one gap at most: a longer run joins no phrase a person would write. */
export const MAX_GAP_WORDS = 2;

/** Documents whose gaps are kept: enough to read how a topic's phrases are written. */
export const WRITTEN_GAP_DOCUMENTS = 100_000;

/**
 * Records the gap before each kept word, a document at a time, and gives gaps codes in
 * order of first appearance (the same on one thread or many). A gap is named by its stop
 * words' indices in `stopWords`, so that reading one costs no string.
 */
export interface GapCollector {
  /** A new document: no stop word is pending. */
  startDocument(): void;
  /** One more stop word (its index in `stopWords`) before the next kept word. */
  stopWord(index: number): void;
  /** A word the vocabulary left out: the gap before the next kept word is unknown. */
  leftOut(): void;
  /**
   * Records the gap before a kept word: the pending stop words', or `code` when the gap was
   * read elsewhere (see {@link codeOfForm}); then nothing is pending.
   */
  word(code?: number): void;
  /** The code of a gap written `form` (space-separated stop words, as `forms` holds them). */
  codeOfForm(form: string): number;
  finish(documents: number): WrittenGaps;
}

export function createGapCollector(stopWords: readonly string[]): GapCollector {
  const s = stopWords.length;
  const codes = new GrowableUint16(1 << 16);
  const forms = [""];
  // Codes of one stop word by its index (-1 until met), of two by first · s + second.
  const single = new Int32Array(s).fill(-1);
  const pair = new Map<number, number>();
  const indexOf = new Map(stopWords.map((w, i) => [w, i]));
  // The pending gap: how many stop words, the first two's indices, and whether a word was left out.
  let stops = 0;
  let first = 0;
  let second = 0;
  let lost = false;
  const fresh = (form: string): number => {
    // Codes run out only on an unusual corpus; the gaps met after that stay unknown.
    if (forms.length >= UNKNOWN_GAP) return UNKNOWN_GAP;
    forms.push(form);
    return forms.length - 1;
  };
  const codeOf = (count: number, a: number, b: number): number => {
    if (count === 0) return 0;
    if (count > MAX_GAP_WORDS) return UNKNOWN_GAP;
    if (count === 1) {
      const known = single[a] as number;
      if (known >= 0) return known;
      const code = fresh(stopWords[a] as string);
      if (code !== UNKNOWN_GAP) single[a] = code;
      return code;
    }
    const key = a * s + b;
    const known = pair.get(key);
    if (known !== undefined) return known;
    const code = fresh(`${stopWords[a]} ${stopWords[b]}`);
    if (code !== UNKNOWN_GAP) pair.set(key, code);
    return code;
  };
  const clear = (): void => {
    stops = 0;
    lost = false;
  };
  return {
    startDocument: clear,
    stopWord(index) {
      if (stops === 0) first = index;
      else if (stops === 1) second = index;
      stops++;
    },
    leftOut() {
      lost = true;
      stops = 0;
    },
    word(code) {
      codes.push(lost ? UNKNOWN_GAP : (code ?? codeOf(stops, first, second)));
      clear();
    },
    codeOfForm(form) {
      if (form === "") return 0;
      const words = form.split(" ").map((w) => indexOf.get(w) ?? -1);
      if (words.includes(-1)) return UNKNOWN_GAP;
      return codeOf(words.length, words[0] as number, words[1] ?? 0);
    },
    finish(documents) {
      return { documents, codes: codes.toArray(), forms };
    },
  };
}
