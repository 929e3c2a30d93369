// k-means on dense vectors (the LSA embeddings clusterTopics clusters, standing in for
// sentence embeddings): topiclens' Lloyd and Elkan on one and two threads, versus
// scikit-learn's KMeans lloyd and elkan (OpenMP, 2 cores), from the same initial rows, run
// to convergence with the default tolerance.
//   node bench/kmeans-dense.mjs      (needs `npm run build` and Debian's python3-sklearn)
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCorpus } from "./lib/corpus.mjs";
import { PYTHON, runJson, table } from "./lib/run.mjs";

const { fitTransformTfidf, truncatedSvd, kmeans } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");

const CASES = [
  ["conf-abstracts-full.jsonl.gz", 100, [7, 20, 50]],
  ["20newsgroups-bydate.jsonl.gz", 384, [20, 50]],
];
const MAX_ITER = 300;
const TOL = 1e-4;

function initRows(n, k, seed) {
  const rows = new Set();
  for (let i = 0; rows.size < k; i++) rows.add((seed + i * 7919) % n);
  return [...rows];
}

const pool = createWorkerPool({ threads: 2 });
await pool.ready();
const out = [];
for (const [name, dims, ks] of CASES) {
  const docs = readCorpus(name).map((d) => d.text);
  const X = fitTransformTfidf(docs, { minDf: 5, maxDf: 0.5 }).matrix;
  const { embedding: E } = truncatedSvd(X, dims, { seed: 0 });
  const path = join(tmpdir(), `topiclens-dense-${dims}.f64`);
  writeFileSync(path, new Uint8Array(E.data.buffer, E.data.byteOffset, E.data.byteLength));
  for (const k of ks) {
    const init = initRows(E.rows, k, 1).map((r) => Array.from(E.data.subarray(r * E.cols, (r + 1) * E.cols)));
    const initFile = join(tmpdir(), `topiclens-dense-init-${k}.json`);
    writeFileSync(initFile, JSON.stringify(initRows(E.rows, k, 1)));
    const time = (options) => {
      const t0 = performance.now();
      const r = kmeans(E, k, { init, maxIter: MAX_ITER, tol: TOL, ...options });
      return {
        seconds: (performance.now() - t0) / 1000,
        iterations: r.iterations,
        inertia: r.inertia,
        labels: r.labels,
      };
    };
    const lloyd1 = time({ algorithm: "lloyd" });
    const lloyd2 = time({ algorithm: "lloyd", parallel: pool });
    const elkan = time({ algorithm: "elkan" });
    const elkan2 = time({ algorithm: "elkan", parallel: pool });
    const same = [elkan, elkan2, lloyd2].every((r) => r.labels.every((l, i) => l === lloyd1.labels[i]));
    const sk = runJson(PYTHON, [
      fileURLToPath(new URL("./py/kmeans_dense.py", import.meta.url)),
      path,
      String(E.rows),
      String(E.cols),
      String(k),
      String(MAX_ITER),
      String(TOL),
      initFile,
    ]);
    const ms = (r) => ((r.seconds / r.iterations) * 1000).toFixed(1);
    out.push([
      `${name.replace(".jsonl.gz", "")} LSA ${E.rows}x${E.cols}`,
      k,
      `${lloyd1.iterations}/${elkan.iterations}/${sk.lloyd.iterations}/${sk.elkan.iterations}`,
      ms(lloyd1),
      ms(lloyd2),
      ms(elkan),
      ms(elkan2),
      ms(sk.lloyd),
      ms(sk.elkan),
      (elkan2.seconds / Math.min(sk.lloyd.seconds, sk.elkan.seconds)).toFixed(2),
      same ? "yes" : "NO",
      (Math.abs(elkan.inertia - sk.elkan.inertia) / sk.elkan.inertia).toExponential(1),
    ]);
  }
}
await pool.close();
console.log(
  table(
    [
      "data",
      "k",
      "iterations (lloyd/elkan/sk lloyd/sk elkan)",
      "ms/iter lloyd 1 thread",
      "ms/iter lloyd 2 threads",
      "ms/iter elkan 1 thread",
      "ms/iter elkan 2 threads",
      "ms/iter sklearn lloyd",
      "ms/iter sklearn elkan",
      "elkan 2 threads total / sklearn's best",
      "labels all equal",
      "inertia rel. diff vs sklearn elkan",
    ],
    out,
  ),
);
