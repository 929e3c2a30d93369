// Can k-means find the gold classes at all? For each labelled corpus, clusterTopics with
// k = its classes (seeds 0–2), then, in the clustering space the call used (each document
// embedded by the fitted model), spherical k-means' objective (the sum of each document's
// cosine similarity to its group's centre) of the call's clustering and of the gold classes
// themselves. When the gold classes score lower, no k-means (more restarts, another start)
// can return them: the objective prefers another partition. Also the share of each class in
// the topic that holds most of it.
//   node bench/goldObjective.mjs [corpus ...]     (needs `npm run build`)
import { LABELLED_CORPORA, readCorpus } from "./lib/corpus.mjs";
import { stripPost } from "./lib/newsgroups.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { clusterTopics, denseNormalizeRows, projectOnComponents } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");

/** The documents as the fitted model embeds them: unit LSA rows. */
function embedded(model, docs) {
  return denseNormalizeRows(projectOnComponents(model.vectorizer.transform(docs), model.components));
}

/** Σ over groups of ‖Σ of the group's unit rows‖: Σ_i cos(x_i, unit centre of its group). */
function objective(X, groups, k) {
  const sums = new Float64Array(k * X.cols);
  for (let i = 0; i < X.rows; i++)
    for (let j = 0; j < X.cols; j++) sums[groups[i] * X.cols + j] += X.data[i * X.cols + j];
  let total = 0;
  for (let c = 0; c < k; c++) total += Math.hypot(...sums.subarray(c * X.cols, (c + 1) * X.cols));
  return total;
}

const corpora = corporaFromArgs([...LABELLED_CORPORA, "20newsgroups-bydate.jsonl.gz"]);
const pool = createWorkerPool();
const rows = [];
for (const corpus of corpora) {
  const records = readCorpus(corpus);
  const docs = records.map((r) => (corpus.startsWith("20newsgroups") ? stripPost(r.text) : r.text));
  const names = [...new Set(records.map((r) => r.label))];
  const gold = Int32Array.from(records, (r) => names.indexOf(r.label));
  const k = names.length;
  for (const seed of [0, 1, 2]) {
    const result = clusterTopics(docs, { k, seed, stabilitySeeds: 1, parallel: pool });
    const X = embedded(result.model, docs);
    const ours = objective(X, result.assignments, k);
    const classes = objective(X, gold, k);
    // The smallest share of a class that its majority topic holds.
    const held = names.map((_, c) => {
      const counts = new Map();
      gold.forEach((g, i) => {
        if (g === c) counts.set(result.assignments[i], (counts.get(result.assignments[i]) ?? 0) + 1);
      });
      return Math.max(...counts.values()) / gold.filter((g) => g === c).length;
    });
    rows.push([
      corpus.replace(/\.jsonl(\.gz)?$/, ""),
      seed,
      ours.toFixed(1),
      classes.toFixed(1),
      (classes / ours).toFixed(3),
      Math.min(...held).toFixed(2),
    ]);
  }
}
await pool.close();
console.log(
  table(
    ["corpus", "seed", "objective, clusterTopics", "objective, gold classes", "gold / ours", "least held class"],
    rows,
  ),
);
