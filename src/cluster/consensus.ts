import { cutTree, linkage } from "../analysis/linkage.js";
import { copyRow, type Points } from "../core/points.js";
import type { KMeansMetric, KMeansResult } from "./kmeans.js";

/**
 * Evidence accumulation (Fred & Jain 2005): how often each pair of points shares a cluster
 * over `runs`, and the partition into `k` groups that average linkage on 1 − that share
 * gives. Groups are numbered by their first point. O(runs·n² + n³); meant for a few hundred
 * points.
 */
export function consensusLabels(runs: readonly Int32Array[], n: number, k: number): Int32Array {
  const together = new Float64Array(n * n);
  for (const labels of runs)
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        if (labels[i] === labels[j]) together[i * n + j] = (together[i * n + j] as number) + 1;
  const distances = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const d = 1 - (together[i * n + j] as number) / runs.length;
      distances[i * n + j] = d;
      distances[j * n + i] = d;
    }
  const labels = new Int32Array(n);
  cutTree(linkage(distances, n, "average"), n, k).forEach((group, c) => {
    for (const i of group) labels[i] = c;
  });
  return labels;
}

/**
 * A k-means result for a partition made otherwise: each cluster's centre is its points'
 * mean (unit length for cosine), inertia as k-means reports it (half the squared distances
 * of unit rows for cosine, squared distances for euclidean).
 */
export function partitionResult(
  p: Points,
  labels: Int32Array,
  k: number,
  metric: KMeansMetric,
  base: KMeansResult,
): KMeansResult {
  const d = p.cols;
  const centres = new Float64Array(k * d);
  const row = new Float64Array(d);
  for (let i = 0; i < p.rows; i++) {
    copyRow(p, i, row);
    const c = labels[i] as number;
    for (let f = 0; f < d; f++) centres[c * d + f] = (centres[c * d + f] as number) + (row[f] as number);
  }
  const sizes = new Float64Array(k);
  for (const c of labels) sizes[c] = (sizes[c] as number) + 1;
  for (let c = 0; c < k; c++) {
    let norm = 0;
    for (let f = 0; f < d; f++) {
      const v = (centres[c * d + f] as number) / Math.max(1, sizes[c] as number);
      centres[c * d + f] = v;
      norm += v * v;
    }
    if (metric === "cosine" && norm > 0)
      for (let f = 0; f < d; f++) centres[c * d + f] = (centres[c * d + f] as number) / Math.sqrt(norm);
  }
  let inertia = 0;
  for (let i = 0; i < p.rows; i++) {
    copyRow(p, i, row);
    const c = labels[i] as number;
    let sq = 0;
    for (let f = 0; f < d; f++) sq += ((row[f] as number) - (centres[c * d + f] as number)) ** 2;
    inertia += metric === "cosine" ? sq / 2 : sq;
  }
  return { ...base, labels, centroids: { rows: k, cols: d, data: centres }, inertia };
}
