import { centreCosines } from "../cluster/outliers.js";
import type { DenseMatrix } from "../core/dense.js";
import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { checkInteger, checkNumber, checkOneOf, checkOptions } from "../core/validate.js";
import type { Warning } from "../core/warnings.js";
import { classPhraseCounts } from "../keywords/classPhraseCounts.js";
import { classTfidf } from "../keywords/ctfidf.js";
import { checkTopicsResult } from "../pipeline/checkResult.js";
import { type DocumentInput, excerpt } from "../pipeline/documents.js";
import { topicsResult } from "../pipeline/result.js";
import { assembleTopics } from "../pipeline/stages/assemble.js";
import type { ClusterPoints } from "../pipeline/stages/cluster.js";
import { phraseSettings, representStage } from "../pipeline/stages/represent.js";
import { scoreStage } from "../pipeline/stages/score.js";
import { createTopicModel } from "../pipeline/topicModel.js";
import { CLUSTERING_SPACE, type TopicsResult } from "../pipeline/types.js";
import { type DocumentWords, documentWords } from "./documentWords.js";
import { hierarchyOfWords } from "./hierarchy.js";

/**
 * The result with some topics merged into one: `groups` lists the topics to join (e.g.
 * `[[1, 4], [2, 7, 9]]`); topics in no group stay as they are. As BERTopic's
 * `merge_topics`, nothing is re-clustered: the documents keep their clusters, the merged
 * topics get keywords and representatives from all their documents, topics are numbered by
 * size again, quality is measured anew (stability is not: it belonged to the old topics),
 * and the model predicts the merged topics.
 * @throws InvalidArgumentError for documents other than the fitted ones, or groups that name unknown or repeated topics.
 */
export function mergeTopics(
  result: TopicsResult,
  docs: readonly DocumentInput[],
  groups: readonly (readonly number[])[],
): TopicsResult {
  checkTopicsResult("mergeTopics", result);
  const K = result.topics.length;
  return regroup("mergeTopics", result, documentWords("mergeTopics", result, docs), groupsOf("mergeTopics", K, groups));
}

/**
 * The result with its topics merged down to `topics` broader themes along the hierarchy
 * (see `hierarchicalTopics`): BERTopic's `reduce_topics`, by its c-TF-IDF hierarchy.
 * `"auto"` makes the merges that are closer than the hierarchy's merges usually are
 * (see {@link autoCut}).
 * @throws InvalidArgumentError for documents other than the fitted ones or a bad number.
 */
export function reduceTopics(
  result: TopicsResult,
  docs: readonly DocumentInput[],
  topics: number | "auto",
): TopicsResult {
  checkTopicsResult("reduceTopics", result);
  const K = result.topics.length;
  if (topics !== "auto") checkInteger("reduceTopics", "topics", topics, 1, K, 'the number of topics, or "auto"');
  // The documents are checked and tokenized once, for the hierarchy and the merge alike.
  const words = documentWords("reduceTopics", result, docs);
  const tree = topics === "auto" || topics < K ? hierarchyOfWords(result, words, "ward", 5) : null;
  const n = topics === "auto" ? autoCut(tree?.merges.map((m) => m.distance) ?? []) : topics;
  const identity = Int32Array.from({ length: K }, (_, t) => t);
  if (n === K || tree === null) return regroup("reduceTopics", result, words, identity);
  return regroup("reduceTopics", result, words, groupsOf("reduceTopics", K, tree.cut(n)));
}

/**
 * How far below the mean merge distance, in standard deviations of the merge distances, a
 * merge must be for `reduceTopics(..., "auto")` to make it: the cautious end of the range (0
 * to 0.5) that measured best on the development corpora (README).
 */
export const AUTO_MERGE_DEVIATIONS = 0.5;

/** Topics below which `reduceTopics(..., "auto")` merges nothing. */
export const AUTO_MIN_TOPICS = 5;

