// k-means' topics refined by a mixture of multinomials (`refine: "mixture"`, what the default
// "auto" does up to sampleSize documents) against k-means' topics as they are (`refine:
// "none"`), k = classes, seeds 0-2: V-measure / ARI / classes named per seed, the means, and
// the seconds a call takes with each.
//   node bench/refine.mjs [corpus ...]   (needs `npm run build`)
import { LABELLED_CORPORA } from "./lib/corpus.mjs";
import { againstTheCall } from "./lib/labelMatch.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { adjustedRandIndex, clusterTopics, vMeasure } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");

const corpora = corporaFromArgs(["20newsgroups-bydate.jsonl.gz", ...LABELLED_CORPORA]);
const SEEDS = [0, 1, 2];
const pool = createWorkerPool();
const rows = [];
const seconds = [];
/** The library's functions, with each call timed. */
const timed = (label, refine) => ({
  vMeasure,
  adjustedRandIndex,
  clusterTopics(docs, options) {
    const t0 = performance.now();
    const result = clusterTopics(docs, { ...options, refine });
    seconds.push([label, (performance.now() - t0) / 1000]);
    return result;
  },
});
for (const corpus of corpora) {
  seconds.length = 0;
  const { docs, k, score } = againstTheCall({ corpus, seeds: SEEDS, rows, lib: timed("none", "none"), parallel: pool });
  rows[rows.length - 1][1] = 'refine: "none"';
  const lib = timed("mixture", "mixture");
  score('refine: "mixture"', (seed) => lib.clusterTopics(docs, { k, seed, parallel: pool }));
  const mean = (label) => {
    const xs = seconds.filter(([l]) => l === label).map(([, s]) => s);
    return (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1);
  };
  rows[rows.length - 2].push(`${mean("none")} s`);
  rows[rows.length - 1].push(`${mean("mixture")} s`);
  console.log(
    table(["corpus", "topics", "V / ARI / classes named, seeds 0-2", "mean V / ARI", "seconds a call"], rows),
  );
}
await pool.close();
