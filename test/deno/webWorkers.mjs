// k-means and clusterTopics with createWebWorkerPool in Deno, against one thread: prints, per
// case, whether the results are byte-identical and how many sessions ran on the workers.
import { clusterTopics, createWebWorkerPool, kmeans, miniBatchKMeans } from "../../dist/index.js";

let state = 7;
const random = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state / 4294967296;
};
const n = 9000;
const dense = { rows: n, cols: 24, data: Float64Array.from({ length: n * 24 }, (_, i) => random() + ((i / 24) % 5)) };
const indptr = new Int32Array(n + 1);
const indices = [];
const values = [];
for (let r = 0; r < n; r++) {
  const cols = new Set(Array.from({ length: 12 }, () => Math.floor(random() * 400)));
  for (const c of [...cols].sort((a, b) => a - b)) {
    indices.push(c);
    values.push(random() + (c % 7 === r % 7 ? 2 : 0));
  }
  indptr[r + 1] = indices.length;
}
const sparse = { rows: n, cols: 400, indptr, indices: Int32Array.from(indices), data: Float64Array.from(values) };

const gz = await Deno.readFile(
  new URL("../fixtures/corpora/conf-abstracts-5areas-first-3000.jsonl.gz", import.meta.url),
);
const text = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
const docs = text
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line).text);

const out = [];
for (const threads of [2, 3]) {
  const pool = createWebWorkerPool({ threads });
  await pool.ready();
  let sessions = 0;
  const counted = {
    threads: pool.threads,
    start: (...args) => {
      const s = pool.start(...args);
      if (s !== null && s.warning === null) sessions++;
      return s;
    },
    startElkan: (...args) => {
      const s = pool.startElkan(...args);
      if (s !== null && s.warning === null) sessions++;
      return s;
    },
  };
  const bytes = (r) => JSON.stringify([Array.from(r.labels), Array.from(r.centroids.data), r.iterations, r.warnings]);
  const cases = {
    lloyd: (parallel) => bytes(kmeans(sparse, 12, { metric: "cosine", seed: 1, nInit: 2, ...parallel })),
    elkan: (parallel) => bytes(kmeans(dense, 9, { algorithm: "elkan", seed: 2, ...parallel })),
    miniBatch: (parallel) => bytes(miniBatchKMeans(dense, 9, { batchSize: 2048, seed: 3, ...parallel })),
    clusterTopics: (parallel) => JSON.stringify(clusterTopics(docs, { k: 8, stabilitySeeds: 1, ...parallel })),
  };
  for (const [name, run] of Object.entries(cases)) {
    const before = sessions;
    const one = run({});
    const many = run({ parallel: counted });
    out.push({ threads, name, identical: one === many, sessions: sessions - before });
  }
  await pool.close();
}
console.log(JSON.stringify(out));
