import { type CsrMatrix, checkCsrShape, isCsrMatrix } from "../core/csr.js";
import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import {
  checkBoolean,
  checkInteger,
  checkNumber,
  checkOneOf,
  checkOptions,
  checkStringArray,
} from "../core/validate.js";
import { compareCodePoints } from "../text/compare.js";
import { resolveStopWords, type StopWordsSpec } from "../text/stopwords/index.js";
import type { TokenDocuments } from "../vectorize/vocabulary.js";
import { checkTokenDocuments } from "../vectorize/vocabulary.js";
import type { ClassTermTable } from "./classPhraseCounts.js";
import { reweighByCoherence, type ScoredTerm } from "./coherentOrder.js";
import { classTermCounts, classTfidf, repetitionDampedCounts, weighByIdf } from "./ctfidf.js";
import { distinctNames } from "./distinctNames.js";
import { exclusiveTails } from "./exclusiveTails.js";
import { fixedExpressions } from "./fixedExpressions.js";
import { isJunkTerm } from "./junk.js";
import { clusterTermHolders } from "./labelCoverage.js";
import { chooseLabel, fillerTerms, termKey } from "./labels.js";
import { shownForms } from "./mergeAbbreviations.js";
import { type Candidate, selectDiverse } from "./mmr.js";
import { FORM_SHARE, type RepeatedPassages, repeatedPassageTerms } from "./repeatedPassages.js";
import { type TermDocumentSource, termDocumentsOfCounts, termDocumentsOfTokens } from "./termDocuments.js";
import { writtenForms } from "./writtenForms.js";

/** A term with its weight in a cluster. */
export interface Keyword {
  readonly term: string;
  /**
   * Higher is better, for every method. With `coherence` above 0 it is the mix the keywords
   * are ordered by: the scorer's score as a share of the topic's best, and the co-occurrence.
   */
  readonly score: number;
  /** YAKE's own score (lower is better), for keyphrases found by YAKE. */
  readonly yake?: number;
  /**
   * The term as counted, when it is shown otherwise: `bank england` for a phrase shown as
   * written, `bank of england` (see `writtenPhrases`); the short form `fl` for `federated
   * learning (FL)`, whose counts join its two forms.
   */
  readonly counted?: string;
}

/** The keywords and name of one cluster. */
export interface ClusterKeywords {
  readonly cluster: number;
  /** Documents in the cluster. */
  readonly size: number;
  /** A short name from the top keywords, e.g. `federated learning · clients · communication`; "" only for an empty cluster. */
  readonly label: string;
  /**
   * The best single phrase for the cluster, the label's first term (e.g. `federated learning
   * (FL)`); when another cluster's label has the same first term, that term and the label term
   * that tells the two apart (`space · program`, `space · research`). "" only for an empty cluster.
   */
  readonly name: string;
  readonly keywords: readonly Keyword[];
}

export interface ClusterKeywordsOptions {
  /** Keywords per cluster. @defaultValue 10 */
  readonly topN?: number;
  /**
   * The scorer, the first link of the chain: `"c-tf-idf"` (BERTopic's class-based TF-IDF),
   * `"centroid"` (mean TF-IDF of the cluster, scikit-learn's way), or a function of the
   * per-cluster counts that returns k x terms scores, higher is better. The junk filter,
   * phrase absorption, MMR and the label follow whichever scores. @defaultValue "c-tf-idf"
   */
  readonly representation?: "c-tf-idf" | "centroid" | KeywordScorer;
  /** Square-root class term frequencies (c-TF-IDF). @defaultValue true */
  readonly reduceFrequentWords?: boolean;
  /** BM25-style idf (c-TF-IDF). @defaultValue false */
  readonly bm25Weighting?: boolean;
  /**
   * How much a term's repetitions inside one document add to its count in the cluster
   * (c-TF-IDF): the count is `documents × (occurrences per document)^repetition`. 1 counts
   * every occurrence, as BERTopic does; 0 counts the documents holding the term. Below 1, a
   * name that one long text repeats weighs less than a word many of the topic's texts use.
   * @defaultValue 0.75
   */
  readonly repetition?: number;
  /** Maximal Marginal Relevance trade-off: 0 ranks by score alone, 1 maximises variety. @defaultValue 0.3 */
  readonly diversity?: number;
  /**
   * How much a keyword's rank follows its co-occurrence with the topic's leading keywords
   * (mean NPMI over the corpus' documents) rather than its score: 0 ranks by score alone.
   * Needs the documents: counts per document, or the word ids given to
   * `clusterKeywordsFromClassCounts`. @defaultValue 0.5
   */
  readonly coherence?: number;
  /** Let a phrase absorb the words it covers ("federated learning" over "federated"). @defaultValue true */
  readonly preferPhrases?: boolean;
  /**
   * A phrase absorbs a word when, in the cluster, the phrase occurs at least this share
   * as often as the word. @defaultValue 0.5
   */
  readonly phraseCoverage?: number;
  /** Drop terms found in more than this share of clusters (applied when k >= 4). @defaultValue 0.9 */
  readonly maxClusterShare?: number;
  /**
   * A keyword must occur in at least this many documents of its cluster (in all of
   * them for clusters smaller than twice this number), so one verbose document cannot
   * name a topic. @defaultValue 2
   */
  readonly minDocuments?: number;
  /** Words of the label. @defaultValue 3 */
  readonly labelTerms?: number;
  /**
   * Past this many keywords, a list holds only what sets its topic apart: a term that
   * several topics list stays in the one that scores it highest, and the others are filled
   * with their next terms that no topic lists. The first `exclusiveAfter` keywords stay as
   * ranked; `Infinity` lets every topic list shared terms. It matters only when `topN` is
   * larger. @defaultValue 10
   */
  readonly exclusiveAfter?: number;
  /**
   * Stop words that may never start, end or sit inside a keyword: a language code, a
   * list, or false (in addition to the built-in junk rules). @defaultValue "en"
   */
  readonly stopWords?: StopWordsSpec;
  /**
   * Leave out of a cluster's keywords the terms that sit in a passage copied word for word
   * across its documents: the five words about the term (before, after, or some on each
   * side) are the same in at least half the cluster's documents holding it, in five
   * documents or more. Signatures, copied header lines and boilerplate rows then do not
   * name a topic. A passage in half the cluster's documents or more is what the cluster is
   * about (templated texts), and stays. Needs the documents' word ids
   * (`clusterKeywordsFromClassCounts` with tokens and labels, as `clusterTopics` calls it).
   * @defaultValue true
   */
  readonly dropRepeatedPassages?: boolean;
  /**
   * Show a phrase as the texts write it, with its stop words ("bank of england"), when
   * at least half its occurrences are written so and no other way as often; the phrase as
   * counted (stop words out, `bank england`) is then the keyword's `counted`. Read from the
   * first 100,000 documents' word ids (`clusterKeywordsFromClassCounts` with tokens, as
   * `clusterTopics` calls it). @defaultValue true
   */
  readonly writtenPhrases?: boolean;
}

