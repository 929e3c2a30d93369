// What each of clusterTopics' bounded-cost shortcuts costs in quality, measured against the
// exact computation on all rows, on one corpus (default conf-abstracts-full, 87,242
// abstracts, k = 50 against its 7 venue labels, seeds 0-2):
//   LSA components from a 20,000-row sample (then every row projected) vs from all rows;
//   k-means restarts on the sample (short runs on 5,000 of its rows, the best run to
//   convergence on the sample, then on all rows) vs nInit 10 on all rows, and vs a single run;
//   coherence and stability on the sample vs on all rows.
//   node bench/shortcuts.mjs [corpus] [k]   (needs `npm run build`)
import { readCorpus } from "./lib/corpus.mjs";
import { table } from "./lib/run.mjs";

const lib = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");
const corpus = process.argv[2] ?? "conf-abstracts-full.jsonl.gz";
const k = Number(process.argv[3] ?? 50);
const SAMPLE = 20_000;
const SEEDS = [0, 1, 2];

const records = readCorpus(corpus);
const docs = records.map((r) => r.text);
const labels = records.map((r) => r.label);
const pool = createWorkerPool();
await pool.ready();
const timed = (f) => {
  const t0 = performance.now();
  const value = f();
  return [value, (performance.now() - t0) / 1000];
};
const sampleRows = (seed) => {
  // Evenly spaced rows with a seed-dependent offset (clusterTopics draws a seeded uniform
  // sample; on a corpus in no particular order the two are alike).
  const rows = [];
  const step = docs.length / SAMPLE;
  for (let i = 0; i < SAMPLE; i++) rows.push(Math.floor((i + ((seed * 0.618) % 1)) * step));
  return Int32Array.from(rows);
};
const select = (X, rows) => {
  const d = X.cols;
  const data = new Float64Array(rows.length * d);
  rows.forEach((r, i) => {
    data.set(X.data.subarray(r * d, (r + 1) * d), i * d);
  });
  return { rows: rows.length, cols: d, data };
};
const scores = (pred) => ({
  v: lib.vMeasure(labels, pred),
  ari: lib.adjustedRandIndex(labels, pred),
});

const { matrix } = lib.fitTransformTfidf(docs, lib.CLUSTER_TOPICS_VECTORIZER);
const rows = [];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (xs) => `${mean(xs).toFixed(3)} (${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)})`;

// 1. LSA components: all rows vs a sample; each space clustered the same way (nInit 1).
const lsa = { exact: [], sampled: [] };
let exactSpace = null;
for (const seed of SEEDS) {
  const [exact, tExact] = timed(() => lib.denseNormalizeRows(lib.truncatedSvd(matrix, 100, { seed }).embedding));
  const [sampled, tSample] = timed(() =>
    lib.denseNormalizeRows(
      lib.projectOnComponents(
        matrix,
        lib.truncatedSvd(lib.csrSelectRows(matrix, sampleRows(seed)), 100, { seed }).components,
      ),
    ),
  );
  if (seed === 0) exactSpace = exact;
  for (const [name, X, t] of [
    ["exact", exact, tExact],
    ["sampled", sampled, tSample],
  ]) {
    const km = lib.kmeans(X, k, { metric: "cosine", seed, parallel: pool });
    lsa[name].push({ ...scores(km.labels), t });
  }
}
for (const [name, runs] of Object.entries(lsa))
  rows.push([
    `LSA components from ${name === "exact" ? "all rows" : `${SAMPLE.toLocaleString("en")} rows`}`,
    fmt(runs.map((r) => r.v)),
    fmt(runs.map((r) => r.ari)),
    "",
    mean(runs.map((r) => r.t)).toFixed(1),
  ]);

