// How documents weigh in k-means (`documentWeights`): the one call on labelled corpora with
// every document alike ("equal") and with the default ("auto": by words, up to 200, when the
// documents' lengths spread by 3 or more), k = the classes (K=20 for k 20), seeds 0-2.
// Prints each corpus' spread of lengths (90th / 10th percentile of words), what "auto"
// chose, and per setting the mean V-measure, ARI, label match per seed (where the bench has
// aliases for the corpus) and seconds a call.
//   node bench/documentWeights.mjs [corpus ...]   (needs `npm run build`; SEEDS, K)
import { LABELLED_CORPORA } from "./lib/corpus.mjs";
import { classesNamed, labelledAtK, seedsFromEnv } from "./lib/labelMatch.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { adjustedRandIndex, clusterTopics, vMeasure } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");

const corpora = corporaFromArgs(["20newsgroups-bydate.jsonl.gz", ...LABELLED_CORPORA]);
const SEEDS = seedsFromEnv();
const pool = createWorkerPool();
const rows = [];
for (const corpus of corpora) {
  const { docs, gold, k, aliases } = labelledAtK(corpus);
  const cells = [];
  let chosen = "";
  let spread = "";
  for (const documentWeights of ["equal", "auto"]) {
    let v = 0;
    let ari = 0;
    let seconds = 0;
    const named = [];
    for (const seed of SEEDS) {
      const t0 = performance.now();
      const result = clusterTopics(docs, { k, seed, documentWeights, parallel: pool });
      seconds += (performance.now() - t0) / 1000;
      const labels = Array.from(result.assignments);
      v += vMeasure(gold, labels);
      ari += adjustedRandIndex(gold, labels);
      if (aliases !== null) named.push(classesNamed(aliases, gold, result).named.length);
      if (documentWeights === "auto") chosen = result.parameters.documentWeights;
      if (spread === "") spread = spreadOf(result, docs);
    }
    const m = SEEDS.length;
    cells.push(
      `${(v / m).toFixed(3)} / ${(ari / m).toFixed(3)} / ${named.join(", ") || "-"} / ${(seconds / m).toFixed(1)} s`,
    );
  }
  rows.push([corpus.replace(/\.jsonl(\.gz)?$/, ""), k, spread, chosen, ...cells]);
}
await pool.close();
console.log(`seeds ${SEEDS.join(", ")} (means; label match per seed)\n`);
console.log(
  table(
    ["corpus", "k", "length spread", "auto chose", "equal: V / ARI / named / s", "auto: V / ARI / named / s"],
    rows,
  ),
);

/**
 * The 90th over the 10th percentile of the documents' words (stop words out), counted by the
 * fitted vectorizer's analyzer: within 0.1 of what "auto" reads from the call's own word ids.
 */
function spreadOf(result, docs) {
  const words = docs.map((d) => result.model.vectorizer.analyze(d).length).sort((a, b) => a - b);
  const at = (q) => Math.max(1, words[Math.floor(q * (words.length - 1))]);
  return (at(0.9) / at(0.1)).toFixed(1);
}
