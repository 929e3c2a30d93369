import type { ClusterPoints } from "../cluster/clusterer.js";
import type { KMeansMetric } from "../cluster/kmeans.js";
import type { DenseMatrix } from "../core/dense.js";
import type { Warning } from "../core/warnings.js";
import type { JUPYTER_DISPLAY_SYMBOL } from "../evaluate/display.js";
import type { SweepKResult } from "../evaluate/sweepK.js";
import type { Keyword } from "../keywords/clusterKeywords.js";
import type { Abbreviation } from "../text/abbreviations.js";
import type { TopicModel } from "./topicModel.js";

/** Options of `toHTML`. */
export interface HtmlOptions {
  /** A `<div>` for embedding (notebooks) instead of a whole page. @defaultValue false */
  readonly fragment?: boolean;
  /** Page title. @defaultValue "Topics" */
  readonly title?: string;
  /** Representative titles listed per topic. @defaultValue 5 */
  readonly titles?: number;
  /**
   * The page's own small script (inline, no network): a theme's keywords, closest documents
   * and all its documents a page at a time (filterable); a search box that finds documents
   * and themes and marks them on the map; a hover card and a click on each point; keyboard
   * access. Without it the page has no script at all.
   * @defaultValue true
   */
  readonly explorer?: boolean;
  /**
   * The documents that were clustered, in order (texts, or records with text, title and id):
   * the explorer then shows each one's excerpt and searches its text too. Without them it
   * knows documents by title or id.
   */
  readonly documents?: readonly (string | { readonly text: string; readonly title?: string; readonly id?: string })[];
  /**
   * Bounds the report's height in pixels (it scrolls inside): the notebook display uses 720.
   * @defaultValue unbounded
   */
  readonly maxHeight?: number;
  /**
   * Analysis views to add as sections: `topicsOverTime(...)`, `hierarchicalTopics(...)`
   * (dendrogram, intertopic map, similarity heatmap) and `outlierDocuments(...)`.
   */
  readonly views?: {
    readonly overTime?: { toSVG(): string };
    readonly hierarchy?: { toSVG(): string; toMapSVG(): string; toHeatmapSVG(): string };
    readonly outliers?: readonly { readonly index: number; readonly topic: number; readonly similarity: number }[];
    /** `topicDistribution(result, docs)`: each document's themes in its panel, and the documents of more than one. */
    readonly distribution?: DocumentThemes;
  };
}

/** What a report reads of a topic distribution (see `topicDistribution`). */
export interface DocumentThemes {
  readonly documents: number;
  /** How many documents hold no theme (all-0 rows). */
  readonly empty?: number;
  shares(i: number, min?: number): readonly { readonly topic: number; readonly share: number }[];
  mixed(minShare?: number): readonly {
    readonly index: number;
    readonly shares: readonly { readonly topic: number; readonly share: number }[];
  }[];
}

/** The stages of `clusterTopics`, in the order they run. */
export type TopicsPhase = "vectorize" | "reduce" | "choose-k" | "cluster" | "keywords" | "quality";

/** Progress of a long run, for bars and notebooks. */
export interface TopicsProgress {
  readonly phase: TopicsPhase;
  /** Steps done in this phase and their total, when known. */
  readonly done: number;
  readonly total: number;
}

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
  /** The top keywords joined, e.g. `federated learning (FL) · clients · communication`. */
  readonly label: string;
  /**
   * The best single phrase, the label's head (e.g. `federated learning (FL)`), for reports.
   * When two labels share a head, each name adds the label term that tells them apart
   * (`large language models (LLMs) · reasoning`, `… · reward`), so names differ wherever
   * labels do.
   */
  readonly name: string;
  readonly keywords: readonly Keyword[];
  readonly size: number;
  /** Indices of the documents, closest to the topic centre first. */
  readonly documents: readonly number[];
  readonly representatives: readonly Representative[];
  /** The cluster number given for it with `options.clusters` (absent otherwise). */
  readonly cluster?: number;
}

/** How well one topic holds together: where to look first for a topic that mixes subjects. */
export interface TopicQuality {
  /** The topic's id. */
  readonly id: number;
  /**
   * Mean silhouette of the topic's documents among those behind `quality.silhouette` (every
   * document up to 2,000, else a seeded sample), as scikit-learn's `silhouette_samples`
   * averaged over the topic; null when none of them is in the sample or there is no silhouette.
   */
  readonly silhouette: number | null;
  /** How many of the topic's documents that mean is over. */
  readonly silhouetteDocuments: number;
  /**
   * NPMI coherence of the topic's top-10 keywords over every document (gensim's `c_npmi`,
   * its `get_coherence_per_topic()`); null for a topic of fewer than two keywords.
   */
  readonly coherence: number | null;
}

/** How many documents each quality figure was measured on (stability: all of them up to `sampleSize`; coherence: always all). */
export interface TopicsMeasuredOn {
  readonly silhouette: number;
  readonly stability: number;
  readonly coherence: number;
}

