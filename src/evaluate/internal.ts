import { accumulateCenters } from "../cluster/assign.js";
import { InvalidArgumentError } from "../core/errors.js";
import { copyRow, type Points, rowDot, selectRows, squaredRowNorms, toPoints, type Vectors } from "../core/points.js";
import { createRandom, randomPermutation } from "../core/random.js";
import { checkInteger, checkOneOf, checkOptions } from "../core/validate.js";
import { checkClusterCount, encodeLabels, type Labels } from "./labels.js";

export interface SilhouetteOptions {
  /** `"euclidean"` or `"cosine"` (1 - cosine similarity; 1 against a zero vector). @defaultValue "euclidean" */
  readonly metric?: "euclidean" | "cosine";
  /** Score a seeded random sample of this many rows (scikit-learn's `sample_size`). @defaultValue all rows */
  readonly sampleSize?: number;
  /** Seed of the sample. @defaultValue 0 */
  readonly seed?: number;
}

function prepare(fn: string, X: Vectors, labels: Labels): { p: Points; codes: Int32Array; k: number } {
  const p = toPoints(X, fn);
  return { p, ...labelCodes(fn, p.rows, labels) };
}

/** The labels of `rows` rows numbered 0..k-1, checked to be one a row and 2 to rows - 1 clusters. */
function labelCodes(fn: string, rows: number, labels: Labels): { codes: Int32Array; k: number } {
  const { codes, count } = encodeLabels(fn, "labels", labels);
  if (codes.length !== rows) {
    throw new InvalidArgumentError(
      `${fn}: labels must have one entry per row of X (${rows}); got ${codes.length}`,
      "labels",
    );
  }
  checkClusterCount(fn, count, rows);
  return { codes, k: count };
}

/**
 * Silhouette coefficient of every row (Rousseeuw, 1987): `(b - a) / max(a, b)` with
 * `a` the mean distance to the other members of its cluster and `b` the smallest mean
 * distance to another cluster; 0 for a singleton, as scikit-learn's
 * `silhouette_samples`. Distances come from dot products, so sparse X stays sparse.
 * O(n · nnz) time, O(n + k) memory.
 * @throws InvalidArgumentError unless 2 <= clusters <= n - 1.
 */
export function silhouetteSamples(
  X: Vectors,
  labels: Labels,
  options: Omit<SilhouetteOptions, "sampleSize" | "seed"> = {},
): Float64Array {
  const fn = "silhouetteSamples";
  const o = checkOptions(fn, options, ["metric"]);
  const metric = checkOneOf(fn, "options.metric", o.metric ?? "euclidean", ["euclidean", "cosine"]);
  const { p, codes, k } = prepare(fn, X, labels);
  return silhouetteOf(p, codes, k, metric);
}

function silhouetteOf(p: Points, codes: Int32Array, k: number, metric: "euclidean" | "cosine"): Float64Array {
  const distancesTo = distanceRows(p, metric);
  const buffer = new Float64Array(p.rows);
  return silhouetteFromDistances(codes, k, (i) => {
    distancesTo(i, buffer);
    return buffer;
  });
}

/**
 * Writes the distance of row i to every other row into `out` (out[i] is left alone):
 * from dot products, so sparse rows stay sparse. Every distance is computed the same way
 * whichever way it is stored, so the silhouette has the same bits.
 */
function distanceRows(p: Points, metric: "euclidean" | "cosine"): (i: number, out: Float64Array) => void {
  const n = p.rows;
  const norms = squaredRowNorms(p);
  const row = new Float64Array(p.cols);
  return (i, out) => {
    // Row i as a dense vector; for sparse rows only its entries are written, and cleared below.
    if (p.kind === "sparse") {
      for (let q = p.indptr[i] as number; q < (p.indptr[i + 1] as number); q++)
        row[p.indices[q] as number] = p.data[q] as number;
    } else copyRow(p, i, row);
    const ni = norms[i] as number;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dot = rowDot(p, j, row);
      if (metric === "euclidean") out[j] = Math.sqrt(Math.max(0, ni + (norms[j] as number) - 2 * dot));
      else {
        const denom = Math.sqrt(ni) * Math.sqrt(norms[j] as number);
        out[j] = denom === 0 ? 1 : Math.max(0, 1 - dot / denom);
      }
    }
    if (p.kind === "sparse") {
      for (let q = p.indptr[i] as number; q < (p.indptr[i + 1] as number); q++) row[p.indices[q] as number] = 0;
    }
  };
}

