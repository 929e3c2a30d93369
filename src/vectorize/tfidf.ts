import type { CsrMatrix } from "../core/csr.js";
import { describeValue } from "../core/describe.js";
import { EmptyInputError, IncompatibleModelError, InvalidArgumentError } from "../core/errors.js";
import { withMethods } from "../core/methods.js";
import { type PackedFloats, packFloats, unpackFloats } from "../core/packedFloats.js";
import { checkBoolean, checkInteger, checkOptions, checkStringArray } from "../core/validate.js";
import type { Stemmer } from "../text/stem.js";
import { analyzeDocument } from "./analyze.js";
import type { AnalyzedBatch } from "./analyzeBatch.js";
import { CountMatrixBuilder, countsFromStream } from "./counts.js";
import { type Analyzer, type ResolvedTfidfOptions, resolveTfidfOptions, type TfidfOptions } from "./options.js";
import { createScanner, pruneVocabulary, type ScannedCorpus, type TokenDocuments } from "./vocabulary.js";
import { columnDocumentFrequency, inverseDocumentFrequency, weightCounts } from "./weighting.js";

export const TFIDF_FORMAT = "topiclens/tfidf";
/** 2: idf packed as float64 base64 (version 1, plain numbers, is still read). */
export const TFIDF_FORMAT_VERSION = 2;

/** A fitted, immutable TF-IDF vectorizer. */
export interface TfidfModel {
  /** Terms sorted by code point; column `j` of every matrix is `vocabulary[j]`. */
  readonly vocabulary: readonly string[];
  /** How each term is shown to people: the most frequent surface form when stemming, else the term. */
  readonly displayTerms: readonly string[];
  /** Inverse document frequency per column (see {@link inverseDocumentFrequency}). */
  readonly idf: Float64Array;
  /** Number of training documents holding each term. */
  readonly documentFrequency: Int32Array;
  /** Number of training documents. */
  readonly nDocuments: number;
  /** Every option with its default applied. */
  readonly options: ResolvedTfidfOptions;
  /** The stop words in use, sorted. */
  readonly stopWords: readonly string[];
  /** Column of `term`, or -1. */
  termIndex(term: string): number;
  /** The terms (n-grams) a document yields, before vocabulary lookup. */
  analyze(doc: string): string[];
  /** TF-IDF rows for new documents; terms outside the vocabulary are ignored. */
  transform(docs: readonly string[]): CsrMatrix;
  /** Raw term counts for new documents. */
  transformCounts(docs: readonly string[]): CsrMatrix;
  /** A plain, versioned object for `JSON.stringify`; see {@link tfidfFromJSON}. */
  toJSON(): TfidfModelJSON;
}

/** The saved form of a {@link TfidfModel}. */
export interface TfidfModelJSON {
  readonly format: typeof TFIDF_FORMAT;
  readonly version: number;
  readonly options: ResolvedTfidfOptions;
  readonly stopWordList: readonly string[];
  readonly vocabulary: readonly string[];
  readonly displayTerms: readonly string[] | null;
  readonly idf: PackedFloats | readonly number[];
  readonly documentFrequency: readonly number[];
  readonly nDocuments: number;
}

/** The fitted model together with the training matrices. */
export interface TfidfFit {
  readonly model: TfidfModel;
  /** TF-IDF weights of the training documents. */
  readonly matrix: CsrMatrix;
  /** Raw term counts of the training documents (same structure as `matrix`). */
  readonly counts: CsrMatrix;
}

/**
 * Learns a vocabulary and idf from `docs` and returns the model with the training
 * TF-IDF matrix and raw counts. Equivalent to scikit-learn's
 * `TfidfVectorizer.fit_transform` given the same tokenizer and stop words.
 * O(total tokens x n-gram span) time; memory O(total terms).
 * @example const { model, matrix } = fitTransformTfidf(["a first text", "a second text"]);
 * @throws EmptyInputError for an empty corpus or when pruning leaves no term.
 * @throws InvalidArgumentError for a non-string document or an invalid option.
 */
export function fitTransformTfidf(docs: readonly string[], options: TfidfOptions = {}): TfidfFit {
  const { model, matrix, counts } = fitTransformTfidfWithTokens(docs, options);
  return { model, matrix, counts };
}

/**
 * {@link fitTransformTfidf} that also hands back the word ids of its one tokenizing pass,
 * so that keyword and coherence counts need no second pass over the text. The ids are
 * words only for unigram, unstemmed options; otherwise `tokens` is null.
 */
