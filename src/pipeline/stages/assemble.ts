import { asPoints, rowDot } from "../../core/points.js";
import type { Topic } from "../types.js";
import type { ClusterFit, ClusterPoints } from "./cluster.js";
import type { representStage } from "./represent.js";

/** What the stages after vectorizing need of the documents themselves. */
export interface DocumentFacts {
  readonly titles: readonly (string | undefined)[];
  readonly ids: readonly (string | undefined)[];
  /** The start of document i's text, for representatives. */
  excerpt(i: number): string;
}

/**
 * Topics numbered by decreasing size (ties by cluster index), their documents closest to
 * the centre first, and every document's topic; outliers (label -1) get topic -1.
 */
export function assembleTopics(
  perCluster: ReturnType<typeof representStage>,
  clustering: ClusterFit,
  X: ClusterPoints,
  k: number,
  nRepresentatives: number,
  docs: DocumentFacts,
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
    const inTopic = members[cluster] as number[];
    inTopic.sort((a, b) => (closeness[b] as number) - (closeness[a] as number) || a - b);
    const kw = perCluster[cluster] as (typeof perCluster)[number];
    const fallback = inTopic.length === 0 ? "(empty)" : "(no distinctive terms)";
    return {
      id: topic,
      label: kw.label || fallback,
      name: kw.name || fallback,
      keywords: kw.keywords,
      size: inTopic.length,
      documents: inTopic,
      representatives: inTopic.slice(0, nRepresentatives).map((i) => ({
        index: i,
        id: docs.ids[i],
        title: docs.titles[i],
        excerpt: docs.excerpt(i),
      })),
    };
  });
  return { topics, assignments, topicOfCluster };
}

/** Similarity of each document to its cluster centre (dot product with the centroid; higher is closer). */
export function closenessToCentre(X: ClusterPoints, clustering: ClusterFit): Float64Array {
  const out = new Float64Array(clustering.labels.length);
  if (clustering.centroids === null) return out;
  const centroids = Float64Array.from(clustering.centroids.data);
  const d = clustering.centroids.cols;
  const p = asPoints(X);
  for (let i = 0; i < out.length; i++) {
    const c = clustering.labels[i] as number;
    if (c >= 0) out[i] = rowDot(p, i, centroids, c * d);
  }
  return out;
}
