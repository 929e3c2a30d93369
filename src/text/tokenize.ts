import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { checkBoolean, checkInteger, checkOptions, checkString } from "../core/validate.js";
import { withoutCredits } from "./creditLines.js";
import { withoutHostsAndPaths } from "./hostsAndPaths.js";
import { withoutMarkup } from "./markup.js";
import { MATH_DEBRIS } from "./mathTerms.js";
import { normalizeText } from "./normalize.js";

export interface TokenizeOptions {
  /** Lower-case before tokenizing. @defaultValue true */
  readonly lowercase?: boolean;
  /**
   * A custom pattern; every match (or its first capture group) is a token, and no
   * other filtering is applied, as in scikit-learn. Use {@link SKLEARN_TOKEN_PATTERN}
   * for scikit-learn's default `(?u)\b\w\w+\b`. @defaultValue undefined (the default tokenizer)
   */
  readonly tokenPattern?: RegExp;
  /** Shortest token kept, in code points (default tokenizer only). @defaultValue 2 */
  readonly minLength?: number;
  /** Keep tokens made only of digits and punctuation, such as "2023" (default tokenizer only). @defaultValue false */
  readonly keepNumbers?: boolean;
  /** Drop LaTeX and math debris such as "mathcal", "epsilon", "ln" (default tokenizer only). @defaultValue true */
  readonly dropMath?: boolean;
  /**
   * Drop what is not prose before splitting words: e-mail addresses (and message ids),
   * URLs, and runs of 40 or more printable ASCII characters without a space (uuencoded or
   * base64 data, hashes). Their pieces ("edu", "uiuc", "ax") otherwise group documents by
   * sender or encoding instead of by subject (default tokenizer only). @defaultValue true
   */
  readonly dropNonText?: boolean;
  /**
   * Take HTML out before splitting words, as a browser shows the text: tags of known
   * elements with their attributes ("<font face=verdana>", "<td>"), comments, style sheets
   * and scripts go, and character references are decoded ("&eacute;", "&#233;", "&nbsp;").
   * Mail bodies, feeds and scraped pages otherwise make topics of "font · br · td"; a lone
   * bare tag ("the <title> field") and "p < 0.05" stay text (default tokenizer only).
   * @defaultValue true
   */
  readonly dropMarkup?: boolean;
  /**
   * Drop host names and file paths written without a scheme before splitting words:
   * "export.lcs.mit.edu", "ftp.uu.net:/graphics/jpeg", "/pub/contrib/xv.tar.Z". A host is
   * three dot-joined labels or more ending in com, edu, org, net, gov, mil or two letters, or
   * two such labels with a path after them ("github.com/user/repo"; "Amazon.com" alone stays);
   * each label has two characters or more and a letter. A path starts a word with "/" or "~/"
   * and holds a second "/". Their pieces ("edu", "pub", "contrib") otherwise group posts by
   * site instead of by subject; newsgroup names ("rec.sport.hockey"), "e.g." and units
   * ("ml.min-1.kg") stay (default tokenizer only). @defaultValue true
   */
  readonly dropHostsAndPaths?: boolean;
  /**
   * Drop the sources news wires credit before splitting words: one capitalized word in a
   * dateline ("NEW YORK (Reuters) - …"), and a title closing with the source that the next
   * sentence opens with before a dash ("… Peptides (AP). AP - …"). A title's name before a
   * dash ("FOCUS - Multi-View…") and an abbreviation defined before one stay. Read as words,
   * the sources group stories by wire instead of by subject (default tokenizer only).
   * @defaultValue true
   */
  readonly dropCredits?: boolean;
  /**
   * Split runs of scripts written without spaces between words (Chinese, Japanese, Thai,
   * Lao, Khmer, Burmese) into words with the runtime's `Intl.Segmenter` (ICU's dictionaries),
   * so that "机器学习是人工智能的一个分支" gives "机器", "学习", "人工", "智能", "一个", "分支"
   * rather than one token. Other scripts are untouched. Segmentation follows the runtime's
   * ICU data, which can differ between runtime versions; without `Intl.Segmenter` such runs
   * stay whole (default tokenizer only). @defaultValue true
   */
  readonly segmentWords?: boolean;
}

