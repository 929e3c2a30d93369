import { type KMeansMetric, type KMeansResult, kmeans } from "../cluster/kmeans.js";
import type { ParallelAssigner } from "../cluster/parallel.js";
import type { CsrMatrix } from "../core/csr.js";
import { type DenseMatrix, denseNormalizeRows } from "../core/dense.js";
import { EmptyInputError } from "../core/errors.js";
import { rowDot } from "../core/points.js";
import { checkFunction, checkInteger, checkOneOf, checkOptions } from "../core/validate.js";
import { adjustedRandIndex } from "../evaluate/external.js";
import { silhouetteScore } from "../evaluate/internal.js";
import { defaultKRange, type SweepKResult, sweepK } from "../evaluate/sweepK.js";
import { type ClusterKeywordsOptions, clusterKeywords, type Keyword } from "../keywords/clusterKeywords.js";
import { npmiCoherence, topicDiversity } from "../keywords/coherence.js";
import { truncatedSvd } from "../reduce/truncatedSvd.js";
import { toCSV } from "../report/csv.js";
import { type HtmlOptions, toHTML } from "../report/html.js";
import { toJSONReport } from "../report/json.js";
import { JUPYTER_DISPLAY } from "../report/jupyter.js";
import { toMarkdown } from "../report/markdown.js";
import { toText } from "../report/summarize.js";
import { createTokenizer } from "../text/tokenize.js";
import type { TfidfOptions } from "../vectorize/options.js";
import { fitTransformTfidf, type TfidfFit } from "../vectorize/tfidf.js";
import { type DocumentInput, normalizeDocuments } from "./documents.js";
import { createTopicModel, type TopicModel } from "./topicModel.js";

/** Progress of a long run, for bars and notebooks. */
export interface TopicsProgress {
  readonly phase: "vectorize" | "reduce" | "choose-k" | "cluster" | "keywords" | "quality";
  /** Steps done in this phase and their total, when known. */
  readonly done: number;
  readonly total: number;
}

export interface ClusterTopicsOptions {
  /** Number of topics, or `"auto"` to pick it with {@link sweepK}. @defaultValue "auto" */
  readonly k?: number | "auto";
  /** k range searched by `"auto"`. @defaultValue [2, min(20, ⌊√n⌋ + 2)] */
  readonly kRange?: readonly [number, number];
  /** Seed of every random choice. @defaultValue 0 */
  readonly seed?: number;
  /** k-means metric. @defaultValue "cosine" (spherical k-means, best measured on text) */
  readonly metric?: KMeansMetric;
  /**
   * LSA dimensions before clustering, `"none"`, or `"auto"`: 100 dimensions from
   * {@link LSA_MIN_DOCUMENTS} documents on, none below (measured; see README).
   * @defaultValue "auto"
   */
  readonly reduce?: number | "none" | "auto";
  /** k-means restarts. @defaultValue 10 */
  readonly nInit?: number;
  /** Options of the clustering vectorizer, over the defaults in {@link CLUSTER_TOPICS_VECTORIZER}. */
  readonly vectorizer?: TfidfOptions;
  /** Keyword options, plus the phrase vectorizer's `ngramRange` and `minDf`. */
  readonly keywords?: ClusterKeywordsOptions & {
    readonly ngramRange?: readonly [number, number];
    readonly minDf?: number;
  };
  /** Representative documents listed per topic. @defaultValue 3 */
  readonly representatives?: number;
  /** Seeds used to measure stability when k is given (1 skips it). @defaultValue 3 */
  readonly stabilitySeeds?: number;
  readonly onProgress?: (progress: TopicsProgress) => void;
  /** Threads for k-means (`createWorkerPool()` from `topiclens/node`); results are identical without. */
  readonly parallel?: ParallelAssigner;
}

/**
 * The clustering vectorizer's defaults, chosen by measurement (bench/quality.mjs):
 * unigrams with sublinear tf, in at least 2 documents and at most half of them.
 */
export const CLUSTER_TOPICS_VECTORIZER: TfidfOptions = Object.freeze({
  ngramRange: [1, 1] as const,
  minDf: 2,
  maxDf: 0.5,
  sublinearTf: true,
});