/** Each row's silhouette from its distances to the others (`distancesOf(i)`, entry i unused). */
function silhouetteFromDistances(codes: Int32Array, k: number, distancesOf: (i: number) => Float64Array): Float64Array {
  const n = codes.length;
  const sizes = new Float64Array(k);
  for (const c of codes) sizes[c] = (sizes[c] as number) + 1;
  const sums = new Float64Array(k);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const distances = distancesOf(i);
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const c = codes[j] as number;
      sums[c] = (sums[c] as number) + (distances[j] as number);
    }
    const own = codes[i] as number;
    const ownSize = sizes[own] as number;
    if (ownSize <= 1) continue; // a singleton's silhouette is 0
    const a = (sums[own] as number) / (ownSize - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own || (sizes[c] as number) === 0) continue;
      b = Math.min(b, (sums[c] as number) / (sizes[c] as number));
    }
    const m = Math.max(a, b);
    out[i] = m === 0 ? 0 : (b - a) / m;
  }
  return out;
}

/** The rows `silhouetteScore` scores: a seeded sample of `size` of them, or all when there are no more. */
function silhouetteSample(p: Points, size: number, seed: number): Int32Array | null {
  return size < p.rows ? Int32Array.from(randomPermutation(p.rows, createRandom(seed)).slice(0, size)) : null;
}

/**
 * Mean silhouette coefficient, as scikit-learn's `silhouette_score`; with `sampleSize`,
 * computed on a seeded random subset of rows (for large corpora).
 * O(m · nnz_m) for m scored rows.
 */
export function silhouetteScore(X: Vectors, labels: Labels, options: SilhouetteOptions = {}): number {
  return silhouetteScorer(X, options, false)(labels).mean;
}

/** The silhouettes behind a score, and which rows they are. */
export interface SampledSilhouettes {
  /** Row of each value (`values[i]` is row `rows[i]`'s); null when every row was scored, in order. */
  readonly rows: Int32Array | null;
  /** Each scored row's silhouette coefficient. */
  readonly values: Float64Array;
  /** Their mean: {@link silhouetteScore}. */
  readonly mean: number;
}

/** The silhouettes behind {@link silhouetteScore}, row by row, with its value as `mean`. */
export function sampledSilhouettes(X: Vectors, labels: Labels, options: SilhouetteOptions = {}): SampledSilhouettes {
  return silhouetteScorer(X, options, false)(labels);
}

/** The labels of the sampled rows, numbered again, with at least 2 clusters. */
function sampledCodes(fn: string, codes: Int32Array, ids: Int32Array): { codes: Int32Array; k: number } {
  const sampled = encodeLabels(
    fn,
    "labels",
    Array.from(ids, (i) => codes[i] as number),
  );
  checkClusterCount(fn, sampled.count, ids.length);
  return { codes: sampled.codes, k: sampled.count };
}

function meanOf(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total / values.length;
}

/** Sampled rows up to which {@link createSilhouetteScorer} keeps all their distances (72 MB). */
const MAX_HELD_DISTANCES_ROWS = 3000;

/**
 * {@link silhouetteScore} of many labelings of the same rows (the values of k of a sweep),
 * each with the value `silhouetteScore` gives it: the sample is drawn once and, up to
 * 3,000 sampled rows, their distances are computed once and kept, so each further
 * labeling costs O(m²) additions instead of O(m² · d) products.
 */
export function createSilhouetteScorer(X: Vectors, options: SilhouetteOptions = {}): (labels: Labels) => number {
  const score = silhouetteScorer(X, options, true);
  return (labels) => score(labels).mean;
}

/** The scorer behind both: `keep` holds the sample's distances (up to 3,000 rows) for further labelings. */
function silhouetteScorer(
  X: Vectors,
  options: SilhouetteOptions,
  keep: boolean,
): (labels: Labels) => SampledSilhouettes {
  const fn = "silhouetteScore";
  const o = checkOptions(fn, options, ["metric", "sampleSize", "seed"]);
  const metric = checkOneOf(fn, "options.metric", o.metric ?? "euclidean", ["euclidean", "cosine"]);
  const all = toPoints(X, fn);
  const size =
    o.sampleSize === undefined ? all.rows : checkInteger(fn, "options.sampleSize", o.sampleSize, 2, Infinity);
  const ids = silhouetteSample(all, size, checkInteger(fn, "options.seed", o.seed ?? 0, 0, Number.MAX_SAFE_INTEGER));
  const p = ids === null ? all : selectRows(all, ids);
  const m = p.rows;
  const distancesTo = distanceRows(p, metric);
  let held: Float64Array | null = null;
  const buffer = new Float64Array(m);
  const distancesOf = (i: number): Float64Array => {
    if (!keep || m > MAX_HELD_DISTANCES_ROWS) {
      distancesTo(i, buffer);
      return buffer;
    }
    if (held === null) {
      held = new Float64Array(m * m);
      for (let r = 0; r < m; r++) distancesTo(r, held.subarray(r * m, (r + 1) * m));
    }
    return held.subarray(i * m, (i + 1) * m);
  };
  return (labels) => {
    // X was checked once, above; each labeling only needs its own checks.
    let { codes, k } = labelCodes(fn, all.rows, labels);
    if (ids !== null) ({ codes, k } = sampledCodes(fn, codes, ids));
    const values = silhouetteFromDistances(codes, k, distancesOf);
    return { rows: ids, values, mean: meanOf(values) };
  };
}

