// Bisecting k-means (Steinbach, Karypis & Kumar 2000; scikit-learn's BisectingKMeans with its
// default "biggest_inertia" strategy) in the one call's clustering space, against the one
// call's k-means, k = the classes, seeds 0-2: V-measure, ARI and label match, alone and with
// k-means run on from the bisecting clusters' centres.
//   node bench/bisecting.mjs [corpus ...]   (needs `npm run build`)
import { readLabelled } from "./lib/corpus.mjs";
import { ALIASES, classesNamed } from "./lib/labelMatch.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { adjustedRandIndex, clusterTopics, kmeans, vMeasure } = await import("../dist/index.js");

/** Sum of the rows `members` of X (n x d, row-major). */
function sumOf(X, d, members) {
  const c = new Float64Array(d);
  for (const i of members) for (let f = 0; f < d; f++) c[f] += X[i * d + f];
  return c;
}

function unit(v) {
  const norm = Math.hypot(...v);
  return norm === 0 ? v : v.map((x) => x / norm);
}

/** Spherical inertia of a cluster of unit rows: the sum of 1 − cosine to its mean direction. */
function inertiaOf(X, d, members) {
  const c = unit(sumOf(X, d, members));
  let s = 0;
  for (const i of members) {
    let dot = 0;
    for (let f = 0; f < d; f++) dot += X[i * d + f] * c[f];
    s += 1 - dot;
  }
  return s;
}

/** Splits the cluster of largest inertia in two (spherical k-means, 10 restarts) until there are k. */
function bisecting(X, n, d, k, seed) {
  const clusters = [Array.from({ length: n }, (_, i) => i)];
  while (clusters.length < k) {
    let pick = 0;
    let best = Number.NEGATIVE_INFINITY;
    clusters.forEach((members, j) => {
      const score = members.length < 2 ? Number.NEGATIVE_INFINITY : inertiaOf(X, d, members);
      if (score > best) [best, pick] = [score, j];
    });
    const members = clusters[pick];
    const rows = new Float64Array(members.length * d);
    members.forEach((i, r) => {
      rows.set(X.subarray(i * d, (i + 1) * d), r * d);
    });
    const halves = kmeans({ rows: members.length, cols: d, data: rows }, 2, { metric: "cosine", nInit: 10, seed });
    const a = members.filter((_, r) => halves.labels[r] === 0);
    const b = members.filter((_, r) => halves.labels[r] === 1);
    clusters.splice(pick, 1, a, b);
  }
  return clusters;
}

const corpora = corporaFromArgs(Object.keys(ALIASES));
const rows = [];
for (const corpus of corpora) {
  const { docs, gold } = readLabelled(corpus);
  const aliases = ALIASES[corpus];
  const k = Object.keys(aliases).length;
  for (const seed of [0, 1, 2]) {
    const plain = clusterTopics(docs, { k, seed, stabilitySeeds: 1 });
    // Every document in the space the one call clustered (LSA, unit rows).
    const d = plain.model.embedText(docs[0]).length;
    const X = new Float64Array(docs.length * d);
    docs.forEach((text, i) => {
      X.set(plain.model.embedText(text), i * d);
    });
    const clusters = bisecting(X, docs.length, d, k, seed);
    const labels = new Int32Array(docs.length);
    clusters.forEach((members, j) => {
      for (const i of members) labels[i] = j;
    });
    const init = clusters.map((members) => Array.from(unit(sumOf(X, d, members))));
    const runOn = kmeans({ rows: docs.length, cols: d, data: X }, k, { metric: "cosine", init, seed }).labels;
    for (const [name, result] of [
      ["k-means (the one call)", plain],
      ["bisecting k-means", clusterTopics(docs, { clusters: labels, stabilitySeeds: 1 })],
      ["bisecting, k-means run on", clusterTopics(docs, { clusters: runOn, stabilitySeeds: 1 })],
    ]) {
      rows.push([
        corpus.replace(/\.jsonl(\.gz)?$/, ""),
        seed,
        name,
        vMeasure(gold, result.assignments).toFixed(3),
        adjustedRandIndex(gold, result.assignments).toFixed(3),
        `${classesNamed(aliases, gold, result).named.length} / ${k}`,
        Math.min(...result.topics.map((t) => t.size)),
      ]);
    }
  }
}
console.log(table(["corpus", "seed", "clustering", "V-measure", "ARI", "classes named", "smallest topic"], rows));
