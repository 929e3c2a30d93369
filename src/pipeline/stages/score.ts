import type { KMeansMetric } from "../../cluster/kmeans.js";
import { sampledSilhouettes } from "../../evaluate/internal.js";
import { meanTopicCoherence, npmiPerTopicOfTokens, topicDiversity } from "../../keywords/coherence.js";
import type { TokenDocuments } from "../../vectorize/vocabulary.js";
import type { Topic, TopicQuality, TopicsQuality } from "../types.js";
import { type ClusterPoints, selectPoints } from "./cluster.js";

/** Rows behind the silhouette: scikit-learn's own example samples a few thousand. */
export const SILHOUETTE_SAMPLE = 2000;

/**
 * The quality figures: silhouette in the clustering space (on at most 2,000 rows), NPMI
 * coherence of the top-10 keywords over every document's words, topic diversity, and the
 * stability measured by the cluster stage; silhouette and coherence for each topic as well,
 * from the same computations (`assignments` gives each document's topic, −1 for none). Coherence is never sampled: NPMI depends on the
 * number of windows, and on a 20,000-document sample of 87,242 abstracts it came out 0.02
 * to 0.03 lower (bench/shortcuts.mjs); its cost is linear in the tokens (0.5 s for those
 * 87,242 abstracts).
 */
export function scoreStage(
  X: ClusterPoints,
  labels: Int32Array,
  k: number,
  metric: KMeansMetric,
  seed: number,
  topics: readonly Topic[],
  assignments: Int32Array,
  tokens: TokenDocuments,
  stability: { value: number | null; measuredOn: number },
): TopicsQuality {
  const named = topics.filter((t) => t.keywords.length > 0);
  const topTerms = named.map((t) => t.keywords.slice(0, 10).map((x) => x.counted ?? x.term));
  const perTopic = npmiPerTopicOfTokens(topTerms, tokens);
  const coherenceOf = new Map(named.map((t, i) => [t.id, perTopic[i] ?? null]));
  // Outliers (label −1) belong to no cluster: the silhouette is that of the topics' documents.
  const inliers = labels.some((l) => l < 0)
    ? Int32Array.from(labels.keys()).filter((i) => (labels[i] as number) >= 0)
    : null;
  if (inliers !== null) {
    X = selectPoints(X, inliers);
    labels = Int32Array.from(inliers, (i) => labels[i] as number);
  }
  const n = labels.length;
  let distinct = 0;
  const seen = new Uint8Array(k);
  for (const l of labels) {
    if (l >= 0 && seen[l] === 0) {
      seen[l] = 1;
      distinct++;
    }
  }
  const sampled =
    k >= 2 && k <= n - 1 && distinct >= 2
      ? sampledSilhouettes(X, labels, { metric, sampleSize: Math.min(n, SILHOUETTE_SAMPLE), seed })
      : null;
  const silhouette = sampled === null ? null : sampled.mean;
  // Each sampled row's topic, through the inliers when outliers were left out.
  const topicSums = new Map<number, { sum: number; count: number }>();
  if (sampled !== null) {
    sampled.values.forEach((value, i) => {
      const row = sampled.rows === null ? i : (sampled.rows[i] as number);
      const topic = assignments[inliers === null ? row : (inliers[row] as number)] as number;
      const entry = topicSums.get(topic) ?? { sum: 0, count: 0 };
      entry.sum += value;
      entry.count++;
      topicSums.set(topic, entry);
    });
  }
  const topicQuality = topics.map((t): TopicQuality => {
    const s = topicSums.get(t.id);
    return {
      id: t.id,
      silhouette: s === undefined ? null : s.sum / s.count,
      silhouetteDocuments: s?.count ?? 0,
      coherence: coherenceOf.get(t.id) ?? null,
    };
  });
  return {
    silhouette,
    stability: stability.value,
    coherence: meanTopicCoherence(perTopic),
    diversity: topicDiversity(topTerms, 10),
    measuredOn: {
      silhouette: silhouette === null ? 0 : Math.min(n, SILHOUETTE_SAMPLE),
      stability: stability.measuredOn,
      coherence: tokens.offsets.length - 1,
    },
    kChoice: null,
    topics: topicQuality,
  };
}