export const TOKENIZE_DEFAULTS = Object.freeze({
  lowercase: true,
  minLength: 2,
  keepNumbers: false,
  dropMath: true,
  dropNonText: true,
  dropMarkup: true,
  dropHostsAndPaths: true,
  dropCredits: true,
  segmentWords: true,
});

/**
 * Of the tokenizer's options, those that say what of a text is read as text at all (markup,
 * addresses, hosts, wire credits, segmentation), rather than what form its words take.
 */
export const TEXT_OPTION_NAMES = [
  "dropNonText",
  "dropMarkup",
  "dropHostsAndPaths",
  "dropCredits",
  "segmentWords",
] as const;

/** The options that shape a tokenizer (every vectorizer takes them too). */
export const TOKENIZE_OPTION_NAMES = [
  "lowercase",
  "tokenPattern",
  "minLength",
  "keepNumbers",
  "dropMath",
  ...TEXT_OPTION_NAMES,
] as const;

/**
 * scikit-learn's default `token_pattern`, `(?u)\b\w\w+\b`, translated to JavaScript.
 * Python's Unicode `\w` is letters, numbers and `_` (`[\p{L}\p{N}_]`), whereas
 * JavaScript's `\w` is ASCII-only even with the `u` flag, so `/\b\w\w+\b/u` is not the same.
 */
export const SKLEARN_TOKEN_PATTERN = /(?<![\p{L}\p{N}_])[\p{L}\p{N}_]{2,}(?![\p{L}\p{N}_])/gu;

