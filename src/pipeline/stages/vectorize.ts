import { EmptyInputError } from "../../core/errors.js";
import type { TfidfOptions } from "../../vectorize/options.js";
import { fitTransformTfidfWithTokens, type TfidfFit } from "../../vectorize/tfidf.js";
import type { TokenDocuments } from "../../vectorize/vocabulary.js";

/** What the vectorize stage hands on: the clustering TF-IDF and the words of every document. */
export interface Vectorized {
  /** The clustering vectorizer and its TF-IDF matrix (the raw counts are not kept). */
  readonly fit: Omit<TfidfFit, "counts">;
  /** Word ids of every document (stop words removed), shared by keywords and coherence. */
  readonly tokens: TokenDocuments;
  /** Documents without a single vocabulary term. */
  readonly emptyRows: number;
}

// Options that change which words a document yields (the rest only weight or prune them).
const TOKEN_OPTIONS = ["lowercase", "tokenPattern", "minLength", "keepNumbers", "dropMath", "stem"] as const;

/**
 * Tokenizes each document once: the clustering vectorizer's pass also yields the word ids
 * that keywords, phrases and coherence are counted from. Only when the clustering
 * vectorizer changes the words themselves (stemming, n-grams, another token pattern) is
 * a second, unigram pass made for the keywords, which are always shown as words.
 * @throws EmptyInputError when no document has a term left.
 */
export function vectorizeStage(
  fn: string,
  texts: readonly string[],
  options: TfidfOptions,
  keywordWords: Pick<TfidfOptions, "stopWords" | "extraStopWords">,
  warnings: string[],
): Vectorized {
  const fit = fitWithFallback(fn, texts, options, warnings);
  const [minN, maxN] = fit.model.options.ngramRange;
  const sameWords =
    fit.tokens !== null && minN === 1 && maxN === 1 && TOKEN_OPTIONS.every((name) => options[name] === undefined);
  const tokens = sameWords
    ? (fit.tokens as TokenDocuments)
    : (fitTransformTfidfWithTokens(texts, { ...keywordWords }).tokens as TokenDocuments);
  const n = texts.length;
  const emptyRows = countEmptyRows(fit.matrix.indptr, n);
  if (emptyRows === n)
    throw new EmptyInputError(
      `${fn}: no document has any term left after vectorizing; check the language and stop words`,
      "docs",
    );
  if (emptyRows > 0)
    warnings.push(
      `${emptyRows} document(s) have no terms in the vocabulary and were placed in the nearest topic arbitrarily`,
    );
  return { fit: { model: fit.model, matrix: fit.matrix }, tokens, emptyRows };
}

function fitWithFallback(
  fn: string,
  texts: readonly string[],
  options: TfidfOptions,
  warnings: string[],
): ReturnType<typeof fitTransformTfidfWithTokens> {
  try {
    return fitTransformTfidfWithTokens(texts, options);
  } catch (error) {
    if (error instanceof EmptyInputError && error.argument === "docs") {
      throw new EmptyInputError(
        `${fn}: docs hold no terms; every document is empty or only stop words (check options.vectorizer.stopWords and tokenizer options)`,
        "docs",
      );
    }
    // A small or repetitive corpus can lose every term to minDf/maxDf; keep all terms instead.
    if (
      error instanceof EmptyInputError &&
      error.argument === "options.minDf" &&
      (options.minDf !== 1 || options.maxDf !== 1)
    ) {
      warnings.push(
        `${fn}: no terms survived minDf ${options.minDf ?? 1} / maxDf ${options.maxDf ?? 1}; kept every term instead`,
      );
      return fitTransformTfidfWithTokens(texts, { ...options, minDf: 1, maxDf: 1 });
    }
    throw error;
  }
}

function countEmptyRows(indptr: Int32Array, rows: number): number {
  let empty = 0;
  for (let r = 0; r < rows; r++) if (indptr[r] === indptr[r + 1]) empty++;
  return empty;
}
