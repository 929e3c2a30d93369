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
  return similarityOfStems(stems(a), stems(b));
}

function similarityOfStems(wa: ReadonlySet<string>, wb: ReadonlySet<string>): number {
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
 * (or containing) a picked term are skipped outright (overlap de-duplication). Each
 * candidate's words are stemmed once and its similarity to the picked terms kept up to
 * date, so the cost is O(topN · candidates) similarity checks.
 */
export function selectDiverse(candidates: readonly Candidate[], topN: number, diversity: number): Candidate[] {
  if (candidates.length === 0) return [];
  const top = Math.max(...candidates.map((c) => c.score));
  const words = candidates.map((c) => stems(c.term));
  const maxSim = new Float64Array(candidates.length);
  const taken = new Uint8Array(candidates.length);
  const picked: Candidate[] = [];
  while (picked.length < topN) {
    let bestIndex = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < candidates.length; i++) {
      if (taken[i] === 1 || (maxSim[i] as number) >= 1) continue;
      const c = candidates[i] as Candidate;
      const value = (1 - diversity) * (top > 0 ? c.score / top : 0) - diversity * (maxSim[i] as number);
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    }
    if (bestIndex < 0) break;
    taken[bestIndex] = 1;
    picked.push(candidates[bestIndex] as Candidate);
    const chosen = words[bestIndex] as Set<string>;
    for (let i = 0; i < candidates.length; i++) {
      if (taken[i] === 0) maxSim[i] = Math.max(maxSim[i] as number, similarityOfStems(words[i] as Set<string>, chosen));
    }
  }
  return picked;
}