/**
 * `reduceTopics(..., "auto")`: make the merges of the hierarchy that are closer than its
 * merges usually are (below the mean merge distance by {@link AUTO_MERGE_DEVIATIONS}
 * standard deviations), the lower-tail mirror of Mojena's (1977) stopping rule. Topics
 * that split one theme merge early and far below the rest; Ward's last merges, which join
 * distinct themes, are the widest apart, so cutting at the widest gap between merges left
 * 2 themes of 30 on 20 Newsgroups. With fewer than {@link AUTO_MIN_TOPICS} topics nothing
 * is merged: two or three merge distances cannot tell a usual merge from a close one (with
 * two, the closer would always be made).
 */
export function autoCut(distances: readonly number[]): number {
  const K = distances.length + 1;
  if (K < AUTO_MIN_TOPICS) return K;
  let sum = 0;
  for (const d of distances) sum += d;
  const mean = sum / distances.length;
  let squares = 0;
  for (const d of distances) squares += (d - mean) ** 2;
  const below = mean - AUTO_MERGE_DEVIATIONS * Math.sqrt(squares / distances.length);
  // Ward's merge distances never fall, so the merges made are a prefix.
  let merges = 0;
  while (merges < distances.length && (distances[merges] as number) < below) merges++;
  return K - merges;
}

/** Options of {@link reduceOutliers}. */
export interface ReduceOutliersOptions {
  /**
   * `"centroid"`: each outlier goes to the topic whose centre is nearest in the clustering
   * space (BERTopic's "embeddings" strategy, by cosine similarity); `"c-tf-idf"`: to the
   * topic whose c-TF-IDF words it shares most (the cosine similarity of its word counts,
   * weighed by the topics' idf, with every topic's c-TF-IDF row; BERTopic's default
   * strategy, over single words as its default vectorizer). @defaultValue "centroid"
   */
  readonly strategy?: "centroid" | "c-tf-idf";
  /**
   * An outlier moves only when its best similarity is positive and at least this; the
   * others stay in topic −1 (BERTopic's `threshold`). @defaultValue 0
   */
  readonly threshold?: number;
}

/**
 * The result with its outliers (topic −1, from `outliers` in `clusterTopics`) given back to
 * the topic they are most similar to, as BERTopic's `reduce_outliers`, by `strategy`; the
 * documents of the topics stay where they are, and keywords and quality follow.
 * @throws InvalidArgumentError for documents other than the fitted ones, or bad options.
 */
export function reduceOutliers(
  result: TopicsResult,
  docs: readonly DocumentInput[],
  options: ReduceOutliersOptions = {},
): TopicsResult {
  const fn = "reduceOutliers";
  checkTopicsResult(fn, result);
  const o = checkOptions(fn, options, ["strategy", "threshold"]);
  const strategy = checkOneOf(fn, "options.strategy", o.strategy ?? "centroid", ["centroid", "c-tf-idf"]);
  const threshold = checkNumber(fn, "options.threshold", o.threshold ?? 0, { min: -1, max: 1 });
  const K = result.topics.length;
  const words = documentWords(fn, result, docs);
  const outliers = [...result.assignments.keys()].filter((i) => result.assignments[i] === -1);
  const best =
    strategy === "centroid" ? nearestByCentre(result, outliers) : nearestByClassTfidf(words, result, outliers);
  const labels = Int32Array.from(result.assignments);
  outliers.forEach((i, j) => {
    const { topic, similarity } = best[j] as { topic: number; similarity: number };
    if (topic >= 0 && similarity > 0 && similarity >= threshold) labels[i] = topic;
  });
  return regroup(
    fn,
    result,
    words,
    Int32Array.from({ length: K }, (_, t) => t),
    labels,
  );
}

/** Each document's most similar topic by the cosine similarity to the topics' centres in the clustering space. */
function nearestByCentre(result: TopicsResult, rows: readonly number[]): { topic: number; similarity: number }[] {
  const { points } = result[CLUSTERING_SPACE]();
  const { kmeans, topicOfCluster } = result.model;
  const cos = centreCosines(points, kmeans.centroids);
  return rows.map((i) => {
    let topic = -1;
    let similarity = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < kmeans.k; c++) {
      const t = topicOfCluster[c] as number;
      const s = cos.of(i, c);
      if (t >= 0 && (s > similarity || (s === similarity && t < topic))) [topic, similarity] = [t, s];
    }
    return { topic, similarity };
  });
}