export function fitTransformTfidfWithTokens(
  docs: readonly string[],
  options: TfidfOptions = {},
): TfidfFit & { readonly tokens: TokenDocuments | null } {
  const fn = "fitTfidf";
  checkStringArray(fn, "docs", docs);
  if (docs.length === 0) throw new EmptyInputError(`${fn}: docs must hold at least one document; got 0`, "docs");
  const scan = createTfidfScan(fn, options);
  for (const doc of docs) scan.add(doc);
  return scan.fit();
}

/** One tokenizing pass fed a document at a time, then fitted (possibly more than once). */
export interface TfidfScan {
  add(text: string): void;
  /** Documents read by another thread (see `Scanner.addAnalyzed`). */
  addAnalyzed(batch: AnalyzedBatch): void;
  /** How the scan reads a document. */
  readonly analyzer: Analyzer;
  /** Documents added so far. */
  readonly documents: number;
  /**
   * The vectorizer fitted on the documents added, with `overrides` of the pruning options
   * (the scan is kept, so a second fit with other limits needs no new pass).
   */
  fit(overrides?: Pick<TfidfOptions, "minDf" | "maxDf">): TfidfFit & { readonly tokens: TokenDocuments | null };
  /**
   * {@link fit} without the training matrices: TF-IDF rows are built from the scan when
   * asked, a few at a time, identical to the same rows of `fit().matrix`. For corpora too
   * large to hold their TF-IDF matrix beside what is computed from it.
   */
  fitRows(overrides?: Pick<TfidfOptions, "minDf" | "maxDf">): TfidfRows & { readonly tokens: TokenDocuments | null };
}

/** A fitted vectorizer and its training documents' TF-IDF rows, on demand. */
export interface TfidfRows {
  readonly model: TfidfModel;
  /** Training documents. */
  readonly rows: number;
  /** The TF-IDF rows of documents `ids`, in that order. */
  select(ids: ArrayLike<number>): CsrMatrix;
  /** Documents without a single vocabulary term. */
  readonly emptyRows: number;
}

/**
 * A {@link TfidfScan}: what {@link fitTransformTfidfWithTokens} does over an array, for
 * documents that arrive one at a time (a stream) and are never held.
 * @throws InvalidArgumentError for invalid options.
 */
export function createTfidfScan(fn: string, options: TfidfOptions = {}, name = "options"): TfidfScan {
  const analyzer = resolveTfidfOptions(fn, options, name);
  const scanner = createScanner(analyzer);
  let scanned: ScannedCorpus | null = null;
  /** The analyzer with other pruning limits (the scan itself does not depend on them). */
  const withPruning = (overrides: Pick<TfidfOptions, "minDf" | "maxDf">): Analyzer =>
    overrides.minDf === undefined && overrides.maxDf === undefined
      ? analyzer
      : resolveTfidfOptions(fn, { ...options, ...overrides }, name);
  return {
    add(text) {
      if (scanned !== null) throw new Error(`${fn}: documents added after fitting`);
      scanner.add(text);
    },
    addAnalyzed(batch) {
      if (scanned !== null) throw new Error(`${fn}: documents added after fitting`);
      scanner.addAnalyzed(batch);
    },
    analyzer,
    get documents() {
      return scanner.documents;
    },
    fit(overrides = {}) {
      if (scanned === null) scanned = scanner.finish();
      const fit = fitFromScan(fn, withPruning(overrides), scanned, scanner.documents);
      return { ...fit, tokens: wordsOnly(analyzer) ? tokensOf(scanned) : null };
    },
    fitRows(overrides = {}) {
      if (scanned === null) scanned = scanner.finish();
      const rows = rowsFromScan(fn, withPruning(overrides), scanned, scanner.documents);
      return { ...rows, tokens: wordsOnly(analyzer) ? tokensOf(scanned) : null };
    },
  };
}

/** Whether a scan's ids are words (unigrams, unstemmed): the keywords' words. */
function wordsOnly(analyzer: Analyzer): boolean {
  const [minN, maxN] = analyzer.options.ngramRange;
  return minN === 1 && maxN === 1 && analyzer.stemmer === null;
}

function tokensOf(scanned: ScannedCorpus): TokenDocuments {
  return {
    terms: scanned.terms,
    stream: scanned.stream,
    offsets: scanned.offsets,
    documentFrequency: scanned.documentFrequency,
    ...(scanned.gaps === null ? {} : { gaps: scanned.gaps }),
    ...(scanned.breaks === null ? {} : { breaks: scanned.breaks }),
  };
}

