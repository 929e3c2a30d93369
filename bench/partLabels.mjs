// Would labels that name a topic's two parts name the classes better? For each topic of at
// least 40 documents, its rows in the space the call clustered are split in two (cosine
// k-means, 3 starts); the parts' keywords come from a second call given the parts as its
// clusters (so filler words are still measured over the whole corpus). When each part has
// a keyword in at least 15% of its documents and three times as common there as in the other
// part, and the smaller part holds a fifth of the topic, the label becomes the topic's name
// and those two words (`game · team · season` → `game · hockey · baseball`). Prints the
// labels it changes and label match (bench/lib/labelMatch.mjs) before and after.
//   node bench/partLabels.mjs [corpus ...]     (needs `npm run build`; SEEDS=0,1,2)
import { readLabelled } from "./lib/corpus.mjs";
import { ALIASES, classesNamed, seedsFromEnv } from "./lib/labelMatch.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { clusterTopics, kmeans, csrSelectRows } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");
const SPACE = Symbol.for("topiclens.clusteringSpace");
const MIN_TOPIC = 40;
const SPREAD = 0.15;
const LIFT = 3;
const SMALLER_PART = 0.2;

const SEEDS = seedsFromEnv();
const pool = createWorkerPool();
const rows = [];
for (const corpus of corporaFromArgs(Object.keys(ALIASES))) {
  const aliases = ALIASES[corpus];
  const { docs, gold } = readLabelled(corpus);
  const lower = docs.map((d) => (typeof d === "string" ? d : d.text).toLowerCase());
  const k = Object.keys(aliases).length;
  for (const seed of SEEDS) {
    const result = clusterTopics(docs, { k, seed, parallel: pool });
    const relabelled = partLabels(result, docs, lower, seed);
    const before = classesNamed(aliases, gold, result).named.length;
    const after = classesNamed(aliases, gold, { ...result, topics: relabelled }).named.length;
    const changed = relabelled.filter((t, i) => t.label !== result.topics[i].label);
    for (const t of changed) console.log(`${corpus} seed ${seed}: ${result.topics[t.id].label} → ${t.label}`);
    rows.push([corpus.replace(/\.jsonl(\.gz)?$/, ""), seed, `${before} → ${after} / ${k}`, changed.length]);
  }
}
await pool.close();
console.log(table(["corpus", "seed", "classes named", "labels changed"], rows));

function partLabels(result, docs, lower, seed) {
  const points = result[SPACE]().points;
  const parts = new Int32Array(docs.length).fill(-1);
  const split = new Map();
  for (const t of result.topics) {
    for (const i of t.documents) parts[i] = 2 * t.id;
    if (t.size < MIN_TOPIC) continue;
    const fit = kmeans(selectRows(points, t.documents), 2, { metric: "cosine", seed: 0, nInit: 3 });
    t.documents.forEach((i, j) => {
      parts[i] = 2 * t.id + fit.labels[j];
    });
    split.set(
      t.id,
      [0, 1].map((p) => t.documents.filter((_, j) => fit.labels[j] === p)),
    );
  }
  const given = clusterTopics(docs, { clusters: parts, seed, parallel: pool });
  const partTopic = new Map(given.topics.map((p) => [p.cluster, p]));
  const near = (a, b) => a.includes(b) || b.includes(a);
  return result.topics.map((t) => {
    const halves = split.get(t.id);
    if (halves === undefined || Math.min(...halves.map((h) => h.length)) < SMALLER_PART * t.size) return t;
    const markers = [];
    for (const p of [0, 1]) {
      const own = halves[p];
      const other = halves[1 - p];
      const marker = partTopic
        .get(2 * t.id + p)
        .keywords.map((x) => x.term)
        .find((x) => {
          const a = rate(lower, x, own);
          return a >= SPREAD && a >= LIFT * rate(lower, x, other) && ![t.name, ...markers].some((y) => near(x, y));
        });
      if (marker === undefined) return t;
      markers.push(marker);
    }
    return { ...t, label: [t.name, ...markers].join(" · ") };
  });
}

function selectRows(points, rows) {
  if ("indptr" in points) return csrSelectRows(points, Int32Array.from(rows));
  const data = new Float64Array(rows.length * points.cols);
  rows.forEach((i, j) => {
    data.set(points.data.subarray(i * points.cols, (i + 1) * points.cols), j * points.cols);
  });
  return { rows: rows.length, cols: points.cols, data };
}

/** Share of the documents whose lower-cased text holds `term` as whole words. */
function rate(lower, term, documents) {
  const re = new RegExp(`\\b${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`);
  let n = 0;
  for (const i of documents) if (re.test(lower[i])) n++;
  return n / documents.length;
}