/** From this many documents on, `reduce: "auto"` clusters in a 100-dimensional LSA space. */
export const LSA_MIN_DOCUMENTS = 500;

export const CLUSTER_TOPICS_DEFAULTS = Object.freeze({
  k: "auto" as const,
  seed: 0,
  metric: "cosine" as KMeansMetric,
  reduce: "auto" as const,
  nInit: 10,
  representatives: 3,
  stabilitySeeds: 3,
});

/** A document standing for its topic. */
export interface Representative {
  readonly index: number;
  readonly id: string | undefined;
  readonly title: string | undefined;
  /** The start of the text. */
  readonly excerpt: string;
}

/** One theme found in the corpus. */
export interface Topic {
  /** 0 is the largest topic. */
  readonly id: number;
  readonly label: string;
  readonly keywords: readonly Keyword[];
  readonly size: number;
  /** Indices of the documents, closest to the topic centre first. */
  readonly documents: readonly number[];
  readonly representatives: readonly Representative[];
}

/** How good the clustering is, in numbers. */
export interface TopicsQuality {
  /** Mean silhouette in the clustering space (sampled above 2,000 documents); null for k = 1. */
  readonly silhouette: number | null;
  /** Mean adjusted Rand index between seeds' clusterings; null when not measured. */
  readonly stability: number | null;
  /** NPMI coherence of the top-10 keywords over the corpus (gensim's c_npmi). */
  readonly coherence: number;
  /** Share of unique terms among the topics' top-10 keywords. */
  readonly diversity: number;
}

/** The parameters actually used. */
export interface TopicsParameters {
  readonly k: number;
  readonly kChosenBy: "user" | "sweep" | "corpus size";
  readonly seed: number;
  readonly metric: KMeansMetric;
  readonly reduce: number | "none";
  readonly nInit: number;
  readonly vocabularySize: number;
  readonly documents: number;
}

export interface TopicsResult {
  readonly topics: readonly Topic[];
  /** Topic id of every document. */
  readonly assignments: Int32Array;
  readonly quality: TopicsQuality;
  readonly parameters: TopicsParameters;
  /** The k sweep behind `k: "auto"`, else null. */
  readonly sweep: SweepKResult | null;
  readonly model: TopicModel;
  readonly warnings: readonly string[];
  /** The documents' titles (or undefined), as given. */
  readonly titles: readonly (string | undefined)[];
  readonly ids: readonly (string | undefined)[];
  /** 2-D coordinates of every document (PCA of the LSA space, or the first two SVD components of TF-IDF), computed on first use. */
  projection(): DenseMatrix;
  /** A Markdown report. */
  toMarkdown(options?: { titles?: number }): string;
  /** Plain JSON data: topics, assignments, quality, parameters (what `JSON.stringify(result)` writes). */
  toJSON(): Record<string, unknown>;
  /** One CSV row per document: document, id, title, topic, label. */
  toCSV(): string;
  /** A self-contained HTML page (or fragment) with keyword bars and an SVG scatter. */
  toHTML(options?: HtmlOptions): string;
  /** A plain-text summary. */
  toString(): string;
  /** Rich display in Jupyter notebooks (Deno kernel): HTML and plain text. */
  [JUPYTER_DISPLAY](): Record<string, string>;
}

const OPTION_NAMES = [
  "k",
  "kRange",
  "seed",
  "metric",
  "reduce",
  "nInit",
  "vectorizer",
  "keywords",
  "representatives",
  "stabilitySeeds",
  "onProgress",
  "parallel",
] as const;

/**
 * From texts to named themes in one call: TF-IDF, optional LSA, k-means (k chosen by
 * a stability-aware sweep when `"auto"`), class-based TF-IDF keywords with phrases, and
 * quality figures. Deterministic for a given seed.
 * O(tokens + |kRange|·seeds·nInit·iterations·nnz·k).
 * @example const { topics } = clusterTopics(abstracts); topics[0].label // "federated learning · clients · communication"
 * @throws EmptyInputError when there are no documents or no terms at all.
 * @throws InvalidArgumentError for invalid documents or options.
 */
