import type { KMeansMetric } from "../cluster/kmeans.js";
import type { ParallelAssigner } from "../cluster/parallel.js";
import type { DenseMatrix } from "../core/dense.js";
import { rowDot } from "../core/points.js";
import { checkFunction, checkInteger, checkOneOf, checkOptions } from "../core/validate.js";
import { defaultKRange, type SweepKResult } from "../evaluate/sweepK.js";
import { CLASS_PHRASE_DEFAULTS } from "../keywords/classPhraseCounts.js";
import type { ClusterKeywordsOptions } from "../keywords/clusterKeywords.js";
import { toCSV } from "../report/csv.js";
import { toHTML } from "../report/html.js";
import { toJSONReport } from "../report/json.js";
import { JUPYTER_DISPLAY } from "../report/jupyter.js";
import { toMarkdown } from "../report/markdown.js";
import { toText } from "../report/summarize.js";
import type { TfidfOptions } from "../vectorize/options.js";
import type { TfidfModel } from "../vectorize/tfidf.js";
import type { TokenDocuments } from "../vectorize/vocabulary.js";
import { type DocumentInput, normalizeDocuments } from "./documents.js";
import { chooseKStage } from "./stages/chooseK.js";
import { type ClusterFit, type ClusterPoints, clusterWithStability, kmeansClusterer } from "./stages/cluster.js";
import { projectTo2d } from "./stages/project.js";
import { type Reduced, reduceStage } from "./stages/reduce.js";
import { representStage } from "./stages/represent.js";
import { documentSample } from "./stages/sample.js";
import { scoreStage } from "./stages/score.js";
import { vectorizeStage } from "./stages/vectorize.js";
import { createTopicModel } from "./topicModel.js";
import type { ClusteringPath, Topic, TopicsParameters, TopicsProgress, TopicsResult } from "./types.js";

export type {
  ClusteringPath,
  Representative,
  Topic,
  TopicsMeasuredOn,
  TopicsParameters,
  TopicsPhase,
  TopicsProgress,
  TopicsQuality,
  TopicsResult,
} from "./types.js";

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
  /**
   * Above this many documents, the steps whose cost would grow with the corpus run on a
   * seeded sample of this size: the LSA components, the k-means restarts (the best then
   * starts one run on all rows), stability and the k sweep. Every document is still
   * clustered, named and scored (keywords and coherence count every document).
   * @defaultValue 20000
   */
  readonly sampleSize?: number;
  /**
   * `"full-batch"` k-means (every step on all rows), `"mini-batch"` (scikit-learn's
   * MiniBatchKMeans steps), or `"auto"`: mini-batch from `miniBatchFrom` documents on.
   * @defaultValue "auto"
   */
  readonly path?: ClusteringPath | "auto";
  /** Where `path: "auto"` switches to mini-batches. @defaultValue 200000 */
  readonly miniBatchFrom?: number;
  /** Options of the clustering vectorizer, over the defaults in {@link CLUSTER_TOPICS_VECTORIZER}. */
  readonly vectorizer?: TfidfOptions;
  /** Keyword options, plus the phrases' `ngramRange` and `minDf`. */
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
  sampleSize: 20_000,
  path: "auto" as const,
  miniBatchFrom: 200_000,
  representatives: 3,
  stabilitySeeds: 3,
});

const OPTION_NAMES = [
  "k",
  "kRange",
  "seed",
  "metric",
  "reduce",
  "nInit",
  "sampleSize",
  "path",
  "miniBatchFrom",
  "vectorizer",
  "keywords",
  "representatives",
  "stabilitySeeds",
  "onProgress",
  "parallel",
] as const;

/**
 * From texts to named themes in one call, as a composition of stages: vectorize (one
 * tokenizing pass) → reduce (LSA) → choose k (a stability-aware sweep when `"auto"`) →
 * cluster (k-means) → represent (class-based TF-IDF keywords with phrases) → score
 * (silhouette, stability, coherence, diversity); the 2-D projection is computed on first
 * use. Deterministic for a given seed. Above `sampleSize` documents the steps whose cost
 * would grow with the corpus work on a seeded sample (see the option).
 * @example const { topics } = clusterTopics(abstracts); topics[0].label // "federated learning · clients · communication"
 * @throws EmptyInputError when there are no documents or no terms at all.
 * @throws InvalidArgumentError for invalid documents or options.
 */
