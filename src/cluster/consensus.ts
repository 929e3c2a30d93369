import { cutTree, linkage } from "../analysis/linkage.js";
import type { DenseMatrix } from "../core/dense.js";
import { copyRow, type Points } from "../core/points.js";
import type { KMeansMetric } from "./kmeans.js";

/**
 * Evidence accumulation (Fred & Jain 2005): how often each pair of points shares a cluster
 * over `runs`, and the partition into `k` groups that average linkage on 1 − that share
 * gives. Groups are numbered by their first point. O(runs·n² + n³); meant for a few hundred
 * points.
 */
export function consensusLabels(runs: readonly Int32Array[], n: number, k: number): Int32Array {
  // Runs sharing each pair (upper triangle), then turned in place into 1 − their share, mirrored.
  const distances = new Float64Array(n * n);
  for (const labels of runs)
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        if (labels[i] === labels[j]) distances[i * n + j] = (distances[i * n + j] as number) + 1;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const d = 1 - (distances[i * n + j] as number) / runs.length;
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
 * Each group's mean (unit length for cosine) for labels in [from, k); rows of other labels
 * (−1: in no group) are skipped and the rows of groups below `from` stay zero. The centres
 * of a partition made otherwise than by k-means (a consensus, given clusters, zero-shot
 * topics).
 */
export function partitionCentres(
  p: Points,
  labels: Int32Array,
  k: number,
  metric: KMeansMetric,
  from = 0,
): DenseMatrix {
  const d = p.cols;
  const centres = new Float64Array(k * d);
  const row = new Float64Array(d);
  const sizes = new Float64Array(k);
  for (let i = 0; i < p.rows; i++) {
    const c = labels[i] as number;
    if (c < from) continue;
    copyRow(p, i, row);
    sizes[c] = (sizes[c] as number) + 1;
    for (let f = 0; f < d; f++) centres[c * d + f] = (centres[c * d + f] as number) + (row[f] as number);
  }
  for (let c = from; c < k; c++) {
    let norm = 0;
    for (let f = 0; f < d; f++) {
      const v = (centres[c * d + f] as number) / Math.max(1, sizes[c] as number);
      centres[c * d + f] = v;
      norm += v * v;
    }
    if (metric === "cosine" && norm > 0)
      for (let f = 0; f < d; f++) centres[c * d + f] = (centres[c * d + f] as number) / Math.sqrt(norm);
  }
  return { rows: k, cols: d, data: centres };
}
