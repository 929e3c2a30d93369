import { log } from "../core/math.js";
import { sharedDocuments, type TermDocumentBits, type TermDocumentSource } from "./termDocuments.js";

/** A scored candidate keyword (a column of the vocabulary). */
export interface ScoredTerm {
  readonly t: number;
  readonly score: number;
}

/** A cluster's candidates, best first, and which of them are common in its documents. */
export interface CandidatePool {
  readonly terms: readonly ScoredTerm[];
  /** Whether a candidate is in enough of the cluster's documents to lead it. */
  readonly common: (t: number) => boolean;
}

/** Each candidate is compared with this many of its topic's best-scored candidates. */
export const COHERENCE_HEAD = 10;

/** NPMI's smoothing of an empty co-occurrence, as gensim's `c_npmi`. */
const EPSILON = 1e-12;

/**
 * Normalised pointwise mutual information of two terms from document counts:
 * `ln((P(a,b) + ε) / (P(a)·P(b))) / −ln(P(a,b) + ε)`, in [−1, 1] (−1 for terms never
 * together); 0 when either term is in no document.
 */
export function documentNpmi(shared: number, a: number, b: number, documents: number): number {
  if (a === 0 || b === 0 || documents === 0) return 0;
  const pab = shared / documents + EPSILON;
  return log(pab / ((a / documents) * (b / documents))) / -log(pab);
}

/**
 * Each cluster's candidates reordered by their score and by how well they go with the
 * topic's leading candidates: the new score is `(1 − weight) · score / best score + weight ·
 * (1 + c) / 2`, where `c` is the mean document NPMI of the candidate with the cluster's
 * {@link COHERENCE_HEAD} best-scored candidates that are common in its documents (the
 * best-scored ones for a topic with none), itself aside.
 * Words that share documents with the topic's widespread keywords rise; a word of a few
 * unrelated documents, or one used everywhere, sinks, and words of one odd document do not
 * lift each other. Candidates arrive best first; ties keep `tieBreak`'s order.
 */
export function reweighByCoherence(
  pools: readonly CandidatePool[],
  source: TermDocumentSource,
  weight: number,
  tieBreak: (a: number, b: number) => number,
): ScoredTerm[][] {
  const rowOf = new Map<number, number>();
  for (const pool of pools) for (const x of pool.terms) if (!rowOf.has(x.t)) rowOf.set(x.t, rowOf.size);
  const bits: TermDocumentBits = source([...rowOf.keys()]);
  return pools.map(({ terms: pool, common }) => {
    if (pool.length === 0) return [];
    const best = Math.max(...pool.map((x) => x.score));
    const widespread = pool.filter((x) => common(x.t));
    const head = (widespread.length > 0 ? widespread : pool)
      .slice(0, COHERENCE_HEAD)
      .map((x) => rowOf.get(x.t) as number);
    return pool
      .map((x): ScoredTerm => {
        const row = rowOf.get(x.t) as number;
        let sum = 0;
        let pairs = 0;
        for (const h of head) {
          if (h === row) continue;
          const shared = sharedDocuments(bits, row, h);
          sum += documentNpmi(shared, bits.counts[row] as number, bits.counts[h] as number, bits.documents);
          pairs++;
        }
        const coherence = pairs === 0 ? 0 : sum / pairs;
        const relevance = best > 0 ? x.score / best : 0;
        return { t: x.t, score: (1 - weight) * relevance + (weight * (1 + coherence)) / 2 };
      })
      .sort((a, b) => b.score - a.score || tieBreak(a.t, b.t));
  });
}
