// Two ways to stop the earnings reports of Reuters R8 (half the corpus) from taking three
// topics while grain and ship share one, measured against the default call (k = classes,
// seeds 0-2): V-measure / ARI / classes named per seed, and the means.
//  - LSA dimensions weighed by their singular values to the power −ALPHA before the rows are
//    scaled to unit length (0: the call's own space; 1: whitened, every direction alike;
//    negative: the leading directions count more). The vectors go in as `embeddings`, weighed
//    as the call weighs the texts (by their words, or alike).
//  - Documents weighed down where they are dense: by 1 / (1 + the documents within cosine 0.9)
//    or by 1 − their mean cosine to their 20 nearest, in the call's own LSA space, times their
//    words (stop words out, 1 to 200) where the call weighs by words.
//   node bench/lsaWeighting.mjs [corpus ...]   (needs `npm run build`; ALPHAS=0,0.5,1,-0.5)
import { callSpace, callWeight } from "./lib/callSpace.mjs";
import { againstTheCall } from "./lib/labelMatch.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const {
  adjustedRandIndex,
  autoLsaDimensions,
  CLUSTER_TOPICS_VECTORIZER,
  clusterTopics,
  fitTransformTfidfWithTokens,
  truncatedSvd,
  vMeasure,
} = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");

const corpora = corporaFromArgs(["reuters-r8.jsonl", "bbc-news.jsonl", "20ng-4cat-stripped.jsonl"]);
const ALPHAS = (process.env.ALPHAS ?? "0,0.5,1,-0.5").split(",").map(Number);
const SEEDS = [0, 1, 2];
const pool = createWorkerPool();
const lib = { clusterTopics, vMeasure, adjustedRandIndex };

/** Unit rows of `data` (row-major, `cols` wide), each column first scaled by `scale[j]`. */
function scaledUnitRows(data, rows, cols, scale) {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let norm = 0;
    for (let j = 0; j < cols; j++) {
      const x = data[i * cols + j] * scale[j];
      out[i * cols + j] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < cols; j++) out[i * cols + j] /= norm;
  }
  return { rows, cols, data: out };
}

/** Per document: the documents within cosine 0.9, and the mean cosine to its 20 nearest. */
function densities({ rows: n, cols: d, data: X }) {
  const near = new Float64Array(n);
  const knn = new Float64Array(n);
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += X[i * d + f] * X[j * d + f];
      row[j] = j === i ? Number.NEGATIVE_INFINITY : s;
    }
    for (let j = 0; j < n; j++) if (row[j] >= 0.9) near[i]++;
    const top = Float64Array.from(row).sort().reverse().subarray(0, 20);
    knn[i] = top.reduce((a, b) => a + b, 0) / top.length;
  }
  return { near, knn };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const rows = [];
for (const corpus of corpora) {
  const { docs, gold, k, name, score, calls } = againstTheCall({ corpus, seeds: SEEDS, rows, lib, parallel: pool });
  // Weighed as the call weighs them: by their words (stop words out, 1 to 200) or alike.
  const base = calls[0];
  const byWords = base.parameters.documentWeights === "words";

  const { matrix, tokens } = fitTransformTfidfWithTokens(docs, CLUSTER_TOPICS_VECTORIZER);
  const svd = truncatedSvd(matrix, autoLsaDimensions(docs.length));
  const { rows: n, cols: d, data } = svd.embedding;
  for (const alpha of ALPHAS) {
    const embeddings = scaledUnitRows(
      data,
      n,
      d,
      Array.from(svd.singularValues, (s) => s ** -alpha),
    );
    score(`LSA dimensions × s^${-alpha}`, (seed) =>
      clusterTopics(docs, { k, seed, parallel: pool, embeddings, documentWeights: byWords ? "words" : "equal" }),
    );
  }

  const space = callSpace(base.model, docs);
  const { near, knn } = densities(space);
  const words = callWeight(tokens, byWords);
  const nearWeights = docs.map((_, i) => words(i) / (1 + near[i]));
  const knnWeights = docs.map((_, i) => words(i) * (1 - knn[i]));
  score("weights ÷ (1 + documents within 0.9)", (seed) =>
    clusterTopics(docs, { k, seed, parallel: pool, documentWeights: nearWeights }),
  );
  score("weights × (1 − mean cosine to 20 nearest)", (seed) =>
    clusterTopics(docs, { k, seed, parallel: pool, documentWeights: knnWeights }),
  );
  const byClass = new Map();
  for (let i = 0; i < gold.length; i++) {
    if (!byClass.has(gold[i])) byClass.set(gold[i], []);
    byClass.get(gold[i]).push(knn[i]);
  }
  console.log(
    `${name}: mean cosine to the 20 nearest, per class: ${[...byClass]
      .map(([g, xs]) => `${g} ${mean(xs).toFixed(3)}`)
      .join(", ")}`,
  );
}
await pool.close();
console.log(table(["corpus", "space or weights", "V / ARI / classes named, seeds 0-2", "mean V / ARI"], rows));
