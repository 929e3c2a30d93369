import type { CsrMatrix } from "../../core/csr.js";
import { EmptyInputError } from "../../core/errors.js";
import { csrSelectRows } from "../../core/points.js";
import { type Warning, warning } from "../../core/warnings.js";
import { type Abbreviation, createAbbreviationCollector } from "../../text/abbreviations.js";
import { createGlyphCodeCollector } from "../../text/glyphCodes.js";
import { TEXT_OPTION_NAMES, TOKENIZE_OPTION_NAMES } from "../../text/tokenize.js";
import { analyzeDocument } from "../../vectorize/analyze.js";
import { type AnalyzedBatch, type AnalyzeSpec, analyzeSpecOf } from "../../vectorize/analyzeBatch.js";
import { resolveTfidfOptions, type TfidfOptions } from "../../vectorize/options.js";
import { createTfidfScan, type TfidfFit } from "../../vectorize/tfidf.js";
import type { TokenDocuments } from "../../vectorize/vocabulary.js";

/** What the vectorize stage hands on: the clustering TF-IDF and the words of every document. */
export interface Vectorized {
  /**
   * The clustering vectorizer and its TF-IDF rows: the whole matrix, or (`onDemand`) none,
   * the rows being built from the word ids when selected (the raw counts are not kept).
   */
  readonly fit: {
    readonly model: TfidfFit["model"];
    readonly matrix: CsrMatrix | null;
    readonly rows: number;
    select(ids: ArrayLike<number>): CsrMatrix;
  };
  /** Word ids of every document (stop words removed), shared by keywords and coherence. */
  readonly tokens: TokenDocuments;
  /** Documents without a single vocabulary term. */
  readonly emptyRows: number;
  /** The abbreviations the corpus defines (empty when not collected). */
  readonly abbreviations: readonly Abbreviation[];
  /** Glyph-code names and the word pieces codes split, `conjunc(cid:173) tion`, with their occurrences (see `countGlyphCodeWords`). */
  readonly glyphCodeWords: ReadonlyMap<string, number>;
  /** A text's words as `tokens` holds them (stop words removed). */
  readonly wordsOf: (text: string) => string[];
  /** A text's tokens before stop words are removed. */
  readonly tokensOf: (text: string) => string[];
}

/** The vectorize stage fed one document at a time (from an array or a stream). */
export interface VectorizeStage {
  add(text: string): void;
  /**
   * How another thread can read documents for this stage (tokenizer, stop words,
   * abbreviations), or null when only this thread can (stemming, n-grams, a second word
   * scan for the keywords, a tokenizer or stemmer given as a function).
   */
  readonly analyzeSpec: AnalyzeSpec | null;
  /** Documents read elsewhere with {@link analyzeSpec}: the same result as `add` of each, in order. */
  addAnalyzed(batch: AnalyzedBatch): void;
  /** `onDemand`: no TF-IDF matrix is built; rows are made when selected (see `TfidfScan.fitRows`). */
  finish(warnings: Warning[], onDemand?: boolean): Vectorized;
}

// Options that change which words a document yields (the rest only weight or prune them).
const TOKEN_OPTIONS = [...TOKENIZE_OPTION_NAMES, "stem"] as const;
// Those that change the words themselves: keywords are then counted from a second tokenization,
// which reads the same text (TEXT_OPTION_NAMES) as the clustering.
const WORD_FORM_OPTIONS = TOKEN_OPTIONS.filter((name) => !(TEXT_OPTION_NAMES as readonly string[]).includes(name));

/** The vectorizer's options that the keywords' reading of the texts follows too (see {@link keywordReading}). */
const KEYWORD_READING_OPTIONS = [...TEXT_OPTION_NAMES, "numbersBreakPhrases"] as const;

/**
 * Of a vectorizer's options, those the keywords' words are read with as well, whatever the
 * clustering's words: markup or addresses kept as words by the caller are words of the
 * keywords too, and numbers end their phrases or not as the caller said. Unset options are left out.
 */
export function keywordReading(
  options: Partial<Pick<TfidfOptions, (typeof KEYWORD_READING_OPTIONS)[number]>>,
): TfidfOptions {
  return Object.fromEntries(
    KEYWORD_READING_OPTIONS.filter((name) => options[name] !== undefined).map((name) => [name, options[name]]),
  );
}

/** What errors call the vectorizer's options: as the caller wrote them, inside `options.vectorizer`. */
const VECTORIZER = "options.vectorizer";

/**
 * Tokenizes each document once: the clustering vectorizer's pass also yields the word ids
 * that keywords, phrases and coherence are counted from. Only when the clustering
 * vectorizer changes the words themselves (stemming, n-grams, another token pattern) does
 * each document get a second, unigram tokenization for the keywords, which are always
 * shown as words; the text is still read once, and what of it is read as text (markup,
 * addresses, segmentation: `dropMarkup`, `dropNonText`, ...) is as the caller set it. Fewer than 10 documents keep every term
 * unless the caller set minDf/maxDf.
 * @throws InvalidArgumentError for invalid vectorizer options.
 */