// Letters, marks and digits, with intra-word hyphens and apostrophes ("non-iid", "don't").
const WORD = /[\p{L}\p{M}\p{N}]+(?:['\-\u2010][\p{L}\p{M}\p{N}]+)*/gu;
const NUMBER_LIKE = /^[\p{N}'\-\u2010]+$/u;
// E-mail addresses and message ids, URLs, and long runs of printable ASCII without a space
// (encoded data); text without spaces in other scripts (Chinese, Thai) is never touched.
// Each pattern runs only on texts holding its mark, and a run is matched from its start
// only, so the cost stays linear and near zero on ordinary prose.
const ADDRESS = /[^\s@<>()[\]"',;]+@[^\s@<>()[\]"',;]+/gu;
const URL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"]+/giu;
/** Printable ASCII characters in a row that are data, not words. */
const RUN = 40;
const LONG_RUN = new RegExp(`(?<![\\x21-\\x7e])[\\x21-\\x7e]{${RUN},}`, "g");

/** The text with what is not prose (see `dropNonText`) replaced by spaces. */
export function withoutNonText(text: string): string {
  // Long runs first: an "@" inside encoded data would otherwise cut its lines below the length.
  let s = hasLongRun(text) ? text.replace(LONG_RUN, " ") : text;
  if (s.includes("@")) s = s.replace(ADDRESS, " ");
  if (s.includes("://") || s.includes("www.")) s = s.replace(URL, " ");
  return s;
}

function printable(c: number): boolean {
  return c >= 0x21 && c <= 0x7e;
}

/**
 * Whether a text holds {@link RUN} printable ASCII characters in a row. Such a run covers
 * two sample points RUN / 2 apart, so only those are read, and a pair of them is checked
 * in full: about a tenth of the characters of ordinary prose are read.
 */
function hasLongRun(s: string): boolean {
  const step = RUN / 2;
  let previous = false;
  for (let i = 0; i < s.length; i += step) {
    const here = printable(s.charCodeAt(i));
    if (here && previous) {
      let between = true;
      for (let j = i - step + 1; j < i && between; j++) between = printable(s.charCodeAt(j));
      if (between) {
        let start = i - step;
        while (start > 0 && printable(s.charCodeAt(start - 1))) start--;
        let end = i + 1;
        while (end < s.length && printable(s.charCodeAt(end))) end++;
        if (end - start >= RUN) return true;
      }
    }
    previous = here;
  }
  return false;
}

// Scripts written without spaces between words: their runs are one WORD match.
const NO_SPACE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

// Every such script lies at or above U+0E00: a text without such a character needs no other test.
const FROM_THAI_UP = /[\u0e00-\uffff]/;

// One word segmenter for every tokenizer, made on first use; null where the runtime has none.
let wordSegmenter: Intl.Segmenter | null | undefined;

/** The words of a run in a script written without spaces, by the runtime's ICU word breaks. */
function segmentedWords(run: string): string[] | null {
  if (wordSegmenter === undefined) {
    try {
      wordSegmenter = new Intl.Segmenter("und", { granularity: "word" });
    } catch {
      // No Intl.Segmenter (an old runtime, or one built without ICU's data).
      wordSegmenter = null;
    }
  }
  if (wordSegmenter === null) return null;
  const out: string[] = [];
  for (const piece of wordSegmenter.segment(run)) if (piece.isWordLike) out.push(piece.segment);
  return out;
}

/** Code points of a string, as `[...s].length` counts them (a lone surrogate is one). */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const pairedLow =
      c >= 0xdc00 && c <= 0xdfff && i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff;
    if (!pairedLow) n++;
  }
  return n;
}

/** Whether a token can match NUMBER_LIKE: its first character is a digit (ASCII letters never are). */
function mayBeNumber(token: string): boolean {
  const c = token.charCodeAt(0);
  return c >= 128 || (c >= 48 && c <= 57);
}

/** A resolved tokenizer: text in, tokens out. Built once per vectorizer. */
export type Tokenizer = (text: string) => string[];

/**
 * What a marking tokenizer (see `createTokenizer`) gives in place of the numbers it drops,
 * so that a phrase is not read across them: "div 12 cts vs 10 cts" holds no phrase "div cts
 * vs". (A dropped letter, such as "a", is a stop word more often than not, and stop words do
 * not stop phrases.) No word is empty, so a break never meets one.
 */
export const PHRASE_BREAK = "";

/**
 * Builds a tokenizer from options, validating them once. With `marking`, the default
 * tokenizer gives one {@link PHRASE_BREAK} for each run of numbers it drops after a kept
 * word (a custom `tokenPattern` drops nothing, and marks nothing).
 * @throws InvalidArgumentError for invalid options.
 */
export function createTokenizer(
  options: TokenizeOptions = {},
  fn = "tokenize",
  name = "options",
  marking = false,
): Tokenizer {
  const opts = checkOptions(fn, options, TOKENIZE_OPTION_NAMES, name);
  checkBoolean(fn, "marking", marking);
  const lowercase = checkBoolean(fn, `${name}.lowercase`, opts.lowercase ?? TOKENIZE_DEFAULTS.lowercase);
  if (opts.tokenPattern !== undefined) {
    if (!(opts.tokenPattern instanceof RegExp)) {
      throw new InvalidArgumentError(
        `${fn}: ${name}.tokenPattern must be a RegExp; got ${describeValue(opts.tokenPattern)}`,
        `${name}.tokenPattern`,
      );
    }
    const flags = opts.tokenPattern.flags.includes("g") ? opts.tokenPattern.flags : `${opts.tokenPattern.flags}g`;
    // Maximal runs of 2+ word characters need no look-arounds: the same matches, faster.
    const source =
      opts.tokenPattern.source === SKLEARN_TOKEN_PATTERN.source ? "[\\p{L}\\p{N}_]{2,}" : opts.tokenPattern.source;
    const pattern = new RegExp(source, flags);
    const groups = (new RegExp(`${source}|`, flags.replace("g", "")).exec("") as RegExpExecArray).length - 1;
    if (groups === 0) {
      return (text) => (lowercase ? text.toLowerCase() : text).match(pattern) ?? [];
    }
    return (text) => {
      const s = lowercase ? text.toLowerCase() : text;
      const out: string[] = [];
      for (const m of s.matchAll(pattern)) {
        const token = m[1];
        if (token !== undefined && token !== "") out.push(token);
      }
      return out;
    };
  }
  const minLength = checkInteger(fn, `${name}.minLength`, opts.minLength ?? TOKENIZE_DEFAULTS.minLength, 1);
  const keepNumbers = checkBoolean(fn, `${name}.keepNumbers`, opts.keepNumbers ?? TOKENIZE_DEFAULTS.keepNumbers);
  const dropMath = checkBoolean(fn, `${name}.dropMath`, opts.dropMath ?? TOKENIZE_DEFAULTS.dropMath);
  const dropNonText = checkBoolean(fn, `${name}.dropNonText`, opts.dropNonText ?? TOKENIZE_DEFAULTS.dropNonText);
  const dropMarkup = checkBoolean(fn, `${name}.dropMarkup`, opts.dropMarkup ?? TOKENIZE_DEFAULTS.dropMarkup);
  const dropHosts = checkBoolean(
    fn,
    `${name}.dropHostsAndPaths`,
    opts.dropHostsAndPaths ?? TOKENIZE_DEFAULTS.dropHostsAndPaths,
  );
  const dropCredits = checkBoolean(fn, `${name}.dropCredits`, opts.dropCredits ?? TOKENIZE_DEFAULTS.dropCredits);
  const segmentWords = checkBoolean(fn, `${name}.segmentWords`, opts.segmentWords ?? TOKENIZE_DEFAULTS.segmentWords);
  const keep = (token: string, out: string[]): void => {
    let t = token;
    if (t.endsWith("'s") || t.endsWith("'S")) t = t.slice(0, -2);
    // Only a token that starts with a digit can be all digits and punctuation.
    if (!keepNumbers && mayBeNumber(t) && NUMBER_LIKE.test(t)) {
      if (marking && out.length > 0 && out[out.length - 1] !== PHRASE_BREAK) out.push(PHRASE_BREAK);
      return;
    }
    if (t.length < minLength) return;
    // Count code points only when a surrogate pair could make length misleading.
    if (minLength > 1 && t.length < 2 * minLength && codePoints(t) < minLength) return;
    if (dropMath && MATH_DEBRIS.has(t)) return;
    out.push(t);
  };
  return (text) => {
    // Markup first: the addresses inside its attributes go with their tags.
    const shown = dropMarkup ? withoutMarkup(text) : text;
    const prose = dropNonText ? withoutNonText(shown) : shown;
    const sourced = dropCredits ? withoutCredits(prose) : prose;
    const normalized = normalizeText(dropHosts ? withoutHostsAndPaths(sourced) : sourced, lowercase);
    const matches = normalized.match(WORD);
    const out: string[] = [];
    if (matches === null) return out;
    // One test of the whole text spares every token of a text in other scripts the per-token test.
    const segment = segmentWords && FROM_THAI_UP.test(normalized) && NO_SPACE_SCRIPT.test(normalized);
    for (const token of matches) {
      const words = segment && NO_SPACE_SCRIPT.test(token) ? segmentedWords(token) : null;
      if (words === null) keep(token, out);
      else for (const w of words) keep(w, out);
    }
    return out;
  };
}

/**
 * Splits a text into tokens. The default suits scientific English and other
 * languages: NFKC-normalised, lower-cased Unicode words (letters, marks, digits) with
 * intra-word hyphens kept ("non-iid", "top-k"), possessives stripped, one-character
 * tokens, pure numbers and LaTeX/math debris dropped. O(length of text).
 * @example tokenize("Adam's 1-bit variant beats k-means") // ["adam", "1-bit", "variant", "beats", "k-means"]
 * @throws InvalidArgumentError if `text` is not a string or an option is invalid.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  checkString("tokenize", "text", text);
  return createTokenizer(options, "tokenize")(text);
}