/** Prunes the scanned vocabulary and builds the count and TF-IDF matrices from the retained term ids. */
function fitFromScan(fn: string, analyzer: Analyzer, scanned: ScannedCorpus, nDocs: number, shared = false): TfidfFit {
  const pruned = pruneVocabulary(fn, analyzer, scanned, nDocs);
  const counts = countsFromStream(
    scanned.stream,
    scanned.offsets,
    pruned.columnOf,
    pruned.vocabulary.length,
    nDocs,
    analyzer.options.binary,
    shared,
  );
  const df = columnDocumentFrequency(counts);
  const idf = inverseDocumentFrequency(df, nDocs, analyzer.options.smoothIdf);
  const surfaces = scanned.surfaces;
  const displayTerms = surfaces === null ? null : Array.from(pruned.provisionalOf, (t) => surfaces[t] as string);
  const model = createModel(analyzer, pruned.vocabulary, displayTerms, idf, df, nDocs);
  return { model, counts, matrix: weightCounts(counts, idf, analyzer.options, shared) };
}

/**
 * {@link fitFromScan}'s model without its matrices: the document frequency of each column
 * is its term's in the scan (a column is one retained term), and rows are counted and
 * weighted from the term ids when selected.
 */
function rowsFromScan(fn: string, analyzer: Analyzer, scanned: ScannedCorpus, nDocs: number): TfidfRows {
  const pruned = pruneVocabulary(fn, analyzer, scanned, nDocs);
  const df = Int32Array.from(pruned.provisionalOf, (t) => scanned.documentFrequency[t] as number);
  const idf = inverseDocumentFrequency(df, nDocs, analyzer.options.smoothIdf);
  const surfaces = scanned.surfaces;
  const displayTerms = surfaces === null ? null : Array.from(pruned.provisionalOf, (t) => surfaces[t] as string);
  const model = createModel(analyzer, pruned.vocabulary, displayTerms, idf, df, nDocs);
  const { stream, offsets } = scanned;
  let emptyRows = 0;
  for (let d = 0; d < nDocs; d++) {
    let p = offsets[d] as number;
    const end = offsets[d + 1] as number;
    while (p < end && (pruned.columnOf[stream[p] as number] as number) < 0) p++;
    if (p === end) emptyRows++;
  }
  return {
    model,
    rows: nDocs,
    emptyRows,
    select(ids) {
      const counts = countsFromStream(
        stream,
        offsets,
        pruned.columnOf,
        pruned.vocabulary.length,
        ids.length,
        analyzer.options.binary,
        false,
        ids,
      );
      return weightCounts(counts, idf, analyzer.options);
    },
  };
}

export interface TfidfStreamOptions {
  /**
   * Stop growing the vocabulary at this many distinct terms (before pruning); terms first
   * seen later are not counted. Bounds memory for unbounded vocabularies.
   * @defaultValue Infinity
   */
  readonly maxTerms?: number;
  /** Called every `progressEvery` documents with the number read so far. */
  readonly onProgress?: (documentsRead: number) => void;
  /** @defaultValue 10000 */
  readonly progressEvery?: number;
  /**
   * Put the TF-IDF matrix in shared memory, so that a worker pool (`createWorkerPool`)
   * clusters it without copying it. @defaultValue false
   */
  readonly shared?: boolean;
}

/**
 * {@link fitTransformTfidf} over a stream: documents arrive one at a time from an
 * iterable or async iterable (e.g. lines of a file), are tokenized once, and only their
 * term ids are kept, never their text. The result is identical to `fitTransformTfidf`
 * on the same documents (unless `maxTerms` drops terms).
 * @example const { matrix } = await fitTransformTfidfStream(readLines("abstracts.jsonl"), { minDf: 2 });
 * @throws EmptyInputError for an empty stream; InvalidArgumentError for a non-string item.
 */