/** A user-given scorer: per-cluster counts in, k x terms scores out (higher is better; 0 or absent = not a candidate). */
export type KeywordScorer = (table: ClassTermTable) => CsrMatrix;

export const CLUSTER_KEYWORDS_DEFAULTS = Object.freeze({
  topN: 10,
  representation: "c-tf-idf" as "c-tf-idf" | "centroid",
  reduceFrequentWords: true,
  bm25Weighting: false,
  repetition: 0.75,
  diversity: 0.3,
  coherence: 0.5,
  preferPhrases: true,
  phraseCoverage: 0.5,
  minDocuments: 2,
  maxClusterShare: 0.9,
  labelTerms: 3,
  exclusiveAfter: 10,
  dropRepeatedPassages: true,
  writtenPhrases: true,
});

/** Share of a cluster's documents a term must appear in to count as common there. */
const PRESENCE_SHARE = 0.05;

const OPTION_NAMES = [
  "topN",
  "representation",
  "reduceFrequentWords",
  "bm25Weighting",
  "repetition",
  "diversity",
  "coherence",
  "preferPhrases",
  "phraseCoverage",
  "maxClusterShare",
  "minDocuments",
  "labelTerms",
  "exclusiveAfter",
  "stopWords",
  "dropRepeatedPassages",
  "writtenPhrases",
] as const;

/** What {@link clusterKeywords} reads: raw counts, labels and the vocabulary. */
export interface KeywordInput {
  /** Raw term counts, documents x terms (e.g. `fitTransformTfidf(...).counts`). */
  readonly counts: CsrMatrix;
  /** Cluster of every document, in [0, k); negative labels are ignored. */
  readonly labels: Int32Array | readonly number[];
  /** Term of every column. */
  readonly vocabulary: readonly string[];
  /** How to show each term (e.g. surface forms of stems); defaults to `vocabulary`. */
  readonly displayTerms?: readonly string[];
  /** TF-IDF weights, needed only for `representation: "centroid"`. */
  readonly tfidf?: CsrMatrix;
  /** Number of clusters; defaults to max label + 1. */
  readonly k?: number;
}

/**
 * Names every cluster with keywords a person recognises. Terms are scored by
 * class-based TF-IDF (or centroid weight), junk is removed (stop words, numbers,
 * single letters, math debris, terms common to almost every cluster), phrases absorb
 * the words they cover, keywords that share documents with the topic's leading keywords
 * rise (option `coherence`), and Maximal Marginal Relevance (Carbonell & Goldstein, 1998)
 * keeps near-duplicates from crowding the list. O(nnz + k·candidates²).
 * @example clusterKeywords({ counts, labels, vocabulary: model.vocabulary })[0].label
 * @throws InvalidArgumentError for mismatched lengths or invalid options.
 */
