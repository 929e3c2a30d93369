import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { withGivenNames } from "../keywords/distinctNames.js";
import { checkTopicsResult } from "../pipeline/checkResult.js";
import { topicsResult } from "../pipeline/result.js";
import { createTopicModel } from "../pipeline/topicModel.js";
import { CLUSTERING_SPACE, type TopicsResult } from "../pipeline/types.js";

/**
 * The result with some topics named by hand: `{ 3: "adaptive optimizers" }`, or one label
 * per topic (`""` or null keeps the keyword label). The labels flow into every report and
 * into the model, whose JSON keeps them; a label given by hand is also the topic's `name`,
 * and another topic whose name it repeats is named by its head and the label term that tells
 * them apart. As BERTopic's `set_topic_labels`; the keywords are unchanged.
 * @throws InvalidArgumentError for an unknown topic id or a label that is not a string.
 */
export function setTopicLabels(
  result: TopicsResult,
  labels: Readonly<Record<number, string | null>> | readonly (string | null)[],
): TopicsResult {
  const fn = "setTopicLabels";
  checkTopicsResult(fn, result);
  const K = result.topics.length;
  if (labels === null || typeof labels !== "object")
    throw new InvalidArgumentError(
      `${fn}: labels must be an object of topic id → label, or an array; got ${describeValue(labels)}`,
      "labels",
    );
  if (Array.isArray(labels) && labels.length !== K)
    throw new InvalidArgumentError(
      `${fn}: labels must hold one label per topic (${K}); got ${labels.length}`,
      "labels",
    );
  const chosen = new Map<number, string>();
  for (const [key, value] of Object.entries(labels)) {
    const id = Number(key);
    if (!Number.isInteger(id) || id < 0 || id >= K)
      throw new InvalidArgumentError(`${fn}: labels names topic ${key}, but the topics are 0 to ${K - 1}`, "labels");
    if (value === null || value === "") continue;
    if (typeof value !== "string")
      throw new InvalidArgumentError(
        `${fn}: the label of topic ${id} must be a string; got ${describeValue(value)}`,
        "labels",
      );
    chosen.set(id, value.trim());
  }
  // A label given by hand is also the topic's name.
  const topics = withGivenNames(result.topics, chosen);
  const m = result.model;
  const model = createTopicModel(
    m.vectorizer,
    m.components,
    m.kmeans,
    m.topicOfCluster,
    m.topics.map((t) => (chosen.has(t.id) ? { ...t, label: chosen.get(t.id) as string } : t)),
    m.input,
  );
  const { points, sample } = result[CLUSTERING_SPACE]();
  const { topics: _t, model: _m, ...rest } = result;
  return topicsResult({ ...rest, topics, model }, points, sample);
}
