import type { CsrMatrix } from "../core/csr.js";
import { InvalidArgumentError } from "../core/errors.js";
import { checkBoolean, checkInteger, checkOneOf, checkOptions, checkStringArray } from "../core/validate.js";
import { CountMatrixBuilder } from "../vectorize/counts.js";
import { murmurhash3OfBytes, murmurhash3Spark2OfBytes, utf8Into } from "../vectorize/murmur.js";
import { type SparkRegexTokenizerOptions, sparkRegexTokenizer, sparkTokenizer } from "./tokenizer.js";

/** Which of Spark's string hashes HashingTF used: Spark 3 and later, or Spark 2.x. */
export type SparkHash = "murmur3" | "murmur3-spark2";

/** A Spark ML feature pipeline before IDF: Tokenizer or RegexTokenizer, StopWordsRemover, NGram, HashingTF. */
export interface SparkHashingOptions {
  /** HashingTF's `numFeatures`. @defaultValue 2 ** 18 (Spark's) */
  readonly numFeatures?: number;
  /** HashingTF's `binary`: count presence, not occurrences. @defaultValue false */
  readonly binary?: boolean;
  /**
   * `"murmur3"`: Spark 3's HashingTF (MurmurHash3_x86_32 of the UTF-8 bytes, seed 42).
   * `"murmur3-spark2"`: Spark 2.x's, which mixed trailing bytes differently. @defaultValue "murmur3"
   */
  readonly hash?: SparkHash;
  /**
   * `"spark"` for Spark's `Tokenizer`, RegexTokenizer parameters, or a function of the text.
   * @defaultValue "spark"
   */
  readonly tokenizer?: "spark" | SparkRegexTokenizerOptions | ((text: string) => readonly string[]);
  /** StopWordsRemover's `stopWords` (Spark ships its English list; pass it, or none). @defaultValue null */
  readonly stopWords?: readonly string[] | null;
  /** StopWordsRemover's `caseSensitive`. @defaultValue false */
  readonly caseSensitive?: boolean;
  /** NGram's `n`: terms are n tokens joined by a space; 1 keeps the tokens. @defaultValue 1 */
  readonly ngram?: number;
}

export const SPARK_HASHING_DEFAULTS = Object.freeze({
  numFeatures: 2 ** 18,
  binary: false,
  hash: "murmur3" as SparkHash,
  caseSensitive: false,
  ngram: 1,
});

/** Spark's HashingTF seed (`mllib.feature.HashingTF.seed`). */
const SPARK_SEED = 42;

/** Java's UTF-8 encoder (UTF8String.fromString) writes "?" for a lone surrogate. */
const JAVA_LONE_SURROGATE = [0x3f];

/** Spark ML's feature hashing, column for column: the same text gives the same sparse vector. */
export interface SparkHashingTF {
  readonly numFeatures: number;
  readonly binary: boolean;
  readonly hash: SparkHash;
  /** HashingTF's `indexOf`: the non-negative remainder of the hash by numFeatures. */
  indexOf(term: string): number;
  /** The terms HashingTF sees for a text (tokens, stop words removed, n-grams). */
  termsOf(text: string): string[];
  /** Hashed term counts of token lists (what Spark's HashingTF transform gives). */
  transformTerms(docs: readonly (readonly string[])[]): CsrMatrix;
  /** Hashed term counts of texts, through the tokenizer. */
  transform(texts: readonly string[]): CsrMatrix;
}

/**
 * Spark ML's `HashingTF` (with its Tokenizer, StopWordsRemover and NGram in front), so a
 * sample hashed here and the full corpus hashed by a Spark cluster share feature ids.
 * Spark's column is the non-negative remainder of the signed 32-bit hash (scikit-learn's
 * is |h| mod n, so the two differ for negative hashes), and no sign is applied.
 * @throws InvalidArgumentError for invalid options.
 */