export async function fitTransformTfidfStream(
  source: Iterable<string> | AsyncIterable<string>,
  options: TfidfOptions = {},
  streamOptions: TfidfStreamOptions = {},
): Promise<TfidfFit & { readonly droppedTerms: number }> {
  const fn = "fitTransformTfidfStream";
  if (source === null || typeof source !== "object" || !(Symbol.asyncIterator in source || Symbol.iterator in source)) {
    throw new InvalidArgumentError(
      `${fn}: source must be an iterable or async iterable of strings; got ${describeValue(source)}`,
      "source",
    );
  }
  const so = checkOptions(fn, streamOptions, ["maxTerms", "onProgress", "progressEvery", "shared"], "streamOptions");
  const maxTerms = so.maxTerms ?? Number.POSITIVE_INFINITY;
  if (maxTerms !== Number.POSITIVE_INFINITY) checkInteger(fn, "streamOptions.maxTerms", maxTerms, 1);
  const every = checkInteger(fn, "streamOptions.progressEvery", so.progressEvery ?? 10_000, 1);
  const analyzer = resolveTfidfOptions(fn, options);
  const scanner = createScanner(analyzer, maxTerms);
  for await (const doc of source as AsyncIterable<string>) {
    if (typeof doc !== "string") {
      throw new InvalidArgumentError(
        `${fn}: source item ${scanner.documents} must be a string; got ${describeValue(doc)}`,
        "source",
      );
    }
    scanner.add(doc);
    if (so.onProgress !== undefined && scanner.documents % every === 0) so.onProgress(scanner.documents);
  }
  if (scanner.documents === 0) throw new EmptyInputError(`${fn}: source yielded no documents`, "source");
  so.onProgress?.(scanner.documents);
  const shared = checkBoolean(fn, "streamOptions.shared", so.shared ?? false);
  return {
    ...fitFromScan(fn, analyzer, scanner.finish(), scanner.documents, shared),
    droppedTerms: scanner.droppedTerms,
  };
}

/**
 * Learns a TF-IDF vectorizer from `docs`. See {@link fitTransformTfidf} for the
 * training matrices and {@link TfidfOptions} for every option and default.
 */
export function fitTfidf(docs: readonly string[], options: TfidfOptions = {}): TfidfModel {
  return fitTransformTfidf(docs, options).model;
}

function createModel(
  analyzer: Analyzer,
  vocabulary: readonly string[],
  displayTerms: readonly string[] | null,
  idf: Float64Array,
  documentFrequency: Int32Array,
  nDocuments: number,
): TfidfModel {
  // The term index is built on first use: fitting alone never needs it.
  let termIndex: Map<string, number> | null = null;
  const lookup = (): Map<string, number> => {
    if (termIndex === null) {
      termIndex = new Map();
      for (let i = 0; i < vocabulary.length; i++) termIndex.set(vocabulary[i] as string, i);
    }
    return termIndex;
  };
  const stopWords = Object.freeze([...analyzer.stopWords.words].sort());
  const frozenVocabulary = Object.freeze(vocabulary.slice());
  const frozenDisplay = displayTerms === null ? frozenVocabulary : Object.freeze(displayTerms.slice());
  const countRows = (fn: string, docs: readonly string[]): CsrMatrix => {
    checkStringArray(fn, "docs", docs);
    const builder = new CountMatrixBuilder(vocabulary.length, analyzer.options.binary);
    const index = lookup();
    for (const doc of docs) {
      for (const term of analyzeDocument(analyzer, doc)) {
        const c = index.get(term);
        if (c !== undefined) builder.add(c);
      }
      builder.endRow();
    }
    return builder.build();
  };
  const data = {
    vocabulary: frozenVocabulary,
    displayTerms: frozenDisplay,
    idf,
    documentFrequency,
    nDocuments,
    options: analyzer.options,
    stopWords,
  };
  const model: TfidfModel = withMethods(data, {
    termIndex: (term: string) => lookup().get(term) ?? -1,
    analyze: (doc: string) => analyzeDocument(analyzer, doc),
    transform: (docs: readonly string[]) =>
      weightCounts(countRows("TfidfModel.transform", docs), idf, analyzer.options),
    transformCounts: (docs: readonly string[]) => countRows("TfidfModel.transformCounts", docs),
    toJSON: (): TfidfModelJSON => ({
      format: TFIDF_FORMAT,
      version: TFIDF_FORMAT_VERSION,
      options: analyzer.options,
      stopWordList: stopWords,
      vocabulary: frozenVocabulary,
      displayTerms: displayTerms === null ? null : frozenDisplay,
      idf: packFloats(idf),
      documentFrequency: Array.from(documentFrequency),
      nDocuments,
    }),
  });
  return Object.freeze(model);
}

/**
 * Restores a model saved with `toJSON()`. A model fitted with a custom stemmer needs
 * the same stemmer again in `restore.stem`.
 * @throws IncompatibleModelError for a foreign or newer format, or inconsistent content.
 */
