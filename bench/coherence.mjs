// Keyword quality: NPMI coherence (gensim's c_npmi over the corpus) and topic diversity
// of topiclens' keywords (class-based TF-IDF with phrases, co-occurrence ordering and MMR)
// versus plain centroid argsort keywords (scikit-learn's example: top terms of each k-means
// centroid in its TF-IDF space), for the same clustering. Then the same held out: topics
// fitted on half the documents, scored on the other half, with and without the ordering by
// co-occurrence.
//   node bench/coherence.mjs [corpus ...]     (needs `npm run build`; SPELLINGS=1 scores the
//   shown keywords with singular and plural, hyphenated and spaced spellings as one)

import { centroidKeywords } from "./lib/centroidKeywords.mjs";
import { LABELLED_CORPORA, readCorpus } from "./lib/corpus.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";
import { shownKeywords } from "./lib/shownKeywords.mjs";

const {
  CLUSTER_KEYWORDS_DEFAULTS,
  clusterKeywords,
  clusterTopics,
  createTokenizer,
  fitTransformTfidf,
  npmiCoherence,
  resolveStopWords,
  topicDiversity,
} = await import("../dist/index.js");

const ourStop = resolveStopWords("en", "bench").words;
const ourTokenize = createTokenizer({});

const rows = [];
const heldOut = [];
const corpora = corporaFromArgs(LABELLED_CORPORA);
for (const corpus of corpora) {
  const records = readCorpus(corpus);
  const docs = records.map((r) => r.text);
  const k = new Set(records.map((r) => r.label)).size;
  // 25 keywords a topic, for the diversity of the top 25.
  const result = clusterTopics(docs, { k, seed: 0, stabilitySeeds: 1, keywords: { topN: 25 } });
  const labels = result.assignments;
  // Each keyword set is scored on the corpus as its own tokenizer reads it.
  const ourTexts = docs.map((d) => ourTokenize(d).filter((w) => !ourStop.has(w)));
  const example = centroidKeywords(docs);
  const centroid = example.keywordsOf(labels, k, 25);
  const sklearnTexts = example.texts;
  const phrases = fitTransformTfidf(docs, { ngramRange: [1, 3], minDf: 2 });
  const ours = clusterKeywords(
    { counts: phrases.counts, labels, vocabulary: phrases.model.vocabulary, k },
    { topN: 25 },
  ).map((t) => t.keywords.map((x) => x.term));
  const { topics: shown, texts: shownTexts } = shownKeywords(result, ourTexts);
  for (const [name, topics, texts] of [
    ["centroid argsort (sklearn example)", centroid, sklearnTexts],
    ["topiclens c-TF-IDF + phrases + co-occurrence + MMR", ours, ourTexts],
    ["topiclens clusterTopics keywords", shown, shownTexts],
  ]) {
    rows.push([
      corpus,
      name,
      npmiCoherence(
        topics.map((t) => t.slice(0, 10)),
        texts,
      ).toFixed(3),
      topicDiversity(topics, 25).toFixed(3),
      topics
        .map((t) => t.slice(0, 4).join(", "))
        .join(" | ")
        .slice(0, 150),
    ]);
  }
  // Held out: topics fitted on the even documents, their keywords scored on the odd ones, which
  // neither the clustering nor the keywords' co-occurrence saw.
  const fitDocs = docs.filter((_, i) => i % 2 === 0);
  const scoreTexts = ourTexts.filter((_, i) => i % 2 === 1);
  const cells = [corpus];
  for (const coherence of [0, CLUSTER_KEYWORDS_DEFAULTS.coherence]) {
    const fit = clusterTopics(fitDocs, { k, seed: 0, stabilitySeeds: 1, keywords: { topN: 25, coherence } });
    const { topics, texts } = shownKeywords(fit, scoreTexts);
    cells.push(
      `${npmiCoherence(
        topics.map((t) => t.slice(0, 10)),
        texts,
      ).toFixed(3)} / ${topicDiversity(topics, 25).toFixed(3)}`,
    );
  }
  heldOut.push(cells);
}
console.log(table(["corpus", "keywords", "NPMI (top 10)", "diversity (top 25)", "first keywords"], rows));
console.log(
  "\nHeld out (fitted on the even documents, NPMI on the odd ones), clusterTopics keywords, NPMI / diversity:",
);
console.log(
  table(["corpus", "coherence 0 (by score)", `coherence ${CLUSTER_KEYWORDS_DEFAULTS.coherence} (default)`], heldOut),
);
