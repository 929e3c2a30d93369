import { assertDense, isDenseMatrix } from "../core/dense.js";
import { describeValue } from "../core/describe.js";
import { IncompatibleModelError, InvalidArgumentError } from "../core/errors.js";
import { type PackedFloats, packFloats, unpackFloats } from "../core/packedFloats.js";
import { isFewSparseRows, normalizePoints, squaredRowNorms, toPoints, type Vectors } from "../core/points.js";
import { type Warning, warningFromJSON } from "../core/warnings.js";
import { assignSparseRowsDirectly, assignToNearest, centerSquaredNorms, createAssignScratch } from "./assign.js";
import type { KMeansMetric, KMeansResult } from "./kmeans.js";

/** The part of a k-means result needed to assign new points. */
/** Checks a fitted model's centroids (a finite DenseMatrix with rows) and metric. @throws InvalidArgumentError naming `name`. */
function checkCentroids(fn: string, model: unknown, name = "model"): asserts model is KMeansCentroids {
  const m = model as Partial<KMeansCentroids> | null;
  if (m === null || typeof m !== "object" || !isDenseMatrix(m.centroids))
    throw new InvalidArgumentError(
      `${fn}: ${name} must be a fitted k-means model {centroids: DenseMatrix, metric}; got ${describeValue(model)}`,
      name,
    );
  assertDense(m.centroids, fn, `${name}.centroids`);
  if (m.centroids.rows === 0)
    throw new InvalidArgumentError(`${fn}: ${name}.centroids must hold at least one centre; got 0 rows`, name);
  if (m.metric !== "euclidean" && m.metric !== "cosine")
    throw new InvalidArgumentError(
      `${fn}: ${name}.metric must be "euclidean" or "cosine"; got ${describeValue(m.metric)}`,
      name,
    );
}

export interface KMeansCentroids {
  readonly centroids: KMeansResult["centroids"];
  readonly metric: KMeansMetric;
}

/**
 * Assigns each row of `Y` to its nearest centroid (cosine: after normalising rows).
 * O(nnz(Y) · k).
 * @throws InvalidArgumentError when Y's width differs from the centroids'.
 */
export function predict(model: KMeansCentroids, Y: Vectors): Int32Array {
  return createPredictor(model)(Y);
}

/**
 * {@link predict} with the centroids fixed once (copied, their norms computed on first
 * use): a fitted model's prediction of one sparse text then costs its words times k. A
 * batch with fewer stored values than the centroids have dimensions is scored against them
 * as they are; larger ones take the assignment kernels. The same labels either way.
 */
export function createPredictor(model: KMeansCentroids): (Y: Vectors) => Int32Array {
  const fn = "predict";
  checkCentroids(fn, model);
  const { rows: k, cols } = model.centroids;
  const centers = Float64Array.from(model.centroids.data);
  let norms: Float64Array | null = null;
  return (Y) => {
    let points = toPoints(Y, fn, "Y");
    if (points.cols !== cols) {
      throw new InvalidArgumentError(
        `${fn}: Y must have ${cols} columns (the centroids' dimension); got ${points.cols}`,
        "Y",
      );
    }
    if (model.metric === "cosine") points = normalizePoints(points);
    const labels = new Int32Array(points.rows);
    const distances = new Float64Array(points.rows);
    const xNorms = squaredRowNorms(points);
    if (isFewSparseRows(points)) {
      norms ??= centerSquaredNorms(centers, k, cols);
      assignSparseRowsDirectly(points, xNorms, centers, norms, k, labels, distances);
    } else assignToNearest(points, xNorms, null, centers, k, createAssignScratch(points, k), labels, distances);
    return labels;
  };
}

export const KMEANS_FORMAT = "topiclens/kmeans";
/** 2: centroids packed as float64 base64 (version 1, plain numbers, is still read). */
export const KMEANS_FORMAT_VERSION = 2;

export interface KMeansJSON {
  readonly format: typeof KMEANS_FORMAT;
  readonly version: number;
  readonly metric: KMeansMetric;
  /** Absent in files saved before the field existed (they were all Lloyd's). */
  readonly algorithm?: KMeansResult["algorithm"];
  readonly k: number;
  readonly dimension: number;
  readonly centroids: PackedFloats | readonly number[];
  readonly labels: readonly number[];
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: readonly Warning[];
}

/** A plain, versioned object for `JSON.stringify` that {@link kmeansFromJSON} restores exactly. */
export function kmeansToJSON(result: KMeansResult): KMeansJSON {
  checkCentroids("kmeansToJSON", result, "result");
  if (!(result.labels instanceof Int32Array))
    throw new InvalidArgumentError(
      `kmeansToJSON: result must be what kmeans returns; its labels are ${describeValue(result.labels)}, not an Int32Array`,
      "result",
    );
  return {
    format: KMEANS_FORMAT,
    version: KMEANS_FORMAT_VERSION,
    metric: result.metric,
    algorithm: result.algorithm,
    k: result.k,
    dimension: result.centroids.cols,
    centroids: packFloats(Float64Array.from(result.centroids.data)),
    labels: Array.from(result.labels),
    inertia: result.inertia,
    iterations: result.iterations,
    converged: result.converged,
    warnings: [...result.warnings],
  };
}

/**
 * Restores a k-means result saved by {@link kmeansToJSON}.
 * @throws IncompatibleModelError for a foreign or newer format, or inconsistent content.
 */
export function kmeansFromJSON(json: unknown): KMeansResult {
  const fn = "kmeansFromJSON";
  const bad = (what: string): never => {
    throw new IncompatibleModelError(`${fn}: ${what}`, "json");
  };
  if (json === null || typeof json !== "object") bad(`expected a saved k-means object; got ${describeValue(json)}`);
  const j = json as Partial<KMeansJSON>;
  if (j.format !== KMEANS_FORMAT) bad(`format must be "${KMEANS_FORMAT}"; got ${describeValue(j.format)}`);
  if (typeof j.version !== "number" || j.version < 1 || j.version > KMEANS_FORMAT_VERSION) {
    bad(
      `version ${describeValue(j.version)} is not supported (this library reads version ${KMEANS_FORMAT_VERSION}); upgrade topiclens`,
    );
  }
  if (j.metric !== "euclidean" && j.metric !== "cosine")
    bad(`metric must be "euclidean" or "cosine"; got ${describeValue(j.metric)}`);
  const algorithm = j.algorithm ?? "lloyd";
  if (algorithm !== "lloyd" && algorithm !== "elkan" && algorithm !== "mini-batch")
    bad(`algorithm must be "lloyd", "elkan" or "mini-batch"; got ${describeValue(algorithm)}`);
  const k = j.k as number;
  const d = j.dimension as number;
  if (!Number.isInteger(k) || k < 1 || !Number.isInteger(d) || d < 1) bad("k and dimension must be positive integers");
  const c = unpackFloats(`centroids (k x dimension = ${k * d} values)`, j.centroids, k * d, bad);
  const labels = j.labels;
  // −1: a document in no cluster (set aside before clustering, or given none).
  if (!Array.isArray(labels) || labels.some((v) => !Number.isInteger(v) || v < -1 || v >= k))
    bad(`labels must be integers in [-1, ${k})`);
  return {
    labels: Int32Array.from(labels as number[]),
    centroids: { rows: k, cols: d, data: c },
    inertia: Number(j.inertia),
    metric: j.metric as KMeansMetric,
    algorithm,
    k,
    iterations: Number(j.iterations),
    converged: Boolean(j.converged),
    warnings: Array.isArray(j.warnings) ? j.warnings.map(warningFromJSON) : [],
  };
}
