// A stand-in for a Spark KMeans job, for bench/spark-e2e.mjs: reads the Parquet vectors that
// `topiclens spark-vectors` wrote, one row group at a time, fits a streaming mini-batch
// k-means (cosine) over every row, then predicts every row, and writes what a Spark job
// would leave: a KMeansModel directory in Spark's layout (metadata/part-00000 and data/ with
// clusterIdx and clusterCenter) and the (id, prediction) table as a folder of Parquet parts.
//   node bench/lib/sparkStandIn.mjs VECTORS.parquet OUTDIR K
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { fileWriter, ParquetWriter } from "hyparquet-writer";
import { createMiniBatchKMeans } from "../../dist/index.js";

const [vectorsPath, outDir, kText] = process.argv.slice(2);
const k = Number(kText);
const file = await asyncBufferFromFile(vectorsPath);
const metadata = await parquetMetadataAsync(file);

/** Each row group as ids and a CSR block. */
async function* blocks() {
  let start = 0;
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows);
    const rows = await parquetReadObjects({ file, metadata, rowStart: start, rowEnd: end });
    start = end;
    let nnz = 0;
    for (const r of rows) nnz += r.features.indices.length;
    const indptr = new Int32Array(rows.length + 1);
    const indices = new Int32Array(nnz);
    const data = new Float64Array(nnz);
    let p = 0;
    rows.forEach((r, i) => {
      indices.set(r.features.indices, p);
      data.set(r.features.values, p);
      p += r.features.indices.length;
      indptr[i + 1] = p;
    });
    // Rows with no term cannot be placed by cosine distance; they keep their place with one tiny entry.
    for (let i = 0; i < rows.length; i++)
      if (indptr[i + 1] === indptr[i]) throw new Error(`row ${rows[i].id} is empty`);
    yield { ids: rows.map((r) => r.id), X: { rows: rows.length, cols: rows[0].features.size, indptr, indices, data } };
  }
}

const model = createMiniBatchKMeans(k, { metric: "cosine", seed: 0 });
for await (const { X } of blocks()) model.partialFit(X);

mkdirSync(join(outDir, "assignments"), { recursive: true });
const table = new ParquetWriter({
  writer: fileWriter(join(outDir, "assignments", "part-00000-c000.snappy.parquet")),
  schema: [
    { name: "spark_schema", num_children: 2 },
    { name: "id", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
    { name: "prediction", type: "INT32", repetition_type: "REQUIRED" },
  ],
});
const sizes = new Array(k).fill(0);
for await (const { ids, X } of blocks()) {
  const labels = model.predict(X);
  for (const c of labels) sizes[c]++;
  table.write({
    columnData: [
      { name: "id", data: ids },
      { name: "prediction", data: Array.from(labels) },
    ],
    rowGroupSize: ids.length,
  });
}
table.finish();
writeFileSync(join(outDir, "assignments", "_SUCCESS"), "");

// The model, as KMeansModelWriter saves it.
const modelDir = join(outDir, "kmeans-model");
mkdirSync(join(modelDir, "metadata"), { recursive: true });
mkdirSync(join(modelDir, "data"), { recursive: true });
writeFileSync(
  join(modelDir, "metadata", "part-00000"),
  `${JSON.stringify({ class: "org.apache.spark.ml.clustering.KMeansModel", timestamp: Date.now(), sparkVersion: "3.5.1", uid: "KMeans_standin", paramMap: { k, distanceMeasure: "cosine" }, defaultParamMap: {} })}\n`,
);
const { rows: kk, cols: d, data } = model.centroids;
const centres = new ParquetWriter({
  writer: fileWriter(join(modelDir, "data", "part-00000-c000.snappy.parquet")),
  schema: [
    { name: "spark_schema", num_children: 2 },
    { name: "clusterIdx", type: "INT32", repetition_type: "REQUIRED" },
    { name: "clusterCenter", repetition_type: "OPTIONAL", num_children: 4 },
    { name: "type", type: "INT32", converted_type: "INT_8", repetition_type: "REQUIRED" },
    { name: "size", type: "INT32", repetition_type: "OPTIONAL" },
    { name: "indices", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
    { name: "list", repetition_type: "REPEATED", num_children: 1 },
    { name: "element", type: "INT32", repetition_type: "REQUIRED" },
    { name: "values", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
    { name: "list", repetition_type: "REPEATED", num_children: 1 },
    { name: "element", type: "DOUBLE", repetition_type: "REQUIRED" },
  ],
});
centres.write({
  columnData: [
    { name: "clusterIdx", data: Array.from({ length: kk }, (_, j) => j) },
    {
      name: "clusterCenter",
      data: Array.from({ length: kk }, (_, j) => ({
        type: 1,
        size: null,
        indices: null,
        values: Array.from(data.subarray(j * d, (j + 1) * d)),
      })),
    },
  ],
});
centres.finish();
console.log(JSON.stringify({ rows: sizes.reduce((a, b) => a + b, 0), nonEmpty: sizes.filter((s) => s > 0).length }));
