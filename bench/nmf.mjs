// NMF topics, side by side: topiclens' `nmf` against scikit-learn's NMF on the same TF-IDF
// matrix (time, iterations, reconstruction error, V-measure of the heaviest components),
// then `clusterTopics(docs, { k, algorithm: "nmf" })` against the default k-means topics
// (V-measure, ARI, NPMI of the keywords, diversity, label match where the classes have
// aliases, seconds), k = the number of classes, seed 0.
//   node bench/nmf.mjs [corpus ...]   (needs `npm run build` and Debian's python3-sklearn)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readLabelled } from "./lib/corpus.mjs";
import { ALIASES, classesNamed } from "./lib/labelMatch.mjs";
import { corporaFromArgs, PYTHON, runJson, table } from "./lib/run.mjs";

const { adjustedRandIndex, CLUSTER_TOPICS_VECTORIZER, clusterTopics, fitTransformTfidf, nmf, vMeasure } = await import(
  "../dist/index.js"
);

const corpora = corporaFromArgs([
  "20ng-4cat-stripped.jsonl",
  "conf-abstracts-5areas.jsonl.gz",
  "bbc-news.jsonl",
  "reuters-r8.jsonl",
  "20newsgroups-bydate.jsonl.gz",
]);
const dir = mkdtempSync(join(tmpdir(), "topiclens-nmf-"));
const solverRows = [];
const topicRows = [];
for (const corpus of corpora) {
  const { docs, gold } = readLabelled(corpus);
  const k = new Set(gold).size;
  const name = corpus.replace(/\.jsonl(\.gz)?$/, "");

  // The solver alone, on one matrix.
  const X = fitTransformTfidf(docs, CLUSTER_TOPICS_VECTORIZER).matrix;
  const prefix = join(dir, name);
  writeFileSync(`${prefix}.indptr`, Buffer.from(X.indptr.buffer, X.indptr.byteOffset, X.indptr.byteLength));
  writeFileSync(`${prefix}.indices`, Buffer.from(X.indices.buffer, X.indices.byteOffset, X.indices.byteLength));
  const data = Float64Array.from(X.data);
  writeFileSync(`${prefix}.data`, Buffer.from(data.buffer));
  const theirs = runJson(PYTHON, [
    fileURLToPath(new URL("./py/nmf.py", import.meta.url)),
    prefix,
    String(X.rows),
    String(X.cols),
    String(k),
  ]);
  const t0 = performance.now();
  const ours = nmf(X, k);
  const seconds = (performance.now() - t0) / 1000;
  const heaviest = Array.from({ length: X.rows }, (_, i) => {
    let best = -1;
    let weight = 0;
    for (let c = 0; c < k; c++) if (ours.W.data[i * k + c] > weight) [best, weight] = [c, ours.W.data[i * k + c]];
    return best;
  });
  solverRows.push([
    `${name} (${X.rows} x ${X.cols}, k ${k})`,
    `${seconds.toFixed(1)} / ${theirs.seconds.toFixed(1)} (${(seconds / theirs.seconds).toFixed(2)})`,
    `${ours.iterations} / ${theirs.iterations}`,
    `${ours.reconstructionError.toFixed(4)} / ${theirs.reconstructionError.toFixed(4)}`,
    `${vMeasure(gold, heaviest).toFixed(3)} / ${vMeasure(gold, theirs.labels).toFixed(3)}`,
  ]);

  // The topics of the one call.
  for (const algorithm of ["kmeans", "nmf"]) {
    const t1 = performance.now();
    const result = clusterTopics(docs, { k, algorithm, seed: 0, stabilitySeeds: 1 });
    const s = (performance.now() - t1) / 1000;
    const a = Array.from(result.assignments);
    const named = ALIASES[corpus] ? `${classesNamed(ALIASES[corpus], gold, result).named.length} / ${k}` : "–";
    topicRows.push([
      name,
      algorithm,
      vMeasure(gold, a).toFixed(3),
      adjustedRandIndex(gold, a).toFixed(3),
      result.quality.coherence.toFixed(3),
      result.quality.diversity.toFixed(3),
      named,
      s.toFixed(1),
    ]);
  }
}
rmSync(dir, { recursive: true, force: true });
console.log("\nThe solver on the same TF-IDF matrix (topiclens / scikit-learn):\n");
console.log(table(["corpus", "seconds (ratio)", "iterations", "‖X − WH‖", "V-measure (heaviest)"], solverRows));
console.log("\nclusterTopics, k-means (default) vs NMF:\n");
console.log(
  table(["corpus", "algorithm", "V-measure", "ARI", "NPMI", "diversity", "label match", "seconds"], topicRows),
);
