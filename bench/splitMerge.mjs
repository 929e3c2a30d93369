// Other ways to pick the trade that `redundantTopics: "resplit"` makes (merge two topics,
// split another, k stays), measured and not adopted. After the one call with
// `redundantTopics: "keep"`, in the space it clustered:
//   CRIT=cosine (default): merge the two topics whose centres are the most alike, split the
//     topic whose two halves (cosine 2-means, 3 starts) are the least alike, while those
//     halves are less alike than the pair by MARGIN (0.05);
//   CRIT=total: merge the pair that loses the least of k-means' objective, split the topic
//     that gains the most, while the gain is larger;
//   CRIT=perdoc: the same, per document of the topics changed.
// LLOYD=1 runs k-means on from the new topics' centres. Labels come from a second call given
// the new clusters. Prints V-measure, ARI and label match before and after, and the trades.
//   node bench/splitMerge.mjs [corpus ...]     (needs `npm run build`; SEEDS=0,1,2, K)
import { ALIASES, classesNamed, labelledAtK, seedsFromEnv } from "./lib/labelMatch.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { adjustedRandIndex, clusterTopics, kmeans, vMeasure } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");
const SPACE = Symbol.for("topiclens.clusteringSpace");
const MARGIN = Number(process.env.MARGIN ?? 0.05);
const MIN_HALF = 0.1;
const LLOYD = process.env.LLOYD === "1";
const CRIT = process.env.CRIT ?? "cosine";

const pool = createWorkerPool();
const rows = [];
for (const corpus of corporaFromArgs(Object.keys(ALIASES))) {
  const { docs, gold, k, aliases } = labelledAtK(corpus);
  const score = (r) => {
    const a = Array.from(r.assignments);
    const named = aliases === null ? "-" : classesNamed(aliases, gold, r).named.length;
    return `${vMeasure(gold, a).toFixed(3)} / ${adjustedRandIndex(gold, a).toFixed(3)} / ${named}`;
  };
  for (const seed of seedsFromEnv()) {
    const result = clusterTopics(docs, { k, seed, redundantTopics: "keep", parallel: pool });
    const { labels, trades } = trade(result[SPACE]().points, result, seed);
    const given = clusterTopics(docs, { clusters: labels, seed, parallel: pool });
    for (const s of trades) console.log(`${corpus} seed ${seed}: ${s}`);
    rows.push([corpus.replace(/\.jsonl(\.gz)?$/, ""), seed, score(result), score(given), trades.length]);
  }
}
await pool.close();
console.log(table(["corpus", "seed", "V / ARI / named before", "after", "trades"], rows));

function dot(a, b) {
  let s = 0;
  for (let f = 0; f < a.length; f++) s += a[f] * b[f];
  return s;
}

/** The sum of `members`' rows: its length is their share of k-means' (cosine) objective. */
function sumOf(points, members) {
  const d = points.cols;
  const c = new Float64Array(d);
  for (const i of members) for (let f = 0; f < d; f++) c[f] += points.data[i * d + f];
  return c;
}

function centreOf(points, members) {
  const c = sumOf(points, members);
  const n = Math.hypot(...c) || 1;
  return c.map((x) => x / n);
}

function fitOf(points, members) {
  return Math.hypot(...sumOf(points, members));
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

function bestPair(points, clusters) {
  const centres = clusters.map((c) => centreOf(points, c.members));
  let pair = null;
  for (let a = 0; a < clusters.length; a++)
    for (let b = a + 1; b < clusters.length; b++) {
      const [A, B] = [clusters[a], clusters[b]];
      let score;
      if (CRIT === "cosine") score = dot(centres[a], centres[b]);
      else {
        const merged = Math.hypot(...centres[a].map((x, f) => A.fit * x + B.fit * centres[b][f]));
        const loss = A.fit + B.fit - merged;
        score = -(CRIT === "total" ? loss : loss / (A.members.length + B.members.length));
      }
      if (pair === null || score > pair[0]) pair = [score, a, b];
    }
  return pair;
}

function bestSplit(points, clusters, pair, cache, seed) {
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
  return split;
}

function trade(points, result, seed) {
  let clusters = result.topics.map((t) => ({ members: t.documents.slice(), name: t.label }));
  for (const c of clusters) c.fit = fitOf(points, c.members);
  const trades = [];
  const cache = new Map();
  for (let round = 0; round < clusters.length; round++) {
    const pair = bestPair(points, clusters);
    const split = bestSplit(points, clusters, pair, cache, seed);
    if (split === null) break;
    if (CRIT === "cosine" ? -split[0] > pair[0] - MARGIN : split[0] <= -pair[0]) break;
    const [s, a, b] = pair;
    const [A, B, C] = [clusters[a], clusters[b], clusters[split[1]]];
    trades.push(`merge ${A.name} + ${B.name} (${s.toFixed(4)}), split ${C.name} (${split[0].toFixed(4)})`);
    const merged = { members: [...A.members, ...B.members], name: `(${A.name} + ${B.name})` };
    const parts = split[2].map((m, h) => ({ members: m, name: `${C.name}/${h}` }));
    clusters = [...clusters.filter((c) => c !== A && c !== B && c !== C), merged, ...parts];
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
  return { labels, trades };
}