/**
 * Each document's most similar topic by c-TF-IDF: its word counts weighed as a class of its
 * own (L1 tf, square-rooted, times the topics' idf) against every topic's c-TF-IDF row, both
 * over single words.
 */
function nearestByClassTfidf(
  words: DocumentWords,
  result: TopicsResult,
  rows: readonly number[],
): { topic: number; similarity: number }[] {
  const K = result.topics.length;
  // The topics' word counts alone (unigrams: no phrase is counted, none would be used).
  const table = classPhraseCounts(words.tokens, result.assignments, K, {
    ngramRange: [1, 1],
    minDf: 1,
    minDocuments: 1,
    phraseWords: 1,
  });
  const { matrix, idf } = classTfidf(table.termCounts, { reduceFrequentWords: true });
  const column = new Map(table.vocabulary.map((t, i) => [t, i]));
  const { terms, stream, offsets } = words.tokens;
  const columnOfWord = Int32Array.from(terms, (t) => column.get(t) ?? -1);
  // Topic rows, with their norms.
  const topicRows = Array.from({ length: K }, (_, t) => {
    const row = new Map<number, number>();
    let norm = 0;
    for (let p = matrix.indptr[t] as number; p < (matrix.indptr[t + 1] as number); p++) {
      row.set(matrix.indices[p] as number, matrix.data[p] as number);
      norm += (matrix.data[p] as number) ** 2;
    }
    return { row, norm: Math.sqrt(norm) };
  });
  return rows.map((i) => {
    const counts = new Map<number, number>();
    let total = 0;
    for (let p = offsets[i] as number; p < (offsets[i + 1] as number); p++) {
      const c = columnOfWord[stream[p] as number] as number;
      if (c < 0) continue;
      counts.set(c, (counts.get(c) ?? 0) + 1);
      total++;
    }
    const doc = new Map<number, number>();
    let norm = 0;
    for (const [c, n] of counts) {
      const v = Math.sqrt(n / total) * (idf[c] as number);
      doc.set(c, v);
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    let topic = -1;
    let similarity = 0;
    for (let t = 0; t < K; t++) {
      const { row, norm: topicNorm } = topicRows[t] as { row: Map<number, number>; norm: number };
      if (norm === 0 || topicNorm === 0) continue;
      let dot = 0;
      for (const [c, v] of doc) dot += v * (row.get(c) ?? 0);
      const s = dot / (norm * topicNorm);
      if (topic < 0 || s > similarity) [topic, similarity] = [t, s];
    }
    return { topic, similarity };
  });
}

/** Group of every old topic, numbered by the group's first topic (topics left alone are groups of one). */
function groupsOf(fn: string, K: number, groups: readonly (readonly number[])[]): Int32Array {
  if (!Array.isArray(groups))
    throw new InvalidArgumentError(
      `${fn}: groups must be an array of arrays of topic ids; got ${describeValue(groups)}`,
      "groups",
    );
  const groupOf = new Int32Array(K).fill(-1);
  groups.forEach((group, g) => {
    if (!Array.isArray(group) || group.length === 0)
      throw new InvalidArgumentError(
        `${fn}: groups[${g}] must be a non-empty array of topic ids; got ${describeValue(group)}`,
        "groups",
      );
    for (const t of group) {
      checkInteger(fn, `groups[${g}]`, t, 0, K - 1, "a topic id");
      if ((groupOf[t] as number) >= 0)
        throw new InvalidArgumentError(
          `${fn}: topic ${t} is in two groups (groups[${groupOf[t]}] and groups[${g}])`,
          "groups",
        );
      groupOf[t] = g;
    }
  });
  let next = groups.length;
  for (let t = 0; t < K; t++) if (groupOf[t] === -1) groupOf[t] = next++;
  // Number the groups by their first topic, so the order they were listed in changes nothing.
  const first = new Map<number, number>();
  for (let t = 0; t < K; t++) if (!first.has(groupOf[t] as number)) first.set(groupOf[t] as number, first.size);
  return groupOf.map((g) => first.get(g) as number);
}

function regroup(
  fn: string,
  result: TopicsResult,
  { tokens, texts, abbreviations }: DocumentWords,
  groupOfTopic: Int32Array,
  topicOfDocument: Int32Array = result.assignments,
): TopicsResult {
  const { points: X, sample } = result[CLUSTERING_SPACE]();
  const k = Math.max(...groupOfTopic) + 1;
  const labels = topicOfDocument.map((t) => (t >= 0 ? (groupOfTopic[t] as number) : -1));
  const warnings: Warning[] = [...result.warnings];
  const n = labels.length;
  // As many keywords as the fitted topics have (the call's `keywords.topN`).
  const topN = Math.max(1, ...result.topics.map((t) => t.keywords.length));
  const perGroup = representStage(
    tokens,
    labels,
    k,
    { ...phraseSettings(n), keywords: { stopWords: [...result.model.vectorizer.stopWords], topN } },
    warnings,
    abbreviations,
  );
  const metric = result.parameters.metric;
  const centroids = groupCentroids(X, labels, k, metric === "cosine");
  const representatives = Math.max(0, ...result.topics.map((t) => t.representatives.length));
  const { topics, assignments, topicOfCluster } = assembleTopics(
    perGroup,
    { labels, centroids, warnings: [], kmeans: null },
    X,
    k,
    representatives,
    { titles: result.titles, ids: result.ids, excerpt: (i) => excerpt(texts[i] as string) },
  );
  const quality = scoreStage(X, labels, k, metric, result.parameters.seed, topics, assignments, tokens, {
    value: null,
    measuredOn: 0,
  });
  // The model's clusters are unchanged; each now points at its merged topic.
  const old = result.model.topicOfCluster;
  const modelTopics = Int32Array.from(old, (t) => topicOfCluster[groupOfTopic[t] as number] as number);
  const model = createTopicModel(
    result.model.vectorizer,
    result.model.components,
    result.model.kmeans,
    modelTopics,
    topics.map((t) => ({ id: t.id, label: t.label, keywords: t.keywords })),
    result.model.input,
  );
  return topicsResult(
    {
      topics,
      assignments,
      quality,
      parameters: {
        ...result.parameters,
        k,
        kChosenBy: fn === "reduceOutliers" ? result.parameters.kChosenBy : "merge",
        outliers: labels.includes(-1) ? result.parameters.outliers : null,
      },
      sweep: result.sweep,
      abbreviations: result.abbreviations,
      model,
      warnings,
      titles: result.titles,
      ids: result.ids,
    },
    X,
    sample,
  );
}

/** Mean point of every group (unit length for cosine), dense k x d. */
function groupCentroids(X: ClusterPoints, labels: Int32Array, k: number, unit: boolean): DenseMatrix {
  const d = X.cols;
  const data = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) {
    const g = labels[i] as number;
    if (g < 0) continue;
    counts[g] = (counts[g] as number) + 1;
    if ("indptr" in X) {
      for (let p = X.indptr[i] as number; p < (X.indptr[i + 1] as number); p++)
        data[g * d + (X.indices[p] as number)] =
          (data[g * d + (X.indices[p] as number)] as number) + (X.data[p] as number);
    } else for (let f = 0; f < d; f++) data[g * d + f] = (data[g * d + f] as number) + (X.data[i * d + f] as number);
  }
  for (let g = 0; g < k; g++) {
    let norm = 0;
    for (let f = 0; f < d; f++) {
      data[g * d + f] = (data[g * d + f] as number) / Math.max(1, counts[g] as number);
      norm += (data[g * d + f] as number) ** 2;
    }
    if (unit && norm > 0) for (let f = 0; f < d; f++) data[g * d + f] = (data[g * d + f] as number) / Math.sqrt(norm);
  }
  return { rows: k, cols: d, data };
}
