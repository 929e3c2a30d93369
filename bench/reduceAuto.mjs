// How many topics `reduceTopics(result, docs, "auto")` leaves, and how well they match the
// gold classes (V-measure / ARI), on the labelled development corpora fitted with more topics
// than classes (seed 0). Beside it: the same result reduced to the number of classes (what a
// user who knew it would ask for), left as fitted, and cut at the widest gap between
// consecutive merge distances (the rule "auto" used before).
//   node bench/reduceAuto.mjs     (needs `npm run build`)
import { readLabelled } from "./lib/corpus.mjs";
import { table } from "./lib/run.mjs";

const { adjustedRandIndex, clusterTopics, hierarchicalTopics, reduceTopics, vMeasure } = await import(
  "../dist/index.js"
);
const { createWorkerPool } = await import("../dist/node.js");

/** Corpus and the number of topics fitted before reducing. */
const RUNS = [
  ["20newsgroups-bydate.jsonl.gz", 30],
  ["20newsgroups-bydate.jsonl.gz", 40],
  ["bbc-news.jsonl", 10],
  ["bbc-news.jsonl", 20],
  ["reuters-r8.jsonl", 16],
  ["20ng-4cat-stripped.jsonl", 8],
  ["conf-abstracts-5areas.jsonl.gz", 10],
  ["ag-news-test.jsonl", 8],
  ["ohsumed-23.jsonl", 40],
];

/** The previous rule: cut at the widest gap between consecutive merge distances. */
function widestGap(distances) {
  const K = distances.length + 1;
  let widest = 0;
  let groups = K;
  for (let i = 0; i + 1 < distances.length; i++) {
    const gap = distances[i + 1] - distances[i];
    if (gap > widest) [widest, groups] = [gap, K - 1 - i];
  }
  return groups;
}

const pool = createWorkerPool();
const rows = [];
const sums = { auto: [0, 0], gap: [0, 0] };
for (const [name, fitted] of RUNS) {
  const { docs, gold } = readLabelled(name);
  const classes = new Set(gold).size;
  const result = clusterTopics(docs, { k: fitted, seed: 0, stabilitySeeds: 1, parallel: pool });
  const scored = (r) => [r.topics.length, vMeasure(gold, r.assignments), adjustedRandIndex(gold, r.assignments)];
  const cell = ([n, v, ari]) => `${n}: ${v.toFixed(3)} / ${ari.toFixed(3)}`;
  const auto = scored(reduceTopics(result, docs, "auto"));
  const distances = hierarchicalTopics(result, docs).merges.map((m) => m.distance);
  const gap = scored(reduceTopics(result, docs, widestGap(distances)));
  for (const [key, s] of [
    ["auto", auto],
    ["gap", gap],
  ]) {
    sums[key][0] += s[1];
    sums[key][1] += s[2];
  }
  rows.push([
    name,
    `${fitted} → ${classes} classes`,
    cell(scored(result)),
    cell(scored(reduceTopics(result, docs, classes))),
    cell(gap),
    cell(auto),
  ]);
}
await pool.close();
const mean = ([v, ari]) => `${(v / RUNS.length).toFixed(3)} / ${(ari / RUNS.length).toFixed(3)}`;
rows.push(["mean", "", "", "", mean(sums.gap), mean(sums.auto)]);
console.log(
  table(["corpus", "topics", "as fitted (V / ARI)", "reduced to the classes", "widest gap (before)", '"auto"'], rows),
);
