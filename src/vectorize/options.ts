import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { checkBoolean, checkInteger, checkNumber, checkOneOf, checkOptions } from "../core/validate.js";
import { porter2Stemmer, type Stemmer } from "../text/stem.js";
import { type ResolvedStopWords, resolveStopWords, type StopWordsSpec } from "../text/stopwords/index.js";
import { createTokenizer, TOKENIZE_OPTION_NAMES, type TokenizeOptions, type Tokenizer } from "../text/tokenize.js";

/** Options of {@link fitTfidf}; names follow scikit-learn's TfidfVectorizer in camelCase. */
export interface TfidfOptions extends TokenizeOptions {
  /** Smallest and largest n-gram size; n-grams are formed after stop-word removal. @defaultValue [1, 1] */
  readonly ngramRange?: readonly [number, number];
  /**
   * Ignore terms in fewer documents than this: an integer >= 1 is a document count, a
   * fraction in (0, 1) a proportion of documents. @defaultValue 1
   */
  readonly minDf?: number;
  /**
   * Ignore terms in more documents than this: a fraction in (0, 1] is a proportion
   * (so `1` means "no limit", as scikit-learn's `1.0`), an integer >= 2 a document count.
   * @defaultValue 1
   */
  readonly maxDf?: number;
  /** Keep only the most frequent terms across the corpus (ties broken by term order). @defaultValue null (all) */
  readonly maxFeatures?: number | null;
  /** Stop words: language code, `"sklearn"`, a list, or `false`. @defaultValue "en" */
  readonly stopWords?: StopWordsSpec;
  /** Words added to the stop-word list. @defaultValue [] */
  readonly extraStopWords?: readonly string[];
  /** A stemmer, `"porter2"` for English Porter2, or null. Keywords still show words. @defaultValue null */
  readonly stem?: Stemmer | "porter2" | null;
  /** Count presence (1) instead of occurrences. @defaultValue false */
  readonly binary?: boolean;
  /** Use 1 + ln(tf) instead of tf. @defaultValue false */
  readonly sublinearTf?: boolean;
  /** Add one to document frequencies, as if one extra document held every term. @defaultValue true */
  readonly smoothIdf?: boolean;
  /** Weight by inverse document frequency. @defaultValue true */
  readonly useIdf?: boolean;
  /** Row normalisation. @defaultValue "l2" */
  readonly norm?: "l2" | "l1" | null;
  /**
   * A number the tokenizer drops (see `keepNumbers`) ends a phrase: no n-gram, and no
   * keyword phrase of `clusterTopics`, runs through it. "div 12 cts vs 10 cts" then holds
   * `cts vs` but not `div cts vs`, and "type 2 diabetes" no `type diabetes`. Stop words do
   * not end phrases (scikit-learn forms n-grams after removing them). `false` reads the
   * words on each side of a number as neighbours, as models saved before this option did.
   * @defaultValue true
   */
  readonly numbersBreakPhrases?: boolean;
}

export const TFIDF_DEFAULTS = Object.freeze({
  ngramRange: Object.freeze([1, 1]) as readonly [number, number],
  minDf: 1,
  maxDf: 1,
  maxFeatures: null,
  stopWords: "en" as StopWordsSpec,
  stem: null,
  binary: false,
  sublinearTf: false,
  smoothIdf: true,
  useIdf: true,
  norm: "l2" as "l2" | "l1" | null,
  numbersBreakPhrases: true,
});

export const TFIDF_OPTION_NAMES: readonly string[] = [
  ...TOKENIZE_OPTION_NAMES,
  "ngramRange",
  "minDf",
  "maxDf",
  "maxFeatures",
  "stopWords",
  "extraStopWords",
  "stem",
  "binary",
  "sublinearTf",
  "smoothIdf",
  "useIdf",
  "norm",
  "numbersBreakPhrases",
];

/** The resolved options that shape the tokenizer: plain data, so that a worker builds the same one. */
export type TokenizerSettings = Pick<ResolvedTfidfOptions, (typeof TOKENIZE_OPTION_NAMES)[number]>;

