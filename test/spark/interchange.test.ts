import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { IncompatibleModelError, InvalidArgumentError } from "../../src/core/errors.js";
import { readClusterAssignments } from "../../src/node/clusterAssignments.js";
import { readSparkKMeansModel, readSparkModel, readSparkPipelineModel } from "../../src/node/sparkModel.js";
import { createSparkVectorWriter } from "../../src/node/sparkVectorWriter.js";
import { nameClusters } from "../../src/pipeline/givenClusters.js";
import { createSparkHashingTF } from "../../src/spark/hashingTF.js";
import { tfidfFromCounts } from "../../src/vectorize/hashing.js";
import { cli } from "../helpers/cli.js";
import { ROOT } from "../helpers/data.js";

const FIXTURES = join(ROOT, "test", "fixtures", "spark");
const source = JSON.parse(gunzipSync(readFileSync(join(FIXTURES, "model-source.json.gz"))).toString("utf8")) as {
  texts: string[];
  numFeatures: number;
  pipelinePredictions: number[];
  countPredictions: number[];
  cosinePredictions: number[];
};
const work = mkdtempSync(join(tmpdir(), "topiclens-spark-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function duck<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const db = await (await DuckDBInstance.create()).connect();
  return (await db.runAndReadAll(sql)).getRowObjectsJson() as T[];
}

describe("saved Spark models (directories in Spark's layout, Parquet written by DuckDB)", () => {
  const counts = createSparkHashingTF({ numFeatures: source.numFeatures }).transform(source.texts);

  it("reads a KMeansModel and predicts the nearest centre NumPy finds (Euclidean, sparse centres)", async () => {
    const model = await readSparkKMeansModel(join(FIXTURES, "kmeans-model"));
    expect([model.k, model.numFeatures, model.distanceMeasure, model.sparkVersion]).toEqual([
      6,
      1024,
      "euclidean",
      "3.5.1",
    ]);
    expect(Array.from(model.predict(counts))).toEqual(source.countPredictions);
  });

  it("follows distanceMeasure cosine, and Spark 1.6's one-row layout", async () => {
    const cosine = await readSparkKMeansModel(join(FIXTURES, "kmeans-cosine"));
    expect(Array.from(cosine.predict(counts))).toEqual(source.cosinePredictions);
    const old = await readSparkKMeansModel(join(FIXTURES, "kmeans-spark16"));
    expect(old.sparkVersion).toBe("1.6.3");
    expect(Array.from(old.predict(counts))).toEqual(source.countPredictions);
  });

  it("reads a PipelineModel (Tokenizer, HashingTF, IDF, KMeans) and predicts texts as the reference does", async () => {
    const pipeline = await readSparkPipelineModel(join(FIXTURES, "pipeline-model"));
    expect(pipeline.stages.map((c) => c.split(".").pop())).toEqual([
      "Tokenizer",
      "HashingTF",
      "IDFModel",
      "KMeansModel",
    ]);
    expect(pipeline.hashing.numFeatures).toBe(1024);
    expect(Array.from(pipeline.predict(source.texts))).toEqual(source.pipelinePredictions);
    const either = await readSparkModel(join(FIXTURES, "pipeline-model"));
    expect(either.kind).toBe("pipeline");
  });

  it("refuses what it cannot reproduce, naming the directory and the class", async () => {
    await expect(readSparkKMeansModel(join(FIXTURES, "pipeline-model"))).rejects.toThrow(
      /holds a org.apache.spark.ml.PipelineModel, not a org.apache.spark.ml.clustering.KMeansModel/,
    );
    await expect(readSparkKMeansModel(work)).rejects.toThrow(IncompatibleModelError);
    const edited = join(work, "pipeline-lda");
    cpSync(join(FIXTURES, "pipeline-model"), edited, { recursive: true });
    const meta = join(edited, "stages", "2_IDF_c3", "metadata", "part-00000");
    writeFileSync(meta, readFileSync(meta, "utf8").replace("feature.IDFModel", "clustering.LDAModel"));
    await expect(readSparkPipelineModel(edited)).rejects.toThrow(/stage org.apache.spark.ml.clustering.LDAModel/);
    const model = await readSparkKMeansModel(join(FIXTURES, "kmeans-model"));
    expect(() => model.predict(createSparkHashingTF({ numFeatures: 8 }).transform(["a"]))).toThrow(/1024 features/);
  });
});

describe("(id, cluster) tables a Spark job wrote", () => {
  const expected = new Map(source.pipelinePredictions.map((c, i) => [`p${i}`, c]));

  it("reads a folder of Parquet parts (Spark's prediction column) and a CSV (cluster column)", async () => {
    expect(await readClusterAssignments(join(FIXTURES, "assignments", "parquet"))).toEqual(expected);
    expect(await readClusterAssignments(join(FIXTURES, "assignments", "assignments.csv"))).toEqual(expected);
  });

  it("names the columns present when one is missing", async () => {
    await expect(readClusterAssignments(join(FIXTURES, "assignments", "parquet"), { idField: "doc" })).rejects.toThrow(
      /has no column "doc"; its columns are id, prediction/,
    );
    await expect(readClusterAssignments(join(work, "none.csv"))).rejects.toThrow(/does not exist/);
  });
});

describe("nameClusters: topics for clusters made elsewhere", () => {
  const docs = source.texts.map((text, i) => ({ id: `p${i}`, text }));

  it("names every given cluster from its documents, keeping its number, with exact sizes", async () => {
    const clusters = await readClusterAssignments(join(FIXTURES, "assignments", "parquet"));
    const named = await nameClusters(docs, clusters);
    const given = new Set(source.pipelinePredictions);
    expect(new Set(named.result.topics.map((t) => t.cluster))).toEqual(given);
    for (const t of named.result.topics) {
      const size = source.pipelinePredictions.filter((c) => c === t.cluster).length;
      expect(t.size).toBe(size);
      expect(named.clusterSizes.get(t.cluster as number)).toBe(size);
      expect(t.label).not.toBe("");
      for (const d of t.documents) expect(source.pipelinePredictions[d]).toBe(t.cluster);
    }
    expect(named.result.parameters.kChosenBy).toBe("given");
    expect(named.result.warnings).toEqual([]);
  });

  it("predicts with a Spark pipeline, samples at most perCluster per cluster, and repeats its bytes", async () => {
    const pipeline = await readSparkPipelineModel(join(FIXTURES, "pipeline-model"));
    const run = () => nameClusters(docs, (texts) => pipeline.predict(texts), { perCluster: 5 });
    const [a, b] = [await run(), await run()];
    expect(JSON.stringify(a.result.toJSON())).toBe(JSON.stringify(b.result.toJSON()));
    for (const t of a.result.topics) expect(t.size).toBeLessThanOrEqual(5);
    expect(a.result.warnings.map((w) => w.code)).toContain("clusters-sampled");
    const total = [...a.clusterSizes.values()].reduce((s, x) => s + x, 0);
    expect(total).toBe(docs.length);
  });

  it("leaves out documents without a cluster, and refuses when none has one", async () => {
    const some = new Map([...Array(40).keys()].map((i) => [`p${i}`, i % 3]));
    const named = await nameClusters(docs, some);
    expect(named.unassigned).toBe(30);
    expect(named.result.warnings.map((w) => w.code)).toContain("clusters-unassigned");
    await expect(nameClusters(docs, new Map([["nope", 1]]))).rejects.toThrow(/none of the 70 documents has a cluster/);
    await expect(nameClusters(docs, () => [1])).rejects.toThrow(/one cluster per text/);
  });
});

describe("vectors for Spark: Parquet read back by DuckDB, libsvm", () => {
  const tf = createSparkHashingTF();
  const texts = [...source.texts.slice(0, 20), ""];
  const { matrix } = tfidfFromCounts(tf.transform(texts), { idf: "spark" });
  const ids = texts.map((_, i) => `doc-${i}`);

  it("writes an id column and a Vector column in VectorUDT's struct, values exact", async () => {
    const path = join(work, "vectors.parquet");
    const writer = createSparkVectorWriter(path, { numFeatures: tf.numFeatures, rowGroupSize: 7 });
    writer.write(ids.slice(0, 10), sliceRows(matrix, 0, 10));
    writer.write(ids.slice(10), sliceRows(matrix, 10, texts.length));
    expect(existsSync(path)).toBe(false);
    writer.close();
    const schema = await duck<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM '${path}'`);
    expect(schema.map((c) => [c.column_name, c.column_type])).toEqual([
      ["id", "VARCHAR"],
      ["features", 'STRUCT("type" TINYINT, size INTEGER, indices INTEGER[], "values" DOUBLE[])'],
    ]);
    const rows = await duck<{
      id: string;
      features: { type: number; size: number; indices: number[]; values: number[] };
    }>(`SELECT * FROM '${path}'`);
    expect(rows.map((r) => r.id)).toEqual(ids);
    rows.forEach((r, i) => {
      const start = matrix.indptr[i] as number;
      const end = matrix.indptr[i + 1] as number;
      expect(r.features.type).toBe(0);
      expect(r.features.size).toBe(2 ** 18);
      expect(r.features.indices).toEqual(Array.from(matrix.indices.subarray(start, end)));
      expect(r.features.values).toEqual(Array.from(matrix.data.subarray(start, end)));
    });
    const metadata = await duck<{ key: string; value: string }>(
      `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${path}')`,
    );
    const spark = JSON.parse(
      metadata.find((m) => m.key === "org.apache.spark.sql.parquet.row.metadata")?.value ?? "{}",
    );
    expect(spark.fields[1].type.class).toBe("org.apache.spark.ml.linalg.VectorUDT");
  });

  it("writes libsvm lines: label 0, indices from 1 ascending, the values", () => {
    const path = join(work, "vectors.libsvm");
    const writer = createSparkVectorWriter(path, { numFeatures: tf.numFeatures, format: "libsvm" });
    writer.write(ids, matrix);
    writer.close();
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");
    expect(lines.length).toBe(texts.length);
    lines.forEach((line, i) => {
      const [label, ...pairs] = line.split(" ");
      expect(label).toBe("0");
      const start = matrix.indptr[i] as number;
      expect(pairs.map((p) => Number(p.split(":")[0]) - 1)).toEqual(
        Array.from(matrix.indices.subarray(start, matrix.indptr[i + 1] as number)),
      );
      pairs.forEach((p, q) => {
        expect(Number(p.split(":")[1])).toBe(matrix.data[start + q]);
      });
    });
  });

  it("leaves nothing behind when aborted, and refuses rows of another width or ids of another length", () => {
    const path = join(work, "aborted.parquet");
    const writer = createSparkVectorWriter(path, { numFeatures: tf.numFeatures });
    expect(() => writer.write(ids.slice(1), matrix)).toThrow(/ids must have one entry per row/);
    expect(() => writer.write(ids, { ...matrix, cols: 5 })).toThrow(InvalidArgumentError);
    writer.abort();
    expect(readdirSync(work).filter((f) => f.includes("aborted"))).toEqual([]);
    expect(() => createSparkVectorWriter(join(work, "no", "such.parquet"), { numFeatures: 4 })).toThrow(
      /cannot write .*such.parquet: the folder .*no does not exist/,
    );
  });
});