export function createVectorizeStage(
  fn: string,
  defaults: TfidfOptions,
  user: TfidfOptions | undefined,
  keywordWords: Pick<TfidfOptions, "stopWords" | "extraStopWords">,
  collectAbbreviations = true,
): VectorizeStage {
  const options = { ...defaults, ...user };
  const scan = createTfidfScan(fn, options, VECTORIZER);
  const [minN, maxN] = options.ngramRange ?? [1, 1];
  const sameWords = minN === 1 && maxN === 1 && WORD_FORM_OPTIONS.every((name) => options[name] === undefined);
  const wordOptions: TfidfOptions = { ...keywordWords, ...keywordReading(options) };
  const wordScan = sameWords ? null : createTfidfScan(fn, wordOptions, VECTORIZER);
  const wordAnalyzer = resolveTfidfOptions(fn, sameWords ? options : wordOptions, VECTORIZER);
  const abbreviations = collectAbbreviations ? createAbbreviationCollector() : null;
  const glyphCodeWords = createGlyphCodeCollector();
  const analyzer = scan.analyzer;
  const threadable = wordScan === null && analyzer.stemmer === null && maxN === 1 && minN === 1;
  return {
    add(text) {
      scan.add(text);
      wordScan?.add(text);
      abbreviations?.add(text);
      glyphCodeWords.add(text);
    },
    analyzeSpec: threadable ? analyzeSpecOf(analyzer, abbreviations !== null) : null,
    addAnalyzed(batch) {
      if (!threadable) throw new Error(`${fn}: this vectorizer reads its documents on one thread`);
      scan.addAnalyzed(batch);
      if (abbreviations !== null && batch.found !== null)
        for (const found of batch.found) abbreviations.addFound(found);
      glyphCodeWords.addCounts(batch.glyphCodeWords);
    },
    finish(warnings, onDemand = false) {
      const n = scan.documents;
      if (n === 0) throw new EmptyInputError(`${fn}: docs must hold at least one document; got 0`, "docs");
      const small = n < 10 ? { minDf: user?.minDf ?? 1, maxDf: user?.maxDf ?? 1 } : {};
      const fitted = fitWithFallback(
        fn,
        (o) => (onDemand ? scan.fitRows(o) : scan.fit(o)),
        { ...options, ...small },
        small,
        warnings,
      );
      const fit =
        "select" in fitted
          ? { model: fitted.model, matrix: null, rows: fitted.rows, select: fitted.select }
          : {
              model: fitted.model,
              matrix: fitted.matrix,
              rows: fitted.matrix.rows,
              select: (ids: ArrayLike<number>) => csrSelectRows(fitted.matrix, ids),
            };
      const tokens = (wordScan === null ? fitted.tokens : wordScan.fit().tokens) as TokenDocuments;
      const emptyRows = "select" in fitted ? fitted.emptyRows : countEmptyRows(fitted.matrix.indptr, n);
      if (emptyRows === n)
        throw new EmptyInputError(
          `${fn}: no document has any term left after vectorizing; check the language and stop words`,
          "docs",
        );
      if (emptyRows > 0)
        warnings.push(warning("empty-documents", `${emptyRows} document(s) have no terms in the vocabulary`));
      return {
        fit,
        tokens,
        emptyRows,
        abbreviations: abbreviations?.finish() ?? [],
        glyphCodeWords: glyphCodeWords.finish(),
        wordsOf: (text) => analyzeDocument(wordAnalyzer, text),
        tokensOf: (text) => wordAnalyzer.tokenizer(text),
      };
    },
  };
}

function fitWithFallback<T>(
  fn: string,
  fitted: (overrides: Pick<TfidfOptions, "minDf" | "maxDf">) => T,
  options: TfidfOptions,
  overrides: Pick<TfidfOptions, "minDf" | "maxDf">,
  warnings: Warning[],
): T {
  try {
    return fitted(overrides);
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
      error.argument === `${VECTORIZER}.minDf` &&
      (options.minDf !== 1 || options.maxDf !== 1)
    ) {
      warnings.push(
        warning(
          "terms-kept",
          `no terms survived minDf ${options.minDf ?? 1} / maxDf ${options.maxDf ?? 1}; kept every term instead`,
        ),
      );
      return fitted({ minDf: 1, maxDf: 1 });
    }
    throw error;
  }
}

function countEmptyRows(indptr: Int32Array, rows: number): number {
  let empty = 0;
  for (let r = 0; r < rows; r++) if (indptr[r] === indptr[r + 1]) empty++;
  return empty;
}
