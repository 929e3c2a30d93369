import type { KMeansMetric, KMeansResult } from "../cluster/kmeans.js";
import {
  dissolveTinyClusters,
  MIN_TOPIC_DOCUMENTS,
  OUTLIER_QUANTILE,
  type OutlierRule,
  outliersByRule,
} from "../cluster/outliers.js";
import type { ParallelAssigner } from "../cluster/parallel.js";
import type { PresenceMixture } from "../cluster/presenceMixture.js";
import type { CsrMatrix } from "../core/csr.js";
import { type DenseMatrix, denseNormalizeRows } from "../core/dense.js";
import { describeValue } from "../core/describe.js";
import { EmptyInputError, InvalidArgumentError } from "../core/errors.js";
import { asPoints, toPoints, type Vectors, zeroRows } from "../core/points.js";
import { PackedStrings } from "../core/strings.js";
import { checkFunction, checkInteger, checkNumber, checkOptions, checkWeightValues } from "../core/validate.js";
import { replaceWarning, type Warning, warning } from "../core/warnings.js";
import { defaultKRange, type SweepKResult } from "../evaluate/sweepK.js";
import {
  type ClusterKeywordsOptions,
  checkKeywordOptions,
  classTfidfScorer,
  type KeywordScorer,
} from "../keywords/clusterKeywords.js";
import { withGivenNames } from "../keywords/distinctNames.js";
import type { AnalyzedBatch } from "../vectorize/analyzeBatch.js";
import type { TfidfOptions } from "../vectorize/options.js";
import type { TfidfModel } from "../vectorize/tfidf.js";
import type { TokenDocuments } from "../vectorize/vocabulary.js";
import { type DocumentInput, excerpt, normalizeDocument, normalizeDocuments } from "./documents.js";
import { checkSpecValue, optionSpec } from "./optionSpec.js";
import { topicsResult } from "./result.js";
import { assembleTopics, type DocumentFacts } from "./stages/assemble.js";
import { chooseKStage, kChoiceOf, sweptRows } from "./stages/chooseK.js";
import {
  type ClusterFit,
  type ClusterPoints,
  CONSENSUS_MAX_DOCUMENTS,
  clusterWithStability,
  kmeansClusterer,
  rowWeights,
  selectPoints,
} from "./stages/cluster.js";
import { factorizeStage } from "./stages/factorize.js";
import { guideStage } from "./stages/guide.js";
import { type Reduced, reduceStage } from "./stages/reduce.js";
import { mixtureOfKeptTopics, refineByMixture, trainingTermSets } from "./stages/refine.js";
import { type CorpusAbbreviations, phraseSettings, representStage } from "./stages/represent.js";
import { hasRedundantTopics, type NameClusters, resplitRedundant } from "./stages/resplit.js";
import { documentSample } from "./stages/sample.js";
import { scoreStage } from "./stages/score.js";
import { createVectorizeStage, type VectorizeStage } from "./stages/vectorize.js";
import {
  type DocumentWeighting,
  type DocumentWeightsOption,
  documentWordCounts,
  lengthSpread,
  resolveDocumentWeights,
  scaledToMeanOne,
  wordWeights,
} from "./stages/weigh.js";
import { combineZeroShot, type ZeroShotSplit, zeroShotSplit } from "./stages/zeroShot.js";
import { createTopicModel, textVectors } from "./topicModel.js";
import {
  type ClusteringPath,
  K_SEEDS_MAX_DOCUMENTS,
  type KChoice,
  type TopicsAlgorithm,
  type TopicsParameters,
  type TopicsProgress,
  type TopicsResult,
} from "./types.js";

