// How shown phrases are written: keywords are counted, as scikit-learn's n-grams are, over the
// words left once stop words are out, so a phrase can stand for words joined by stop words
// ("bank england" for "bank of england"). For each corpus (seed 0), the shown phrases (top 10
// of every topic) whose commonest written form has stop words inside, with that form.
//   node bench/phraseForms.mjs [corpus ...]     (needs `npm run build`)
import { readCorpus } from "./lib/corpus.mjs";
import { stripPost } from "./lib/newsgroups.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { clusterTopics, resolveStopWords, tokenize } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");

const K = {
  "conf-abstracts-5areas.jsonl.gz": 20,
  "bbc-news.jsonl": 20,
  "reuters-r8.jsonl": 20,
  "ag-news-test.jsonl": 20,
  "ohsumed-23.jsonl": 23,
  "keyphrase-abstracts.jsonl": 20,
  "20newsgroups-bydate.jsonl.gz": 20,
};
const stop = resolveStopWords("en").words;
const pool = createWorkerPool();
const rows = [];
for (const corpus of corporaFromArgs(Object.keys(K))) {
  const docs = readCorpus(corpus).map((r) => (corpus.startsWith("20newsgroups") ? stripPost(r.text) : r.text));
  const result = clusterTopics(docs, { k: K[corpus] ?? 20, seed: 0, parallel: pool });
  const forms = new Map();
  for (const topic of result.topics) {
    for (const keyword of topic.keywords) {
      const counted = keyword.counted ?? keyword.term;
      if (counted.includes(" ")) forms.set(counted, new Map());
    }
  }
  const byFirst = new Map();
  for (const phrase of forms.keys()) {
    const first = phrase.split(" ")[0];
    byFirst.set(first, [...(byFirst.get(first) ?? []), phrase]);
  }
  for (const doc of docs) {
    // Kept words, each with the stop words written before it.
    const kept = [];
    let between = [];
    for (const token of tokenize(doc)) {
      if (stop.has(token)) between.push(token);
      else {
        kept.push([token, between.join(" ")]);
        between = [];
      }
    }
    for (let i = 0; i < kept.length; i++) {
      for (const phrase of byFirst.get(kept[i][0]) ?? []) {
        const words = phrase.split(" ");
        if (i + words.length > kept.length || !words.every((w, j) => kept[i + j][0] === w)) continue;
        let written = words[0];
        for (let j = 1; j < words.length; j++) written += `${kept[i + j][1] ? ` ${kept[i + j][1]}` : ""} ${words[j]}`;
        const counts = forms.get(phrase);
        counts.set(written, (counts.get(written) ?? 0) + 1);
      }
    }
  }
  const bridged = [];
  for (const [phrase, counts] of forms) {
    const [commonest] = [...counts].sort((a, b) => b[1] - a[1]);
    if (commonest && commonest[0] !== phrase) bridged.push(`${phrase} → ${commonest[0]}`);
  }
  rows.push([corpus.replace(/\.jsonl(\.gz)?$/, ""), result.topics.length, `${bridged.length} / ${forms.size}`]);
  if (bridged.length > 0) console.log(`${corpus}:\n  ${bridged.join("\n  ")}`);
}
await pool.close();
console.log(table(["corpus", "k", "shown phrases written with stop words inside"], rows));
