// Chinese text: 10,000 THUCNews headlines in 10 classes (test/fixtures/corpora, MIT licence),
// clustered with k = 10, seeds 0-2. topiclens splits runs of scripts written without spaces
// into words with the runtime's Intl.Segmenter (`segmentWords`, on by default); without it a
// headline is one or two "words". Beside it, in the same run, scikit-learn's example pipelines
// on the same headlines split by jieba, the segmenter Python users plug into TfidfVectorizer
// (bench/py/chinese.py; Debian's python3-sklearn and python3-jieba).
//   node bench/chinese.mjs     (needs `npm run build`)
import { join } from "node:path";
import { parseJsonLines } from "./lib/chinese.mjs";
import { PYTHON, runJson, table } from "./lib/run.mjs";

const { adjustedRandIndex, clusterTopics, homogeneityCompletenessVMeasure } = await import("../dist/index.js");

const { file, records } = parseJsonLines("thucnews-test.jsonl.gz");
const docs = records.map((r) => r.text);
const gold = records.map((r) => r.label);
const k = new Set(gold).size;
const SEEDS = [0, 1, 2];

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const cell = (xs) => `${mean(xs).toFixed(3)} (${xs.map((x) => x.toFixed(3)).join(", ")})`;
const rows = [];
let shown = null;
for (const [name, vectorizer] of [
  ["topiclens, words segmented (default)", {}],
  ["topiclens, words segmented, Chinese stop words", { stopWords: "zh" }],
  ["topiclens, segmentWords: false", { segmentWords: false }],
]) {
  const v = [];
  const ari = [];
  const seconds = [];
  let blank = 0;
  for (const seed of SEEDS) {
    const t0 = performance.now();
    const result = clusterTopics(docs, { k, seed, vectorizer });
    seconds.push((performance.now() - t0) / 1000);
    const labels = Array.from(result.assignments);
    v.push(homogeneityCompletenessVMeasure(gold, labels).vMeasure);
    ari.push(adjustedRandIndex(gold, labels));
    blank = labels.filter((x) => x < 0).length;
    if (shown === null) shown = result;
  }
  rows.push([name, cell(v), cell(ari), String(blank), mean(seconds).toFixed(1)]);
}
const python = runJson(PYTHON, [join(import.meta.dirname, "py", "chinese.py"), file]);
for (const [name, runs] of Object.entries(python))
  rows.push([
    name,
    cell(runs.map((r) => r.vMeasure)),
    cell(runs.map((r) => r.ari)),
    "",
    mean(runs.map((r) => r.seconds)).toFixed(1),
  ]);
console.log(`${records.length} THUCNews headlines, ${k} classes, seeds ${SEEDS.join(", ")}\n`);
console.log(table(["pipeline", "V-measure", "ARI", "documents with no term", "seconds"], rows));
console.log("\nThe default's topics (seed 0), with the class holding most of each:");
for (const t of shown.topics) {
  const counts = new Map();
  shown.assignments.forEach((a, i) => {
    if (a === t.id) counts.set(gold[i], (counts.get(gold[i]) ?? 0) + 1);
  });
  const [top, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
  console.log(`  ${t.label} (${t.size}): ${top} ${n}`);
}
