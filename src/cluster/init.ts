import { log } from "../core/math.js";
import { copyRow, type Points, rowDot } from "../core/points.js";
import type { Random } from "../core/random.js";
import { sampleWithoutReplacement } from "../core/random.js";

/**
 * Greedy k-means++ seeding exactly as scikit-learn's `_kmeans_plusplus`: the first
 * centre is a uniformly drawn point; each next centre is the best of
 * `2 + floor(ln k)` candidates drawn with probability proportional to the squared
 * distance to the nearest chosen centre, "best" meaning the candidate that lowers the
 * potential (sum of those squared distances) most. Arthur & Vassilvitskii (2007).
 * O(n·k·(2 + ln k)) distance evaluations. Returns k x cols centres (row-major).
 */
export function kmeansPlusPlus(
  p: Points,
  xSquaredNorms: Float64Array,
  k: number,
  random: Random,
  weights: Float64Array | null = null,
): Float64Array {
  const n = p.rows;
  const d = p.cols;
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(log(k));
  const candidate = new Float64Array(d);
  const closest = new Float64Array(n);
  const trialDist = new Float64Array(n);
  const bestDist = new Float64Array(n);
  const cumulative = new Float64Array(n);

  const first = random.nextInt(n);
  copyRow(p, first, centers, 0);
  let potential = distancesTo(p, xSquaredNorms, centers, 0, closest, closest, weights);

  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let i = 0; i < n; i++) {
      running += (closest[i] as number) * (weights === null ? 1 : (weights[i] as number));
      cumulative[i] = running;
    }
    let bestPotential = Infinity;
    let bestId = -1;
    for (let t = 0; t < trials; t++) {
      const target = random.nextFloat() * potential;
      const id = Math.min(searchSorted(cumulative, target), n - 1);
      copyRow(p, id, candidate, 0);
      const pot = distancesTo(p, xSquaredNorms, candidate, 0, closest, trialDist, weights);
      if (pot < bestPotential) {
        bestPotential = pot;
        bestId = id;
        bestDist.set(trialDist);
      }
    }
    potential = bestPotential;
    closest.set(bestDist);
    copyRow(p, bestId, centers, c * d);
  }
  return centers;
}

/**
 * `out[i] = min(current[i], ||x_i - center||²)`; returns the weighted sum of `out`.
 * Computed as `||x||² + ||c||² - 2 x·c` clipped at 0, as scikit-learn does.
 */
function distancesTo(
  p: Points,
  xSquaredNorms: Float64Array,
  center: Float64Array,
  offset: number,
  current: Float64Array,
  out: Float64Array,
  weights: Float64Array | null,
): number {
  let cNorm = 0;
  for (let f = 0; f < p.cols; f++) {
    const v = center[offset + f] as number;
    cNorm += v * v;
  }
  const firstPass = current === out;
  let total = 0;
  for (let i = 0; i < p.rows; i++) {
    const dist = Math.max(0, (xSquaredNorms[i] as number) + cNorm - 2 * rowDot(p, i, center, offset));
    const v = firstPass ? dist : Math.min(current[i] as number, dist);
    out[i] = v;
    total += weights === null ? v : v * (weights[i] as number);
  }
  return total;
}

/** First index whose cumulative value is >= target (numpy's searchsorted, side "left"). */
function searchSorted(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** k distinct points drawn uniformly, as scikit-learn's `init="random"`. */
export function randomInit(p: Points, k: number, random: Random): Float64Array {
  const ids = sampleWithoutReplacement(p.rows, k, random);
  const centers = new Float64Array(k * p.cols);
  for (let c = 0; c < k; c++) copyRow(p, ids[c] as number, centers, c * p.cols);
  return centers;
}
