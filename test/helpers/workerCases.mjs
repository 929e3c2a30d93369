// The cases that check a Web Worker pool (createWebWorkerPool) against one thread, shared by
// the Deno test (test/deno/webWorkers.mjs) and the browser test's Worker job
// (test/browser/workersJob.mjs): k-means on seeded sparse and dense data, each run with and
// without the pool, and how many sessions the pool's workers served.

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
const bytes = (r) => JSON.stringify([Array.from(r.labels), Array.from(r.centroids.data), r.iterations, r.warnings]);

/** Every case on 2 and 3 threads: `{ threads, name, identical, sessions }`; `extra` adds cases. */
export async function compareWithOneThread(
  { createWebWorkerPool, kmeans, miniBatchKMeans },
  poolOptions = {},
  extra = {},
) {
  const out = [];
  for (const threads of [2, 3]) {
    const pool = createWebWorkerPool({ threads, ...poolOptions });
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
    const cases = {
      lloyd: (parallel) => bytes(kmeans(sparse, 12, { metric: "cosine", seed: 1, nInit: 2, ...parallel })),
      elkan: (parallel) => bytes(kmeans(dense, 9, { algorithm: "elkan", seed: 2, ...parallel })),
      miniBatch: (parallel) => bytes(miniBatchKMeans(dense, 9, { batchSize: 2048, seed: 3, ...parallel })),
      ...extra,
    };
    for (const [name, run] of Object.entries(cases)) {
      const before = sessions;
      const one = run({});
      const many = run({ parallel: counted });
      out.push({ threads, name, identical: one === many, sessions: sessions - before });
    }
    await pool.close();
  }
  return out;
}
