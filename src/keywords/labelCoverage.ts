import type { TermDocumentSource } from "./termDocuments.js";

/**
 * Topics smaller than this are labelled in keyword order: which of a handful of documents a
 * word adds says little ("growth" beside "reward" for the one paper of four without it).
 */
export const COVERAGE_MIN_DOCUMENTS = 10;

/**
 * For each cluster, which of its documents hold each of the terms it shows: the i-th array
 * of a cluster lists, for `shown[c][i]`, the positions (0 to the cluster's documents read,
 * exclusive) of its documents holding that term. The documents are read once for all
 * clusters, as `source` reads them (every document, or an even sample of a large corpus);
 * `labels[d]` is document d's cluster (negative: none). Clusters under
 * {@link COVERAGE_MIN_DOCUMENTS} documents get null. O(documents read × terms shown per cluster).
 */
export function clusterTermHolders(
  source: TermDocumentSource,
  labels: Int32Array,
  shown: readonly (readonly number[])[],
  sizes: Int32Array,
): (Int32Array[] | null)[] {
  const k = shown.length;
  const measured = (c: number) => (sizes[c] as number) >= COVERAGE_MIN_DOCUMENTS;
  const rowOf = new Map<number, number>();
  for (let c = 0; c < k; c++) {
    if (!measured(c)) continue;
    for (const t of shown[c] as readonly number[]) if (!rowOf.has(t)) rowOf.set(t, rowOf.size);
  }
  if (rowOf.size === 0) return shown.map(() => null);
  const m = source([...rowOf.keys()]);
  // Each cluster's documents as positions in the documents read.
  const members: number[][] = shown.map(() => []);
  for (let s = 0; s < m.rows.length; s++) {
    const c = labels[m.rows[s] as number] as number;
    if (c >= 0 && c < k && measured(c)) (members[c] as number[]).push(s);
  }
  const { bits, stride } = m;
  return shown.map((terms, c) => {
    if (!measured(c)) return null;
    const positions = members[c] as number[];
    return terms.map((t) => {
      const start = (rowOf.get(t) as number) * stride;
      const held: number[] = [];
      positions.forEach((s, i) => {
        if ((((bits[start + (s >>> 5)] as number) >>> (s & 31)) & 1) === 1) held.push(i);
      });
      return Int32Array.from(held);
    });
  });
}
