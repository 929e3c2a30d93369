// Why the seed corpus' optimizer papers share no theme: for each group of papers a reader would
// put together, the share of each paper's nearest papers (as many as the group has others)
// that belong to the group, in the one call's clustering space (LSA) and in plain TF-IDF;
// and in how many themes the one call puts the group, seeds 0-9.
//   node bench/seedGroups.mjs   (needs `npm run build`)
import { table } from "./lib/run.mjs";

const { clusterTopics, fitTransformTfidf } = await import("../dist/index.js");
const { seedCorpus } = await import("../dist/seed.js");

const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
const texts = papers.map((p) => `${p.title}. ${p.text}`);
const byTitle = (parts) =>
  parts.map((part) => {
    const i = papers.findIndex((p) => p.title.includes(part));
    if (i < 0) throw new Error(`no seed paper titled like "${part}"`);
    return i;
  });
const GROUPS = {
  optimizers: byTitle([
    "diffGrad",
    "EXAdam",
    "1-bit Adam",
    "Large Batch Optimization",
    "Stepsize anything",
    "Adaptive Learning Rate Scheduling",
    "Last-Iterate",
    "Large Step Sizes",
    "Gradient is All You Need",
  ]),
  "federated learning": papers.flatMap((p, i) => (/federated|FedSpeed|FedHyper/i.test(p.title) ? [i] : [])),
};

const unitRows = (rows) => rows.map((v) => v.map((x) => x / (Math.hypot(...v) || 1)));
const dot = (a, b) => a.reduce((s, x, f) => s + x * b[f], 0);
function tfidfRows() {
  const { matrix: m } = fitTransformTfidf(texts, { minDf: 2, maxDf: 0.5, sublinearTf: true });
  return Array.from({ length: m.rows }, (_, i) => {
    const v = new Array(m.cols).fill(0);
    for (let q = m.indptr[i]; q < m.indptr[i + 1]; q++) v[m.indices[q]] = m.data[q];
    return v;
  });
}

/** Mean share of each member's nearest (group size − 1) papers that are members. */
function nearShare(X, group) {
  let share = 0;
  for (const i of group) {
    const order = X.map((_, j) => j)
      .filter((j) => j !== i)
      .sort((a, b) => dot(X[i], X[b]) - dot(X[i], X[a]));
    const near = new Set(order.slice(0, group.length - 1));
    share += group.filter((j) => j !== i && near.has(j)).length / (group.length - 1);
  }
  return share / group.length;
}

const fits = Array.from({ length: 10 }, (_, seed) => clusterTopics(papers, { seed }));
const spaces = {
  "LSA (the one call's)": unitRows(texts.map((t) => Array.from(fits[0].model.embedText(t)))),
  "TF-IDF": unitRows(tfidfRows()),
};
const rows = Object.entries(GROUPS).map(([name, group]) => [
  name,
  group.length,
  ...Object.values(spaces).map((X) => nearShare(X, group).toFixed(2)),
  fits.map((r) => new Set(group.map((i) => r.assignments[i])).size).join(" "),
]);
console.log(
  table(
    [
      "group",
      "papers",
      ...Object.keys(spaces).map((s) => `nearest that are members, ${s}`),
      "themes holding them, seeds 0-9",
    ],
    rows,
  ),
);
