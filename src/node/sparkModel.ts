import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import type { CsrMatrix } from "../core/csr.js";
import type { DenseMatrix } from "../core/dense.js";
import { IncompatibleModelError, InvalidArgumentError } from "../core/errors.js";
import { checkString } from "../core/validate.js";
import { createSparkHashingTF, type SparkHashingOptions, type SparkHashingTF } from "../spark/hashingTF.js";
import { applySparkIdf } from "../spark/idf.js";
import { nearestSparkCentres, type SparkDistance } from "../spark/predict.js";
import { denseOfSparkVector, type SparkVectorValue } from "../spark/vectorColumn.js";
import { normalizeCsrRows } from "../vectorize/weighting.js";

/** A Spark ML `KMeansModel` read from the directory `model.save(path)` wrote. */
export interface SparkKMeansModel {
  readonly k: number;
  readonly numFeatures: number;
  /** k x numFeatures centres, in Spark's cluster order. */
  readonly centres: DenseMatrix;
  readonly distanceMeasure: SparkDistance;
  readonly sparkVersion: string;
  readonly uid: string;
  /** The nearest centre of each row, as `KMeansModel.predict` (first centre on a tie). */
  predict(vectors: CsrMatrix): Int32Array;
}

/** A saved Spark `PipelineModel` of text features and k-means, usable on new texts. */
export interface SparkPipelineModel {
  readonly sparkVersion: string;
  /** The stages' classes, in order. */
  readonly stages: readonly string[];
  /** Tokenizer, stop words, n-grams and HashingTF as the pipeline set them. */
  readonly hashing: SparkHashingTF;
  /** IDFModel's weights, or null when the pipeline has no IDF. */
  readonly idf: Float64Array | null;
  /** Normalizer's p, or null. */
  readonly normalizerP: number | null;
  readonly kmeans: SparkKMeansModel;
  /** The feature vectors the pipeline gives the texts (before k-means). */
  vectors(texts: readonly string[]): CsrMatrix;
  /** The cluster of each text, as `pipelineModel.transform` gives in its prediction column. */
  predict(texts: readonly string[]): Int32Array;
}

interface SparkMetadata {
  readonly class: string;
  readonly sparkVersion: string;
  readonly uid: string;
  readonly paramMap: Record<string, unknown>;
  readonly defaultParamMap: Record<string, unknown>;
}

const KMEANS_CLASS = "org.apache.spark.ml.clustering.KMeansModel";
const PIPELINE_CLASS = "org.apache.spark.ml.PipelineModel";

/**
 * Reads a Spark ML `KMeansModel` directory, as `KMeansModel.write.save` lays it out:
 * `metadata/part-00000` (one JSON line: class, sparkVersion, uid, params) and `data/`
 * (Parquet; from Spark 2.0 one row per centre, `clusterIdx: int, clusterCenter: Vector`;
 * Spark 1.6 one row holding `clusterCenters: array<Vector>`).
 * @throws IncompatibleModelError when the directory is not a KMeansModel, naming what it is.
 */
export async function readSparkKMeansModel(dir: string): Promise<SparkKMeansModel> {
  return kmeansModelOf(dir, await readMetadata(dir, "readSparkKMeansModel"));
}

function kmeansModelOf(dir: string, metadata: SparkMetadata): Promise<SparkKMeansModel> {
  if (metadata.class !== KMEANS_CLASS)
    throw new IncompatibleModelError(
      `readSparkKMeansModel: ${dir} holds a ${metadata.class}, not a ${KMEANS_CLASS}${
        metadata.class.endsWith("BisectingKMeansModel")
          ? " (a bisecting model's tree is not read; export its predictions and use the (id, cluster) route)"
          : ""
      }`,
      "dir",
    );
  return kmeansOf(dir, metadata);
}

/**
 * Reads a saved Spark ML `PipelineModel` whose stages are text features and k-means:
 * Tokenizer or RegexTokenizer, optionally StopWordsRemover and NGram, HashingTF,
 * optionally IDF and Normalizer, and KMeans. Any other stage is refused by name.
 * @throws IncompatibleModelError naming the stage that cannot be reproduced.
 */
export async function readSparkPipelineModel(dir: string): Promise<SparkPipelineModel> {
  return pipelineModelOf(dir, await readMetadata(dir, "readSparkPipelineModel"));
}