/** How firmly the sweep chose k (with `k: "auto"`). */
export interface KChoice {
  /**
   * The k chosen: on small corpora the one most often recommended by the sweeps of five
   * seeds (see `acrossSeeds`), else the sweep's recommendation.
   */
  readonly chosen: number;
  /** The next best k by the same rule (the stable k with the next highest silhouette), or null. */
  readonly runnerUp: number | null;
  /** Mean silhouette of the chosen k minus the runner-up's, or null. */
  readonly margin: number | null;
  /**
   * The k that the sweep recommends with this seed and four others (seed + 3, + 6, + 9, + 12),
   * this run's first; measured up to {@link K_SEEDS_MAX_DOCUMENTS} documents, else null.
   */
  readonly acrossSeeds: readonly number[] | null;
  /** Share of `acrossSeeds` equal to `chosen`, or null. */
  readonly agreement: number | null;
  /**
   * Whether the choice is shaky: fewer than 3 of the 5 seeds' sweeps pick it (agreement
   * under 0.6), or, when not measured, the runner-up is within 0.005 of silhouette.
   */
  readonly uncertain: boolean;
}

/** Corpora up to this many documents get their choice of k measured across seeds (the sweeps are cheap there). */
export const K_SEEDS_MAX_DOCUMENTS = 500;

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
  /** Documents behind each figure: a seeded sample when the corpus is larger than `sampleSize`. */
  readonly measuredOn: TopicsMeasuredOn;
  /** How firmly k was chosen, when the sweep chose it; null otherwise. */
  readonly kChoice: KChoice | null;
  /** Each topic's own silhouette and coherence, in the order of `result.topics`. */
  readonly topics: readonly TopicQuality[];
}

/** How the clusters were computed: every k-means step on all rows, or mini-batches. */
/** How documents are grouped into topics. */
export type TopicsAlgorithm = "kmeans" | "nmf";

export type ClusteringPath = "full-batch" | "mini-batch";

/** The parameters actually used. */
export interface TopicsParameters {
  readonly k: number;
  readonly kChosenBy: "user" | "sweep" | "corpus size" | "merge" | "given";
  readonly seed: number;
  readonly metric: KMeansMetric;
  readonly reduce: number | "none";
  readonly nInit: number;
  readonly vocabularySize: number;
  readonly documents: number;
  /** Documents in the seeded sample used for the costly extras (= documents when smaller). */
  readonly sampleSize: number;
  readonly path: ClusteringPath;
  /** From this many documents on, `path: "auto"` clusters by mini-batches. */
  readonly miniBatchFrom: number;
  /** Dimensions of the precomputed embeddings that were clustered, or null (TF-IDF/LSA vectors). */
  readonly embeddings: number | null;
  /** Number of guided topics (`seedTopics`) that steered the clustering; 0 when none. */
  readonly seedTopics: number;
  /** Zero-shot topics (`zeroShotTopics`) that took documents; 0 when none. */
  readonly zeroShotTopics: number;
  /**
   * How documents were set aside in topic −1: the background quantile, `{ threshold }` (a
   * cosine similarity to the centre), or null when every document has a topic.
   */
  readonly outliers: number | { readonly threshold: number } | null;
  /** Whether the corpus' abbreviations were merged into their long forms in the keywords. */
  readonly abbreviations: boolean;
  /** k-means runs whose consensus made the topics (1: one run; see the `consensus` option). */
  readonly consensus: number;
  /**
   * Topics named by the same words: `"resplit"` (merged, and another topic split) or
   * `"keep"` (see the option). A warning `topics-resplit` says when a trade was made.
   */
  readonly redundantTopics: "resplit" | "keep";
  /**
   * `"mixture"`: k-means' topics were refined by a mixture of multinomials, which `predict`
   * asks (see the `refine` option; `"auto"` resolves to one of the two).
   */
  readonly refine: "none" | "mixture";
  /**
   * How documents weighed in k-means' centres: `"words"` (by their words, up to 200),
   * `"equal"` (what `"auto"` resolved to, see the `documentWeights` option) or `"given"`
   * (the caller's weights).
   */
  readonly documentWeights: "words" | "equal" | "given";
  /** What made the topics: k-means, or NMF of the TF-IDF rows (each document in its heaviest component). */
  readonly algorithm: TopicsAlgorithm;
}

/** The clustering space behind a result (hidden: for the views that regroup its topics). */
export const CLUSTERING_SPACE: unique symbol = Symbol.for("topiclens.clusteringSpace") as never;

export interface TopicsResult {
  readonly topics: readonly Topic[];
  /** Topic id of every document. */
  readonly assignments: Int32Array;
  readonly quality: TopicsQuality;
  readonly parameters: TopicsParameters;
  /** The k sweep behind `k: "auto"`, else null. */
  readonly sweep: SweepKResult | null;
  /**
   * The abbreviations the corpus defines (`federated learning (FL)`), commonest first;
   * with `abbreviations: true` (the default) each short form counts as its long form in
   * the keywords. Empty when not looked for.
   */
  readonly abbreviations: readonly Abbreviation[];
  readonly model: TopicModel;
  readonly warnings: readonly Warning[];
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
  [JUPYTER_DISPLAY_SYMBOL](): Record<string, string>;
  /** The points that were clustered (TF-IDF, LSA or given embeddings) and the sample used. */
  [CLUSTERING_SPACE](): {
    readonly points: ClusterPoints;
    readonly sample: Int32Array | null;
  };
}
