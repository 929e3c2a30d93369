// Do the topics' names say what a person would call each class? On corpora whose gold
// labels are words (20 Newsgroups, Reuters R8, BBC News), clusterTopics runs with k = number
// of classes; for each class, the topic holding most of its documents must name it: its
// `name` or one of its label terms contains one of the class's aliases (a few words per
// class, written below). Reports the share of classes named per seed.
//   node bench/labelMatch.mjs [corpus ...]     (needs `npm run build`; SEEDS=3,4,5 for other seeds)
import { readLabelled } from "./lib/corpus.mjs";
import { ALIASES, classesNamed } from "./lib/labelMatch.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { clusterTopics } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");

const corpora = corporaFromArgs(Object.keys(ALIASES));
const SEEDS = (process.env.SEEDS ?? "0,1,2").split(",").map(Number);
const pool = createWorkerPool();
const rows = [];
for (const corpus of corpora) {
  const aliases = ALIASES[corpus];
  const { docs, gold } = readLabelled(corpus);
  const classes = Object.keys(aliases);
  for (const seed of SEEDS) {
    const t0 = performance.now();
    const result = clusterTopics(docs, { k: classes.length, seed, parallel: pool });
    const seconds = (performance.now() - t0) / 1000;
    const { named, missed } = classesNamed(aliases, gold, result);
    rows.push([corpus.replace(/\.jsonl(\.gz)?$/, ""), seed, `${named.length} / ${classes.length}`, seconds.toFixed(1)]);
    if (missed.length > 0) console.log(`${corpus} seed ${seed} missed:\n  ${missed.join("\n  ")}`);
  }
}
await pool.close();
console.log(table(["corpus", "seed", "classes named", "seconds"], rows));