export interface ClusterTopicsOptions {
  /** Number of topics, or `"auto"` to pick it with {@link sweepK}. @defaultValue "auto" */
  readonly k?: number | "auto";
  /**
   * `"kmeans"` clusters the documents' vectors; `"nmf"` factorizes their TF-IDF rows as
   * scikit-learn's `NMF` (see {@link nmf}: NNDSVDa start, coordinate descent) and puts each
   * document in its heaviest component (a document with no weight on any is in no topic,
   * −1; a component that is no document's heaviest makes no topic, with a warning, so there
   * may be fewer topics than `k`). NMF needs a number `k`, works on the TF-IDF rows (no LSA), and takes none of the
   * options that steer k-means (`embeddings`, `seedTopics`, `zeroShotTopics`, `clusters`,
   * `outliers`, `kRange`). `topic.cluster` is the topic's component (a row of
   * `model.nmf.components`), and `predict` sends new documents to their heaviest component
   * ({@link nmfTransform}). @defaultValue "kmeans"
   */
  readonly algorithm?: TopicsAlgorithm;
  /** k range searched by `"auto"`. @defaultValue [2, min(20, ⌊√n⌋ + 2)] */
  readonly kRange?: readonly [number, number];
  /** Seed of every random choice. @defaultValue 0 */
  readonly seed?: number;
  /** k-means metric. @defaultValue "cosine" (spherical k-means, best measured on text) */
  readonly metric?: KMeansMetric;
  /**
   * LSA dimensions before clustering, `"none"`, or `"auto"`: from
   * {@link LSA_MIN_DOCUMENTS} documents on, a tenth as many dimensions as documents, 10 to
   * 100 ({@link autoLsaDimensions}); none below (measured; see README).
   * @defaultValue "auto"
   */
  readonly reduce?: number | "none" | "auto";
  /** k-means restarts. @defaultValue 10 */
  readonly nInit?: number;
  /**
   * k-means runs (each the best of `nInit` restarts, from seeds drawn from `seed`) whose
   * consensus makes the topics: documents are grouped by how often the runs put them
   * together (evidence accumulation, Fred & Jain 2005: average linkage on 1 − the share of
   * runs), and k-means runs on from those groups' centres, so the topics stay a k-means
   * solution (`predict` gives training documents their topics). Up to 500 documents to cluster (the co-association matrix is n²); above, one run
   * makes the topics (with a warning when a number was asked for). `"auto"`: 10 runs
   * (measured: {@link AUTO_CONSENSUS_RUNS}); 1: one run. Guided topics (`seedTopics`) use
   * one run; a number above 1 is refused with them and with `algorithm: "nmf"`.
   * @defaultValue "auto"
   */
  readonly consensus?: number | "auto";
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
  /**
   * Seeds used to measure stability when k is given (1 skips it). Above `sampleSize`
   * documents (or on the mini-batch path) the stability runs are also the k-means restarts
   * (each seed a share of `nInit`, the best refined on all rows), so another number gives
   * another, equally valid, clustering; up to it the topics are the same whatever the number.
   * @defaultValue 3
   */
  readonly stabilitySeeds?: number;
  readonly onProgress?: (progress: TopicsProgress) => void;
  /** Threads for k-means (`createWorkerPool()` from `topiclens/node`); results are identical without. */
  readonly parallel?: ParallelAssigner;
  /**
   * Precomputed document vectors (one row per document, from any model: sentence embeddings,
   * BERTopic's, OpenAI's...), clustered instead of the TF-IDF/LSA vectors, as BERTopic's
   * `fit(docs, embeddings)`. The texts still name the topics (keywords, phrases, coherence).
   * Rows are scaled to unit length for the cosine metric. `reduce` does not apply. The fitted
   * model then assigns new documents by their vectors: `model.predictEmbeddings(vectors)`.
   */
  readonly embeddings?: DenseMatrix | readonly (readonly number[])[];
  /**
   * Makes `embeddings` from the documents' texts (title and text joined, as they are
   * analysed): `createWordVectorEmbedder(table)` (word vectors by SIF, which cluster short
   * texts such as headlines better than TF-IDF; see README) or any function of the texts
   * returning one row per text. `clusterTopics` only, not with `embeddings`.
   */
  readonly embed?: (texts: readonly string[]) => DenseMatrix | readonly (readonly number[])[];
  /**
   * Guided topics: lists of words the themes should form around, e.g.
   * `[["federated", "client"], ["adam", "optimizer", "learning rate"]]`. Each list, read as a
   * short document, is the first centre of every k-means++ start (the other k − m centres
   * are drawn as usual, so themes no list matches still appear), and its words' keyword
   * scores are raised 1.2-fold, as BERTopic's seed words. k is at least the number of lists.
   */
  readonly seedTopics?: readonly (readonly string[])[];
  /**
   * Documents that fit no topic well go to topic −1, outside every topic and its keywords:
   * `"auto"` takes those no more similar to their cluster's centre than the median of the
   * other clusters' documents are (see `outlierDocuments`); `{ quantile }` sets that
   * background quantile; `{ threshold }` takes those whose cosine similarity to their
   * cluster's centre is below the threshold; `false` gives every document a topic. With
   * outliers on, a cluster of one document is no topic: k-means' clusters smaller than
   * `MIN_TOPIC_DOCUMENTS` (2) are dissolved first, their documents go to −1 and k falls
   * (warning `tiny-clusters-dissolved`; given, guided and zero-shot topics stay).
   * `model.predict` still assigns every new document to its nearest topic. @defaultValue false
   */
  readonly outliers?: "auto" | { readonly quantile: number } | { readonly threshold: number } | false;
  /**
   * Zero-shot topics: names or short descriptions of themes expected in the corpus, e.g.
   * `["federated learning", "adaptive optimizers for deep learning"]`. Each document whose
   * vector is similar enough to one of them (see `zeroShotMinSimilarity`) joins that topic,
   * which is labelled with the given text; the other documents are clustered as usual into
   * the remaining topics, as BERTopic's `zeroshot_topic_list`. `k` counts every topic: the
   * rest are clustered into k minus the zero-shot topics that took documents (with
   * `"auto"`, the sweep runs on the rest). A given topic that takes no document is dropped,
   * with a warning.
   */
  readonly zeroShotTopics?: readonly string[];
  /**
   * The cosine similarity, in the clustering space, from which a document joins a zero-shot
   * topic, or `"auto"`: 0.1 in TF-IDF space, 0.4 in 100-dimensional LSA space, rising to 0.6
   * at 10 dimensions ({@link zeroShotMinSimilarityFor}). Lower than BERTopic's 0.7 for
   * sentence embeddings, because a topic's name shares only a few words with a document;
   * measured on the seed corpus and conf-abstracts (see README).
   * @defaultValue "auto"
   */
  readonly zeroShotMinSimilarity?: number | "auto";
  /**
   * Abbreviations the corpus defines (`federated learning (FL)`, found by Schwartz &
   * Hearst's algorithm) count as their long form in the keywords, and are shown with it:
   * the keyword `federated learning (FL)` instead of both `federated learning` and `fl`.
   * Only the corpus' own definitions are used; the definitions are in `result.abbreviations`.
   * @defaultValue true
   */
  readonly abbreviations?: boolean;
  /**
   * Two k-means topics named by the same words (the words of their first ten keywords, weighed
   * by the keywords' scores, overlap by a cosine of 0.6 or more; see `REDUNDANT_OVERLAP`) are
   * one theme that k-means cut in two:
   * with `"resplit"`, they are merged, the topic whose two halves are the least alike is split
   * in two, so k stays, and k-means runs on from there (warning `topics-resplit` says what
   * changed). Measured on Reuters R8 (k 8), whose earnings reports k-means cuts in two such
   * topics: V-measure 0.569 → 0.631; on the other development corpora no topics are named
   * alike (see README). `"keep"` keeps k-means' topics. Given, guided and zero-shot topics
   * and NMF are never changed. @defaultValue "resplit"
   */
  readonly redundantTopics?: "resplit" | "keep";
  /**
   * `"mixture"`: k-means' topics are refined by EM for a mixture of multinomials over the
   * words each document holds (naive-Bayes clustering, Nigam et al. 2000), started from them
   * (`fitPresenceMixture`, temperature 3). k-means asks how close a document's direction is to
   * a centre, so one long, tight theme can take two topics while two themes share one; the
   * mixture asks which topic's words the document uses. Measured (`node bench/refine.mjs`,
   * k = the classes, seeds 0–2, mean V-measure): all 20 Newsgroups 0.491 → 0.573, AG News
   * 0.558 → 0.628, conf-abstracts-5areas 0.567 → 0.600, 20ng-4cat 0.475 → 0.515, keyphrase
   * 0.375 → 0.396, Reuters 0.641 → 0.649; BBC News, OHSUMED and Brown within 0.002, for up to
   * 1.3 times the call's time (3.3 times on 87,242 abstracts at k 50; see README).
   * `predict` then gives a text the mixture's most probable topic, so every training document
   * keeps its own. Only for k-means' topics of the texts: refused with `embeddings`, `embed`,
   * `seedTopics`, `zeroShotTopics`, `clusters` and `algorithm: "nmf"`. `"auto"`: the mixture
   * when the call reads the whole corpus (at most `sampleSize` documents) and k-means makes
   * the topics of the texts' words, none otherwise. `"none"`: k-means' topics as they are.
   * `parameters.refine` says which was done. @defaultValue "auto"
   */
  readonly refine?: RefineChoice;
  /**
   * How each document weighs in k-means' centres (scikit-learn's `sample_weight`). `"words"`:
   * by its words once stop words are out, from 1 up to `WORD_WEIGHT_CAP` (200), so that a
   * reply of a dozen words pulls a centre less than a post that explains itself. `"equal"`:
   * every document alike, as before. `"auto"`: words when the documents' lengths differ
   * widely (the 90th percentile at least `WORDS_SPREAD` (4) times the 10th) and the
   * vectors are the texts' own, else equal; `result.parameters.documentWeights` says which.
   * Measured (bench/documentWeights.mjs, k = classes, seeds 0-2): all 20 Newsgroups V-measure
   * 0.449 → 0.491 (classes named 16.1 → 17.25 of 20 over seeds 0-7), Reuters R8 0.632 → 0.641;
   * abstracts of even length lost 0.01 with words, so "auto" weighs them alike (see README).
   * The mini-batch path weighs documents alike. An array gives each document's weight
   * yourself (scikit-learn's `sample_weight`: finite, 0 or more, one per document; a blank
   * document's is not read), scaled to a mean of 1 over the documents clustered.
   * @defaultValue "auto"
   */
  readonly documentWeights?: DocumentWeightsOption | ArrayLike<number>;
  /**
   * Each document's cluster as another clusterer gave it (a Spark KMeans job, say): an
   * integer per document, -1 for none. No clustering is done: the given clusters become the
   * topics, named, scored and reported as usual, each with its given number as
   * `topic.cluster`; `k` is the number of distinct clusters (leave `k` out). `predict` sends
   * new documents to the nearest of the clusters' centres in this library's space.
   */
  readonly clusters?: ArrayLike<number>;
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

/**
 * Runs of `consensus: "auto"` (bench/consensus.mjs: on draws of 70, 200 and 500 documents of
 * six development corpora, seeds 0–4, 10 runs raised the seed-to-seed adjusted Rand index
 * from 0.623 / 0.564 / 0.620 to 0.690 / 0.658 / 0.736 and V-measure from 0.516 / 0.503 /
 * 0.508 to 0.528 / 0.520 / 0.525, for 0.01–0.2 s more a call).
 */
export const AUTO_CONSENSUS_RUNS = 10;

/** From this many documents on, `reduce: "auto"` clusters in an LSA space (see {@link autoLsaDimensions}). */
export const LSA_MIN_DOCUMENTS = 20;

/**
 * The LSA dimensions of `reduce: "auto"` for n documents: n / 10, at least 10 and at most
 * 100. Measured on random draws of six labelled corpora (bench/smallCorpora.mjs): against
 * the former rule (100 dimensions from 500 documents, none below), V-measure 0.470 vs 0.453
 * at 30 documents, 0.483 vs 0.371 at 70, 0.485 vs 0.315 at 200, 0.513 vs 0.487 at 500, equal
 * from 1,000 on (100 dimensions either way). A few documents hold few independent directions:
 * more dimensions than that keep their noise.
 */
export function autoLsaDimensions(n: number): number | "none" {
  return n < LSA_MIN_DOCUMENTS ? "none" : Math.max(10, Math.min(100, Math.round(n / 10)));
}

/** The top-level defaults, from the option spec (src/pipeline/optionSpec.ts). */
export const CLUSTER_TOPICS_DEFAULTS = Object.freeze({
  k: optionSpec("k").default as "auto",
  algorithm: optionSpec("algorithm").default as TopicsAlgorithm,
  seed: optionSpec("seed").default as number,
  metric: optionSpec("metric").default as KMeansMetric,
  reduce: optionSpec("reduce").default as "auto",
  nInit: optionSpec("nInit").default as number,
  consensus: optionSpec("consensus").default as "auto",
  sampleSize: optionSpec("sampleSize").default as number,
  path: optionSpec("path").default as "auto",
  miniBatchFrom: optionSpec("miniBatchFrom").default as number,
  representatives: optionSpec("representatives").default as number,
  stabilitySeeds: optionSpec("stabilitySeeds").default as number,
  abbreviations: optionSpec("abbreviations").default as boolean,
  redundantTopics: optionSpec("redundantTopics").default as "resplit" | "keep",
  refine: optionSpec("refine").default as RefineChoice,
  documentWeights: optionSpec("documentWeights").default as DocumentWeightsOption,
});

const OPTION_NAMES = [
  "k",
  "algorithm",
  "kRange",
  "seed",
  "metric",
  "reduce",
  "nInit",
  "consensus",
  "sampleSize",
  "path",
  "miniBatchFrom",
  "vectorizer",
  "keywords",
  "representatives",
  "stabilitySeeds",
  "onProgress",
  "parallel",
  "embeddings",
  "embed",
  "seedTopics",
  "outliers",
  "abbreviations",
  "redundantTopics",
  "refine",
  "documentWeights",
  "zeroShotTopics",
  "zeroShotMinSimilarity",
  "clusters",
] as const;

/**
 * `zeroShotMinSimilarity: "auto"` in TF-IDF space, in 100-dimensional LSA space and in
 * 10-dimensional LSA space (measured; see the option). Fewer dimensions bring documents and
 * names closer, so the bar rises as the dimensions fall (see {@link zeroShotMinSimilarityFor}).
 */
export const ZERO_SHOT_MIN_SIMILARITY = Object.freeze({ tfidf: 0.1, lsa: 0.4, lsa10: 0.6 });

/** The `"auto"` zero-shot similarity bar in LSA space of `dims` dimensions (TF-IDF space: null): linear from 10 to 100 dimensions. */
export function zeroShotMinSimilarityFor(dims: number | null): number {
  if (dims === null) return ZERO_SHOT_MIN_SIMILARITY.tfidf;
  const { lsa, lsa10 } = ZERO_SHOT_MIN_SIMILARITY;
  const t = (Math.min(100, Math.max(10, dims)) - 10) / 90;
  return lsa10 + (lsa - lsa10) * t;
}

/** Every option validated once, with its default applied (what does not depend on the corpus size). */
interface TopicsSettings {
  /** The entry point, for messages. */
  readonly fn: string;
  readonly algorithm: TopicsAlgorithm;
  /** Runs of the consensus (1: one run), and whether they were asked for. */
  readonly consensus: number;
  readonly consensusAsked: boolean;
  readonly seed: number;
  readonly metric: KMeansMetric;
  readonly nInit: number;
  readonly sampleSize: number;
  readonly path: ClusteringPath | "auto";
  readonly miniBatchFrom: number;
  readonly representatives: number;
  readonly stabilitySeeds: number;
  readonly abbreviations: boolean;
  readonly redundantTopics: "resplit" | "keep";
  readonly refine: RefineChoice;
  /** The option, or the caller's weights (a finite, non-negative copy; its length is checked against the documents). */
  readonly documentWeights: DocumentWeightsOption | Float64Array;
  readonly reduce: number | "none" | "auto";
  readonly k: number | "auto";
  readonly kRange: readonly [number, number] | undefined;
  readonly vectorizer: TfidfOptions | undefined;
  readonly keywords: ClusterTopicsOptions["keywords"];
  readonly keywordWords: Pick<TfidfOptions, "stopWords" | "extraStopWords">;
  readonly parallel: ParallelAssigner | undefined;
  /** The given embeddings, validated, as float64 (a copy: the caller's array is never changed). */
  readonly embeddings: DenseMatrix | null;
  /** The outliers' rule, or null when every document gets a topic. */
  readonly outlierRule: OutlierRule | null;
  /** The guided topics' word lists, or null. */
  readonly seedTopics: readonly (readonly string[])[] | null;
  /** The zero-shot topics' texts, or null. */
  readonly zeroShotTopics: readonly string[] | null;
  readonly zeroShotMinSimilarity: number | "auto";
  /** The given clusters (a copy), or null. */
  readonly clusters: Int32Array | null;
  readonly progress: (phase: TopicsProgress["phase"], done: number, total: number) => void;
}

/** `n`: the number of documents, when known before reading them (then k is checked against it). */
function resolveSettings(fn: string, options: ClusterTopicsOptions, n?: number): TopicsSettings {
  const o = checkOptions(fn, options, OPTION_NAMES);
  const D = CLUSTER_TOPICS_DEFAULTS;
  const check = <T>(key: keyof typeof D): T => checkSpecValue<T>(fn, key, o[key] ?? D[key]);
  if (n !== undefined && typeof o.k === "number") checkInteger(fn, "options.k", o.k, 1, n, "the number of documents");
  if (typeof o.k === "number" && Array.isArray(o.seedTopics) && o.seedTopics.length > o.k)
    throw new InvalidArgumentError(
      `${fn}: options.k (${o.k}) must be at least the number of options.seedTopics (${o.seedTopics.length})`,
      "options.k",
    );
  const onProgress =
    o.onProgress === undefined
      ? undefined
      : checkFunction<(p: TopicsProgress) => void>(fn, "options.onProgress", o.onProgress);
  // Keyword options are read after clustering; a mistake in them is found before.
  if (o.keywords !== undefined) checkKeywordOptions(fn, o.keywords, "options.keywords", ["ngramRange", "minDf"]);
  const algorithm = check<TopicsAlgorithm>("algorithm");
  if (algorithm === "nmf") checkNmfOptions(fn, o);
  if (typeof o.consensus === "number" && o.consensus > 1 && o.seedTopics !== undefined)
    throw new InvalidArgumentError(
      `${fn}: options.consensus does not combine with options.seedTopics (guided runs start from the seed topics); leave one out`,
      "options.consensus",
    );
  return {
    fn,
    algorithm,
    ...consensusSetting(fn, check<number | "auto">("consensus")),
    seed: check("seed"),
    metric: check("metric"),
    nInit: check("nInit"),
    sampleSize: check("sampleSize"),
    path: check("path"),
    miniBatchFrom: check("miniBatchFrom"),
    representatives: check("representatives"),
    stabilitySeeds: check("stabilitySeeds"),
    abbreviations: check("abbreviations"),
    redundantTopics: check("redundantTopics"),
    refine: checkRefine(fn, o, check<RefineChoice>("refine"), algorithm),
    documentWeights: isWeightArray(o.documentWeights)
      ? checkWeightValues(fn, "options.documentWeights", o.documentWeights)
      : check("documentWeights"),
    reduce: check("reduce"),
    k: check("k"),
    kRange: o.kRange === undefined ? undefined : checkSpecValue<readonly [number, number]>(fn, "kRange", o.kRange),
    vectorizer: o.vectorizer,
    keywords: o.keywords,
    keywordWords: { stopWords: o.vectorizer?.stopWords ?? "en", extraStopWords: o.vectorizer?.extraStopWords ?? [] },
    parallel: o.parallel,
    embeddings: o.embeddings === undefined ? null : checkEmbeddings(fn, o.embeddings, o.reduce),
    seedTopics: o.seedTopics === undefined ? null : checkSeedTopics(fn, o.seedTopics, o.embeddings !== undefined),
    outlierRule: checkOutliers(fn, o.outliers ?? false),
    zeroShotTopics:
      o.zeroShotTopics === undefined ? null : checkZeroShot(fn, o.zeroShotTopics, o.embeddings, o.seedTopics, o.k),
    zeroShotMinSimilarity:
      (o.zeroShotMinSimilarity ?? "auto") === "auto"
        ? "auto"
        : checkNumber(fn, "options.zeroShotMinSimilarity", o.zeroShotMinSimilarity, { min: -1, max: 1 }),
    clusters: o.clusters === undefined ? null : checkGivenClusters(fn, o),
    progress: (phase, done, total) => onProgress?.({ phase, done, total }),
  };
}

/** `consensus: "auto"` runs {@link AUTO_CONSENSUS_RUNS} k-means runs (up to 500 documents); a number, that many (at most 100). */
function consensusSetting(fn: string, value: number | "auto"): { consensus: number; consensusAsked: boolean } {
  if (value === "auto") return { consensus: AUTO_CONSENSUS_RUNS, consensusAsked: false };
  return { consensus: checkInteger(fn, "options.consensus", value, 1, 100), consensusAsked: true };
}

/** Whether and when k-means' topics are refined by a mixture (see `refine` in the options). */
export type RefineChoice = "auto" | "mixture" | "none";

/**
 * The mixture refines k-means' own topics of the texts' words: asked for, it refuses every
 * other source of topics; `"auto"` then resolves to `"none"`.
 */
function checkRefine(
  fn: string,
  o: ClusterTopicsOptions,
  refine: RefineChoice,
  algorithm: TopicsAlgorithm,
): RefineChoice {
  if (refine === "none") return refine;
  const others = (["embeddings", "embed", "seedTopics", "zeroShotTopics", "clusters"] as const).filter(
    (other) => o[other] !== undefined,
  );
  if (refine === "auto") return algorithm === "nmf" || others.length > 0 ? "none" : refine;
  if (algorithm === "nmf")
    throw new InvalidArgumentError(
      `${fn}: options.refine "mixture" refines k-means' topics; leave it out with algorithm "nmf"`,
      "options.refine",
    );
  if (others.length > 0)
    throw new InvalidArgumentError(
      `${fn}: options.refine "mixture" refines k-means' own topics of the texts' words; it does not combine with options.${others[0]}`,
      "options.refine",
    );
  return refine;
}

/** NMF fits a given number of topics on the TF-IDF rows; the options that steer k-means do not apply. */
function checkNmfOptions(fn: string, o: ClusterTopicsOptions): void {
  if (typeof o.k !== "number")
    throw new InvalidArgumentError(
      `${fn}: options.k must be a number of topics with algorithm "nmf" (NMF fits as many components as asked); got ${describeValue(o.k ?? "auto")}`,
      "options.k",
    );
  if (typeof o.reduce === "number")
    throw new InvalidArgumentError(
      `${fn}: options.reduce must be "auto" or "none" with algorithm "nmf" (NMF factorizes the non-negative TF-IDF rows, not LSA); got ${o.reduce}`,
      "options.reduce",
    );
  for (const other of [
    "embeddings",
    "seedTopics",
    "zeroShotTopics",
    "clusters",
    "outliers",
    "kRange",
    "consensus",
    "documentWeights",
  ] as const)
    if (
      o[other] !== undefined &&
      !(other === "outliers" && o.outliers === false) &&
      !(other === "consensus" && o.consensus === 1) &&
      !(other === "documentWeights" && weighsAlike(o.documentWeights))
    )
      throw new InvalidArgumentError(
        `${fn}: options.${other}${other === "embeddings" ? " (or embed)" : ""} steers k-means; leave it out with algorithm "nmf"`,
        `options.${other}`,
      );
}

/** Given clusters: integers from -1 up, at least one document in a cluster, with no k, guided or zero-shot topics. */
function checkGivenClusters(fn: string, o: ClusterTopicsOptions): Int32Array {
  const name = "options.clusters";
  for (const other of ["k", "kRange", "seedTopics", "zeroShotTopics", "documentWeights"] as const)
    if (
      o[other] !== undefined &&
      !(other === "k" && o.k === "auto") &&
      !(other === "documentWeights" && weighsAlike(o.documentWeights))
    )
      throw new InvalidArgumentError(`${fn}: ${name} are the topics already; leave out options.${other}`, name);
  const value = o.clusters as unknown;
  if (value === null || typeof value !== "object" || typeof (value as ArrayLike<number>).length !== "number")
    throw new InvalidArgumentError(
      `${fn}: ${name} must be an array of cluster numbers; got ${describeValue(value)}`,
      name,
    );
  const given = value as ArrayLike<unknown>;
  const out = new Int32Array(given.length);
  let any = false;
  for (let i = 0; i < given.length; i++) {
    const c = given[i];
    if (typeof c !== "number" || !Number.isInteger(c) || c < -1 || c > 2 ** 31 - 1)
      throw new InvalidArgumentError(
        `${fn}: ${name}[${i}] must be an integer from -1 (no cluster) up; got ${describeValue(c)}`,
        name,
      );
    out[i] = c;
    any ||= c >= 0;
  }
  if (!any) throw new InvalidArgumentError(`${fn}: ${name} puts no document in a cluster`, name);
  return out;
}

/**
 * From texts to named themes in one call, as a composition of stages: vectorize (one
 * tokenizing pass) → reduce (LSA) → choose k (a stability-aware sweep when `"auto"`) →
 * cluster (k-means) → represent (class-based TF-IDF keywords with phrases) → score
 * (silhouette, stability, coherence, diversity); the 2-D projection is computed on first
 * use. Deterministic for a given seed. Above `sampleSize` documents the steps whose cost
 * would grow with the corpus work on a seeded sample (see the option). For documents that
 * arrive as a stream, see {@link clusterTopicsStream}: the same result.
 * @example const { topics } = clusterTopics(abstracts); topics[0].label // "federated learning · clients · communication"
 * @throws EmptyInputError when there are no documents or no terms at all.
 * @throws InvalidArgumentError for invalid documents or options.
 */
export function clusterTopics(docs: readonly DocumentInput[], options: ClusterTopicsOptions = {}): TopicsResult {
  const fn = "clusterTopics";
  const { texts, titles, ids } = normalizeDocuments(fn, docs);
  const settings = resolveSettings(fn, withEmbedded(fn, options, texts), texts.length);
  checkK(fn, settings, texts.length);
  const stage = vectorizeStageOf(settings);
  settings.progress("vectorize", 0, texts.length);
  // A pool that can read documents for a synchronous caller does so on all its threads,
  // merged in order: the same words and ids as this loop.
  const pool = settings.parallel;
  const spec = stage.analyzeSpec;
  if (spec !== null && pool?.readTexts?.(spec, texts, (batch) => stage.addAnalyzed(batch))) pool.afterReading?.();
  else for (const text of texts) stage.add(text);
  return topicsFrom(settings, stage, { titles, ids, excerpt: (i) => excerpt(texts[i] as string) });
}

/** The options with `embed` replaced by the embeddings it makes of `texts`. */
function withEmbedded(fn: string, options: ClusterTopicsOptions, texts: readonly string[]): ClusterTopicsOptions {
  if (options === null || typeof options !== "object" || options.embed === undefined) return options;
  const { embed, ...rest } = options;
  if (typeof embed !== "function") {
    throw new InvalidArgumentError(
      `${fn}: options.embed must be a function from texts to vectors (e.g. createWordVectorEmbedder(table)); got ${describeValue(embed)}`,
      "options.embed",
    );
  }
  if (rest.embeddings !== undefined) {
    throw new InvalidArgumentError(`${fn}: give options.embed or options.embeddings, not both`, "options.embed");
  }
  const embeddings = embed(texts);
  const rows = (embeddings as { rows?: unknown })?.rows ?? (embeddings as { length?: unknown })?.length;
  if (rows !== texts.length) {
    throw new InvalidArgumentError(
      `${fn}: options.embed must return one row per document (${texts.length}); got ${describeValue(rows)} rows`,
      "options.embed",
    );
  }
  return { ...rest, embeddings };
}

/** Options of {@link clusterTopicsStream}: those of `clusterTopics`, and how often to report reading. */
export interface ClusterTopicsStreamOptions extends ClusterTopicsOptions {
  /** `onProgress` reports the documents read every this many. @defaultValue 10000 */
  readonly progressEvery?: number;
}

/**
 * {@link clusterTopics} for documents that arrive one at a time, from an iterable or an
 * async iterable (lines of a huge file, a database cursor): each is tokenized as it
 * arrives and only its word ids, title, id and a 200-character excerpt are kept, never
 * its text. The result is identical to `clusterTopics` on the same documents, reports,
 * keywords and `predict` included. With a pool from `createWorkerPool` as `parallel`, the
 * documents are tokenized on its workers, 1,000 at a time, while this thread reads the
 * source and merges their words in order (the same vocabulary and ids as one thread).
 * @example const result = await clusterTopicsStream(readJsonLines("arxiv.jsonl.gz"), { k: 50 });
 * @throws EmptyInputError when the source yields no documents or no terms.
 * @throws InvalidArgumentError for an invalid document (named by its position) or option.
 */
export async function clusterTopicsStream(
  source: Iterable<DocumentInput> | AsyncIterable<DocumentInput>,
  options: ClusterTopicsStreamOptions = {},
): Promise<TopicsResult> {
  const fn = "clusterTopicsStream";
  if (source === null || typeof source !== "object" || !(Symbol.asyncIterator in source || Symbol.iterator in source)) {
    throw new InvalidArgumentError(
      `${fn}: source must be an iterable or async iterable of documents; got ${describeValue(source)}`,
      "source",
    );
  }
  if (options === null || typeof options !== "object")
    throw new InvalidArgumentError(`${fn}: options must be an object; got ${describeValue(options)}`, "options");
  const { progressEvery, ...rest } = options;
  if (rest.embed !== undefined) {
    throw new InvalidArgumentError(
      `${fn}: options.embed needs every text at once, which a stream does not keep; use clusterTopics, or give options.embeddings`,
      "options.embed",
    );
  }
  const every = checkInteger(fn, "options.progressEvery", progressEvery ?? 10_000, 1);
  const settings = resolveSettings(fn, rest);
  const stage = vectorizeStageOf(settings);
  const titles: (string | undefined)[] = [];
  const ids: (string | undefined)[] = [];
  // Excerpts packed as UTF-8: a string each would cost five times the memory at scale.
  const excerpts = new PackedStrings();
  settings.progress("vectorize", 0, 0);
  // With a pool that reads documents, batches are read on its workers while this thread
  // reads the source and merges the batches in order: the same words and ids as one thread.
  const pool = settings.parallel;
  const spec = pool?.analyzeTexts === undefined ? null : stage.analyzeSpec;
  const inFlight: Promise<AnalyzedBatch>[] = [];
  let batch: string[] = [];
  const send = () => {
    if (spec !== null && pool?.analyzeTexts !== undefined) inFlight.push(pool.analyzeTexts(spec, batch));
    batch = [];
  };
  let n = 0;
  for await (const doc of source as AsyncIterable<DocumentInput>) {
    const one = normalizeDocument(fn, doc, n);
    if (spec === null) stage.add(one.text);
    else {
      batch.push(one.text);
      if (batch.length === READ_BATCH) send();
      while (inFlight.length > READ_AHEAD) stage.addAnalyzed(await (inFlight.shift() as Promise<AnalyzedBatch>));
    }
    titles.push(one.title);
    ids.push(one.id);
    excerpts.push(excerpt(one.text));
    n++;
    if (n % every === 0) settings.progress("vectorize", n, 0);
  }
  if (batch.length > 0) send();
  while (inFlight.length > 0) stage.addAnalyzed(await (inFlight.shift() as Promise<AnalyzedBatch>));
  if (spec !== null) pool?.afterReading?.();
  if (n === 0) throw new EmptyInputError(`${fn}: source yielded no documents`, "source");
  checkK(fn, settings, n);
  return topicsFrom(settings, stage, { titles, ids, excerpt: (i) => excerpts.get(i) });
}

/** Documents a worker reads at once in a streamed pass. */
const READ_BATCH = 1000;
/** Batches out for reading before this thread waits for the oldest. */
const READ_AHEAD = 2;

/** The vectorize stage both entry points feed: the clustering vectorizer, the keywords' words, the abbreviations. */
function vectorizeStageOf(settings: TopicsSettings): VectorizeStage {
  return createVectorizeStage(
    settings.fn,
    CLUSTER_TOPICS_VECTORIZER,
    settings.vectorizer,
    settings.keywordWords,
    settings.abbreviations,
  );
}

function checkK(fn: string, settings: TopicsSettings, n: number): void {
  if (settings.clusters !== null && settings.clusters.length !== n)
    throw new InvalidArgumentError(
      `${fn}: options.clusters must have one entry per document (${n}); got ${settings.clusters.length}`,
      "options.clusters",
    );
  if (settings.k !== "auto") checkInteger(fn, "options.k", settings.k, 1, n, "the number of documents");
  const e = settings.embeddings;
  if (e !== null && e.rows !== n) {
    throw new InvalidArgumentError(
      `${fn}: options.embeddings must have one row per document (${n}); got ${e.rows} rows`,
      "options.embeddings",
    );
  }
}

/** The outliers option as a rule, or null. */
function checkOutliers(fn: string, value: unknown): OutlierRule | null {
  if (value === false) return null;
  if (value === "auto") return { quantile: OUTLIER_QUANTILE };
  const keys = value !== null && typeof value === "object" && !Array.isArray(value) ? Object.keys(value).join() : "";
  if (keys === "quantile")
    return {
      quantile: checkNumber(fn, "options.outliers.quantile", (value as { quantile: unknown }).quantile, {
        min: 0,
        max: 1,
      }),
    };
  if (keys === "threshold")
    return {
      threshold: checkNumber(fn, "options.outliers.threshold", (value as { threshold: unknown }).threshold, {
        min: -1,
        max: 1,
      }),
    };
  throw new InvalidArgumentError(
    `${fn}: options.outliers must be "auto", { quantile }, { threshold } or false; got ${describeValue(value)}`,
    "options.outliers",
  );
}

/** Zero-shot topic texts: a non-empty array of distinct non-empty strings, fewer than a given k. */
function checkZeroShot(fn: string, value: unknown, embeddings: unknown, seedTopics: unknown, k: unknown): string[] {
  const name = "options.zeroShotTopics";
  if (embeddings !== undefined)
    throw new InvalidArgumentError(
      `${fn}: ${name} are embedded as the texts are; with options.embeddings, assign them yourself`,
      name,
    );
  if (seedTopics !== undefined)
    throw new InvalidArgumentError(`${fn}: use ${name} or options.seedTopics, not both`, name);
  if (!Array.isArray(value) || value.length === 0)
    throw new InvalidArgumentError(
      `${fn}: ${name} must be a non-empty array of topic names; got ${describeValue(value)}`,
      name,
    );
  const texts = value.map((t, i) => {
    if (typeof t !== "string" || t.trim() === "")
      throw new InvalidArgumentError(`${fn}: ${name}[${i}] must be a non-empty string; got ${describeValue(t)}`, name);
    return t.trim();
  });
  if (new Set(texts).size !== texts.length) throw new InvalidArgumentError(`${fn}: ${name} lists a topic twice`, name);
  if (typeof k === "number" && texts.length >= k)
    throw new InvalidArgumentError(
      `${fn}: options.k (${k}) must exceed the number of ${name} (${texts.length}), to leave topics for the rest`,
      "options.k",
    );
  return texts;
}

/** Seed word lists: a non-empty array of non-empty lists of non-empty strings. */
function checkSeedTopics(fn: string, value: unknown, embeddings: boolean): string[][] {
  if (embeddings)
    throw new InvalidArgumentError(
      `${fn}: options.seedTopics steer the texts' vectors; with options.embeddings, embed the seeds yourself`,
      "options.seedTopics",
    );
  if (!Array.isArray(value) || value.length === 0)
    throw new InvalidArgumentError(
      `${fn}: options.seedTopics must be a non-empty array of word lists; got ${describeValue(value)}`,
      "options.seedTopics",
    );
  return value.map((list, i) => {
    if (!Array.isArray(list) || list.length === 0 || list.some((w) => typeof w !== "string" || w.trim() === ""))
      throw new InvalidArgumentError(
        `${fn}: options.seedTopics[${i}] must be a non-empty list of words; got ${describeValue(list)}`,
        "options.seedTopics",
      );
    return list.map((w: string) => w.trim());
  });
}

/** Each seed list as the clustering space sees a document made of its words; a list with no known word is an error. */
function seedCenters(
  fn: string,
  seeds: readonly (readonly string[])[],
  vectorizer: TfidfModel,
  components: DenseMatrix | null,
): DenseMatrix {
  const texts = seeds.map((words) => words.join(" "));
  const matrix = vectorizer.transform(texts);
  seeds.forEach((words, i) => {
    if (matrix.indptr[i + 1] === matrix.indptr[i])
      throw new InvalidArgumentError(
        `${fn}: options.seedTopics[${i}] (${words.join(", ")}) has no word the vectorizer kept; choose words of the corpus`,
        "options.seedTopics",
      );
  });
  return textVectors(vectorizer, components, texts, true) as DenseMatrix;
}

/** Embeddings as a float64 copy, every value finite; `reduce` must then be left out. */
function checkEmbeddings(fn: string, value: unknown, reduce: unknown): DenseMatrix {
  if (reduce !== undefined && reduce !== "auto") {
    throw new InvalidArgumentError(
      `${fn}: options.reduce applies to TF-IDF vectors; leave it out with options.embeddings`,
      "options.reduce",
    );
  }
  const p = toPoints(value as Vectors, fn, "options.embeddings");
  if (p.kind === "sparse") {
    throw new InvalidArgumentError(
      `${fn}: options.embeddings must be dense vectors; got a sparse matrix`,
      "options.embeddings",
    );
  }
  return { rows: p.rows, cols: p.cols, data: Float64Array.from(p.data) };
}

/**
 * c-TF-IDF (the default scorer, with the keyword options' settings) with the idf of the
 * seed words and phrases raised 1.2-fold, as BERTopic's `seed_multiplier`.
 */
function seedBoostedScorer(
  seeds: readonly (readonly string[])[],
  keywords: ClusterTopicsOptions["keywords"],
): KeywordScorer {
  const boosted = new Set(seeds.flat().map((w) => w.toLowerCase()));
  return classTfidfScorer(keywords ?? {}, (term) => (boosted.has(term) ? SEED_MULTIPLIER : 1));
}

/**
 * The fit with the documents that fit no cluster labelled −1 (see `outliersByRule`). A
 * cluster of fewer than {@link MIN_TOPIC_DOCUMENTS} documents is no theme: when `dissolve`,
 * it is removed first (k falls by one each) and its documents are outliers, since a lone
 * document is its own centre and no similarity rule can set it aside.
 */
function withOutliers(
  fit: ClusterFit,
  X: ClusterPoints,
  rule: OutlierRule,
  dissolve: boolean,
  warnings: Warning[],
): ClusterFit {
  const kept = dissolve ? dissolveTinyClusters(X, fit) : fit;
  if (kept !== fit) {
    const k = (kept.kmeans as NonNullable<ClusterFit["kmeans"]>).k;
    const dissolved = (fit.kmeans as NonNullable<ClusterFit["kmeans"]>).k - k;
    let alone = 0;
    for (let i = 0; i < kept.labels.length; i++)
      if ((kept.labels[i] as number) < 0 && (fit.labels[i] as number) >= 0) alone++;
    warnings.push(
      warning(
        "tiny-clusters-dissolved",
        `${dissolved} cluster(s) of fewer than ${MIN_TOPIC_DOCUMENTS} documents are no topic: their ${alone} document(s) are outliers, and k is ${k}`,
      ),
    );
  }
  const labels = Int32Array.from(kept.labels);
  for (const o of outliersByRule(X, kept.kmeans as NonNullable<ClusterFit["kmeans"]>, rule)) labels[o.index] = -1;
  return { ...kept, labels };
}

/** Whether a `documentWeights` value asks for no weighing: left out, "auto" or "equal". */
function weighsAlike(value: unknown): boolean {
  return value === undefined || value === "auto" || value === "equal";
}

function isWeightArray(value: unknown): value is ArrayLike<number> {
  return value !== null && typeof value === "object" && typeof (value as ArrayLike<number>).length === "number";
}

/**
 * The documents' weights in k-means (see the `documentWeights` option): per document (`all`,
 * for stages that cluster every row) and per row clustered (`rest`: the rows `rest` lists,
 * all when null), or null when they weigh alike. `"auto"` weighs by words only the texts' own
 * vectors, where it was measured; mini-batch steps weigh documents alike.
 */
function documentWeighting(
  fn: string,
  option: DocumentWeightsOption | Float64Array,
  tokens: TokenDocuments,
  rest: Int32Array | null,
  vectorsGiven: boolean,
  path: ClusteringPath,
  warnings: Warning[],
): { resolved: DocumentWeighting; all: Float64Array | null; rest: Float64Array | null } {
  const equal = { resolved: "equal" as const, all: null, rest: null };
  if (option === "equal" || (option === "auto" && vectorsGiven)) return equal;
  const given = option instanceof Float64Array ? givenWeights(fn, option, tokens.offsets.length - 1, rest) : null;
  const counts = given === null ? documentWordCounts(tokens) : null;
  if (option === "auto") {
    const words = counts as Int32Array;
    const clustered = rest === null ? words : Int32Array.from(rest, (i) => words[i] as number);
    if (resolveDocumentWeights(option, lengthSpread(clustered)) === "equal") return equal;
  }
  if (path === "mini-batch") {
    if (option !== "auto")
      warnings.push(
        warning(
          "document-weights-equal",
          "documentWeights: mini-batch k-means weighs every document alike; use path full-batch to weigh them",
        ),
      );
    return equal;
  }
  const all = given ?? wordWeights(counts as Int32Array, rest);
  return { resolved: given === null ? "words" : "given", all, rest: rowWeights(all, rest) };
}

/** The caller's weights of `n` documents, scaled to a mean of 1 over the rows clustered. */
function givenWeights(fn: string, weights: Float64Array, n: number, rest: Int32Array | null): Float64Array {
  if (weights.length !== n)
    throw new InvalidArgumentError(
      `${fn}: options.documentWeights must hold one weight per document (${n}); got ${weights.length}`,
      "options.documentWeights",
    );
  const scaled = scaledToMeanOne(weights, rest);
  if (scaled === null)
    throw new InvalidArgumentError(
      `${fn}: options.documentWeights weigh every document clustered 0; give some a weight above 0`,
      "options.documentWeights",
    );
  return scaled;
}

/** The zero-shot split of the documents, with a warning for each given topic that took none. */
function zeroShotStage(
  texts: readonly string[],
  X: ClusterPoints,
  vectorizer: TfidfModel,
  components: DenseMatrix | null,
  minSimilarity: number,
  warnings: Warning[],
): ZeroShotSplit {
  const vectors = textVectors(vectorizer, components, texts, true) as DenseMatrix;
  const split = zeroShotSplit(X, vectors, minSimilarity);
  texts.forEach((text, j) => {
    if (!split.used.includes(j))
      warnings.push(
        warning(
          "zero-shot-unused",
          `zero-shot topic "${text}" took no document (none reached similarity ${minSimilarity}); it was dropped`,
        ),
      );
  });
  return split;
}

/** The fit the given clusters make: cluster c is the c-th distinct given number, in increasing order. */
function givenClusterFit(
  X: ClusterPoints,
  clusters: Int32Array,
  metric: KMeansMetric,
): { readonly fit: ReturnType<typeof combineZeroShot>; readonly ids: readonly number[] } {
  const ids = [...new Set(clusters)].filter((c) => c >= 0).sort((a, b) => a - b);
  const index = new Map(ids.map((c, j) => [c, j]));
  const topicOf = clusters.map((c) => (c < 0 ? -1 : (index.get(c) as number)));
  // A document given no cluster is in no topic (label -1), and in no centre.
  const fit = combineZeroShot(X, { topicOf, used: ids.map((_, j) => j), rest: new Int32Array(0) }, null, metric);
  return { fit, ids };
}

function clusterOfTopic(topicOfCluster: Int32Array, topic: number): number {
  return topicOfCluster.indexOf(topic);
}

/** The outlier rule as `parameters.outliers` reports it: the quantile, `{ threshold }`, or null. */
function outliersParameter(rule: OutlierRule | null): TopicsParameters["outliers"] {
  if (rule === null) return null;
  return "quantile" in rule ? rule.quantile : { threshold: rule.threshold };
}

/**
 * The zero-shot split with the blank rows (1 in `blank`) also left out of the rest, saying
 * so in place of the vectorizer's note; the split itself when no row is blank.
 */
function setAside(
  zero: ZeroShotSplit | null,
  blank: Uint8Array | null,
  n: number,
  warnings: Warning[],
): ZeroShotSplit | null {
  const count = blank === null ? 0 : blank.reduce((a, b) => a + b, 0);
  if (blank === null || count === 0) return zero;
  replaceWarning(
    warnings,
    warning(
      "empty-documents",
      `${count} document(s) have no terms in the vocabulary; they are in no topic (−1) and shape none`,
    ),
  );
  const rest = zero?.rest ?? Int32Array.from({ length: n }, (_, i) => i);
  return {
    topicOf: zero?.topicOf ?? new Int32Array(n).fill(-1),
    used: zero?.used ?? [],
    rest: rest.filter((i) => blank[i] === 0),
  };
}

/** The asked k range, cut to below the rows the sweep clusters (a stream's count is known only now). */
function kRangeWithin(range: readonly [number, number], rows: number, warnings: Warning[]): readonly [number, number] {
  const [lo, hi] = range;
  if (hi <= rows - 1) return range;
  const cut = [Math.min(lo, rows - 1), rows - 1] as const;
  warnings.push(
    warning(
      "k-range-cut",
      `options.kRange [${lo}, ${hi}] was cut to [${cut[0]}, ${cut[1]}]: k must stay below the ${rows} documents the sweep clusters`,
    ),
  );
  return cut;
}

/** BERTopic's `seed_multiplier`. */
const SEED_MULTIPLIER = 1.2;

/** Every stage after the documents have been fed to the vectorizer. */
function topicsFrom(settings: TopicsSettings, stage: VectorizeStage, docs: DocumentFacts): TopicsResult {
  const { seed, metric, nInit, sampleSize, miniBatchFrom, stabilitySeeds, parallel, progress } = settings;
  const n = docs.titles.length;
  // NMF factorizes the TF-IDF rows themselves.
  const reduceOption: number | "none" =
    settings.algorithm === "nmf" ? "none" : settings.reduce === "auto" ? autoLsaDimensions(n) : settings.reduce;
  const path: ClusteringPath =
    settings.path === "auto" ? (n >= miniBatchFrom ? "mini-batch" : "full-batch") : settings.path;
  const warnings: Warning[] = [];
  const sample = documentSample(n, sampleSize, seed);
  const embeddings = settings.embeddings;
  const reduced = finishAndReduce(
    stage,
    embeddings === null ? reduceOption : "none",
    settings.reduce === "auto",
    seed,
    sample,
    progress,
    warnings,
  );
  const { model: vectorizer, tokens, components, reduce, abbreviations } = reduced;
  // Given vectors replace the TF-IDF rows as the clustering space (unit length for cosine).
  const X: ClusterPoints =
    embeddings === null ? reduced.X : metric === "cosine" ? denseNormalizeRows(embeddings) : embeddings;

  // Zero-shot topics take the documents close to them first; the rest are clustered.
  const zero =
    settings.zeroShotTopics === null
      ? null
      : zeroShotStage(
          settings.zeroShotTopics,
          X,
          vectorizer,
          components,
          settings.zeroShotMinSimilarity === "auto"
            ? zeroShotMinSimilarityFor(components === null ? null : components.rows)
            : settings.zeroShotMinSimilarity,
          warnings,
        );
  // A document with no term is the origin of the text's space: clustered, it would pull a centre
  // to the origin or make a topic of blank documents. It is set aside, in no topic (−1), unless
  // its vectors were given or the clusters come from NMF or the caller (which place it themselves).
  const blank =
    embeddings === null && settings.algorithm !== "nmf" && settings.clusters === null ? zeroRows(asPoints(X)) : null;
  const split = setAside(zero, blank, n, warnings);
  // The rows left to cluster: all of them (no copy) unless some were set aside.
  const everyRow = split === null || split.rest.length === n;
  const restX = everyRow ? X : selectPoints(X, (split as ZeroShotSplit).rest);
  const restSample = everyRow ? sample : documentSample(restX.rows, sampleSize, seed);
  const nRest = restX.rows;
  const zeroTopics = zero?.used.length ?? 0;

  // Given clusters are the fit: their centres are their documents' means.
  // NMF's components are the clusters: each document's heaviest one, as given clusters are.
  const factorized =
    settings.algorithm === "nmf" ? factorizeStage(X as CsrMatrix, settings.k as number, seed, warnings) : null;
  const givenClusters = factorized?.components ?? settings.clusters;
  const given = givenClusters === null ? null : givenClusterFit(X, givenClusters, metric);
  const weighing =
    given === null
      ? documentWeighting(
          settings.fn,
          settings.documentWeights,
          tokens,
          split?.rest ?? null,
          embeddings !== null,
          path,
          warnings,
        )
      : { resolved: "equal" as const, all: null, rest: null };
  let kRest = 0;
  let kChosenBy: TopicsParameters["kChosenBy"] = factorized === null ? "given" : "user";
  let sweep: SweepKResult | null = null;
  let kChoice: KChoice | null = null;
  if (given !== null) {
    // Nothing to choose.
  } else if (settings.k !== "auto") {
    kRest = Math.min(settings.k - zeroTopics, nRest);
    kChosenBy = "user";
  } else if (nRest < 4) {
    kRest = Math.min(1, nRest);
    kChosenBy = "corpus size";
    if (zero === null)
      warnings.push(warning("too-few-documents", `k = 1: ${n} document(s) are too few to compare values of k`));
  } else {
    const sweepSettings = {
      kRange:
        settings.kRange === undefined
          ? defaultKRange(nRest)
          : kRangeWithin(settings.kRange, sweptRows(nRest, restSample), warnings),
      seed,
      metric,
      nInit,
      parallel,
      sampleWeight: weighing.rest,
      onProgress: (done: number, total: number) => progress("choose-k", done, total),
    };
    sweep = chooseKStage(restX, restSample, sweepSettings);
    // On small corpora the sweep is cheap: how often other seeds agree is measured, not guessed.
    kChoice = kChoiceOf(
      sweep,
      nRest <= K_SEEDS_MAX_DOCUMENTS
        ? () =>
            [3, 6, 9, 12].map(
              (offset) =>
                chooseKStage(restX, restSample, { ...sweepSettings, seed: seed + offset, onProgress: () => {} })
                  .recommendedK,
            )
        : null,
    );
    // Every guided topic needs a cluster of its own.
    kRest = Math.max(kChoice.chosen, settings.seedTopics?.length ?? 0);
    if (kRest === 1)
      warnings.push(
        warning("duplicate-points", "k = 1: the documents' vectors are all the same, so there is one topic"),
      );
    kChosenBy = "sweep";
  }
  const kFitted = given === null ? kRest + zeroTopics : given.fit.kmeans.k;
  progress("cluster", 0, 1);
  const guided =
    settings.seedTopics === null ? null : seedCenters(settings.fn, settings.seedTopics, vectorizer, components);
  // The runs the clusterer makes a consensus of (it runs once beyond these bounds).
  const consensusRuns =
    given === null &&
    guided === null &&
    kRest > 1 &&
    path === "full-batch" &&
    nRest <= Math.min(CONSENSUS_MAX_DOCUMENTS, sampleSize)
      ? settings.consensus
      : 1;
  const clustererSettings = {
    metric,
    nInit,
    sampleSize,
    path,
    seedCenters: guided,
    consensus: consensusRuns,
    sampleWeight: weighing.rest,
  };
  if (settings.consensusAsked && settings.consensus > 1 && given === null && nRest > CONSENSUS_MAX_DOCUMENTS)
    warnings.push(
      warning(
        "consensus-ignored",
        `consensus: ${nRest} documents to cluster, more than the ${CONSENSUS_MAX_DOCUMENTS} a consensus of runs is made for; one k-means run made the topics`,
      ),
    );
  // Guided topics gather their documents before k-means runs (the other stages see them as they are).
  const clusteredX =
    guided === null ? restX : guideStage(restX, guided, settings.seedTopics as readonly (readonly string[])[], tokens);
  // With a sweep, stability was measured there, for this k, on the sweep's rows.
  const restMeasured =
    kRest === 0 || given !== null
      ? null
      : sweep === null
        ? clusterWithStability(clusteredX, kRest, clustererSettings, seed, stabilitySeeds, restSample, parallel)
        : {
            fit: kmeansClusterer(kRest, clustererSettings).fit(clusteredX, { seed, ...(parallel ? { parallel } : {}) }),
            stability: sweep.rows.find((r) => r.k === kRest)?.stability ?? null,
            stabilityRows: sweptRows(nRest, restSample),
          };
  const measured =
    given !== null
      ? { fit: given.fit, stability: null, stabilityRows: 0 }
      : split === null
        ? (restMeasured as NonNullable<typeof restMeasured>)
        : {
            fit: combineZeroShot(X, split, restMeasured?.fit ?? null, metric),
            stability: restMeasured?.stability ?? null,
            stabilityRows: restMeasured?.stabilityRows ?? 0,
          };
  const { ngramRange: kwNgrams, minDf: kwMinDf, ...kwRest } = settings.keywords ?? {};
  const representSettings = {
    ...phraseSettings(n),
    ...(kwNgrams === undefined ? {} : { ngramRange: kwNgrams }),
    ...(kwMinDf === undefined ? {} : { minDf: kwMinDf }),
    keywords: {
      stopWords: settings.keywordWords.stopWords,
      ...(settings.seedTopics === null
        ? {}
        : { representation: seedBoostedScorer(settings.seedTopics, settings.keywords) }),
      ...kwRest,
    },
  };
  const name: NameClusters = (labels, clusters) => {
    const noted: Warning[] = [];
    return {
      keywords: representStage(tokens, labels, clusters, representSettings, noted, abbreviations),
      warnings: noted,
    };
  };
  // Only clusters k-means made may be traded, or dissolve: a given, zero-shot or guided topic stays.
  const madeByKMeans = given === null && zeroTopics === 0 && guided === null;
  // Outliers leave their cluster for topic −1: they shape no topic's keywords or centre of reports.
  const outliersOf = (fit: ClusterFit) => {
    const noted: Warning[] = [];
    const kept =
      settings.outlierRule === null || fit.kmeans === null
        ? fit
        : withOutliers(fit, X, settings.outlierRule, madeByKMeans, noted);
    return { clustering: kept, noted, k: kept.kmeans?.k ?? kFitted };
  };
  let outcome = outliersOf(measured.fit);
  // The topics as k-means left them, before outliers leave theirs: what the mixture refines.
  let fitted = measured.fit;
  progress("cluster", 1, 1);

  progress("keywords", 0, 1);
  let named = name(outcome.clustering.labels, outcome.k);
  // Topics named by the same words are traded for a split (the keywords above are the check,
  // and with every document in a topic, the trade's first naming too).
  if (
    madeByKMeans &&
    settings.redundantTopics === "resplit" &&
    measured.fit.kmeans !== null &&
    measured.fit.kmeans.k >= 3 &&
    hasRedundantTopics(named.keywords)
  ) {
    const fit = measured.fit as ClusterFit & { kmeans: KMeansResult };
    const resplit = resplitRedundant(X, fit, name, {
      metric,
      seed,
      sampleWeight: weighing.all,
      ...(parallel ? { parallel } : {}),
      ...(outcome.clustering === fit ? { named } : {}),
    });
    if (resplit.notes.length > 0) {
      warnings.push(...resplit.notes);
      fitted = resplit.fit;
      outcome = outliersOf(resplit.fit);
      named = outcome.clustering === resplit.fit ? resplit.named : name(outcome.clustering.labels, outcome.k);
    }
  }
  let mixture: PresenceMixture | null = null;
  const refining = settings.refine === "mixture" || (settings.refine === "auto" && n <= settings.sampleSize);
  if (madeByKMeans && refining && embeddings === null && fitted.kmeans !== null) {
    const refined = refineByMixture(
      X,
      trainingTermSets(tokens, vectorizer),
      vectorizer.vocabulary.length,
      fitted as ClusterFit & { kmeans: KMeansResult },
      metric,
      weighing.all,
    );
    if (refined.moved > 0) {
      outcome = outliersOf(refined.fit);
      named = name(outcome.clustering.labels, outcome.k);
    }
    // With outliers on, a one-document topic is dissolved: the mixture keeps the other topics.
    mixture =
      refined.mixture !== null && outcome.k < refined.mixture.k
        ? mixtureOfKeptTopics(refined.mixture, refined.fit.labels)
        : refined.mixture;
  }
  const { clustering, k } = outcome;
  warnings.push(...outcome.noted, ...clustering.warnings, ...named.warnings);
  const perCluster = named.keywords;
  const { stability, stabilityRows } = measured;
  progress("keywords", 1, 1);

  const assembled = assembleTopics(perCluster, clustering, X, k, settings.representatives, docs);
  const { assignments, topicOfCluster } = assembled;
  // A zero-shot topic is named by its given text, as BERTopic names them.
  const topics =
    given !== null
      ? assembled.topics.map((t) => ({ ...t, cluster: given.ids[clusterOfTopic(topicOfCluster, t.id)] as number }))
      : zero === null
        ? assembled.topics
        : withGivenNames(
            assembled.topics,
            new Map(
              zero.used.map((j, c) => [
                topicOfCluster[kRest + c] as number,
                (settings.zeroShotTopics as readonly string[])[j] as string,
              ]),
            ),
          );

  progress("quality", 0, 1);
  const quality = {
    ...scoreStage(X, clustering.labels, k, metric, seed, topics, assignments, tokens, {
      value: stability,
      measuredOn: stability === null ? 0 : stabilityRows,
    }),
    kChoice,
  };
  progress("quality", 1, 1);

  const model = createTopicModel(
    vectorizer,
    components,
    clustering.kmeans as NonNullable<ClusterFit["kmeans"]>,
    topicOfCluster,
    topics.map((t) => ({ id: t.id, label: t.label, keywords: t.keywords })),
    embeddings === null ? "text" : "embeddings",
    factorized === null || given === null
      ? null
      : {
          components: factorized.H,
          componentTopics: Int32Array.from({ length: factorized.H.rows }, (_, c) => {
            const cluster = given.ids.indexOf(c);
            return cluster < 0 ? -1 : (topicOfCluster[cluster] as number);
          }),
        },
    mixture,
  );
  const data = {
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
      embeddings: embeddings === null ? null : embeddings.cols,
      seedTopics: settings.seedTopics?.length ?? 0,
      zeroShotTopics: zeroTopics,
      outliers: outliersParameter(settings.outlierRule),
      abbreviations: settings.abbreviations,
      redundantTopics: settings.redundantTopics,
      refine: mixture === null ? ("none" as const) : ("mixture" as const),
      documentWeights: weighing.resolved,
      algorithm: settings.algorithm,
      consensus: consensusRuns,
    },
    sweep,
    abbreviations: abbreviations.found,
    model,
    warnings,
    titles: docs.titles,
    ids: docs.ids,
  };
  return topicsResult(data, X, sample);
}