async function pipelineModelOf(dir: string, metadata: SparkMetadata): Promise<SparkPipelineModel> {
  const fn = "readSparkPipelineModel";
  if (metadata.class !== PIPELINE_CLASS)
    throw new IncompatibleModelError(`${fn}: ${dir} holds a ${metadata.class}, not a ${PIPELINE_CLASS}`, "dir");
  const uids = metadata.paramMap.stageUids;
  if (!Array.isArray(uids)) throw new IncompatibleModelError(`${fn}: ${dir}'s metadata lists no stageUids`, "dir");
  // Pipeline.SharedReadWrite pads the stage index to the digits of the stage count.
  const digits = String(uids.length).length;
  const stageDirs = uids.map((uid, i) => join(dir, "stages", `${String(i).padStart(digits, "0")}_${String(uid)}`));
  const hashing: { -readonly [K in keyof SparkHashingOptions]: SparkHashingOptions[K] } = {};
  let idf: Float64Array | null = null;
  let normalizerP: number | null = null;
  let kmeans: SparkKMeansModel | null = null;
  let hashed = false;
  const classes: string[] = [];
  for (const stageDir of stageDirs) {
    const m = await readMetadata(stageDir, fn);
    classes.push(m.class);
    const name = m.class.slice(m.class.lastIndexOf(".") + 1);
    const param = (key: string) => (key in m.paramMap ? m.paramMap[key] : m.defaultParamMap[key]);
    if (name === "Tokenizer") hashing.tokenizer = "spark";
    else if (name === "RegexTokenizer")
      hashing.tokenizer = {
        pattern: String(param("pattern") ?? "\\s+"),
        gaps: Boolean(param("gaps") ?? true),
        minTokenLength: Number(param("minTokenLength") ?? 1),
        toLowercase: Boolean(param("toLowercase") ?? true),
      };
    else if (name === "StopWordsRemover") {
      hashing.stopWords = (param("stopWords") as string[] | undefined) ?? [];
      hashing.caseSensitive = Boolean(param("caseSensitive") ?? false);
    } else if (name === "NGram") hashing.ngram = Number(param("n") ?? 2);
    else if (name === "HashingTF") {
      hashing.numFeatures = Number(param("numFeatures") ?? 2 ** 18);
      hashing.binary = Boolean(param("binary") ?? false);
      hashing.hash = majorVersion(m.sparkVersion) >= 3 ? "murmur3" : "murmur3-spark2";
      hashed = true;
    } else if (name === "IDFModel") idf = await idfOf(stageDir);
    else if (name === "Normalizer") normalizerP = Number(param("p") ?? 2);
    else if (name === "KMeansModel") kmeans = await kmeansOf(stageDir, m);
    else
      throw new IncompatibleModelError(
        `${fn}: stage ${m.class} of ${dir} is not one topiclens reproduces (Tokenizer, RegexTokenizer, StopWordsRemover, NGram, HashingTF, IDF, Normalizer, KMeans)`,
        "dir",
      );
  }
  if (!hashed || kmeans === null)
    throw new IncompatibleModelError(
      `${fn}: ${dir} needs a HashingTF stage and a KMeans stage; it has ${classes.join(", ")}`,
      "dir",
    );
  const model = kmeans as SparkKMeansModel;
  const tf = createSparkHashingTF(hashing);
  if (model.numFeatures !== tf.numFeatures)
    throw new IncompatibleModelError(
      `${fn}: the KMeans centres have ${model.numFeatures} features but HashingTF makes ${tf.numFeatures}`,
      "dir",
    );
  const weights = idf as Float64Array | null;
  const p = normalizerP;
  if (p !== null && p !== 1 && p !== 2)
    throw new IncompatibleModelError(`${fn}: Normalizer with p = ${p} is not reproduced (p = 1 or 2 are)`, "dir");
  const vectors = (texts: readonly string[]): CsrMatrix => {
    let m = tf.transform(texts);
    if (weights !== null) m = applySparkIdf(m, weights);
    if (p !== null) normalizeCsrRows(m, p === 1 ? "l1" : "l2");
    return m;
  };
  return {
    sparkVersion: metadata.sparkVersion,
    stages: classes,
    hashing: tf,
    idf: weights,
    normalizerP: p,
    kmeans: model,
    vectors,
    predict: (texts) => model.predict(vectors(texts)),
  };
}