export function clusterTopics(docs: readonly DocumentInput[], options: ClusterTopicsOptions = {}): TopicsResult {
  const fn = "clusterTopics";
  const o = checkOptions(fn, options, OPTION_NAMES);
  const { texts, titles, ids } = normalizeDocuments(fn, docs);
  const n = texts.length;
  const D = CLUSTER_TOPICS_DEFAULTS;
  const seed = checkInteger(fn, "options.seed", o.seed ?? D.seed, 0, Number.MAX_SAFE_INTEGER);
  const metric = checkOneOf(fn, "options.metric", o.metric ?? D.metric, ["euclidean", "cosine"]);
  const nInit = checkInteger(fn, "options.nInit", o.nInit ?? D.nInit, 1);
  const sampleSize = checkInteger(fn, "options.sampleSize", o.sampleSize ?? D.sampleSize, 100);
  const pathOption = checkOneOf(fn, "options.path", o.path ?? D.path, ["auto", "full-batch", "mini-batch"]);
  const miniBatchFrom = checkInteger(fn, "options.miniBatchFrom", o.miniBatchFrom ?? D.miniBatchFrom, 1);
  const nRepresentatives = checkInteger(fn, "options.representatives", o.representatives ?? D.representatives, 0);
  const stabilitySeeds = checkInteger(fn, "options.stabilitySeeds", o.stabilitySeeds ?? D.stabilitySeeds, 1);
  const reduceGiven = o.reduce ?? D.reduce;
  if (reduceGiven !== "none" && reduceGiven !== "auto") checkInteger(fn, "options.reduce", reduceGiven, 2);
  const reduceOption: number | "none" = reduceGiven === "auto" ? (n >= LSA_MIN_DOCUMENTS ? 100 : "none") : reduceGiven;
  const kOption = o.k ?? D.k;
  if (kOption !== "auto") checkInteger(fn, "options.k", kOption, 1, n, "number of documents");
  const onProgress =
    o.onProgress === undefined
      ? undefined
      : checkFunction<(p: TopicsProgress) => void>(fn, "options.onProgress", o.onProgress);
  const progress = (phase: TopicsProgress["phase"], done: number, total: number) =>
    onProgress?.({ phase, done, total });
  const path: ClusteringPath = pathOption === "auto" ? (n >= miniBatchFrom ? "mini-batch" : "full-batch") : pathOption;
  const parallel = o.parallel;
  const warnings: string[] = [];
  const sample = documentSample(n, sampleSize, seed);

  const keywordWords = {
    stopWords: o.vectorizer?.stopWords ?? "en",
    extraStopWords: o.vectorizer?.extraStopWords ?? [],
  };
  const {
    model: vectorizer,
    tokens,
    X,
    components,
    reduce,
  } = vectorizeAndReduce(
    fn,
    texts,
    { ...CLUSTER_TOPICS_VECTORIZER, ...(n < 10 ? { minDf: 1, maxDf: 1 } : {}), ...o.vectorizer },
    keywordWords,
    reduceOption,
    seed,
    sample,
    progress,
    warnings,
  );

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
    sweep = chooseKStage(X, sample, {
      kRange: o.kRange ?? defaultKRange(n),
      seed,
      metric,
      nInit,
      parallel,
      onProgress: (done, total) => progress("choose-k", done, total),
    });
    k = sweep.recommendedK;
    kChosenBy = "sweep";
  }

  progress("cluster", 0, 1);
  const settings = { metric, nInit, sampleSize, path };
  const measured =
    sweep === null
      ? clusterWithStability(X, k, settings, seed, stabilitySeeds, sample, parallel)
      : {
          fit: kmeansClusterer(k, settings).fit(X, { seed, ...(parallel ? { parallel } : {}) }),
          stability: null,
          stabilityRows: 0,
        };
  const clustering = measured.fit;
  warnings.push(...clustering.warnings);
  const sweptStability = sweep?.rows.find((r) => r.k === k)?.stability ?? null;
  const stability = sweep === null ? measured.stability : sweptStability;
  const stabilityRows = sweep === null ? measured.stabilityRows : sample === null ? n : sample.length;
  progress("cluster", 1, 1);

  progress("keywords", 0, 1);
  const { ngramRange: kwNgrams, minDf: kwMinDf, ...kwRest } = o.keywords ?? {};
  const perCluster = representStage(
    fn,
    tokens,
    clustering.labels,
    k,
    {
      ngramRange: kwNgrams ?? [1, 3],
      minDf: kwMinDf ?? (n >= 20 ? 2 : 1),
      phraseWords: CLASS_PHRASE_DEFAULTS.phraseWords,
      keywords: { stopWords: keywordWords.stopWords, ...kwRest },
    },
    warnings,
  );
  progress("keywords", 1, 1);

  const { topics, assignments, topicOfCluster } = assembleTopics(
    perCluster,
    clustering,
    X,
    k,
    nRepresentatives,
    texts,
    titles,
    ids,
  );

  progress("quality", 0, 1);
  const topTerms = topics.filter((t) => t.keywords.length > 0).map((t) => t.keywords.slice(0, 10).map((x) => x.term));
  const quality = scoreStage(X, clustering.labels, k, metric, seed, topTerms, tokens, {
    value: stability,
    measuredOn: stability === null ? 0 : stabilityRows,
  });
  progress("quality", 1, 1);

  const model = createTopicModel(
    vectorizer,
    components,
    clustering.kmeans as NonNullable<ClusterFit["kmeans"]>,
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
      vocabularySize: vectorizer.vocabulary.length,
      documents: n,
      sampleSize: sample === null ? n : sample.length,
      path,
      miniBatchFrom,
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

/**
 * The vectorize and reduce stages. Only what later stages use leaves this function (the
 * vectorizer, the words, the clustering space), so the TF-IDF and count matrices can be
 * freed once LSA has replaced them.
 */
function vectorizeAndReduce(
  fn: string,
  texts: readonly string[],
  options: TfidfOptions,
  keywordWords: Pick<TfidfOptions, "stopWords" | "extraStopWords">,
  dims: number | "none",
  seed: number,
  sample: Int32Array | null,
  progress: (phase: TopicsProgress["phase"], done: number, total: number) => void,
  warnings: string[],
): Reduced & { readonly model: TfidfModel; readonly tokens: TokenDocuments } {
  progress("vectorize", 0, 1);
  const { fit, tokens } = vectorizeStage(fn, texts, options, keywordWords, warnings);
  progress("vectorize", 1, 1);
  if (dims !== "none") progress("reduce", 0, 1);
  const reduced = reduceStage(fit.matrix, dims, seed, sample, warnings);
  if (dims !== "none") progress("reduce", 1, 1);
  return { ...reduced, model: fit.model, tokens };
}

/**
 * Topics numbered by decreasing size (ties by cluster index), their documents closest to
 * the centre first, and every document's topic; outliers (label -1) get topic -1.
 */
function assembleTopics(
  perCluster: ReturnType<typeof representStage>,
  clustering: ClusterFit,
  X: ClusterPoints,
  k: number,
  nRepresentatives: number,
  texts: readonly string[],
  titles: readonly (string | undefined)[],
  ids: readonly (string | undefined)[],
): { topics: Topic[]; assignments: Int32Array; topicOfCluster: Int32Array } {
  const n = clustering.labels.length;
  const order = perCluster
    .map((c) => c.cluster)
    .sort((a, b) => (perCluster[b]?.size ?? 0) - (perCluster[a]?.size ?? 0) || a - b);
  const topicOfCluster = new Int32Array(k);
  order.forEach((cluster, topic) => {
    topicOfCluster[cluster] = topic;
  });
  const assignments = new Int32Array(n);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) {
    const c = clustering.labels[i] as number;
    assignments[i] = c >= 0 ? (topicOfCluster[c] as number) : -1;
    if (c >= 0) (members[c] as number[]).push(i);
  }
  const closeness = closenessToCentre(X, clustering);
  const topics = order.map((cluster, topic) => {
    const docs = members[cluster] as number[];
    docs.sort((a, b) => (closeness[b] as number) - (closeness[a] as number) || a - b);
    const kw = perCluster[cluster] as (typeof perCluster)[number];
    return {
      id: topic,
      label: kw.label || (docs.length === 0 ? "(empty)" : "(no distinctive terms)"),
      keywords: kw.keywords,
      size: docs.length,
      documents: docs,
      representatives: docs.slice(0, nRepresentatives).map((i) => ({
        index: i,
        id: ids[i],
        title: titles[i],
        excerpt: excerpt(texts[i] as string),
      })),
    };
  });
  return { topics, assignments, topicOfCluster };
}

/** Similarity of each document to its cluster centre (dot product with the centroid; higher is closer). */
function closenessToCentre(X: ClusterPoints, clustering: ClusterFit): Float64Array {
  const out = new Float64Array(clustering.labels.length);
  if (clustering.centroids === null) return out;
  const centroids = Float64Array.from(clustering.centroids.data);
  const d = clustering.centroids.cols;
  const p =
    "indptr" in X
      ? { kind: "sparse" as const, rows: X.rows, cols: X.cols, indptr: X.indptr, indices: X.indices, data: X.data }
      : { kind: "dense" as const, rows: X.rows, cols: X.cols, data: X.data };
  for (let i = 0; i < out.length; i++) {
    const c = clustering.labels[i] as number;
    if (c >= 0) out[i] = rowDot(p, i, centroids, c * d);
  }
  return out;
}

function excerpt(text: string, length = 200): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length <= length ? clean : `${clean.slice(0, length - 1).replace(/\s\S*$/, "")}…`;
}
