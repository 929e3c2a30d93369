import { exp, log } from "../core/math.js";
import { type ContingencyTable, contingencyTable } from "./contingency.js";
import type { Labels } from "./labels.js";

/** Shannon entropy (nats) of a vector of counts, as scikit-learn's `entropy`. */
function entropyOf(counts: Float64Array, total: number): number {
  if (total === 0) return 1;
  const logTotal = log(total);
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / total) * (log(c) - logTotal);
  return h;
}

/** Mutual information (nats) of a contingency table, in scikit-learn's order of operations. */
function mutualInformation(t: ContingencyTable): number {
  if (t.rows === 1 || t.cols === 1) return 0;
  const logTotal = log(t.total);
  const logRows = log(sum(t.rowSums));
  const logCols = log(sum(t.colSums));
  let mi = 0;
  for (let r = 0; r < t.rows; r++) {
    for (let c = 0; c < t.cols; c++) {
      const n = t.counts[r * t.cols + c] as number;
      if (n === 0) continue;
      const p = n / t.total;
      const outer = (t.rowSums[r] as number) * (t.colSums[c] as number);
      const term = p * (log(n) - logTotal) + p * (-log(outer) + logRows + logCols);
      if (Math.abs(term) >= Number.EPSILON) mi += term;
    }
  }
  return Math.max(0, mi);
}