async function kmeansOf(dir: string, metadata: SparkMetadata): Promise<SparkKMeansModel> {
  const rows = await readParquetDir(join(dir, "data"), "readSparkKMeansModel");
  let vectors: SparkVectorValue[];
  if (majorVersion(metadata.sparkVersion) >= 2) {
    const sorted = [...rows].sort((a, b) => Number(a.clusterIdx) - Number(b.clusterIdx));
    vectors = sorted.map((r) => r.clusterCenter as SparkVectorValue);
  } else vectors = ((rows[0]?.clusterCenters ?? []) as SparkVectorValue[]).slice();
  if (vectors.length === 0)
    throw new IncompatibleModelError(`readSparkKMeansModel: ${dir}/data holds no centres`, "dir");
  const dense = vectors.map((v) => denseOfSparkVector(v, `${dir}/data`));
  const d = (dense[0] as Float64Array).length;
  if (dense.some((c) => c.length !== d))
    throw new IncompatibleModelError(`readSparkKMeansModel: ${dir}'s centres differ in size`, "dir");
  const data = new Float64Array(dense.length * d);
  dense.forEach((c, j) => {
    data.set(c, j * d);
  });
  const centres = { rows: dense.length, cols: d, data };
  const measure = String(metadata.paramMap.distanceMeasure ?? metadata.defaultParamMap.distanceMeasure ?? "euclidean");
  if (measure !== "euclidean" && measure !== "cosine")
    throw new IncompatibleModelError(
      `readSparkKMeansModel: distanceMeasure "${measure}" is not euclidean or cosine`,
      "dir",
    );
  return {
    k: dense.length,
    numFeatures: d,
    centres,
    distanceMeasure: measure,
    sparkVersion: metadata.sparkVersion,
    uid: metadata.uid,
    predict: (vectors) => {
      if (vectors.cols !== d)
        throw new InvalidArgumentError(
          `SparkKMeansModel.predict: vectors must have ${d} features; got ${vectors.cols}`,
          "vectors",
        );
      return nearestSparkCentres(vectors, centres, measure);
    },
  };
}

async function idfOf(dir: string): Promise<Float64Array> {
  const rows = await readParquetDir(join(dir, "data"), "readSparkPipelineModel");
  const v = rows[0]?.idf as SparkVectorValue | undefined;
  if (v === undefined) throw new IncompatibleModelError(`readSparkPipelineModel: ${dir}/data holds no idf`, "dir");
  return denseOfSparkVector(v, `${dir}/data`);
}

/** The one JSON line of `dir/metadata/part-*` (Spark's DefaultParamsWriter). */
async function readMetadata(dir: string, fn: string): Promise<SparkMetadata> {
  checkString(fn, "dir", dir);
  const folder = join(dir, "metadata");
  const parts = (await listOrFail(folder, fn)).filter((f) => f.startsWith("part-"));
  if (parts.length === 0)
    throw new IncompatibleModelError(`${fn}: ${folder} has no part-* file; is ${dir} a saved Spark ML model?`, "dir");
  const text = await readFile(join(folder, parts.sort()[0] as string), "utf8");
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text.split("\n")[0] as string) as Record<string, unknown>;
  } catch {
    throw new IncompatibleModelError(`${fn}: ${folder}'s metadata is not JSON`, "dir");
  }
  if (typeof json.class !== "string" || typeof json.sparkVersion !== "string")
    throw new IncompatibleModelError(`${fn}: ${folder}'s metadata has no class or sparkVersion`, "dir");
  return {
    class: json.class,
    sparkVersion: json.sparkVersion,
    uid: String(json.uid ?? ""),
    paramMap: (json.paramMap ?? {}) as Record<string, unknown>,
    defaultParamMap: (json.defaultParamMap ?? {}) as Record<string, unknown>,
  };
}

async function listOrFail(folder: string, fn: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch {
    throw new IncompatibleModelError(
      `${fn}: ${folder} cannot be read; is its parent a saved Spark ML model directory?`,
      "dir",
    );
  }
}

/** Every row of the Parquet part files of a directory (Spark writes a folder of parts). */
async function readParquetDir(folder: string, fn: string): Promise<Record<string, unknown>[]> {
  const files = (await listOrFail(folder, fn)).filter((f) => f.endsWith(".parquet")).sort();
  const rows: Record<string, unknown>[] = [];
  for (const f of files) {
    const file = await asyncBufferFromFile(join(folder, f));
    const metadata = await parquetMetadataAsync(file);
    rows.push(...((await parquetReadObjects({ file, metadata })) as Record<string, unknown>[]));
  }
  return rows;
}

function majorVersion(version: string): number {
  const major = Number.parseInt(version, 10);
  return Number.isFinite(major) ? major : 0;
}

/** A saved Spark model directory of either kind, told apart by its metadata's class. */
export async function readSparkModel(
  dir: string,
): Promise<
  | { readonly kind: "pipeline"; readonly model: SparkPipelineModel }
  | { readonly kind: "kmeans"; readonly model: SparkKMeansModel }
> {
  const metadata = await readMetadata(dir, "readSparkModel");
  if (metadata.class === PIPELINE_CLASS) return { kind: "pipeline", model: await pipelineModelOf(dir, metadata) };
  return { kind: "kmeans", model: await kmeansModelOf(dir, metadata) };
}