// 2. Restarts, in the exact LSA space.
const restarts = { "nInit 10 on all rows": [], "1 run on all rows": [], "restarts on the sample, best refined": [] };
for (const seed of SEEDS) {
  const X = exactSpace;
  const [full, tFull] = timed(() => lib.kmeans(X, k, { metric: "cosine", nInit: 10, seed, parallel: pool }));
  const [one, tOne] = timed(() => lib.kmeans(X, k, { metric: "cosine", nInit: 1, seed, parallel: pool }));
  const [refined, tRefined] = timed(() => {
    // clusterTopics' rule: 10 short runs (10 iterations) on 5,000 evenly spaced sample rows,
    // the best run to convergence on the sample, then on all rows.
    const sampled = sampleRows(seed);
    const onSample = select(X, sampled);
    const subset = select(
      onSample,
      Int32Array.from({ length: 5000 }, (_, i) => Math.floor((i * SAMPLE) / 5000)),
    );
    const shortRuns = lib.kmeans(subset, k, { metric: "cosine", nInit: 10, maxIter: 10, seed, parallel: pool });
    const best = lib.kmeans(onSample, k, { metric: "cosine", init: shortRuns.centroids, seed, parallel: pool });
    return lib.kmeans(X, k, { metric: "cosine", init: best.centroids, seed, parallel: pool });
  });
  restarts["nInit 10 on all rows"].push({
    ...scores(full.labels),
    inertia: full.inertia,
    t: tFull,
    base: full.inertia,
  });
  restarts["1 run on all rows"].push({ ...scores(one.labels), inertia: one.inertia, t: tOne, base: full.inertia });
  restarts["restarts on the sample, best refined"].push({
    ...scores(refined.labels),
    inertia: refined.inertia,
    t: tRefined,
    base: full.inertia,
  });
}
for (const [name, runs] of Object.entries(restarts))
  rows.push([
    `k-means: ${name}`,
    fmt(runs.map((r) => r.v)),
    fmt(runs.map((r) => r.ari)),
    fmt(runs.map((r) => r.inertia / r.base)),
    mean(runs.map((r) => r.t)).toFixed(1),
  ]);
console.log(`\n${corpus}: ${docs.length} documents, k = ${k}, seeds ${SEEDS.join(", ")}\n`);
console.log(table(["shortcut", "V-measure", "ARI", "inertia / nInit 10 on all rows", "seconds"], rows));

// 3. Coherence and stability: the sample's figure against all rows'.
const result = lib.clusterTopics(docs, { k, parallel: pool, stabilitySeeds: 1 });
const fit = lib.fitTransformTfidfWithTokens(docs, lib.CLUSTER_TOPICS_VECTORIZER);
const topTerms = result.topics.map((t) => t.keywords.slice(0, 10).map((x) => x.term));
const [all, tAll] = timed(() => lib.npmiCoherenceOfTokens(topTerms, fit.tokens, null));
const figures = [["coherence (NPMI)", all.toFixed(4), "", tAll.toFixed(1)]];
for (const seed of SEEDS) {
  const [onSample, t] = timed(() => lib.npmiCoherenceOfTokens(topTerms, fit.tokens, sampleRows(seed)));
  figures.push([
    `  on ${SAMPLE.toLocaleString("en")} documents, sample ${seed}`,
    onSample.toFixed(4),
    (onSample - all).toFixed(4),
    t.toFixed(1),
  ]);
}
const stabilityOn = (X) => {
  const runs = SEEDS.map((seed) => lib.kmeans(X, k, { metric: "cosine", nInit: 4, seed, parallel: pool }).labels);
  let s = 0;
  for (let a = 0; a < runs.length; a++)
    for (let b = a + 1; b < runs.length; b++) s += lib.adjustedRandIndex(runs[a], runs[b]);
  return s / 3;
};
const [stabAll, tStabAll] = timed(() => stabilityOn(exactSpace));
figures.push(["stability (mean ARI of 3 seeds)", stabAll.toFixed(4), "", tStabAll.toFixed(1)]);
for (const seed of [0, 1]) {
  const [onSample, t] = timed(() => stabilityOn(select(exactSpace, sampleRows(seed))));
  figures.push([
    `  on ${SAMPLE.toLocaleString("en")} rows, sample ${seed}`,
    onSample.toFixed(4),
    (onSample - stabAll).toFixed(4),
    t.toFixed(1),
  ]);
}
console.log("");
console.log(table(["figure", "value", "difference", "seconds"], figures));
await pool.close();