export function clusterKeywords(input: KeywordInput, options: ClusterKeywordsOptions = {}): ClusterKeywords[] {
  const fn = "clusterKeywords";
  const o = resolveKeywordOptions(fn, options);
  if (input === null || typeof input !== "object")
    throw new InvalidArgumentError(
      `${fn}: input must be {counts, vocabulary, labels} (a count matrix, its terms, each row's cluster); got ${describeValue(input)}`,
      "input",
    );
  checkCsrShape(fn, "input.counts", input.counts);
  checkStringArray(fn, "input.vocabulary", input.vocabulary);
  const { counts, vocabulary } = input;
  const labels = integerLabels(fn, "labels", input.labels);
  if (labels.length !== counts.rows) {
    throw new InvalidArgumentError(
      `${fn}: labels must have one entry per document (${counts.rows}); got ${labels.length}`,
      "labels",
    );
  }
  if (vocabulary.length !== counts.cols) {
    throw new InvalidArgumentError(
      `${fn}: vocabulary must have one term per column (${counts.cols}); got ${vocabulary.length}`,
      "vocabulary",
    );
  }
  const display = input.displayTerms ?? vocabulary;
  let maxLabel = -1;
  for (const l of labels) if (l > maxLabel) maxLabel = l;
  const k = input.k ?? maxLabel + 1;
  checkInteger(fn, "k", k, Math.max(1, maxLabel + 1));

  let centroids: CsrMatrix | null = null;
  if (o.representation === "centroid") {
    if (input.tfidf === undefined) {
      throw new InvalidArgumentError(`${fn}: input.tfidf is required for representation "centroid"`, "input.tfidf");
    }
    centroids = centroidWeights(input.tfidf, labels, k);
  }
  const sizes = new Int32Array(k);
  for (const l of labels) if (l >= 0) sizes[l] = (sizes[l] as number) + 1;
  const table: ClassTermTable = {
    vocabulary,
    termCounts: classTermCounts(counts, labels, k),
    documentCounts: classTermCounts({ ...counts, data: new Float64Array(counts.data.length).fill(1) }, labels, k),
    sizes,
  };
  return keywordsOfClasses(table, display, o, centroids, termDocumentsOfCounts(counts), labels);
}

/** Cluster labels as integers, checked before conversion (an Int32Array would truncate 1.5 and zero NaN). */
/** Checks a table of per-cluster counts as `classPhraseCounts` makes it. @throws InvalidArgumentError naming `table`. */
function checkClassTable(fn: string, table: unknown): asserts table is ClassTermTable {
  if (table === null || typeof table !== "object")
    throw new InvalidArgumentError(
      `${fn}: table must be per-cluster counts {vocabulary, termCounts, documentCounts, sizes}, as classPhraseCounts gives them; got ${describeValue(table)}`,
      "table",
    );
  const t = table as ClassTermTable;
  checkStringArray(fn, "table.vocabulary", t.vocabulary);
  checkCsrShape(fn, "table.termCounts", t.termCounts);
  checkCsrShape(fn, "table.documentCounts", t.documentCounts);
  if (!(t.sizes instanceof Int32Array))
    throw new InvalidArgumentError(
      `${fn}: table.sizes must be an Int32Array of cluster sizes; got ${describeValue(t.sizes)}`,
      "table",
    );
  const k = t.sizes.length;
  for (const [name, m] of [
    ["termCounts", t.termCounts],
    ["documentCounts", t.documentCounts],
  ] as const)
    if (m.rows !== k || m.cols !== t.vocabulary.length)
      throw new InvalidArgumentError(
        `${fn}: table.${name} must be ${k} clusters x ${t.vocabulary.length} terms; got ${m.rows} x ${m.cols}`,
        "table",
      );
}

function integerLabels(fn: string, argument: string, labels: unknown): Int32Array {
  if (!Array.isArray(labels) && !ArrayBuffer.isView(labels)) {
    throw new InvalidArgumentError(
      `${fn}: ${argument} must be an array of integers; got ${describeValue(labels)}`,
      argument,
    );
  }
  const values = labels as ArrayLike<unknown>;
  for (let i = 0; i < values.length; i++) {
    const l = values[i];
    if (typeof l !== "number" || !Number.isInteger(l) || Math.abs(l) > 2 ** 31 - 1) {
      throw new InvalidArgumentError(
        `${fn}: ${argument} must be integers; got ${describeValue(l)} at index ${i}`,
        argument,
      );
    }
  }
  return Int32Array.from(values as ArrayLike<number>);
}

/**
 * {@link clusterKeywords} from per-cluster counts (see `classPhraseCounts`), for callers
 * that count per cluster directly instead of per document. `tokens`, the documents' word
 * ids the table was counted from, let the keywords' co-occurrence shape their order
 * (option `coherence`); without them keywords are ranked by score alone. `labels`, each
 * of those documents' cluster (negative: none), let every label past its head prefer terms
 * that name documents its earlier terms do not (see `chooseLabel`); without them labels
 * follow keyword order.
 * @throws InvalidArgumentError for invalid options, or labels without tokens, of another
 * length than the documents, or outside the table's clusters.
 */
