// What clusterTopics with its defaults finds on every labelled corpus (k = number of
// labels, seed 0): the themes' labels, V-measure and ARI, next to scikit-learn's example
// pipelines on the same data (seed 0). Also the seed corpus with k chosen automatically.
//   node bench/themes.mjs [corpus ...]     (needs `npm run build` and Debian's python3-sklearn)
import { fileURLToPath } from "node:url";
import { LABELLED_CORPORA, readCorpus } from "./lib/corpus.mjs";
import { corporaFromArgs, PYTHON, runJson, table } from "./lib/run.mjs";

const { adjustedRandIndex, clusterTopics, vMeasure } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");
const { seedCorpus } = await import("../dist/seed.js");

const corpora = corporaFromArgs(LABELLED_CORPORA);
const pool = createWorkerPool();

const seed = clusterTopics(
  seedCorpus().map((p) => ({ title: p.title, text: p.abstract })),
  { parallel: pool },
);
console.log(`seed corpus (70 abstracts): k = ${seed.parameters.k} chosen by ${seed.parameters.kChosenBy}`);
for (const t of seed.topics) console.log(`  ${String(t.size).padStart(3)}  ${t.label}`);

const rows = [];
for (const corpus of corpora) {
  const records = readCorpus(corpus);
  const labels = records.map((r) => r.label);
  const k = new Set(labels).size;
  const t0 = performance.now();
  const r = clusterTopics(
    records.map((x) => x.text),
    { k, seed: 0, stabilitySeeds: 1, parallel: pool },
  );
  const seconds = (performance.now() - t0) / 1000;
  const sk = runJson(PYTHON, [fileURLToPath(new URL("./py/example.py", import.meta.url)), corpus]);
  rows.push([
    corpus.replace(/\.jsonl(\.gz)?$/, ""),
    `${records.length} / ${k}`,
    vMeasure(labels, r.assignments).toFixed(3),
    adjustedRandIndex(labels, r.assignments).toFixed(3),
    sk.tfidf.v.toFixed(3),
    sk.tfidf.ari.toFixed(3),
    sk.lsa.v.toFixed(3),
    sk.lsa.ari.toFixed(3),
    seconds.toFixed(1),
    r.topics
      .slice(0, 4)
      .map((t) => t.label)
      .join("; "),
  ]);
  console.error(`done ${corpus}`);
}
await pool.close();
console.log(
  `\n${table(
    [
      "corpus",
      "docs / labels",
      "topiclens V",
      "topiclens ARI",
      "sklearn V",
      "sklearn ARI",
      "sklearn+LSA V",
      "sklearn+LSA ARI",
      "topiclens s",
      "largest themes (topiclens labels)",
    ],
    rows,
  )}`,
);
