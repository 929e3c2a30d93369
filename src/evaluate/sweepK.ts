import type { Clusterer, ClusterPoints } from "../cluster/clusterer.js";
import { type KMeansMetric, kmeans } from "../cluster/kmeans.js";
import type { ParallelAssigner } from "../cluster/parallel.js";
import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { toPoints, type Vectors } from "../core/points.js";
import { checkFunction, checkInteger, checkOneOf, checkOptions } from "../core/validate.js";
import { htmlTable, lineChartSvg, withDisplay } from "./display.js";
import { adjustedRandIndex } from "./external.js";
import { calinskiHarabasz, createSilhouetteScorer, daviesBouldin } from "./internal.js";

export interface SweepKOptions {
  /** Smallest and largest k, inclusive, or an explicit list. @defaultValue [2, min(20, ⌊√n⌋ + 2)] */
  readonly kRange?: readonly [number, number] | readonly number[];
  /** Seeds per k (stability compares their labelings). @defaultValue [0, 1, 2] */
  readonly seeds?: readonly number[];
  /** k-means metric; also the silhouette metric. @defaultValue "cosine" */
  readonly metric?: KMeansMetric;
  /** k-means restarts per seed. @defaultValue 3 */
  readonly nInit?: number;
  /** Silhouette on a seeded sample of this many rows when n is larger. @defaultValue 2000 */
  readonly sampleSize?: number;
  /** Called after each k. */
  readonly onProgress?: (done: number, total: number, k: number) => void;
  /** Threads for k-means (see `createWorkerPool` in `topiclens/node`). */
  readonly parallel?: ParallelAssigner;
  /**
   * The clustering tried for each k, given k: any {@link Clusterer}. The best seed's is the
   * one with the lowest k-means objective when the fit has one, else the first seed's.
   * @defaultValue k-means with `metric` and `nInit` restarts
   */
  readonly clusterer?: (k: number) => Clusterer;
}

/** Scores of one k. */
export interface SweepKRow {
  readonly k: number;
  /** Mean silhouette (of the best seed's clustering). */
  readonly silhouette: number;
  readonly calinskiHarabasz: number;
  readonly daviesBouldin: number;
  /** Objective of the best seed. */
  readonly inertia: number;
  /** Mean pairwise adjusted Rand index between the seeds' labelings (1 = always the same). */
  readonly stability: number;
  /** Labels of the best seed. */
  readonly labels: Int32Array;
}

export interface SweepKResult {
  readonly rows: readonly SweepKRow[];
  /** 1 when every k's clustering put all points in one cluster (under k-means: every point is the same). */
  readonly recommendedK: number;
  /** The rule that picked `recommendedK`, in words. */
  readonly rule: string;
}

export const SWEEP_K_DEFAULTS = Object.freeze({
  seeds: Object.freeze([0, 1, 2]),
  metric: "cosine" as KMeansMetric,
  nInit: 3,
  sampleSize: 2000,
});

/** Plain k-means for one k: the sweep's default clusterer. */
function kmeansOnly(k: number, metric: KMeansMetric, nInit: number): Clusterer {
  return {
    k,
    fit(points, { seed, parallel }) {
      const r = kmeans(points, k, { metric, nInit, seed, ...(parallel ? { parallel } : {}) });
      return { labels: r.labels, centroids: r.centroids, warnings: r.warnings, kmeans: r };
    },
  };
}

/**
 * The least stability a k needs to be considered: 0.8 × the best. ARI can fall below 0
 * (seeds agreeing less than chance, as on a few documents sharing no words); the bar is then
 * 0.2 × |best| below the best, so the most stable k always passes.
 */
function stabilityBar(best: number): number {
  return best - 0.2 * Math.abs(best);
}

/**
 * The sweep's rule as a ranking: the values of k whose stability is at least 0.8 × the
 * best (see {@link stabilityBar}), by mean silhouette (ties to the smaller k). The first
 * is the recommended k.
 */
