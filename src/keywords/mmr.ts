/** A candidate keyword for {@link selectDiverse}. */
export interface Candidate {
  readonly term: string;
  readonly score: number;
  readonly id: number;
}

import { porter2Stemmer } from "../text/stem.js";

const stems = (term: string) => new Set(term.split(" ").map(porter2Stemmer));

/**
 * Word overlap of two terms: Jaccard similarity of their sets of (Porter2-stemmed)
 * words, raised to 1 when one term's words contain the other's ("federated" inside
 * "federated learning", "client" and "clients").
 */
export function termSimilarity(a: string, b: string): number {
  const wa = stems(a);
  const wb = stems(b);
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  if (shared === 0) return 0;
  if (shared === wa.size || shared === wb.size) return 1;
  return shared / (wa.size + wb.size - shared);
}

/**
 * Maximal Marginal Relevance (Carbonell & Goldstein, 1998): repeatedly pick the
 * candidate maximising `(1 - diversity)·relevance - diversity·max similarity to the
 * picked ones`, relevance being the score scaled to [0, 1]. Candidates contained in
 * (or containing) a picked term are skipped outright (overlap de-duplication). O(topN · candidates).
 */
export function selectDiverse(candidates: readonly Candidate[], topN: number, diversity: number): Candidate[] {
  if (candidates.length === 0) return [];
  const top = Math.max(...candidates.map((c) => c.score));
  const picked: Candidate[] = [];
  const left = candidates.slice();
  while (picked.length < topN && left.length > 0) {
    let bestIndex = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < left.length; i++) {
      const c = left[i] as Candidate;
      let maxSim = 0;
      for (const p of picked) maxSim = Math.max(maxSim, termSimilarity(c.term, p.term));
      if (maxSim >= 1) continue;
      const value = (1 - diversity) * (top > 0 ? c.score / top : 0) - diversity * maxSim;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    }
    if (bestIndex < 0) break;
    picked.push(left[bestIndex] as Candidate);
    left.splice(bestIndex, 1);
  }
  return picked;
}
