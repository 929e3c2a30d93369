// Scale: topiclens end to end (streamed TF-IDF, mini-batch k-means with k = 50 on both
// cores, c-TF-IDF keywords) against scikit-learn's fastest equivalent
// (HashingVectorizer + TfidfTransformer + MiniBatchKMeans), and TfidfVectorizer + KMeans
// at the smallest size, on corpora of 100k, 300k and 1M documents built from the 87,242
// real abstracts (bench/lib/makeCorpus.mjs). Wall time per phase, peak resident memory,
// V-measure of the 87,242 originals against their venue labels. Writes docs/scale.svg.
//   node bench/scale.mjs [sizes...]      (needs `npm run build` and Debian's python3-sklearn)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chart } from "./lib/chart.mjs";
import { peakMemoryMB } from "./lib/corpus.mjs";
import { makeCorpus } from "./lib/makeCorpus.mjs";
import { PYTHON, runJson, table } from "./lib/run.mjs";

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === "--worker") {
  const [path, nLabels] = [process.argv[3], Number(process.argv[4])];
  const { clusterKeywords, fitTransformTfidfStream, miniBatchKMeans, vMeasure } = await import("../dist/index.js");
  const { createWorkerPool, readJsonLines } = await import("../dist/node.js");
  const pool = createWorkerPool({ threads: 2 });
  const t0 = performance.now();
  const fit = await fitTransformTfidfStream(
    readJsonLines(path),
    { minDf: 5, maxDf: 0.5, sublinearTf: true },
    { shared: true },
  );
  const t1 = performance.now();
  const km = miniBatchKMeans(fit.matrix, 50, { metric: "cosine", batchSize: 4096, nInit: 3, seed: 0, parallel: pool });
  const t2 = performance.now();
  const topics = clusterKeywords({ counts: fit.counts, labels: km.labels, vocabulary: fit.model.vocabulary, k: 50 });
  const t3 = performance.now();
  // Labels of the originals, streamed too (reading the whole file would dwarf the library's memory).
  const labels = [];
  for await (const label of readJsonLines(path, "label")) {
    labels.push(label);
    if (labels.length === nLabels) break;
  }
  await pool.close();
  console.log(
    JSON.stringify({
      vectorize: (t1 - t0) / 1000,
      cluster: (t2 - t1) / 1000,
      keywords: (t3 - t2) / 1000,
      total: (t3 - t0) / 1000,
      peakMB: peakMemoryMB(),
      vMeasure: vMeasure(labels, km.labels.subarray(0, nLabels)),
      shape: [fit.matrix.rows, fit.matrix.cols],
      sample: topics.slice(0, 3).map((t) => t.label),
    }),
  );
} else {
  const sizes = process.argv.slice(2).map(Number).filter(Boolean);
  const plan = sizes.length > 0 ? sizes : [100_000, 300_000, 1_000_000];
  const rows = [];
  const points = [];
  for (const size of plan) {
    const path = join(tmpdir(), `topiclens-scale-${size}.jsonl`);
    const labels = await makeCorpus(path, size);
    const n = Math.min(labels.length, size);
    const ours = runJson(process.execPath, ["--max-old-space-size=8192", self, "--worker", path, String(n)]);
    const hashing = runJson(PYTHON, [
      fileURLToPath(new URL("./py/scale.py", import.meta.url)),
      path,
      "hashing",
      String(n),
    ]);
    const results = [
      ["topiclens", ours],
      ["sklearn Hashing + MiniBatchKMeans", hashing],
    ];
    if (size <= 100_000)
      results.push([
        "sklearn TfidfVectorizer + KMeans",
        runJson(PYTHON, [fileURLToPath(new URL("./py/scale.py", import.meta.url)), path, "tfidf", String(n)]),
      ]);
    for (const [name, r] of results) {
      rows.push([
        size.toLocaleString("en"),
        name,
        r.vectorize.toFixed(1),
        r.cluster.toFixed(1),
        r.keywords.toFixed(1),
        r.total.toFixed(1),
        r.peakMB.toFixed(0),
        r.vMeasure.toFixed(3),
      ]);
      points.push({ size, name, total: r.total, peakMB: r.peakMB });
    }
    console.error(
      `${size}: topiclens ${ours.total.toFixed(1)} s / ${ours.peakMB.toFixed(0)} MB; sklearn hashing ${hashing.total.toFixed(1)} s / ${hashing.peakMB.toFixed(0)} MB; ${ours.sample.join(" | ")}`,
    );
    rmSync(path, { force: true });
  }
  console.log(
    table(
      [
        "documents",
        "pipeline",
        "vectorize s",
        "cluster s",
        "keywords s",
        "total s",
        "peak MB",
        "V-measure (87k originals)",
      ],
      rows,
    ),
  );
  // The README shows this chart.
  mkdirSync(fileURLToPath(new URL("../docs", import.meta.url)), { recursive: true });
  writeFileSync(fileURLToPath(new URL("../docs/scale.svg", import.meta.url)), chart(points));
}
