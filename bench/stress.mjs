// Robustness at scale (the test suite runs the same cases at modest sizes): each case must
// return a valid result, with warnings where appropriate, within bounded time and memory.
//   node bench/stress.mjs        (needs `npm run build`)
import { peakMemoryMB, readCorpus } from "./lib/corpus.mjs";
import { table } from "./lib/run.mjs";

const { clusterTopics, kmeans } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");
const abstracts = readCorpus("conf-abstracts-5areas.jsonl.gz", 20000).map((r) => r.text);
const pool = createWorkerPool();
const rows = [];

function measure(name, make, run) {
  const input = make();
  const t0 = performance.now();
  let outcome;
  try {
    const r = run(input);
    outcome = `ok: ${r.topics ? `${r.topics.length} topics` : `k = ${r.k}`}${r.warnings.length ? `; warnings: ${r.warnings.join("; ").slice(0, 90)}` : ""}`;
  } catch (error) {
    outcome = `${error.name}: ${error.message.slice(0, 100)}`;
  }
  rows.push([name, ((performance.now() - t0) / 1000).toFixed(1), peakMemoryMB().toFixed(0), outcome]);
  console.error(`done ${name}`);
}

const opts = { k: 20, nInit: 3, stabilitySeeds: 1, parallel: pool };
measure(
  "200,000 empty strings + 20,000 abstracts",
  () => [...Array(200_000).fill(""), ...abstracts],
  (d) => clusterTopics(d, opts),
);
measure(
  "one 100 MB document + 20,000 abstracts",
  () => [abstracts.join(" ").repeat(4).slice(0, 100_000_000), ...abstracts],
  (d) => clusterTopics(d, opts),
);
measure(
  "50% exact duplicates (40,000 documents)",
  () => [...abstracts, ...abstracts],
  (d) => clusterTopics(d, opts),
);
measure(
  "20,000 identical documents",
  () => Array(20_000).fill(abstracts[0]),
  (d) => clusterTopics(d, opts),
);
measure(
  "k = 50 on 30 distinct documents repeated",
  () => Array.from({ length: 3000 }, (_, i) => abstracts[i % 30]),
  (d) => clusterTopics(d, { ...opts, k: 50 }),
);
measure(
  "50,000 mixed-script documents",
  () => {
    const words = [
      "обучение",
      "модель",
      "μάθηση",
      "δίκτυο",
      "学习",
      "模型",
      "تعلم",
      "نموذج",
      "apprentissage",
      "Lernen",
    ];
    return Array.from(
      { length: 50_000 },
      (_, i) =>
        `${abstracts[i % abstracts.length].slice(0, 400)} ${words[i % words.length]} ${words[(i * 7) % words.length]}`,
    );
  },
  (d) => clusterTopics(d, opts),
);
measure(
  "1,000,000 x 64 float32 embeddings with zero rows",
  () => {
    const data = new Float32Array(1_000_000 * 64);
    let s = 1;
    for (let i = 0; i < data.length; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      data[i] = i % (64 * 1000) < 64 ? 0 : s / 4294967296 - 0.5;
    }
    return { rows: 1_000_000, cols: 64, data };
  },
  (X) => kmeans(X, 50, { metric: "cosine", maxIter: 20, parallel: pool }),
);
await pool.close();
console.log(table(["case", "seconds", "peak MB so far", "outcome"], rows));
