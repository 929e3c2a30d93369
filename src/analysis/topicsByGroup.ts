import type { Keyword } from "../keywords/clusterKeywords.js";
import { classTfidf, weighByIdf } from "../keywords/ctfidf.js";
import type { TopicsResult } from "../pipeline/types.js";
import type { DocumentWords } from "./documentWords.js";
import {
  type GroupKeywordSettings,
  groupTable,
  keywordsFromScores,
  l1Rows,
  matrixFromRows,
  normalizedClassTfidf,
  scoresByTerm,
} from "./groupKeywords.js";

/** One topic within one group (a time bin, a class). */
export interface TopicInGroup {
  readonly group: number;
  readonly topic: number;
  /** The topic's documents in the group. */
  readonly count: number;
  /** count / documents of the group. */
  readonly share: number;
  /** The topic's keywords in the group, tuned as asked. */
  readonly keywords: readonly Keyword[];
  readonly label: string;
}

export interface GroupTuning {
  /** Average each group's c-TF-IDF of a topic with the topic's global c-TF-IDF. */
  readonly global: boolean;
  /** Average with the same topic's tuned c-TF-IDF of the previous group (groups are ordered: time bins). */
  readonly evolution: boolean;
}

/**
 * The topics of every group of documents, with keywords from the group's documents alone:
 * c-TF-IDF of (group, topic) class documents with the global idf (BERTopic's `fit=False`),
 * L1-normalised, then, in group order, averaged with the previous group's tuned row of the
 * same topic (evolution tuning) and with the topic's global row (global tuning), as
 * BERTopic's documentation describes. Only words that occur in the group's documents can be
 * keywords there (a tuned row keeps the group's vocabulary).
 */
export function topicsByGroup(
  result: TopicsResult,
  words: DocumentWords,
  groupOf: Int32Array,
  groups: number,
  tuning: GroupTuning,
  settings: GroupKeywordSettings,
): TopicInGroup[] {
  const K = result.topics.length;
  const topics = result.assignments;
  const global = groupTable(words, topics, K);
  const globalScores = normalizedClassTfidf(global);
  const globalIdf = new Map<string, number>();
  const idf = classTfidf(global.termCounts).idf;
  global.vocabulary.forEach((t, i) => {
    globalIdf.set(t, idf[i] as number);
  });

  const labels = new Int32Array(topics.length).fill(-1);
  const groupSize = new Int32Array(groups);
  for (let i = 0; i < topics.length; i++) {
    const g = groupOf[i] as number;
    const t = topics[i] as number;
    if (g < 0 || t < 0) continue;
    labels[i] = g * K + t;
    groupSize[g] = (groupSize[g] as number) + 1;
  }
  const table = groupTable(words, labels, groups * K);
  const local = localScores(table, globalIdf);
  const tuned: Map<string, number>[] = [];
  let previous: (Map<string, number> | null)[] = new Array(K).fill(null);
  for (let g = 0; g < groups; g++) {
    const current: (Map<string, number> | null)[] = new Array(K).fill(null);
    for (let t = 0; t < K; t++) {
      const row = g * K + t;
      let scores = local[row] as Map<string, number>;
      if ((table.sizes[row] as number) > 0) {
        const before = previous[t];
        if (tuning.evolution && before !== null && before !== undefined) scores = averageOn(scores, before);
        if (tuning.global) scores = averageOn(scores, scoresByTerm(globalScores, global.vocabulary, t));
        current[t] = scores;
      }
      tuned[row] = scores;
    }
    previous = current;
  }
  const keywords = keywordsFromScores(table, matrixFromRows(tuned, table.vocabulary), settings, words.tokens);
  const out: TopicInGroup[] = [];
  for (let g = 0; g < groups; g++) {
    for (let t = 0; t < K; t++) {
      const row = g * K + t;
      const count = table.sizes[row] as number;
      if (count === 0) continue;
      const kw = keywords[row];
      out.push({
        group: g,
        topic: t,
        count,
        share: count / (groupSize[g] as number),
        keywords: kw?.keywords ?? [],
        label: kw?.label ?? "",
      });
    }
  }
  return out;
}

/** tf (L1, square-rooted) x idf per row, the idf the global topics' where known, then L1-normalised. */
function localScores(table: ReturnType<typeof groupTable>, globalIdf: Map<string, number>): Map<string, number>[] {
  const own = classTfidf(table.termCounts).idf;
  const idf = Float64Array.from(table.vocabulary, (term, t) => globalIdf.get(term) ?? (own[t] as number));
  const scores = l1Rows(weighByIdf(table.termCounts, idf, true));
  return Array.from({ length: scores.rows }, (_, r) => scoresByTerm(scores, table.vocabulary, r));
}

/** (a + b) / 2 on a's terms: b's other terms are not in the group's documents. */
function averageOn(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [term, v] of a) out.set(term, (v + (b.get(term) ?? 0)) / 2);
  return out;
}
