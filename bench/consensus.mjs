// A consensus of k-means runs on small corpora: does `consensus: 10` make the topics of
// nearby seeds agree, and does it find the classes as well? Seeded draws of the labelled
// development corpora (as bench/smallCorpora.mjs draws them), k = the gold classes in the
// draw, the whole one call for seeds 0–4: mean pairwise adjusted Rand index between the
// seeds' assignments, and mean V-measure against the classes, per draw size.
//   node bench/consensus.mjs [sizes...]   (needs `npm run build`)
import { draw, loadDrawCorpora } from "./lib/draws.mjs";
import { table } from "./lib/run.mjs";

const lib = await import("../dist/index.js");
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const SIZES = sizes.length > 0 ? sizes : [70, 200, 500];
const SEEDS = [0, 1, 2, 3, 4];
const RUNS = [1, 10];

function meanPairwiseAri(parts) {
  let total = 0;
  let pairs = 0;
  for (let a = 0; a < parts.length; a++)
    for (let b = a + 1; b < parts.length; b++) {
      total += lib.adjustedRandIndex(parts[a], parts[b]);
      pairs++;
    }
  return total / pairs;
}

const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
const loaded = loadDrawCorpora();
const rows = [];
for (const size of SIZES) {
  const found = Object.fromEntries(RUNS.map((runs) => [runs, { agreement: [], v: [], seconds: [] }]));
  for (const [name, records] of loaded) {
    const sample = draw(lib.createRandom, records, size, size + name.length);
    const texts = sample.map((r) => r.text);
    const labels = sample.map((r) => r.label);
    const k = new Set(labels).size;
    for (const runs of RUNS) {
      const parts = SEEDS.map((seed) => {
        const t0 = performance.now();
        const { assignments } = lib.clusterTopics(texts, { k, seed, consensus: runs, stabilitySeeds: 1 });
        found[runs].seconds.push((performance.now() - t0) / 1000);
        found[runs].v.push(lib.vMeasure(labels, assignments));
        return assignments;
      });
      found[runs].agreement.push(meanPairwiseAri(parts));
    }
  }
  for (const runs of RUNS)
    rows.push([
      size,
      runs === 1 ? "one run (consensus: 1)" : `consensus of ${runs} (default)`,
      mean(found[runs].agreement).toFixed(3),
      mean(found[runs].v).toFixed(3),
      mean(found[runs].seconds).toFixed(2),
    ]);
}
console.log(table(["documents", "k-means", "seed-to-seed ARI", "V-measure", "seconds a call"], rows));
