// Would trading a redundant pair of topics for a split of a mixed one name the classes better?
// After the one call, in the space it clustered: the two topics whose centres are the most
// alike are merged and the topic whose two halves (cosine k-means, 3 starts) are the least
// alike is split, while those halves are less alike than the pair (by MARGIN); k stays the
// same. Optionally (LLOYD=1) k-means then runs on from the new topics' centres. Labels come
// from a second call given the new clusters. Prints V-measure, ARI and label match before and
// after, and the swaps made.
//   node bench/splitMerge.mjs [corpus ...]     (needs `npm run build`; SEEDS=0,1,2)
import { readLabelled } from "./lib/corpus.mjs";
import { ALIASES, classesNamed } from "./lib/labelMatch.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { adjustedRandIndex, clusterTopics, kmeans, vMeasure } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");
const SPACE = Symbol.for("topiclens.clusteringSpace");
const MARGIN = Number(process.env.MARGIN ?? 0.05);
const MIN_HALF = Number(process.env.MIN_HALF ?? 0.1);
const LLOYD = process.env.LLOYD === "1";
const CRIT = process.env.CRIT ?? "cosine";
const TAU = Number(process.env.TAU ?? 0.5);
const TOP = 20;
const SEEDS = (process.env.SEEDS ?? "0,1,2").split(",").map(Number);

const pool = createWorkerPool();
const rows = [];
for (const corpus of corporaFromArgs(Object.keys(ALIASES))) {
  const aliases = ALIASES[corpus];
  const { docs, gold } = readLabelled(corpus);
  const k = Number(process.env.K ?? new Set(gold).size);
  for (const seed of SEEDS) {
    const result = clusterTopics(docs, { k, seed, parallel: pool });
    const points = result[SPACE]().points;
    const { labels, swaps } =
      CRIT === "keywords" ? swapRedundant(points, result, docs, seed) : swapTopics(points, result, seed);
    const given = clusterTopics(docs, { clusters: labels, seed, parallel: pool });
    for (const s of swaps) console.log(`${corpus} seed ${seed}: ${s}`);
    const score = (r) => {
      const a = Array.from(r.assignments);
      return `${vMeasure(gold, a).toFixed(3)} / ${adjustedRandIndex(gold, a).toFixed(3)} / ${aliases && k === Object.keys(aliases).length ? classesNamed(aliases, gold, r).named.length : "-"}`;
    };
    if (aliases && k === Object.keys(aliases).length) console.log(classesNamed(aliases, gold, given).missed.join("; "));
    if (process.env.DEBUG)
      for (const t of given.topics) {
        const held = {};
        for (const i of t.documents) held[gold[i]] = (held[gold[i]] ?? 0) + 1;
        const top = Object.entries(held)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 4);
        console.log(`  ${t.size} ${t.label} | ${top.map(([g, n]) => `${g}:${n}`).join(" ")}`);
      }
    rows.push([corpus.replace(/\.jsonl(\.gz)?$/, ""), seed, score(result), score(given), swaps.length]);
  }
}
await pool.close();
console.log(table(["corpus", "seed", "V / ARI / named before", "after", "swaps"], rows));

function centreOf(points, members) {
  const d = points.cols;
  const c = new Float64Array(d);
  for (const i of members) for (let f = 0; f < d; f++) c[f] += points.data[i * d + f];
  const n = Math.hypot(...c) || 1;
  for (let f = 0; f < d; f++) c[f] /= n;
  return c;
}

function dot(a, b) {
  let s = 0;
  for (let f = 0; f < a.length; f++) s += a[f] * b[f];
  return s;
}

function halvesOf(points, members, seed) {
  const d = points.cols;
  const data = new Float64Array(members.length * d);
  members.forEach((i, r) => {
    data.set(points.data.subarray(i * d, (i + 1) * d), r * d);
  });
  const fit = kmeans({ rows: members.length, cols: d, data }, 2, { metric: "cosine", nInit: 3, seed });
  const halves = [0, 1].map((h) => members.filter((_, r) => fit.labels[r] === h));
  return { halves, alike: dot(centreOf(points, halves[0]), centreOf(points, halves[1])) };
}

// Sum of cosine similarities of `members` to their centre: the k-means objective's share.
function fitOf(points, members) {
  const d = points.cols;
  const c = new Float64Array(d);
  for (const i of members) for (let f = 0; f < d; f++) c[f] += points.data[i * d + f];
  return Math.hypot(...c);
}