export function createSparkHashingTF(options: SparkHashingOptions = {}): SparkHashingTF {
  const fn = "createSparkHashingTF";
  const o = checkOptions(fn, options, [
    "numFeatures",
    "binary",
    "hash",
    "tokenizer",
    "stopWords",
    "caseSensitive",
    "ngram",
  ]);
  const numFeatures = checkInteger(
    fn,
    "options.numFeatures",
    o.numFeatures ?? SPARK_HASHING_DEFAULTS.numFeatures,
    1,
    2 ** 31 - 1,
  );
  const binary = checkBoolean(fn, "options.binary", o.binary ?? SPARK_HASHING_DEFAULTS.binary);
  const hash = checkOneOf(fn, "options.hash", o.hash ?? SPARK_HASHING_DEFAULTS.hash, ["murmur3", "murmur3-spark2"]);
  const caseSensitive = checkBoolean(
    fn,
    "options.caseSensitive",
    o.caseSensitive ?? SPARK_HASHING_DEFAULTS.caseSensitive,
  );
  const ngram = checkInteger(fn, "options.ngram", o.ngram ?? SPARK_HASHING_DEFAULTS.ngram, 1);
  const tokenize = tokenizerOf(fn, o.tokenizer ?? "spark");
  const stop = stopSetOf(fn, o.stopWords ?? null, caseSensitive);
  const hashOf = hash === "murmur3" ? murmurhash3OfBytes : murmurhash3Spark2OfBytes;
  const buffer = { bytes: new Uint8Array(256) };
  // Hashing the bytes costs less than looking the term up in a memo would.
  const indexOf = (term: string): number => {
    const n = utf8Into(term, buffer, JAVA_LONE_SURROGATE);
    const r = hashOf(buffer.bytes, n, SPARK_SEED) % numFeatures;
    return r < 0 ? r + numFeatures : r;
  };
  const termsOf = (text: string): string[] => {
    let tokens = Array.from(tokenize(text));
    if (stop !== null) tokens = tokens.filter((t) => !stop.has(caseSensitive ? t : t.toLowerCase()));
    if (ngram === 1) return tokens;
    const grams: string[] = [];
    for (let i = 0; i + ngram <= tokens.length; i++) grams.push(tokens.slice(i, i + ngram).join(" "));
    return grams;
  };
  // One row per document; its terms are made (and counted) one document at a time.
  const countRows = <T>(docs: readonly T[], termsOfDoc: (doc: T) => Iterable<string>): CsrMatrix => {
    const builder = new CountMatrixBuilder(numFeatures, binary);
    for (const doc of docs) {
      for (const term of termsOfDoc(doc)) builder.add(indexOf(term));
      builder.endRow();
    }
    return builder.build();
  };
  // Without stop words or n-grams the tokens are the terms: no copy of them.
  const termsOfText = stop === null && ngram === 1 ? tokenize : termsOf;
  return {
    numFeatures,
    binary,
    hash,
    indexOf,
    termsOf,
    transformTerms: (docs) => countRows(docs, (terms) => terms),
    transform(texts) {
      checkStringArray("SparkHashingTF.transform", "texts", texts);
      return countRows(texts, termsOfText);
    },
  };
}

function tokenizerOf(fn: string, spec: unknown): (text: string) => readonly string[] {
  if (spec === "spark") return sparkTokenizer();
  if (typeof spec === "function") return spec as (text: string) => readonly string[];
  if (spec !== null && typeof spec === "object" && !Array.isArray(spec))
    return sparkRegexTokenizer(spec as SparkRegexTokenizerOptions);
  throw new InvalidArgumentError(
    `${fn}: options.tokenizer must be "spark", RegexTokenizer options or a function of the text`,
    "options.tokenizer",
  );
}

function stopSetOf(fn: string, words: unknown, caseSensitive: boolean): ReadonlySet<string> | null {
  if (words === null) return null;
  const list = checkStringArray(fn, "options.stopWords", words);
  return new Set(caseSensitive ? list : list.map((w) => w.toLowerCase()));
}