describe("topiclens spark-vectors and spark-topics", () => {
  const docsFile = join(work, "docs.jsonl");
  writeFileSync(docsFile, source.texts.map((text, i) => JSON.stringify({ id: `p${i}`, text })).join("\n"));

  it("spark-vectors writes the TF-IDF vectors the library computes", async () => {
    const out = join(work, "cli.parquet");
    const run = await cli("spark-vectors", docsFile, "--out", out, "--idf", "--num-features", "1024");
    expect(run.stderr).toMatch(/wrote 70 vectors of 1024 features \(TF-IDF\)/);
    expect(run.code).toBe(0);
    const tf1024 = createSparkHashingTF({ numFeatures: 1024 });
    const { matrix } = tfidfFromCounts(tf1024.transform(source.texts), { idf: "spark" });
    const rows = await duck<{ id: string; values: number[] }>(`SELECT id, features."values" AS "values" FROM '${out}'`);
    expect(rows[3]?.id).toBe("p3");
    expect(rows[3]?.values).toEqual(
      Array.from(matrix.data.subarray(matrix.indptr[3] as number, matrix.indptr[4] as number)),
    );
  });

  it("spark-topics names a saved pipeline's clusters, and a table's", async () => {
    const byModel = await cli(
      "spark-topics",
      docsFile,
      "--model",
      join(FIXTURES, "pipeline-model"),
      "--format",
      "json",
    );
    expect(byModel.code).toBe(0);
    const report = JSON.parse(byModel.stdout) as { topics: { cluster: number; size: number }[] };
    expect(new Set(report.topics.map((t) => t.cluster))).toEqual(new Set(source.pipelinePredictions));
    expect(byModel.stderr).toMatch(/named 6 clusters of 70 documents/);
    const byTable = await cli(
      "spark-topics",
      docsFile,
      "--assignments",
      join(FIXTURES, "assignments", "assignments.csv"),
      "--format",
      "json",
    );
    expect(JSON.parse(byTable.stdout).topics).toEqual(report.topics);
    const neither = await cli("spark-topics", docsFile);
    expect([neither.code, neither.stderr]).toEqual([2, expect.stringMatching(/needs one of --model DIR/)]);
  });
});

function sliceRows(m: ReturnType<typeof tfidfFromCounts>["matrix"], from: number, to: number) {
  const start = m.indptr[from] as number;
  const end = m.indptr[to] as number;
  return {
    rows: to - from,
    cols: m.cols,
    indptr: Int32Array.from(m.indptr.subarray(from, to + 1), (p) => p - start),
    indices: m.indices.slice(start, end),
    data: m.data.slice(start, end),
  };
}