export function clusterTopics(docs: readonly DocumentInput[], options: ClusterTopicsOptions = {}): TopicsResult {
  const fn = "clusterTopics";
  const o = checkOptions(fn, options, OPTION_NAMES);
  const { texts, titles, ids } = normalizeDocuments(fn, docs);
  const n = texts.length;
  const seed = checkInteger(fn, "options.seed", o.seed ?? CLUSTER_TOPICS_DEFAULTS.seed, 0, Number.MAX_SAFE_INTEGER);
  const metric = checkOneOf(fn, "options.metric", o.metric ?? CLUSTER_TOPICS_DEFAULTS.metric, ["euclidean", "cosine"]);
  const nInit = checkInteger(fn, "options.nInit", o.nInit ?? CLUSTER_TOPICS_DEFAULTS.nInit, 1);
  const nRepresentatives = checkInteger(
    fn,
    "options.representatives",
    o.representatives ?? CLUSTER_TOPICS_DEFAULTS.representatives,
    0,
  );
  const stabilitySeeds = checkInteger(
    fn,
    "options.stabilitySeeds",
    o.stabilitySeeds ?? CLUSTER_TOPICS_DEFAULTS.stabilitySeeds,
    1,
  );
  const reduceGiven = o.reduce ?? CLUSTER_TOPICS_DEFAULTS.reduce;
  if (reduceGiven !== "none" && reduceGiven !== "auto") checkInteger(fn, "options.reduce", reduceGiven, 2);
  const reduceOption: number | "none" = reduceGiven === "auto" ? (n >= LSA_MIN_DOCUMENTS ? 100 : "none") : reduceGiven;
  const kOption = o.k ?? CLUSTER_TOPICS_DEFAULTS.k;
  if (kOption !== "auto") checkInteger(fn, "options.k", kOption, 1, n, "number of documents");
  const onProgress =
    o.onProgress === undefined
      ? undefined
      : checkFunction<(p: TopicsProgress) => void>(fn, "options.onProgress", o.onProgress);
  const progress = (phase: TopicsProgress["phase"], done: number, total: number) =>
    onProgress?.({ phase, done, total });
  const warnings: string[] = [];

  progress("vectorize", 0, 1);
  const vectorizerOptions: TfidfOptions = {
    ...CLUSTER_TOPICS_VECTORIZER,
    ...(n < 10 ? { minDf: 1, maxDf: 1 } : {}),
    ...o.vectorizer,
  };
  const fit = fitWithFallback(fn, texts, vectorizerOptions, warnings);
  const emptyRows = countEmptyRows(fit.matrix);
  if (emptyRows === n)
    throw new EmptyInputError(
      `${fn}: no document has any term left after vectorizing; check the language and stop words`,
      "docs",
    );
  if (emptyRows > 0)
    warnings.push(
      `${emptyRows} document(s) have no terms in the vocabulary and were placed in the nearest topic arbitrarily`,
    );
  progress("vectorize", 1, 1);

  let X: CsrMatrix | DenseMatrix = fit.matrix;
  let components: DenseMatrix | null = null;
  let reduce: number | "none" = "none";
  if (reduceOption !== "none") {
    const dims = Math.min(reduceOption, Math.min(n, fit.matrix.cols) - 1);
    if (dims >= 2) {
      progress("reduce", 0, 1);
      const svd = truncatedSvd(fit.matrix, dims, { seed });
      X = denseNormalizeRows(svd.embedding);
      components = svd.components;
      reduce = dims;
      progress("reduce", 1, 1);
    } else warnings.push(`reduce ignored: the corpus is too small for ${reduceOption} dimensions`);
  }

  let k: number;
  let kChosenBy: TopicsParameters["kChosenBy"];
  let sweep: SweepKResult | null = null;
  if (kOption !== "auto") {
    k = kOption;
    kChosenBy = "user";
  } else if (n < 4) {
    k = 1;
    kChosenBy = "corpus size";
    warnings.push(`k = 1: ${n} document(s) are too few to compare values of k`);
  } else {
    const kRange = o.kRange ?? defaultKRange(n);
    sweep = sweepK(X, {
      kRange,
      seeds: [seed, seed + 1, seed + 2],
      metric,
      nInit: Math.max(1, Math.ceil(nInit / 3)),
      ...(o.parallel ? { parallel: o.parallel } : {}),
      onProgress: (done, total) => progress("choose-k", done, total),
    });
    k = sweep.recommendedK;
    kChosenBy = "sweep";
  }

  progress("cluster", 0, 1);
  const parallel = o.parallel ? { parallel: o.parallel } : {};
  const clustering = kmeans(X, k, { metric, nInit, seed, ...parallel });
  warnings.push(...clustering.warnings);
  let stability: number | null = null;
  if (sweep !== null) stability = sweep.rows.find((r) => r.k === k)?.stability ?? null;
  else if (stabilitySeeds > 1 && k > 1)
    stability = measureStability(X, k, metric, nInit, seed, stabilitySeeds, clustering, o.parallel);
  progress("cluster", 1, 1);

  progress("keywords", 0, 1);
  const keywordOptions = o.keywords ?? {};
  const { ngramRange: kwNgrams, minDf: kwMinDf, ...kwRest } = keywordOptions;
  const phraseFit = fitWithFallback(
    fn,
    texts,
    {
      ngramRange: kwNgrams ?? [1, 3],
      minDf: kwMinDf ?? (n >= 20 ? 2 : 1),
      stopWords: o.vectorizer?.stopWords ?? "en",
      extraStopWords: o.vectorizer?.extraStopWords ?? [],
    },
    warnings,
  );
  const perCluster = clusterKeywords(
    {
      counts: phraseFit.counts,
      labels: clustering.labels,
      vocabulary: phraseFit.model.vocabulary,
      displayTerms: phraseFit.model.displayTerms,
      k,
    },
    { stopWords: o.vectorizer?.stopWords ?? "en", ...kwRest },
  );
  progress("keywords", 1, 1);

  // Topics are numbered by decreasing size, ties by cluster index.
  const order = perCluster
    .map((c) => c.cluster)
    .sort((a, b) => (perCluster[b]?.size ?? 0) - (perCluster[a]?.size ?? 0) || a - b);
  const topicOfCluster = new Int32Array(k);
  order.forEach((cluster, topic) => {
    topicOfCluster[cluster] = topic;
  });
  const assignments = clustering.labels.map((c) => topicOfCluster[c] as number);
  const closeness = closenessToCentre(X, clustering);
  const topics: Topic[] = order.map((cluster, topic) => {
    const members: number[] = [];
    for (let i = 0; i < n; i++) if (clustering.labels[i] === cluster) members.push(i);
    members.sort((a, b) => (closeness[b] as number) - (closeness[a] as number) || a - b);
    const kw = perCluster[cluster] as (typeof perCluster)[number];
    return {
      id: topic,
      label: kw.label || (members.length === 0 ? "(empty)" : "(no distinctive terms)"),
      keywords: kw.keywords,
      size: members.length,
      documents: members,
      representatives: members.slice(0, nRepresentatives).map((i) => ({
        index: i,
        id: ids[i],
        title: titles[i],
        excerpt: excerpt(texts[i] as string),
      })),
    };
  });

  progress("quality", 0, 1);
  const silhouette =
    k >= 2 && k <= n - 1 && new Set(clustering.labels).size >= 2
      ? silhouetteScore(X, clustering.labels, { metric, sampleSize: Math.min(n, 2000), seed })
      : null;
  const tokenizer = createTokenizer({});
  const stop = new Set(phraseFit.model.stopWords);
  const tokenTexts = texts.map((t) => tokenizer(t).filter((w) => !stop.has(w)));
  const topTerms = topics.filter((t) => t.keywords.length > 0).map((t) => t.keywords.slice(0, 10).map((x) => x.term));
  const quality: TopicsQuality = {
    silhouette,
    stability,
    coherence: npmiCoherence(topTerms, tokenTexts),
    diversity: topicDiversity(topTerms, 10),
  };
  progress("quality", 1, 1);

  const model = createTopicModel(
    fit.model,
    components,
    clustering,
    topicOfCluster,
    topics.map((t) => ({ id: t.id, label: t.label, keywords: t.keywords })),
  );
  let projection: DenseMatrix | null = null;
  const result: TopicsResult = {
    topics,
    assignments,
    quality,
    parameters: {
      k,
      kChosenBy,
      seed,
      metric,
      reduce,
      nInit,
      vocabularySize: fit.model.vocabulary.length,
      documents: n,
    },
    sweep,
    model,
    warnings,
    titles,
    ids,
    projection() {
      if (projection === null) projection = projectTo2d(X, seed);
      return projection;
    },
    toMarkdown: (opts) => toMarkdown(result, opts),
    toJSON: () => toJSONReport(result),
    toCSV: () => toCSV(result),
    toHTML: (opts) => toHTML(result, opts),
    toString: () => toText(result),
    [JUPYTER_DISPLAY]: () => ({ "text/html": toHTML(result, { fragment: true }), "text/plain": toText(result) }),
  };
  return result;
}