/** The tokenizer's part of resolved options, every key of {@link TOKENIZE_OPTION_NAMES} (a new one included). */
export function tokenizerSettings(o: ResolvedTfidfOptions): TokenizerSettings {
  return Object.fromEntries(TOKENIZE_OPTION_NAMES.map((key) => [key, o[key]])) as unknown as TokenizerSettings;
}

/** Every option with its default applied and validated; what a model records. */
export interface ResolvedTfidfOptions {
  readonly lowercase: boolean;
  readonly tokenPattern: { readonly source: string; readonly flags: string } | null;
  readonly minLength: number;
  readonly keepNumbers: boolean;
  readonly dropMath: boolean;
  readonly dropNonText: boolean;
  readonly dropMarkup: boolean;
  readonly dropHostsAndPaths: boolean;
  readonly dropCredits: boolean;
  readonly segmentWords: boolean;
  readonly ngramRange: readonly [number, number];
  readonly minDf: number;
  readonly maxDf: number;
  readonly maxFeatures: number | null;
  /** The stop-word list asked for (`"en"`, `"sklearn"`, `"custom"`, `"none"`). */
  readonly stopWords: string;
  /** The stemmer: `"porter2"`, `"custom"` or null. */
  readonly stem: "porter2" | "custom" | null;
  readonly binary: boolean;
  readonly sublinearTf: boolean;
  readonly smoothIdf: boolean;
  readonly useIdf: boolean;
  readonly norm: "l2" | "l1" | null;
  readonly numbersBreakPhrases: boolean;
}

/** Resolved options plus the live pieces (tokenizer, stop-word set, stemmer). */
export interface Analyzer {
  readonly options: ResolvedTfidfOptions;
  readonly tokenizer: Tokenizer;
  /**
   * The tokenizer with a `PHRASE_BREAK` for each run of numbers it dropped (the plain one
   * when numbers do not break phrases): for the scans that form n-grams or keep word streams.
   */
  readonly markingTokenizer: Tokenizer;
  readonly stopWords: ResolvedStopWords;
  readonly stemmer: Stemmer | null;
  /** What the caller's errors call the options: `options`, or `options.vectorizer` in `clusterTopics`. */
  readonly name: string;
}

function checkDf(fn: string, name: string, value: unknown, isMax: boolean): number {
  const v = checkNumber(fn, name, value, { min: 0, minExclusive: true });
  if (v > 1 && !Number.isInteger(v)) {
    throw new InvalidArgumentError(
      `${fn}: ${name} must be a fraction in (0, 1] or an integer document count; got ${v}`,
      name,
    );
  }
  if (!isMax && v === 1) return 1;
  return v;
}

/**
 * Validates options once, at the public entry point, and builds the analyzer.
 * @throws InvalidArgumentError naming the first invalid option.
 */