// CRIT=cosine: the pair with the most alike centres, the split with the least alike halves.
// CRIT=total: the merge that loses the least of the objective, the split that gains the most,
// swapped when the gain is larger. CRIT=perdoc: the same per document of the topics changed.
function swapTopics(points, result, seed) {
  let clusters = result.topics.map((t) => ({ members: t.documents.slice(), name: t.label }));
  for (const c of clusters) c.fit = fitOf(points, c.members);
  const swaps = [];
  const cache = new Map();
  for (let round = 0; round < clusters.length; round++) {
    const centres = clusters.map((c) => centreOf(points, c.members));
    let pair = null;
    for (let a = 0; a < clusters.length; a++)
      for (let b = a + 1; b < clusters.length; b++) {
        const A = clusters[a];
        const B = clusters[b];
        let score;
        if (CRIT === "cosine") score = dot(centres[a], centres[b]);
        else {
          const merged = Math.hypot(...centres[a].map((x, f) => A.fit * x + B.fit * centres[b][f]));
          const loss = A.fit + B.fit - merged;
          score = -(CRIT === "total" ? loss : loss / (A.members.length + B.members.length));
        }
        if (pair === null || score > pair[0]) pair = [score, a, b];
      }
    let split = null;
    clusters.forEach((c, j) => {
      if (j === pair[1] || j === pair[2] || c.members.length < 20) return;
      if (!cache.has(c)) cache.set(c, halvesOf(points, c.members, seed));
      const h = cache.get(c);
      if (Math.min(...h.halves.map((x) => x.length)) < MIN_HALF * c.members.length) return;
      let score;
      if (CRIT === "cosine") score = -h.alike;
      else {
        const gain = fitOf(points, h.halves[0]) + fitOf(points, h.halves[1]) - c.fit;
        score = CRIT === "total" ? gain : gain / c.members.length;
      }
      if (split === null || score > split[0]) split = [score, j, h.halves];
    });
    if (split === null) break;
    if (CRIT === "cosine" ? -split[0] > pair[0] - MARGIN : split[0] <= -pair[0] * (1 + MARGIN)) break;
    const [s, a, b] = pair;
    swaps.push(
      `merge ${clusters[a].name} + ${clusters[b].name} (${s.toFixed(4)}), split ${clusters[split[1]].name} (${split[0].toFixed(4)})`,
    );
    const merged = {
      members: [...clusters[a].members, ...clusters[b].members],
      name: `(${clusters[a].name} + ${clusters[b].name})`,
    };
    const parts = split[2].map((m, h) => ({ members: m, name: `${clusters[split[1]].name}/${h}` }));
    clusters = [...clusters.filter((_, j) => j !== a && j !== b && j !== split[1]), merged, ...parts];
    for (const c of clusters) c.fit ??= fitOf(points, c.members);
  }
  let labels = new Int32Array(points.rows).fill(-1);
  clusters.forEach((c, j) => {
    for (const i of c.members) labels[i] = j;
  });
  if (LLOYD) {
    const init = clusters.map((c) => Array.from(centreOf(points, c.members)));
    labels = kmeans(points, clusters.length, { metric: "cosine", init, seed }).labels;
  }
  return { labels, swaps };
}

/** Cosine of two topics' top keywords' scores: how much the same words name them. */
function keywordOverlap(a, b) {
  const wa = new Map(a.keywords.slice(0, TOP).map((x) => [x.term, x.score]));
  const wb = new Map(b.keywords.slice(0, TOP).map((x) => [x.term, x.score]));
  let shared = 0;
  for (const [t, x] of wa) if (wb.has(t)) shared += x * wb.get(t);
  const norm = (w) => Math.hypot(...w.values());
  return shared / (norm(wa) * norm(wb));
}

// CRIT=keywords: while two topics are named by the same words (keywordOverlap >= TAU), merge
// them and split the topic whose halves are the least alike in the clustering space.
function swapRedundant(points, result, docs, seed) {
  let labels = Int32Array.from(result.assignments);
  let topics = result.topics;
  const swaps = [];
  for (let round = 0; round < topics.length; round++) {
    let pair = null;
    for (let a = 0; a < topics.length; a++)
      for (let b = a + 1; b < topics.length; b++) {
        const s = keywordOverlap(topics[a], topics[b]);
        if (s >= TAU && (pair === null || s > pair[0])) pair = [s, topics[a], topics[b]];
      }
    if (pair === null) break;
    let split = null;
    for (const t of topics) {
      if (t === pair[1] || t === pair[2] || t.documents.length < 20) continue;
      const h = halvesOf(points, t.documents, seed);
      if (Math.min(...h.halves.map((x) => x.length)) < MIN_HALF * t.documents.length) continue;
      if (split === null || h.alike < split[0]) split = [h.alike, t, h.halves];
    }
    if (split === null) break;
    swaps.push(
      `merge ${pair[1].label} + ${pair[2].label} (${pair[0].toFixed(3)}), split ${split[1].label} (${split[0].toFixed(3)})`,
    );
    const into = pair[1].id;
    for (const i of pair[2].documents) labels[i] = into;
    for (const i of split[2][1]) labels[i] = pair[2].id;
    const named = clusterTopics(docs, { clusters: labels, seed, parallel: pool });
    topics = named.topics;
    labels = Int32Array.from(named.assignments);
  }
  if (LLOYD && swaps.length > 0) {
    const init = topics.map((t) => Array.from(centreOf(points, t.documents)));
    labels = kmeans(points, topics.length, { metric: "cosine", init, seed }).labels;
  }
  return { labels, swaps };
}
