// Topics named by the same words, kept or resplit (`redundantTopics`): the one call on
// labelled corpora with both settings, k = the classes (K=20 for k 20), seeds 0-2. Prints
// V-measure, ARI, label match (where the bench has aliases for the corpus), each call's
// seconds, the trades made, and the two topics of the kept call that share the most words
// (`keywordOverlap`; the trade takes pairs from 0.6).
//   node bench/redundantTopics.mjs [corpus ...]   (needs `npm run build`; SEEDS, K)
import { LABELLED_CORPORA } from "./lib/corpus.mjs";
import { classesNamed, labelledAtK } from "./lib/labelMatch.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { adjustedRandIndex, clusterTopics, keywordOverlap, vMeasure } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");

const corpora = corporaFromArgs(["20newsgroups-bydate.jsonl.gz", ...LABELLED_CORPORA]);
const SEEDS = (process.env.SEEDS ?? "0,1,2").split(",").map(Number);
const pool = createWorkerPool();
const rows = [];
for (const corpus of corpora) {
  const { docs, gold, k, aliases } = labelledAtK(corpus);
  for (const seed of SEEDS) {
    const cells = [];
    for (const redundantTopics of ["keep", "resplit"]) {
      const t0 = performance.now();
      const result = clusterTopics(docs, { k, seed, redundantTopics, parallel: pool });
      const seconds = (performance.now() - t0) / 1000;
      const labels = Array.from(result.assignments);
      const named = aliases === null ? "-" : classesNamed(aliases, gold, result).named.length;
      cells.push(
        `${vMeasure(gold, labels).toFixed(3)} / ${adjustedRandIndex(gold, labels).toFixed(3)} / ${named} / ${seconds.toFixed(1)} s`,
      );
      if (redundantTopics === "keep") cells.push(closestPair(result));
      if (redundantTopics === "resplit")
        for (const w of result.warnings)
          if (w.code === "topics-resplit") console.log(`${corpus} seed ${seed}: ${w.message}`);
    }
    rows.push([corpus.replace(/\.jsonl(\.gz)?$/, ""), k, seed, ...cells]);
  }
}
await pool.close();
console.log(table(["corpus", "k", "seed", "keep: V / ARI / named / time", "closest topics (kept)", "resplit"], rows));

function closestPair(result) {
  let best = null;
  for (const a of result.topics)
    for (const b of result.topics) {
      if (a.id >= b.id) continue;
      const overlap = keywordOverlap(a, b);
      if (best === null || overlap > best.overlap) best = { overlap, a, b };
    }
  return best === null ? "-" : `${best.overlap.toFixed(2)} \`${best.a.label}\` + \`${best.b.label}\``;
}