function sum(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

/** Homogeneity, completeness and V-measure together. */
export interface HomogeneityCompleteness {
  readonly homogeneity: number;
  readonly completeness: number;
  readonly vMeasure: number;
}

/**
 * Homogeneity (each cluster holds one class), completeness (each class sits in one
 * cluster) and their weighted harmonic mean, the V-measure (Rosenberg & Hirschberg,
 * 2007), as scikit-learn's `homogeneity_completeness_v_measure`. O(n + classes·clusters).
 * @throws InvalidArgumentError for labelings of different lengths.
 */
export function homogeneityCompletenessVMeasure(
  labelsTrue: Labels,
  labelsPred: Labels,
  beta = 1,
): HomogeneityCompleteness {
  const t = contingencyTable(labelsTrue, labelsPred, "homogeneityCompletenessVMeasure");
  if (t.total === 0) return { homogeneity: 1, completeness: 1, vMeasure: 1 };
  const hTrue = entropyOf(t.rowSums, t.total);
  const hPred = entropyOf(t.colSums, t.total);
  const mi = mutualInformation(t);
  const homogeneity = hTrue ? mi / hTrue : 1;
  const completeness = hPred ? mi / hPred : 1;
  const vMeasure =
    homogeneity + completeness === 0
      ? 0
      : ((1 + beta) * homogeneity * completeness) / (beta * homogeneity + completeness);
  return { homogeneity, completeness, vMeasure };
}

/** Homogeneity: 1 when every cluster holds documents of a single class. */
export function homogeneity(labelsTrue: Labels, labelsPred: Labels): number {
  return homogeneityCompletenessVMeasure(labelsTrue, labelsPred).homogeneity;
}

/** Completeness: 1 when all documents of a class share a cluster. */
export function completeness(labelsTrue: Labels, labelsPred: Labels): number {
  return homogeneityCompletenessVMeasure(labelsTrue, labelsPred).completeness;
}

/** V-measure: the harmonic mean of homogeneity and completeness (beta = 1). */
export function vMeasure(labelsTrue: Labels, labelsPred: Labels, beta = 1): number {
  return homogeneityCompletenessVMeasure(labelsTrue, labelsPred, beta).vMeasure;
}

/**
 * Adjusted Rand index (Hubert & Arabie, 1985) from the pair confusion matrix, as
 * scikit-learn: 1 for identical partitions, about 0 for random ones. O(n + classes·clusters).
 */
export function adjustedRandIndex(labelsTrue: Labels, labelsPred: Labels): number {
  const t = contingencyTable(labelsTrue, labelsPred, "adjustedRandIndex");
  const n = t.total;
  let sumSquares = 0;
  for (const v of t.counts) sumSquares += v * v;
  let rowDot = 0; // sum over classes of (row · column sums)
  for (let r = 0; r < t.rows; r++) {
    for (let c = 0; c < t.cols; c++) rowDot += (t.counts[r * t.cols + c] as number) * (t.colSums[c] as number);
  }
  let colDot = 0;
  for (let r = 0; r < t.rows; r++) {
    for (let c = 0; c < t.cols; c++) colDot += (t.counts[r * t.cols + c] as number) * (t.rowSums[r] as number);
  }
  const tp = sumSquares - n;
  const fp = rowDot - sumSquares;
  const fn = colDot - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

/**
 * Normalized mutual information with the arithmetic mean of the entropies as
 * normaliser (scikit-learn's default). O(n + classes·clusters).
 */
export function normalizedMutualInfo(labelsTrue: Labels, labelsPred: Labels): number {
  const t = contingencyTable(labelsTrue, labelsPred, "normalizedMutualInfo");
  if ((t.rows === 1 && t.cols === 1) || (t.rows === 0 && t.cols === 0)) return 1;
  const mi = mutualInformation(t);
  if (mi === 0) return 0;
  const normalizer = (entropyOf(t.rowSums, t.total) + entropyOf(t.colSums, t.total)) / 2;
  return mi / normalizer;
}

/**
 * Adjusted mutual information (Vinh, Epps & Bailey, 2010) with the arithmetic mean
 * normaliser, as scikit-learn: (MI - E[MI]) / (mean(H) - E[MI]), with E[MI] the
 * expected mutual information under the hypergeometric model.
 * O(classes·clusters·min(max class, max cluster)).
 */
export function adjustedMutualInfo(labelsTrue: Labels, labelsPred: Labels): number {
  const t = contingencyTable(labelsTrue, labelsPred, "adjustedMutualInfo");
  if ((t.rows === 1 && t.cols === 1) || (t.rows === 0 && t.cols === 0)) return 1;
  const mi = mutualInformation(t);
  const emi = expectedMutualInformation(t);
  const normalizer = (entropyOf(t.rowSums, t.total) + entropyOf(t.colSums, t.total)) / 2;
  let denominator = normalizer - emi;
  denominator = denominator < 0 ? Math.min(denominator, -Number.EPSILON) : Math.max(denominator, Number.EPSILON);
  return (mi - emi) / denominator;
}

/** E[MI] under random labelings with the same cluster sizes (scikit-learn's `expected_mutual_information`). */
function expectedMutualInformation(t: ContingencyTable): number {
  const n = t.total;
  const logFactorial = new Float64Array(n + 2);
  for (let i = 2; i <= n + 1; i++) logFactorial[i] = (logFactorial[i - 1] as number) + log(i);
  const lf = (x: number) => logFactorial[x] as number;
  const logN = log(n);
  let emi = 0;
  for (let r = 0; r < t.rows; r++) {
    const a = t.rowSums[r] as number;
    for (let c = 0; c < t.cols; c++) {
      const b = t.colSums[c] as number;
      const start = Math.max(1, a + b - n);
      const end = Math.min(a, b);
      const fixed = lf(a) + lf(b) + lf(n - a) + lf(n - b) - lf(n);
      for (let nij = start; nij <= end; nij++) {
        const term2 = logN + log(nij) - log(a) - log(b);
        const gln = fixed - lf(nij) - lf(a - nij) - lf(b - nij) - lf(n - a - b + nij);
        emi += (nij / n) * term2 * exp(gln);
      }
    }
  }
  return emi;
}

/** Purity: the share of documents that belong to their cluster's most common class. O(n + classes·clusters). */
export function purity(labelsTrue: Labels, labelsPred: Labels): number {
  const t = contingencyTable(labelsTrue, labelsPred, "purity");
  if (t.total === 0) return 1;
  let hits = 0;
  for (let c = 0; c < t.cols; c++) {
    let best = 0;
    for (let r = 0; r < t.rows; r++) best = Math.max(best, t.counts[r * t.cols + c] as number);
    hits += best;
  }
  return hits / t.total;
}