function fitWithFallback(fn: string, texts: string[], options: TfidfOptions, warnings: string[]): TfidfFit {
  try {
    return fitTransformTfidf(texts, options);
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
      return fitTransformTfidf(texts, { ...options, minDf: 1, maxDf: 1 });
    }
    throw error;
  }
}

function countEmptyRows(m: CsrMatrix): number {
  let empty = 0;
  for (let r = 0; r < m.rows; r++) if (m.indptr[r] === m.indptr[r + 1]) empty++;
  return empty;
}

function measureStability(
  X: CsrMatrix | DenseMatrix,
  k: number,
  metric: KMeansMetric,
  nInit: number,
  seed: number,
  seeds: number,
  first: KMeansResult,
  parallel: ParallelAssigner | undefined,
): number {
  const runs = [first.labels];
  for (let s = 1; s < seeds; s++) {
    const options = {
      metric,
      nInit: Math.max(1, Math.ceil(nInit / 3)),
      seed: seed + s,
      ...(parallel ? { parallel } : {}),
    };
    runs.push(kmeans(X, k, options).labels);
  }
  let total = 0;
  let pairs = 0;
  for (let a = 0; a < runs.length; a++) {
    for (let b = a + 1; b < runs.length; b++) {
      total += adjustedRandIndex(runs[a] as Int32Array, runs[b] as Int32Array);
      pairs++;
    }
  }
  return total / pairs;
}