/** Cluster means (k x d) and sizes. */
function clusterMeans(p: Points, codes: Int32Array, k: number): { means: Float64Array; sizes: Float64Array } {
  const d = p.cols;
  const means = new Float64Array(k * d);
  const sizes = new Float64Array(k);
  // The k-means update step's sums (only stored entries of sparse rows are touched).
  accumulateCenters(p, null, codes, means, sizes);
  for (let c = 0; c < k; c++) {
    for (let f = 0; f < d; f++) means[c * d + f] = (means[c * d + f] as number) / (sizes[c] as number);
  }
  return { means, sizes };
}

/** Squared distance of row i to the dense vector at `offset` of `m`. */
function squaredDistance(p: Points, i: number, norm: number, m: Float64Array, offset: number, d: number): number {
  let mm = 0;
  for (let f = 0; f < d; f++) mm += (m[offset + f] as number) ** 2;
  return Math.max(0, norm + mm - 2 * rowDot(p, i, m, offset));
}

/**
 * Calinski-Harabasz index (variance ratio criterion, 1974): between-cluster dispersion
 * over within-cluster dispersion, scaled by (n - k) / (k - 1), as scikit-learn. Higher
 * is better. O(nnz + k·d).
 */
export function calinskiHarabasz(X: Vectors, labels: Labels): number {
  const { p, codes, k } = prepare("calinskiHarabasz", X, labels);
  const d = p.cols;
  const { means, sizes } = clusterMeans(p, codes, k);
  const overall = new Float64Array(d);
  for (let c = 0; c < k; c++)
    for (let f = 0; f < d; f++)
      overall[f] = (overall[f] as number) + (means[c * d + f] as number) * (sizes[c] as number);
  for (let f = 0; f < d; f++) overall[f] = (overall[f] as number) / p.rows;
  let extra = 0;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += ((means[c * d + f] as number) - (overall[f] as number)) ** 2;
    extra += (sizes[c] as number) * s;
  }
  const norms = squaredRowNorms(p);
  let intra = 0;
  for (let i = 0; i < p.rows; i++)
    intra += squaredDistance(p, i, norms[i] as number, means, (codes[i] as number) * d, d);
  return intra === 0 ? 1 : (extra * (p.rows - k)) / (intra * (k - 1));
}

/**
 * Davies-Bouldin index (1979): the mean over clusters of the worst ratio of summed
 * within-cluster scatter to centroid separation, as scikit-learn. Lower is better.
 * O(nnz + k²·d).
 */
export function daviesBouldin(X: Vectors, labels: Labels): number {
  const { p, codes, k } = prepare("daviesBouldin", X, labels);
  const d = p.cols;
  const { means, sizes } = clusterMeans(p, codes, k);
  const norms = squaredRowNorms(p);
  const intra = new Float64Array(k);
  for (let i = 0; i < p.rows; i++) {
    const c = codes[i] as number;
    intra[c] = (intra[c] as number) + Math.sqrt(squaredDistance(p, i, norms[i] as number, means, c * d, d));
  }
  for (let c = 0; c < k; c++) intra[c] = (intra[c] as number) / (sizes[c] as number);
  const centroidDist = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += ((means[a * d + f] as number) - (means[b * d + f] as number)) ** 2;
      centroidDist[a * k + b] = Math.sqrt(s);
    }
  }
  const allZero = (arr: Float64Array) => arr.every((v) => Math.abs(v) <= 1e-8);
  if (allZero(intra) || allZero(centroidDist)) return 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      if (a === b) continue;
      const dist = centroidDist[a * k + b] as number;
      if (dist === 0) continue;
      worst = Math.max(worst, ((intra[a] as number) + (intra[b] as number)) / dist);
    }
    total += worst;
  }
  return total / k;
}
