import { InvalidArgumentError } from "../core/errors.js";
import { checkInteger, checkOptions, checkString } from "../core/validate.js";
import { checkTopicsResult } from "../pipeline/checkResult.js";
import type { TopicsResult } from "../pipeline/types.js";

/** A topic that matches a search, with its similarity to the query. */
export interface TopicMatch {
  readonly topic: number;
  readonly label: string;
  /** Cosine similarity of the query's TF-IDF vector and the topic's centre, in [-1, 1]. */
  readonly similarity: number;
}

/**
 * Which topics are about `query` ("diffusion", "graph neural networks"): the query is
 * vectorized and projected as a new document would be, and compared with every topic's
 * centre, as BERTopic's `find_topics` compares embeddings. Best first; topics with no
 * similarity at all are left out.
 * @throws InvalidArgumentError for a non-string query, a query with no word of the vocabulary, or bad options; for a model of precomputed embeddings.
 */
export function findTopics(result: TopicsResult, query: string, options: { top?: number } = {}): TopicMatch[] {
  const fn = "findTopics";
  checkTopicsResult(fn, result);
  checkString(fn, "query", query);
  const o = checkOptions(fn, options, ["top"]);
  const top = checkInteger(fn, "options.top", o.top ?? 5, 1);
  const { model } = result;
  const vector = model.embedText(query);
  const { centroids } = model.kmeans;
  const d = centroids.cols;
  let qNorm = 0;
  for (let f = 0; f < d; f++) qNorm += (vector[f] as number) ** 2;
  const matches: TopicMatch[] = [];
  if (qNorm === 0)
    throw new InvalidArgumentError(
      `${fn}: query ${JSON.stringify(query.slice(0, 80))} has no word the model knows (none of its words is in the vocabulary); search with words of the corpus`,
      "query",
    );
  const best = new Map<number, number>();
  for (let c = 0; c < centroids.rows; c++) {
    let dot = 0;
    let cNorm = 0;
    for (let f = 0; f < d; f++) {
      const v = centroids.data[c * d + f] as number;
      dot += v * (vector[f] as number);
      cNorm += v * v;
    }
    const similarity = cNorm === 0 ? 0 : dot / Math.sqrt(qNorm * cNorm);
    const topic = model.topicOfCluster[c] as number;
    if (similarity > (best.get(topic) ?? Number.NEGATIVE_INFINITY)) best.set(topic, similarity);
  }
  for (const [topic, similarity] of best) {
    if (similarity > 0) matches.push({ topic, label: result.topics[topic]?.label ?? "", similarity });
  }
  return matches.sort((a, b) => b.similarity - a.similarity || a.topic - b.topic).slice(0, top);
}