/** Similarity of each document to its cluster centre (dot product with the centroid; higher is closer). */
function closenessToCentre(X: CsrMatrix | DenseMatrix, result: KMeansResult): Float64Array {
  const centroids = Float64Array.from(result.centroids.data);
  const d = result.centroids.cols;
  const out = new Float64Array(result.labels.length);
  const p =
    "indptr" in X
      ? { kind: "sparse" as const, rows: X.rows, cols: X.cols, indptr: X.indptr, indices: X.indices, data: X.data }
      : { kind: "dense" as const, rows: X.rows, cols: X.cols, data: X.data };
  for (let i = 0; i < out.length; i++) out[i] = rowDot(p, i, centroids, (result.labels[i] as number) * d);
  return out;
}

/**
 * 2-D coordinates for plots: PCA (centred SVD) for dense vectors such as LSA or
 * embeddings, the first two SVD components for sparse TF-IDF (centring would densify it).
 */
function projectTo2d(X: CsrMatrix | DenseMatrix, seed: number): DenseMatrix {
  const minSide = Math.min(X.rows, X.cols);
  if (minSide >= 3) {
    if ("indptr" in X) return truncatedSvd(X, 2, { seed }).embedding;
    const d = X.cols;
    const mean = new Float64Array(d);
    for (let i = 0; i < X.rows; i++)
      for (let f = 0; f < d; f++) mean[f] = (mean[f] as number) + (X.data[i * d + f] as number) / X.rows;
    const centred = new Float64Array(X.rows * d);
    for (let i = 0; i < X.rows; i++)
      for (let f = 0; f < d; f++) centred[i * d + f] = (X.data[i * d + f] as number) - (mean[f] as number);
    return truncatedSvd({ rows: X.rows, cols: d, data: centred }, 2, { seed }).embedding;
  }
  // Too small for an SVD: place documents on a line.
  const data = new Float64Array(X.rows * 2);
  for (let i = 0; i < X.rows; i++) data[i * 2] = i;
  return { rows: X.rows, cols: 2, data };
}

function excerpt(text: string, length = 200): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length <= length ? clean : `${clean.slice(0, length - 1).replace(/\s\S*$/, "")}…`;
}