/**
 * The end of the vectorize stage, and the reduce stage. Only what later stages use leaves
 * this function (the vectorizer, the words, the clustering space), so the TF-IDF matrix
 * can be freed once LSA has replaced it.
 */
function finishAndReduce(
  stage: VectorizeStage,
  dims: number | "none",
  chosen: boolean,
  seed: number,
  sample: Int32Array | null,
  progress: TopicsSettings["progress"],
  warnings: Warning[],
): Reduced & {
  readonly model: TfidfModel;
  readonly tokens: TokenDocuments;
  readonly abbreviations: CorpusAbbreviations;
} {
  // Above the sample size, LSA learns from the sample and projects every row: the TF-IDF
  // matrix is then never built whole, only a block of rows at a time.
  const onDemand = dims !== "none" && sample !== null;
  const { fit, tokens, abbreviations, glyphCodeWords, wordsOf, tokensOf } = stage.finish(warnings, onDemand);
  progress("vectorize", fit.rows, fit.rows);
  if (dims !== "none") progress("reduce", 0, 1);
  const reduced = reduceStage(fit, dims, seed, sample, warnings, chosen);
  if (dims !== "none") progress("reduce", 1, 1);
  return {
    ...reduced,
    model: fit.model,
    tokens,
    abbreviations: { found: abbreviations, wordsOf, tokensOf, glyphCodeWords },
  };
}