export function tfidfFromJSON(json: unknown, restore: { readonly stem?: Stemmer } = {}): TfidfModel {
  const fn = "tfidfFromJSON";
  const bad = (what: string): never => {
    throw new IncompatibleModelError(`${fn}: ${what}`, "json");
  };
  if (json === null || typeof json !== "object")
    bad(`expected a saved TF-IDF model object; got ${describeValue(json)}`);
  const j = json as Partial<TfidfModelJSON>;
  if (j.format !== TFIDF_FORMAT) bad(`format must be "${TFIDF_FORMAT}"; got ${describeValue(j.format)}`);
  if (typeof j.version !== "number" || j.version > TFIDF_FORMAT_VERSION || j.version < 1) {
    bad(
      `version ${describeValue(j.version)} is not supported (this library reads version ${TFIDF_FORMAT_VERSION}); upgrade topiclens`,
    );
  }
  const o = j.options;
  if (o === undefined || o === null || typeof o !== "object") bad("options are missing");
  const opts = o as ResolvedTfidfOptions;
  const vocabulary = j.vocabulary;
  if (!Array.isArray(vocabulary) || vocabulary.some((t) => typeof t !== "string"))
    bad("vocabulary must be an array of strings");
  const v = vocabulary as string[];
  const nums = (name: string, arr: unknown, integer: boolean): number[] => {
    if (!Array.isArray(arr) || arr.length !== v.length) bad(`${name} must be an array of ${v.length} numbers`);
    for (const x of arr as unknown[]) {
      if (typeof x !== "number" || !Number.isFinite(x) || (integer && !Number.isInteger(x)))
        bad(`${name} holds an invalid value ${describeValue(x)}`);
    }
    return arr as number[];
  };
  const idf = unpackFloats("idf", j.idf, v.length, bad);
  const df = nums("documentFrequency", j.documentFrequency, true);
  if (typeof j.nDocuments !== "number" || !Number.isInteger(j.nDocuments) || j.nDocuments < 1)
    bad("nDocuments must be a positive integer");
  if (!Array.isArray(j.stopWordList)) bad("stopWordList must be an array of strings");
  if (j.displayTerms !== null && (!Array.isArray(j.displayTerms) || j.displayTerms.length !== v.length)) {
    bad(`displayTerms must be null or an array of ${v.length} strings`);
  }
  let stem: Stemmer | "porter2" | null = null;
  if (opts.stem === "porter2") stem = "porter2";
  else if (opts.stem === "custom") {
    if (typeof restore.stem !== "function") {
      throw new InvalidArgumentError(
        `${fn}: restore.stem must be the stemmer the model was fitted with (a function); got ${describeValue(restore.stem)}`,
        "restore.stem",
      );
    }
    stem = restore.stem;
  }
  const analyzer = resolveTfidfOptions(fn, {
    lowercase: opts.lowercase,
    tokenPattern: opts.tokenPattern ? new RegExp(opts.tokenPattern.source, opts.tokenPattern.flags) : undefined,
    minLength: opts.minLength,
    keepNumbers: opts.keepNumbers,
    dropMath: opts.dropMath,
    // Models saved before the option existed read every character as text.
    dropNonText: opts.dropNonText ?? false,
    // Nor take markup out.
    dropMarkup: opts.dropMarkup ?? false,
    // Nor drop host names and paths.
    dropHostsAndPaths: opts.dropHostsAndPaths ?? false,
    // Nor drop the sources news wires credit.
    dropCredits: opts.dropCredits ?? false,
    // Nor split runs of scripts written without spaces.
    segmentWords: opts.segmentWords ?? false,
    ngramRange: opts.ngramRange,
    minDf: opts.minDf,
    maxDf: opts.maxDf,
    maxFeatures: opts.maxFeatures,
    stopWords: j.stopWordList as string[],
    stem,
    binary: opts.binary,
    sublinearTf: opts.sublinearTf,
    smoothIdf: opts.smoothIdf,
    useIdf: opts.useIdf,
    norm: opts.norm,
    // Nor end a phrase at a dropped number.
    numbersBreakPhrases: opts.numbersBreakPhrases ?? false,
  });
  const restored: Analyzer = { ...analyzer, options: { ...analyzer.options, stopWords: opts.stopWords } };
  return createModel(
    restored,
    v,
    (j.displayTerms as string[] | null) ?? null,
    idf,
    Int32Array.from(df),
    j.nDocuments as number,
  );
}