export function rankByRule(rows: readonly SweepKRow[]): SweepKRow[] {
  const bar = stabilityBar(Math.max(...rows.map((r) => r.stability)));
  return rows.filter((r) => r.stability >= bar).sort((a, b) => b.silhouette - a.silhouette || a.k - b.k);
}

/** The default k range for n documents: 2 to min(20, ⌊√n⌋ + 2), capped at n - 1. */
export function defaultKRange(n: number): [number, number] {
  return [2, Math.max(2, Math.min(20, Math.floor(Math.sqrt(n)) + 2, n - 1))];
}

/**
 * Runs k-means for every k in a range with several seeds and scores each k by mean
 * silhouette, Calinski-Harabasz, Davies-Bouldin, inertia and stability across seeds.
 * Recommends the k with the highest silhouette among the stable ones (stability at
 * least 0.8 of the best stability seen), so that a k whose clusters change with the
 * seed is not chosen for a lucky silhouette.
 * O(|kRange| · |seeds| · nInit · k-means) + silhouette on at most sampleSize rows.
 * @throws InvalidArgumentError for an invalid range or fewer than 3 points.
 */
export function sweepK(X: Vectors, options: SweepKOptions = {}): SweepKResult {
  const fn = "sweepK";
  const o = checkOptions(fn, options, [
    "kRange",
    "seeds",
    "metric",
    "nInit",
    "sampleSize",
    "onProgress",
    "parallel",
    "clusterer",
  ]);
  const p = toPoints(X, fn);
  if (p.rows < 3)
    throw new InvalidArgumentError(`${fn}: X must have at least 3 rows to compare values of k; got ${p.rows}`, "X");
  const ks = resolveKs(fn, o.kRange ?? defaultKRange(p.rows), p.rows);
  const seeds = o.seeds ?? SWEEP_K_DEFAULTS.seeds;
  if (!Array.isArray(seeds) || seeds.length === 0) {
    throw new InvalidArgumentError(
      `${fn}: options.seeds must be a non-empty array of integers; got ${describeValue(seeds)}`,
      "options.seeds",
    );
  }
  seeds.forEach((s, i) => {
    checkInteger(fn, `options.seeds[${i}]`, s, 0, Number.MAX_SAFE_INTEGER);
  });
  const metric = checkOneOf(fn, "options.metric", o.metric ?? SWEEP_K_DEFAULTS.metric, ["euclidean", "cosine"]);
  const nInit = checkInteger(fn, "options.nInit", o.nInit ?? SWEEP_K_DEFAULTS.nInit, 1);
  const sampleSize = checkInteger(fn, "options.sampleSize", o.sampleSize ?? SWEEP_K_DEFAULTS.sampleSize, 3);
  const onProgress =
    o.onProgress === undefined
      ? undefined
      : checkFunction<SweepKOptions["onProgress"]>(fn, "options.onProgress", o.onProgress);

  const clusterer =
    o.clusterer === undefined
      ? (k: number) => kmeansOnly(k, metric, nInit)
      : checkFunction<(k: number) => Clusterer>(fn, "options.clusterer", o.clusterer);
  const points: ClusterPoints =
    p.kind === "sparse"
      ? { rows: p.rows, cols: p.cols, indptr: p.indptr, indices: p.indices, data: p.data }
      : { rows: p.rows, cols: p.cols, data: p.data };
  const context = o.parallel ? { parallel: o.parallel } : {};

  // One sample and its distances for every k.
  const silhouette = createSilhouetteScorer(X, { metric, sampleSize: Math.min(sampleSize, p.rows), seed: 0 });
  const rows: SweepKRow[] = [];
  let split = false; // some k's clustering holds two clusters or more
  ks.forEach((k, index) => {
    const made = clusterer(k);
    const runs = seeds.map((seed) => {
      const fit = made.fit(points, { seed, ...context });
      return { labels: fit.labels, inertia: fit.kmeans?.inertia ?? Number.NaN };
    });
    let best = runs[0] as (typeof runs)[number];
    for (const r of runs) if (r.inertia < best.inertia) best = r;
    let ari = 0;
    let pairs = 0;
    for (let a = 0; a < runs.length; a++) {
      for (let b = a + 1; b < runs.length; b++) {
        ari += adjustedRandIndex((runs[a] as typeof best).labels, (runs[b] as typeof best).labels);
        pairs++;
      }
    }
    const distinct = new Set(best.labels).size;
    if (distinct >= 2) split = true;
    const valid = distinct >= 2 && distinct <= p.rows - 1;
    rows.push({
      k,
      silhouette: valid ? silhouette(best.labels) : 0,
      calinskiHarabasz: valid ? calinskiHarabasz(X, best.labels) : 0,
      daviesBouldin: valid ? daviesBouldin(X, best.labels) : 0,
      inertia: best.inertia,
      stability: pairs === 0 ? 1 : ari / pairs,
      labels: best.labels,
    });
    onProgress?.(index + 1, ks.length, k);
  });
  const maxStability = Math.max(...rows.map((r) => r.stability));
  // k-means++ opens a second cluster whenever two points differ: one cluster at every k
  // means every point is the same, and so is every k's clustering.
  const result: SweepKResult = !split
    ? { rows, recommendedK: 1, rule: "every k's clustering put all points in one cluster" }
    : {
        rows,
        recommendedK: (rankByRule(rows)[0] as SweepKRow).k,
        rule: `highest mean silhouette (${metric}) among k whose stability across ${seeds.length} seeds is at least ${maxStability >= 0 ? "0.8 x the best" : "the best - 0.2 x |best|"} (${maxStability.toFixed(3)})`,
      };
  return withDisplay(result, () => sweepDisplay(result));
}

