// Keywords with every occurrence counted (repetition 1, BERTopic's c-TF-IDF) against
// repetitions inside one document damped (the default): NPMI of the shown keywords (top 10,
// gensim's c_npmi), the same held out (topics fitted on the even documents, scored on the
// odd ones), and the centroid keywords' NPMI beside them, per corpus and seed, k = classes.
//   node bench/repetition.mjs [corpus ...]     (needs `npm run build`; SEEDS=0,1,2 and
//   VALUES=1,0.75 by default)

import { centroidKeywords } from "./lib/centroidKeywords.mjs";
import { LABELLED_CORPORA, readCorpus } from "./lib/corpus.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";
import { shownKeywords } from "./lib/shownKeywords.mjs";

const { clusterTopics, createTokenizer, npmiCoherence, resolveStopWords } = await import("../dist/index.js");

const SEEDS = (process.env.SEEDS ?? "0,1,2").split(",").map(Number);
const VALUES = (process.env.VALUES ?? "1,0.75").split(",").map(Number);
const stop = resolveStopWords("en", "bench").words;
const tokenize = createTokenizer({});
const npmiOf = (topics, texts) =>
  npmiCoherence(
    topics.map((t) => t.slice(0, 10)),
    texts,
  );

const rows = [];
for (const corpus of corporaFromArgs(LABELLED_CORPORA)) {
  const records = readCorpus(corpus);
  const docs = records.map((r) => r.text);
  const k = new Set(records.map((r) => r.label)).size;
  const texts = docs.map((d) => tokenize(d).filter((w) => !stop.has(w)));
  const fitDocs = docs.filter((_, i) => i % 2 === 0);
  const scoreTexts = texts.filter((_, i) => i % 2 === 1);
  const example = centroidKeywords(docs);
  for (const seed of SEEDS) {
    const row = [corpus, seed];
    let labels = null;
    for (const repetition of VALUES) {
      const keywords = { topN: 10, repetition };
      const result = clusterTopics(docs, { k, seed, stabilitySeeds: 1, keywords });
      labels = result.assignments;
      const shown = shownKeywords(result, texts);
      const fit = clusterTopics(fitDocs, { k, seed, stabilitySeeds: 1, keywords });
      const held = shownKeywords(fit, scoreTexts);
      row.push(`${npmiOf(shown.topics, shown.texts).toFixed(3)} / ${npmiOf(held.topics, held.texts).toFixed(3)}`);
    }
    // The same clustering's centroid argsort keywords, as bench/coherence.mjs scores them.
    row.push(npmiOf(example.keywordsOf(labels, k), example.texts).toFixed(3));
    rows.push(row);
    console.error(row.join("  "));
  }
}
console.log(
  table(["corpus", "seed", ...VALUES.map((v) => `repetition ${v}: NPMI / held out`), "centroid argsort NPMI"], rows),
);
