// Do a topic's own figures (`quality.topics`: its silhouette and the NPMI of its keywords)
// point at the topics that mix classes? On labelled corpora, k = the number of classes,
// seeds 0-2: the rank correlation (Spearman) of each figure with the topics' purity (the
// share of a topic's documents in its commonest class), and how pure the topic with the
// lowest figure is against the median topic.
//   node bench/topicQuality.mjs [corpus ...]   (needs `npm run build`; SEEDS=0,1,2)
import { readLabelled } from "./lib/corpus.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { clusterTopics } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");

const corpora = corporaFromArgs([
  "bbc-news.jsonl",
  "20ng-4cat-stripped.jsonl",
  "reuters-r8.jsonl",
  "ag-news-test.jsonl",
  "keyphrase-abstracts.jsonl",
  "ohsumed-23.jsonl",
  "brown-genres.jsonl",
  "conf-abstracts-5areas.jsonl.gz",
  "20newsgroups-bydate.jsonl.gz",
]);
const SEEDS = (process.env.SEEDS ?? "0,1,2").split(",").map(Number);

/** Spearman's rank correlation (average ranks for ties). */
function spearman(a, b) {
  const rank = (v) => {
    const order = v.map((x, i) => [x, i]).sort((p, q) => p[0] - q[0]);
    const r = new Array(v.length);
    for (let s = 0; s < order.length; ) {
      let e = s;
      while (e + 1 < order.length && order[e + 1][0] === order[s][0]) e++;
      for (let j = s; j <= e; j++) r[order[j][1]] = (s + e) / 2;
      s = e + 1;
    }
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const mean = (v) => v.reduce((x, y) => x + y, 0) / v.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (ra[i] - ma) * (rb[i] - mb);
    aa += (ra[i] - ma) ** 2;
    bb += (rb[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

const median = (v) => {
  const s = [...v].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const pool = createWorkerPool();
const rows = [];
for (const corpus of corpora) {
  const { docs, gold } = readLabelled(corpus);
  const k = new Set(gold).size;
  for (const seed of SEEDS) {
    const result = clusterTopics(docs, { k, seed, parallel: pool });
    const topics = result.topics.map((t, i) => {
      const counts = new Map();
      for (const d of t.documents) counts.set(gold[d], (counts.get(gold[d]) ?? 0) + 1);
      const q = result.quality.topics[i];
      return { purity: Math.max(...counts.values()) / t.size, silhouette: q.silhouette, coherence: q.coherence };
    });
    const scored = topics.filter((t) => t.silhouette !== null && t.coherence !== null);
    const lowest = (key) => scored.reduce((a, b) => (b[key] < a[key] ? b : a)).purity;
    rows.push([
      corpus.replace(/\.jsonl(\.gz)?$/, ""),
      seed,
      scored.length,
      spearman(
        scored.map((t) => t.silhouette),
        scored.map((t) => t.purity),
      ).toFixed(2),
      spearman(
        scored.map((t) => t.coherence),
        scored.map((t) => t.purity),
      ).toFixed(2),
      median(scored.map((t) => t.purity)).toFixed(2),
      lowest("silhouette").toFixed(2),
      lowest("coherence").toFixed(2),
    ]);
  }
}
await pool.close();
console.log(
  table(
    [
      "corpus",
      "seed",
      "topics",
      "ρ(silhouette, purity)",
      "ρ(coherence, purity)",
      "median purity",
      "purity, lowest silhouette",
      "purity, lowest coherence",
    ],
    rows,
  ),
);