/** The k sweep as a table and a chart (silhouette and stability against k). */
function sweepDisplay(result: SweepKResult): Record<string, string> {
  const ks = result.rows.map((r) => r.k);
  const svg = lineChartSvg(
    ks,
    [
      { name: "silhouette", color: "#4e79a7", values: result.rows.map((r) => r.silhouette) },
      { name: "stability (ARI)", color: "#f28e2b", values: result.rows.map((r) => r.stability) },
      { name: "Davies-Bouldin", color: "#59a14f", values: result.rows.map((r) => r.daviesBouldin) },
    ],
    { marker: result.recommendedK },
  );
  const table = htmlTable(
    ["k", "silhouette", "Calinski-Harabasz", "Davies-Bouldin", "inertia", "stability"],
    result.rows.map((r) => [String(r.k), r.silhouette, r.calinskiHarabasz, r.daviesBouldin, r.inertia, r.stability]),
  );
  const text = [
    `recommended k = ${result.recommendedK} (${result.rule})`,
    ...result.rows.map((r) => `k=${r.k} silhouette=${r.silhouette.toFixed(4)} stability=${r.stability.toFixed(3)}`),
  ].join("\n");
  return {
    "text/html": `<div><p style="font-family:system-ui,sans-serif">Recommended <b>k = ${result.recommendedK}</b>: ${result.rule}</p>${svg}${table}</div>`,
    "image/svg+xml": svg,
    "text/plain": text,
  };
}

function resolveKs(fn: string, range: readonly number[], n: number): number[] {
  if (!Array.isArray(range) || range.length === 0) {
    throw new InvalidArgumentError(
      `${fn}: options.kRange must be [min, max] or a list of k; got ${describeValue(range)}`,
      "options.kRange",
    );
  }
  let ks: number[];
  if (range.length === 2 && (range[1] as number) > (range[0] as number) + 1) {
    const lo = checkInteger(fn, "options.kRange[0]", range[0], 2, n - 1, "2 to points - 1");
    const hi = checkInteger(fn, "options.kRange[1]", range[1], lo, n - 1, "up to points - 1");
    ks = [];
    for (let k = lo; k <= hi; k++) ks.push(k);
  } else {
    ks = range.map((k, i) => checkInteger(fn, `options.kRange[${i}]`, k, 2, n - 1, "2 to points - 1"));
  }
  return [...new Set(ks)].sort((a, b) => a - b);
}
