// Past one machine, end to end on this one, without Spark: stream N documents to Spark's
// Parquet vectors (`topiclens spark-vectors`), cluster those vectors with a stand-in for a
// Spark KMeans job that reads them a row group at a time and writes back what Spark would
// (a KMeansModel directory and an (id, prediction) table, bench/lib/sparkStandIn.mjs), then
// name the clusters and render the report (`topiclens spark-topics --assignments`). Each step
// runs in its own process; wall time and peak resident memory of each are reported.
//   node bench/spark-e2e.mjs [size] [k]   (needs `npm run build`; corpora built like bench/scale.mjs)
import { mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSparkKMeansModel } from "../dist/node.js";
import { makeCorpus } from "./lib/makeCorpus.mjs";
import { PYTHON, runJson, table } from "./lib/run.mjs";

const size = Number(process.argv[2] ?? 1_000_000);
const k = Number(process.argv[3] ?? 50);
const child = fileURLToPath(new URL("./py/child.py", import.meta.url));
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const standIn = fileURLToPath(new URL("./lib/sparkStandIn.mjs", import.meta.url));
const corpus = join(tmpdir(), `topiclens-cli-${size}.jsonl`);
const work = join(tmpdir(), `topiclens-spark-e2e-${size}`);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
await makeCorpus(corpus, size);
const vectors = join(work, "vectors.parquet");
const report = join(work, "topics.json");

const node = [process.execPath, "--max-old-space-size=8192"];
const steps = [
  ["spark-vectors (Parquet, 2^18 features)", [...node, cli, "spark-vectors", corpus, "--out", vectors, "--quiet"]],
  [`stand-in Spark KMeans (k ${k}, cosine, mini-batch)`, [...node, standIn, vectors, work, String(k)]],
  [
    "spark-topics --assignments (JSON report)",
    [...node, cli, "spark-topics", corpus, "--assignments", join(work, "assignments"), "--out", report, "--quiet"],
  ],
  [
    "spark-topics --assignments (HTML report)",
    [
      ...node,
      cli,
      "spark-topics",
      corpus,
      "--assignments",
      join(work, "assignments"),
      "--out",
      join(work, "topics.html"),
      "--quiet",
    ],
  ],
];
const rows = [];
for (const [name, command] of steps) {
  const m = runJson(PYTHON, [child, ...command]);
  rows.push([name, m.total.toFixed(1), Math.round(m.peakMB)]);
  console.error(name, m);
}
const model = await readSparkKMeansModel(join(work, "kmeans-model"));
const topics = JSON.parse(readFileSync(report, "utf8")).topics;
const named = topics.filter((t) => t.size > 0 && t.keywords.length > 0).length;
console.log(
  `\n${size.toLocaleString("en")} documents, k = ${k}; vectors ${(statSync(vectors).size / 2 ** 20).toFixed(0)} MB; KMeansModel read back: ${model.k} centres of ${model.numFeatures} features; ${named} of ${topics.length} clusters named\n`,
);
console.log(table(["step", "seconds", "peak MB"], rows));
