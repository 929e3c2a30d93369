// Per-document keyphrases against the gold keyphrases of keyphrase-abstracts.jsonl:
// precision, recall and F1 at 5 and 10 (macro-averaged over documents), matching
// Porter2-stemmed, lower-cased word sequences exactly, for YAKE and for TF-IDF (1-3-grams
// fitted on the whole collection).
//   node bench/keyphrases.mjs     (needs `npm run build`)
import { readCorpus } from "./lib/corpus.mjs";
import { table } from "./lib/run.mjs";

const { documentKeywordsBatch, fitTfidf, porter2Stemmer } = await import("../dist/index.js");
const records = readCorpus("keyphrase-abstracts.jsonl");
const docs = records.map((r) => r.text);
const normalize = (phrase) =>
  (phrase.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => porter2Stemmer(w)).join(" ");

function evaluate(predictions) {
  const out = {};
  for (const k of [5, 10]) {
    let p = 0;
    let r = 0;
    let f = 0;
    predictions.forEach((pred, i) => {
      const gold = new Set(records[i].keyphrases.map(normalize).filter(Boolean));
      const top = [...new Set(pred.map((x) => normalize(x.term)))].slice(0, k);
      const hits = top.filter((t) => gold.has(t)).length;
      const precision = hits / k;
      const recall = gold.size === 0 ? 0 : hits / gold.size;
      p += precision;
      r += recall;
      f += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    });
    out[k] = [p, r, f].map((x) => (x / predictions.length).toFixed(3));
  }
  return out;
}

const results = [];
let t0 = performance.now();
const yake = documentKeywordsBatch(docs, { method: "yake", top: 10 });
results.push(["YAKE (n 3, window 1, dedup 0.9)", evaluate(yake), (performance.now() - t0) / 1000]);
t0 = performance.now();
const model = fitTfidf(docs, { ngramRange: [1, 3], sublinearTf: true });
const tfidf = documentKeywordsBatch(docs, { method: "tfidf", model, top: 10 });
results.push(["TF-IDF 1-3-grams + MMR (diversity 0.3)", evaluate(tfidf), (performance.now() - t0) / 1000]);
console.log(
  `${records.length} documents, ${records.reduce((a, r) => a + r.keyphrases.length, 0) / records.length} gold keyphrases per document on average\n`,
);
console.log(
  table(
    ["method", "P@5", "R@5", "F1@5", "P@10", "R@10", "F1@10", "seconds"],
    results.map(([name, m, s]) => [name, ...m[5], ...m[10], s.toFixed(1)]),
  ),
);