export function resolveTfidfOptions(fn: string, options: TfidfOptions | undefined, name = "options"): Analyzer {
  const o = checkOptions(fn, options, TFIDF_OPTION_NAMES, name);
  const range = o.ngramRange ?? TFIDF_DEFAULTS.ngramRange;
  if (!Array.isArray(range) || range.length !== 2) {
    throw new InvalidArgumentError(
      `${fn}: ${name}.ngramRange must be [min, max]; got ${describeValue(range)}`,
      `${name}.ngramRange`,
    );
  }
  const minN = checkInteger(fn, `${name}.ngramRange[0]`, range[0], 1);
  const maxN = checkInteger(fn, `${name}.ngramRange[1]`, range[1], minN, Infinity, `at least ngramRange[0] = ${minN}`);
  const minDf = checkDf(fn, `${name}.minDf`, o.minDf ?? TFIDF_DEFAULTS.minDf, false);
  const maxDf = checkDf(fn, `${name}.maxDf`, o.maxDf ?? TFIDF_DEFAULTS.maxDf, true);
  const maxFeatures = o.maxFeatures ?? null;
  if (maxFeatures !== null) checkInteger(fn, `${name}.maxFeatures`, maxFeatures, 1);
  let stemmer: Stemmer | null = null;
  let stemName: "porter2" | "custom" | null = null;
  const stem = o.stem ?? null;
  if (stem === "porter2") {
    stemmer = porter2Stemmer;
    stemName = "porter2";
  } else if (typeof stem === "function") {
    stemmer = stem;
    stemName = "custom";
  } else if (stem !== null) {
    throw new InvalidArgumentError(
      `${fn}: ${name}.stem must be a function, "porter2" or null; got ${describeValue(stem)}`,
      `${name}.stem`,
    );
  }
  const extra = o.extraStopWords ?? [];
  if (!Array.isArray(extra)) {
    throw new InvalidArgumentError(
      `${fn}: ${name}.extraStopWords must be an array of strings; got ${describeValue(extra)}`,
      `${name}.extraStopWords`,
    );
  }
  const stopWords = resolveStopWords(o.stopWords ?? TFIDF_DEFAULTS.stopWords, fn, extra, `${name}.stopWords`);
  const tokenizerOptions = {
    lowercase: o.lowercase,
    tokenPattern: o.tokenPattern,
    minLength: o.minLength,
    keepNumbers: o.keepNumbers,
    dropMath: o.dropMath,
    dropNonText: o.dropNonText,
    dropMarkup: o.dropMarkup,
    dropHostsAndPaths: o.dropHostsAndPaths,
    dropCredits: o.dropCredits,
    segmentWords: o.segmentWords,
  };
  const tokenizer = createTokenizer(tokenizerOptions, fn, name);
  const numbersBreakPhrases = checkBoolean(
    fn,
    `${name}.numbersBreakPhrases`,
    o.numbersBreakPhrases ?? TFIDF_DEFAULTS.numbersBreakPhrases,
  );
  const markingTokenizer = numbersBreakPhrases ? createTokenizer(tokenizerOptions, fn, name, true) : tokenizer;
  const resolved: ResolvedTfidfOptions = {
    lowercase: o.lowercase ?? true,
    tokenPattern: o.tokenPattern ? { source: o.tokenPattern.source, flags: o.tokenPattern.flags } : null,
    minLength: o.minLength ?? 2,
    keepNumbers: o.keepNumbers ?? false,
    dropMath: o.dropMath ?? true,
    dropNonText: o.dropNonText ?? true,
    dropMarkup: o.dropMarkup ?? true,
    dropHostsAndPaths: o.dropHostsAndPaths ?? true,
    dropCredits: o.dropCredits ?? true,
    segmentWords: o.segmentWords ?? true,
    ngramRange: [minN, maxN],
    minDf,
    maxDf,
    maxFeatures,
    stopWords: stopWords.name,
    stem: stemName,
    binary: checkBoolean(fn, `${name}.binary`, o.binary ?? TFIDF_DEFAULTS.binary),
    sublinearTf: checkBoolean(fn, `${name}.sublinearTf`, o.sublinearTf ?? TFIDF_DEFAULTS.sublinearTf),
    smoothIdf: checkBoolean(fn, `${name}.smoothIdf`, o.smoothIdf ?? TFIDF_DEFAULTS.smoothIdf),
    useIdf: checkBoolean(fn, `${name}.useIdf`, o.useIdf ?? TFIDF_DEFAULTS.useIdf),
    norm: checkOneOf(fn, `${name}.norm`, o.norm === undefined ? TFIDF_DEFAULTS.norm : o.norm, ["l2", "l1", null]),
    numbersBreakPhrases,
  };
  return { options: resolved, tokenizer, markingTokenizer, stopWords, stemmer, name };
}

/** Document count limits from minDf/maxDf for a corpus of `n` documents, as scikit-learn. */
export function documentCountLimits(
  fn: string,
  options: ResolvedTfidfOptions,
  n: number,
  name = "options",
): { min: number; max: number } {
  const max = options.maxDf <= 1 ? options.maxDf * n : options.maxDf;
  const min = options.minDf < 1 ? options.minDf * n : options.minDf;
  if (max < min) {
    throw new InvalidArgumentError(
      `${fn}: ${name}.maxDf (${options.maxDf}, i.e. ${max} documents) must allow at least as many documents as ${name}.minDf (${options.minDf}, i.e. ${min} documents)`,
      `${name}.maxDf`,
    );
  }
  return { min, max };
}