export function clusterKeywordsFromClassCounts(
  table: ClassTermTable,
  options: ClusterKeywordsOptions = {},
  tokens?: TokenDocuments,
  labels?: Int32Array | readonly number[],
): ClusterKeywords[] {
  const fn = "clusterKeywordsFromClassCounts";
  checkClassTable(fn, table);
  const o = resolveKeywordOptions(fn, options);
  if (tokens !== undefined) checkTokenDocuments(fn, "tokens", tokens);
  const clusters = labels === undefined ? null : documentClusters(fn, labels, tokens, table.sizes.length);
  if (o.representation === "centroid") {
    throw new InvalidArgumentError(
      `clusterKeywordsFromClassCounts: representation "centroid" needs TF-IDF rows; use clusterKeywords`,
      "options.representation",
    );
  }
  const display = table.displayTerms ?? table.vocabulary;
  const formsOf = (t: number) => termForms(table, display, t);
  const source = tokens === undefined ? null : termDocumentsOfTokens(tokens, formsOf);
  const passages: PassageCheck | null =
    tokens !== undefined && clusters !== null && o.dropRepeatedPassages
      ? (candidates) => repeatedPassageTerms(tokens, clusters, candidates, formsOf)
      : null;
  const written: WrittenCheck | null =
    tokens?.gaps === undefined || !o.writtenPhrases
      ? null
      : (columns) => {
          const forms = writtenForms(
            tokens,
            columns.map((t) => (table.vocabulary[t] as string).split(" ")),
          );
          return new Map(columns.flatMap((t, i) => (forms[i] === null ? [] : [[t, forms[i] as string] as const])));
        };
  return keywordsOfClasses(table, display, o, null, source, clusters, passages, written);
}

/** Per cluster, which of its candidate columns sit in repeated passages (see `repeatedPassageTerms`). */
type PassageCheck = (candidates: readonly (readonly number[])[]) => RepeatedPassages;

/** How some phrase columns are written in the texts, for those mostly written otherwise than counted (see `writtenForms`). */
type WrittenCheck = (columns: readonly number[]) => Map<number, string>;

/** The clusters of the tokenized documents, checked: one per document, each below k (negative: none). */
function documentClusters(
  fn: string,
  labels: Int32Array | readonly number[],
  tokens: TokenDocuments | undefined,
  k: number,
): Int32Array {
  const clusters = integerLabels(fn, "labels", labels);
  if (tokens === undefined)
    throw new InvalidArgumentError(`${fn}: labels need the documents' tokens to read; got none`, "tokens");
  const documents = tokens.offsets.length - 1;
  if (clusters.length !== documents) {
    throw new InvalidArgumentError(
      `${fn}: labels must have one entry per document of tokens (${documents}); got ${clusters.length}`,
      "labels",
    );
  }
  const outside = clusters.findIndex((l) => l >= k);
  if (outside >= 0) {
    throw new InvalidArgumentError(
      `${fn}: labels must be below the table's ${k} clusters; got ${clusters[outside]} at index ${outside}`,
      "labels",
    );
  }
  return clusters;
}

/**
 * The word sequences that stand for a column in the documents: its own words, and for a
 * term shown with an abbreviation (`federated learning (FL)`), the other form too (the long
 * form as counted, stop words out, when the table has it).
 */
function termForms(table: ClassTermTable, display: readonly string[], t: number): string[][] {
  const term = table.vocabulary[t] as string;
  const forms = [term.split(" ")];
  const shown = display[t] as string;
  const both = shown === term ? null : shownForms(shown);
  if (both !== null) {
    const counted = table.countedLongForms?.get(t);
    for (const other of [counted?.join(" ") ?? both.long, both.short]) {
      const words = other.toLowerCase().split(" ").filter(Boolean);
      if (words.length > 0 && words.join(" ") !== term) forms.push(words);
    }
  }
  return forms;
}

/**
 * The keyword chain for every cluster: scorer → junk filter → candidate pool → phrase
 * absorption → co-occurrence with the topic's leading keywords (when the documents are
 * given) → MMR → label. Each link is a function below; the scorer can be the caller's.
 */
