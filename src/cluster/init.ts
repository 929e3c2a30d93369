import { log } from "../core/math.js";
import { copyRow, type Points } from "../core/points.js";
import type { Random } from "../core/random.js";
import { sampleWithoutReplacement } from "../core/random.js";
import { CANDIDATES_PER_PASS, type CandidateDots, createCandidateDots } from "./candidates.js";

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
  dots: CandidateDots = createCandidateDots(p),
  fixed: Float64Array | null = null,
): Float64Array {
  const n = p.rows;
  const d = p.cols;
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(log(k));
  const closest = new Float64Array(n);
  const trialDist = new Float64Array(trials * n);
  const potentials = new Float64Array(trials);
  const cumulative = new Float64Array(n);

  // Given first centres (guided topics) take the place of the first draws; the rest follow
  // k-means++ from them. Without them, the first centre is a uniformly drawn point.
  const given = fixed === null ? 0 : fixed.length / d;
  if (given === 0) copyRow(p, random.nextInt(n), centers, 0);
  else centers.set(fixed as Float64Array);
  scoreCandidates(p, xSquaredNorms, weights, dots, centers.subarray(0, d), 1, null, closest, potentials);
  for (let c = 1; c < given; c++) {
    scoreCandidates(
      p,
      xSquaredNorms,
      weights,
      dots,
      centers.subarray(c * d, (c + 1) * d),
      1,
      closest,
      trialDist,
      potentials,
    );
    closest.set(trialDist.subarray(0, n));
  }
  let potential = potentials[0] as number;

  const candidates = new Float64Array(trials * d);
  const ids = new Int32Array(trials);
  for (let c = Math.max(1, given); c < k; c++) {
    let running = 0;
    for (let i = 0; i < n; i++) {
      running += (closest[i] as number) * (weights === null ? 1 : (weights[i] as number));
      cumulative[i] = running;
    }
    for (let t = 0; t < trials; t++) {
      const target = random.nextFloat() * potential;
      ids[t] = Math.min(searchSorted(cumulative, target), n - 1);
      copyRow(p, ids[t] as number, candidates, t * d);
    }
    scoreCandidates(p, xSquaredNorms, weights, dots, candidates, trials, closest, trialDist, potentials);
    let best = 0;
    for (let t = 1; t < trials; t++) if ((potentials[t] as number) < (potentials[best] as number)) best = t;
    potential = potentials[best] as number;
    closest.set(trialDist.subarray(best * n, (best + 1) * n));
    copyRow(p, ids[best] as number, centers, c * d);
  }
  return centers;
}

/**
 * For each candidate t: `out[t·n + i] = min(current[i], ||x_i - c_t||²)` (just the distance
 * when `current` is null) and `potentials[t]` the weighted sum of those, in row order. The
 * distance is `||x||² + ||c||² - 2 x·c` clipped at 0, as scikit-learn computes it; eight
 * candidates share each pass over the rows.
 */
function scoreCandidates(
  p: Points,
  xSquaredNorms: Float64Array,
  weights: Float64Array | null,
  dots: CandidateDots,
  candidates: Float64Array,
  count: number,
  current: Float64Array | null,
  out: Float64Array,
  potentials: Float64Array,
): void {
  const n = p.rows;
  const d = p.cols;
  const width = CANDIDATES_PER_PASS;
  potentials.fill(0);
  for (let g = 0; g < count; g += width) {
    const group = Math.min(width, count - g);
    const cNorms = new Float64Array(group);
    for (let t = 0; t < group; t++) {
      let s = 0;
      for (let f = (g + t) * d, end = f + d; f < end; f++) {
        const v = candidates[f] as number;
        s += v * v;
      }
      cNorms[t] = s;
    }
    dots.setCandidates(candidates.subarray(g * d, (g + group) * d), group);
    for (let from = 0; from < n; from += dots.chunk) {
      const to = Math.min(n, from + dots.chunk);
      const block = dots.dots(from, to);
      for (let t = 0; t < group; t++) {
        const cNorm = cNorms[t] as number;
        const base = (g + t) * n;
        let total = potentials[g + t] as number;
        for (let i = from; i < to; i++) {
          const dot = block[(i - from) * width + t] as number;
          const dist = Math.max(0, (xSquaredNorms[i] as number) + cNorm - 2 * dot);
          const v = current === null ? dist : Math.min(current[i] as number, dist);
          out[base + i] = v;
          total += weights === null ? v : v * (weights[i] as number);
        }
        potentials[g + t] = total;
      }
    }
  }
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
