// Does a topic's label find its documents? Each label, read as a query (a document matches
// when it holds any label term, a phrase as consecutive words, a term shown with its short
// form by either form), is scored against the topic's documents: precision, recall and F1,
// averaged over the topics. On the seed corpus (k auto, seeds 0-9) and on every labelled
// development corpus and all 20 Newsgroups (k = classes, seed 0).
//   node bench/labelQuery.mjs [corpus ...]     (needs `npm run build`)
import { LABELLED_CORPORA, readCorpus } from "./lib/corpus.mjs";
import { stripPost } from "./lib/newsgroups.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { clusterTopics, createTokenizer } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");
const { seedCorpus } = await import("../dist/seed.js");

const tokenize = createTokenizer({});

/** The word sequences a label term matches: its words, or its long and its short form. */
function formsOf(term) {
  const shown = /^(.*?)\s*\(([^()]+)\)$/.exec(term);
  return (shown ? [shown[1], shown[2]] : [term]).map((f) => tokenize(f)).filter((f) => f.length > 0);
}

function holds(words, form) {
  for (let i = 0; i + form.length <= words.length; i++) if (form.every((w, j) => words[i + j] === w)) return true;
  return false;
}

/** Mean precision, recall and F1 of the labels as queries for their topics' documents. */
function labelQuery(texts, result) {
  const words = texts.map((t) => tokenize(t));
  const sums = [0, 0, 0];
  for (const topic of result.topics) {
    const forms = topic.label.split(" · ").flatMap(formsOf);
    let hits = 0;
    let found = 0;
    words.forEach((w, d) => {
      if (!forms.some((f) => holds(w, f))) return;
      hits++;
      if (result.assignments[d] === topic.id) found++;
    });
    const precision = hits === 0 ? 0 : found / hits;
    const recall = found / topic.size;
    sums[0] += precision;
    sums[1] += recall;
    sums[2] += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return sums.map((s) => s / result.topics.length);
}

const pool = createWorkerPool();
const rows = [];
const format = (scores) => scores.map((x) => x.toFixed(3));
const named = process.argv.length > 2;
if (!named) {
  const texts = seedCorpus().map((p) => p.abstract);
  const sums = [0, 0, 0];
  for (let seed = 0; seed < 10; seed++)
    labelQuery(texts, clusterTopics(texts, { seed })).forEach((x, i) => {
      sums[i] += x / 10;
    });
  rows.push(["seed corpus (k auto, seeds 0-9)", ...format(sums)]);
}
for (const corpus of corporaFromArgs([...LABELLED_CORPORA, "20newsgroups-bydate.jsonl.gz"])) {
  const records = readCorpus(corpus);
  const texts = records.map((r) => (corpus.startsWith("20newsgroups") ? stripPost(r.text) : r.text));
  const k = new Set(records.map((r) => r.label)).size;
  const result = clusterTopics(texts, { k, seed: 0, parallel: pool });
  rows.push([corpus.replace(/\.jsonl(\.gz)?$/, ""), ...format(labelQuery(texts, result))]);
}
await pool.close();
console.log(table(["corpus", "precision", "recall", "F1"], rows));