function keywordsOfClasses(
  table: ClassTermTable,
  display: readonly string[],
  o: ResolvedKeywordOptions,
  centroids: CsrMatrix | null,
  documents: TermDocumentSource | null,
  labels: Int32Array | null,
  passages: PassageCheck | null = null,
  written: WrittenCheck | null = null,
): ClusterKeywords[] {
  const { vocabulary, sizes } = table;
  const k = sizes.length;
  const weights = scoreTerms(table, o, centroids);
  const junk = junkTerms(table, o, written);
  const filler = fillerTerms(table);
  // Equal scores are ordered by term (code points), whatever the order of the columns.
  const byTerm = (a: number, b: number) => compareCodePoints(vocabulary[a] as string, vocabulary[b] as string);
  const perClass = new ClassValues(vocabulary.length);
  let pools: ScoredTerm[][] = [];
  // How many of its cluster's documents hold each candidate of its pool.
  const held: Map<number, number>[] = [];
  const poolSize = candidatePoolSize(o.topN, vocabulary.length);
  // Candidates inside copied passages leave before phrases absorb words: a signature's
  // phrase would otherwise take its words away with it. Twice the pool is read for them.
  let ranked: { t: number; score: number }[][] = [];
  // Occurrences and documents of each ranked candidate, read while its cluster is loaded.
  const counts: Map<number, { occurrences: number; documents: number }>[] = [];
  for (let c = 0; c < k; c++) {
    perClass.load(table, c);
    const list = candidatePool(
      weights,
      c,
      junk,
      perClass,
      sizes[c] as number,
      o,
      byTerm,
      passages ? 2 * poolSize : poolSize,
    );
    ranked.push(list);
    counts.push(
      new Map(list.map((x) => [x.t, { occurrences: perClass.count(x.t), documents: perClass.documentsWith(x.t) }])),
    );
    perClass.clear(table, c);
  }
  // Per cluster, the candidates inside its template (a passage in most of its documents).
  let templates: Set<number>[] | null = null;
  if (passages !== null) {
    // The second half is read only for clusters that lost candidates in the first.
    const first = passages(ranked.map((list) => list.slice(0, poolSize).map((x) => x.t)));
    const rest = ranked.map((list, c) => ((first.copied[c] as Set<number>).size > 0 ? list.slice(poolSize) : []));
    const second = rest.some((list) => list.length > 0) ? passages(rest.map((list) => list.map((x) => x.t))) : null;
    const copied = (c: number, t: number) =>
      (first.copied[c] as Set<number>).has(t) || (second?.copied[c]?.has(t) ?? false);
    ranked = ranked.map((list, c) => list.filter((x) => !copied(c, x.t)).slice(0, poolSize));
    // A footer marks its terms; a form (a template that makes much of the words) is the topic.
    templates = first.template.map((set, c) => {
      const share = (first.templateShare[c] as number) + (second?.templateShare[c] ?? 0);
      return share < FORM_SHARE ? new Set([...set, ...(second?.template[c] ?? [])]) : new Set<number>();
    });
  }
  for (let c = 0; c < k; c++) {
    const list = ranked[c] as { t: number; score: number }[];
    const of = counts[c] as Map<number, { occurrences: number; documents: number }>;
    const pool = o.preferPhrases
      ? absorbCoveredWords(list, vocabulary, (t) => of.get(t)?.occurrences ?? 0, o.coverage, byTerm)
      : list;
    held.push(new Map(pool.map((x) => [x.t, of.get(x.t)?.documents ?? 0])));
    pools.push(pool);
  }
  if (documents !== null && o.coherence > 0) {
    // A candidate leads only where it is in PRESENCE_SHARE of its cluster's documents (and two).
    pools = reweighByCoherence(
      pools.map((terms, c) => {
        const needed = Math.max(2, PRESENCE_SHARE * (sizes[c] as number));
        return { terms, common: (t: number) => ((held[c] as Map<number, number>).get(t) ?? 0) >= needed };
      }),
      documents,
      o.coherence,
      byTerm,
    );
  }
  // Past `exclusiveAfter`, the lists are made exclusive and filled from the rest of the MMR order.
  const exclusive = o.topN > o.exclusiveAfter;
  const lists: Candidate[][] = [];
  const further: Candidate[][] = [];
  for (let c = 0; c < k; c++) {
    const candidates = (pools[c] as ScoredTerm[]).map((x) => ({
      term: diversityTerm(vocabulary, display, x.t),
      score: x.score,
      id: x.t,
    }));
    const chosen = selectDiverse(candidates, exclusive ? candidates.length : o.topN, o.diversity);
    // Two spellings of one term ("time series", "time-series") keep the better.
    const seen = new Set<string>();
    const distinct = chosen.filter((x) => {
      const key = termKey(display[x.id] as string);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const listed = new Set(chosen.slice(0, o.topN));
    lists.push(distinct.filter((x) => listed.has(x)));
    further.push(distinct.filter((x) => !listed.has(x)));
  }
  const shown = exclusive ? exclusiveTails(lists, further, o.topN, o.exclusiveAfter) : lists;
  // Which of its documents hold each shown term, so that a label names a topic's parts.
  const holders =
    documents !== null && labels !== null
      ? clusterTermHolders(
          documents,
          labels,
          shown.map((list) => list.map((x) => x.id)),
          sizes,
        )
      : null;
  // Phrases shown as the texts write them ("bank of england" for `bank england`); a phrase
  // shown with its abbreviation already is.
  const phrases = new Set<number>();
  for (const list of shown)
    for (const x of list) if (display[x.id] === vocabulary[x.id] && x.term.includes(" ")) phrases.add(x.id);
  const writtenAs = written === null || phrases.size === 0 ? null : written([...phrases].sort((a, b) => a - b));
  const out: ClusterKeywords[] = [];
  for (let c = 0; c < k; c++) {
    const documentsWith = held[c] as Map<number, number>;
    const distinct = shown[c] as Candidate[];
    const holding = holders?.[c] ?? null;
    const keywords = distinct.map((x): Keyword => {
      const term = writtenAs?.get(x.id) ?? (display[x.id] as string);
      return term === x.term ? { term, score: x.score } : { term, score: x.score, counted: x.term };
    });
    const { label, name } = chooseLabel(
      distinct.map((x, i) => ({
        ...(keywords[i] as Keyword),
        filler: filler[x.id] === 1,
        template: templates?.[c]?.has(x.id) ?? false,
        documents: documentsWith.get(x.id) ?? 0,
        ...(holding === null ? {} : { holders: holding[i] as Int32Array }),
      })),
      o.labelTerms,
      sizes[c] as number,
    );
    out.push({ cluster: c, size: sizes[c] as number, label, name, keywords });
  }
  const names = distinctNames(out);
  return out.map((x, c) => (x.name === names[c] ? x : { ...x, name: names[c] as string }));
}

/**
 * The term MMR compares: a term shown with its abbreviation is compared by its short form,
 * a concept of its own ("large language models (LLMs)" does not repeat "language").
 */
function diversityTerm(vocabulary: readonly string[], display: readonly string[], t: number): string {
  const term = vocabulary[t] as string;
  const shown = display[t] as string;
  const short = shown === term ? undefined : shownForms(shown)?.short;
  return short === undefined || /\s/.test(short) ? term : short.toLowerCase();
}

/** The scorer: k x terms scores, higher is better. */
function scoreTerms(table: ClassTermTable, o: ResolvedKeywordOptions, centroids: CsrMatrix | null): CsrMatrix {
  if (centroids !== null) return centroids;
  if (typeof o.representation === "function") {
    const scores = o.representation(table);
    if (!isCsrMatrix(scores) || scores.rows !== table.sizes.length || scores.cols !== table.vocabulary.length) {
      throw new InvalidArgumentError(
        `clusterKeywords: options.representation must return a ${table.sizes.length} x ${table.vocabulary.length} CSR matrix of scores; got ${describeValue(scores)}`,
        "options.representation",
      );
    }
    return scores;
  }
  return classTfidfScorer({ reduceFrequentWords: o.reduce, bm25Weighting: o.bm25, repetition: o.repetition })(table);
}

/**
 * The default scorer with the given c-TF-IDF settings (defaults as `clusterKeywords`'):
 * c-TF-IDF over the counts with repetitions inside a document damped. `idfWeight`, when
 * given, multiplies each term's idf (guided topics raise their seed words' 1.2-fold).
 */
export function classTfidfScorer(
  options: Pick<ClusterKeywordsOptions, "reduceFrequentWords" | "bm25Weighting" | "repetition">,
  idfWeight?: (term: string) => number,
): KeywordScorer {
  const reduceFrequentWords = options.reduceFrequentWords ?? CLUSTER_KEYWORDS_DEFAULTS.reduceFrequentWords;
  const bm25Weighting = options.bm25Weighting ?? CLUSTER_KEYWORDS_DEFAULTS.bm25Weighting;
  const repetition = options.repetition ?? CLUSTER_KEYWORDS_DEFAULTS.repetition;
  return (table) => {
    const counts = repetitionDampedCounts(table.termCounts, table.documentCounts, repetition);
    const { matrix, idf } = classTfidf(counts, { reduceFrequentWords, bm25Weighting });
    if (idfWeight === undefined) return matrix;
    const weighted = Float64Array.from(idf, (v, t) => v * idfWeight(table.vocabulary[t] as string));
    return weighByIdf(counts, weighted, reduceFrequentWords);
  };
}

/**
 * The junk filter: stop words, numbers, single letters, math debris, discourse words (but not
 * a name they lead, "new york": `fixedExpressions`), the corpus' markup
 * words (`table.markupWords`), and terms common in
 * almost every cluster, which say nothing about any one of them. "Common" means in at least
 * PRESENCE_SHARE of a cluster's documents, so a word that merely occurs once somewhere in
 * every large cluster is not thrown away.
 */
function junkTerms(table: ClassTermTable, o: ResolvedKeywordOptions, written: WrittenCheck | null): Uint8Array {
  const { vocabulary, sizes, documentCounts: docs } = table;
  const k = sizes.length;
  const cols = vocabulary.length;
  const clustersWithTerm = new Int32Array(cols);
  for (let c = 0; c < k; c++) {
    const needed = Math.max(1, PRESENCE_SHARE * (sizes[c] as number));
    for (let p = docs.indptr[c] as number; p < (docs.indptr[c + 1] as number); p++) {
      if ((docs.data[p] as number) >= needed) {
        const t = docs.indices[p] as number;
        clustersWithTerm[t] = (clustersWithTerm[t] as number) + 1;
      }
    }
  }
  const junk = new Uint8Array(cols);
  const markup = table.markupWords;
  const fixed = fixedExpressions(table, written);
  for (let t = 0; t < cols; t++) {
    const term = vocabulary[t] as string;
    if (
      isJunkTerm(term, o.extraStop, fixed[t] === 1) ||
      (k >= 4 && (clustersWithTerm[t] as number) > o.maxShare * k) ||
      (markup !== undefined && term.split(" ").some((w) => markup.has(w)))
    )
      junk[t] = 1;
  }
  return junk;
}

/** One cluster's counts by term, filled from its entries and cleared after it. */
class ClassValues {
  private readonly occurrences: Float64Array;
  private readonly documents: Float64Array;

  constructor(cols: number) {
    this.occurrences = new Float64Array(cols);
    this.documents = new Float64Array(cols);
  }

  count(t: number): number {
    return this.occurrences[t] as number;
  }

  documentsWith(t: number): number {
    return this.documents[t] as number;
  }

  load(table: ClassTermTable, c: number): void {
    this.fill(table, c, false);
  }

  clear(table: ClassTermTable, c: number): void {
    this.fill(table, c, true);
  }

  private fill(table: ClassTermTable, c: number, clear: boolean): void {
    const { termCounts: tc, documentCounts: dc } = table;
    for (let p = tc.indptr[c] as number; p < (tc.indptr[c + 1] as number); p++)
      this.occurrences[tc.indices[p] as number] = clear ? 0 : (tc.data[p] as number);
    for (let p = dc.indptr[c] as number; p < (dc.indptr[c + 1] as number); p++)
      this.documents[dc.indices[p] as number] = clear ? 0 : (dc.data[p] as number);
  }
}

/** Candidates a cluster's keywords are chosen from. */
function candidatePoolSize(topN: number, terms: number): number {
  // No pool holds more than every term (a topN of 10^9 lists them all).
  return Math.min(Math.max(4 * topN, 40), terms);
}

/**
 * The candidate pool of cluster c: its best-scored terms that are not junk and occur in
 * enough of its documents (so one verbose document cannot name a topic).
 */
function candidatePool(
  weights: CsrMatrix,
  c: number,
  junk: Uint8Array,
  perClass: ClassValues,
  size: number,
  o: ResolvedKeywordOptions,
  byTerm: (a: number, b: number) => number,
  poolSize: number,
): { t: number; score: number }[] {
  const needed = Math.min(o.minDocuments, Math.max(1, Math.floor(size / 2)));
  const pool = new TopScores(poolSize, byTerm);
  for (let p = weights.indptr[c] as number; p < (weights.indptr[c + 1] as number); p++) {
    const t = weights.indices[p] as number;
    const score = weights.data[p] as number;
    if (junk[t] === 0 && score > 0 && perClass.documentsWith(t) >= needed) pool.offer(t, score);
  }
  return pool.ranked();
}

/**
 * The `size` best (term, score) pairs offered, by score then `order` of the terms: what
 * sorting every offer and keeping the first `size` gives, in O(offers + size · improvements).
 */
class TopScores {
  private readonly terms: Int32Array;
  private readonly scores: Float64Array;
  private count = 0;

  constructor(
    private readonly size: number,
    private readonly order: (a: number, b: number) => number,
  ) {
    this.terms = new Int32Array(size);
    this.scores = new Float64Array(size);
  }

  offer(t: number, score: number): void {
    const { terms, scores, size } = this;
    if (this.count === size) {
      const lastScore = scores[size - 1] as number;
      if (score < lastScore || (score === lastScore && this.order(t, terms[size - 1] as number) > 0)) return;
    } else this.count++;
    let i = this.count - 1;
    while (
      i > 0 &&
      ((scores[i - 1] as number) < score ||
        ((scores[i - 1] as number) === score && this.order(terms[i - 1] as number, t) > 0))
    ) {
      scores[i] = scores[i - 1] as number;
      terms[i] = terms[i - 1] as number;
      i--;
    }
    scores[i] = score;
    terms[i] = t;
  }

  ranked(): { t: number; score: number }[] {
    return Array.from({ length: this.count }, (_, i) => ({
      t: this.terms[i] as number,
      score: this.scores[i] as number,
    }));
  }
}

/**
 * Checks keyword options where they are given, before any work: `clusterTopics` passes its
 * `options.keywords` (with the phrases' own keys) so that a bad value is named as the user wrote it.
 */
export function checkKeywordOptions(
  fn: string,
  options: ClusterKeywordsOptions,
  name: string,
  otherKeys: readonly string[] = [],
): void {
  resolveKeywordOptions(fn, options, name, otherKeys);
}

/** Every keyword option validated, with its default applied. */
interface ResolvedKeywordOptions {
  readonly topN: number;
  readonly representation: "c-tf-idf" | "centroid" | KeywordScorer;
  readonly diversity: number;
  readonly coherence: number;
  readonly coverage: number;
  readonly maxShare: number;
  readonly minDocuments: number;
  readonly labelTerms: number;
  readonly exclusiveAfter: number;
  readonly preferPhrases: boolean;
  readonly reduce: boolean;
  readonly bm25: boolean;
  readonly repetition: number;
  readonly extraStop: ReadonlySet<string>;
  readonly dropRepeatedPassages: boolean;
  readonly writtenPhrases: boolean;
}

function resolveKeywordOptions(
  fn: string,
  options: ClusterKeywordsOptions,
  name = "options",
  otherKeys: readonly string[] = [],
): ResolvedKeywordOptions {
  const o = checkOptions(fn, options, [...OPTION_NAMES, ...otherKeys], name);
  const topN = checkInteger(fn, `${name}.topN`, o.topN ?? CLUSTER_KEYWORDS_DEFAULTS.topN, 1);
  const representation =
    typeof o.representation === "function"
      ? o.representation
      : checkOneOf(fn, `${name}.representation`, o.representation ?? CLUSTER_KEYWORDS_DEFAULTS.representation, [
          "c-tf-idf",
          "centroid",
        ]);
  const diversity = checkNumber(fn, `${name}.diversity`, o.diversity ?? CLUSTER_KEYWORDS_DEFAULTS.diversity, {
    min: 0,
    max: 1,
  });
  const coherence = checkNumber(fn, `${name}.coherence`, o.coherence ?? CLUSTER_KEYWORDS_DEFAULTS.coherence, {
    min: 0,
    max: 1,
  });
  const coverage = checkNumber(
    fn,
    `${name}.phraseCoverage`,
    o.phraseCoverage ?? CLUSTER_KEYWORDS_DEFAULTS.phraseCoverage,
    { min: 0, max: 1, minExclusive: true },
  );
  const maxShare = checkNumber(
    fn,
    `${name}.maxClusterShare`,
    o.maxClusterShare ?? CLUSTER_KEYWORDS_DEFAULTS.maxClusterShare,
    { min: 0, max: 1, minExclusive: true },
  );
  const minDocuments = checkInteger(
    fn,
    `${name}.minDocuments`,
    o.minDocuments ?? CLUSTER_KEYWORDS_DEFAULTS.minDocuments,
    1,
  );
  const labelTerms = checkInteger(fn, `${name}.labelTerms`, o.labelTerms ?? CLUSTER_KEYWORDS_DEFAULTS.labelTerms, 1);
  const exclusiveAfter = o.exclusiveAfter ?? CLUSTER_KEYWORDS_DEFAULTS.exclusiveAfter;
  if (exclusiveAfter !== Infinity)
    checkInteger(fn, `${name}.exclusiveAfter`, exclusiveAfter, 0, Infinity, "or Infinity");
  const preferPhrases = checkBoolean(
    fn,
    `${name}.preferPhrases`,
    o.preferPhrases ?? CLUSTER_KEYWORDS_DEFAULTS.preferPhrases,
  );
  const reduce = checkBoolean(
    fn,
    `${name}.reduceFrequentWords`,
    o.reduceFrequentWords ?? CLUSTER_KEYWORDS_DEFAULTS.reduceFrequentWords,
  );
  const bm25 = checkBoolean(fn, `${name}.bm25Weighting`, o.bm25Weighting ?? CLUSTER_KEYWORDS_DEFAULTS.bm25Weighting);
  const repetition = checkNumber(fn, `${name}.repetition`, o.repetition ?? CLUSTER_KEYWORDS_DEFAULTS.repetition, {
    min: 0,
    max: 1,
  });
  const dropRepeatedPassages = checkBoolean(
    fn,
    `${name}.dropRepeatedPassages`,
    o.dropRepeatedPassages ?? CLUSTER_KEYWORDS_DEFAULTS.dropRepeatedPassages,
  );
  const writtenPhrases = checkBoolean(
    fn,
    `${name}.writtenPhrases`,
    o.writtenPhrases ?? CLUSTER_KEYWORDS_DEFAULTS.writtenPhrases,
  );

  const extraStop = resolveStopWords(o.stopWords ?? "en", fn, [], `${name}.stopWords`).words;
  return {
    topN,
    representation,
    diversity,
    coherence,
    coverage,
    maxShare,
    minDocuments,
    labelTerms,
    exclusiveAfter,
    preferPhrases,
    reduce,
    bm25,
    repetition,
    extraStop,
    dropRepeatedPassages,
    writtenPhrases,
  };
}

/**
 * A phrase takes the place of each word (or shorter phrase) inside it when it covers
 * enough of that word's occurrences in the cluster; it inherits the higher score.
 */
function absorbCoveredWords(
  pool: { t: number; score: number }[],
  vocabulary: readonly string[],
  countOf: (t: number) => number,
  coverage: number,
  tieBreak: (a: number, b: number) => number,
): { t: number; score: number }[] {
  const byTerm = new Map<string, { t: number; score: number; gone: boolean }>();
  const items = pool.map((x) => ({ ...x, gone: false }));
  for (const x of items) byTerm.set(vocabulary[x.t] as string, x);
  // Longer phrases first, so "stochastic gradient descent" can absorb "gradient descent".
  const order = items
    .slice()
    .sort((a, b) => wordsIn(vocabulary[b.t] as string) - wordsIn(vocabulary[a.t] as string) || b.score - a.score);
  for (const phrase of order) {
    if (phrase.gone) continue;
    const words = (vocabulary[phrase.t] as string).split(" ");
    if (words.length < 2) continue;
    const phraseCount = countOf(phrase.t);
    for (let n = words.length - 1; n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const part = byTerm.get(words.slice(i, i + n).join(" "));
        if (part === undefined || part.gone || part === phrase) continue;
        if (phraseCount >= coverage * countOf(part.t)) {
          part.gone = true;
          phrase.score = Math.max(phrase.score, part.score);
        }
      }
    }
  }
  return items.filter((x) => !x.gone).sort((a, b) => b.score - a.score || tieBreak(a.t, b.t));
}

function wordsIn(term: string): number {
  let n = 1;
  for (let i = 0; i < term.length; i++) if (term.charCodeAt(i) === 32) n++;
  return n;
}

/** Mean TF-IDF row of each cluster (the centroid), as sparse k x terms. */
function centroidWeights(tfidf: CsrMatrix, labels: Int32Array, k: number): CsrMatrix {
  const sums = classTermCounts(tfidf, labels, k);
  const sizes = new Float64Array(k);
  for (const l of labels) if (l >= 0) sizes[l] = (sizes[l] as number) + 1;
  const data = new Float64Array(sums.data.length);
  for (let c = 0; c < k; c++) {
    for (let p = sums.indptr[c] as number; p < (sums.indptr[c + 1] as number); p++) {
      data[p] = (sums.data[p] as number) / Math.max(1, sizes[c] as number);
    }
  }
  return { ...sums, data };
}
