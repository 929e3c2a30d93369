// k-means speed, topiclens (2 threads: createWorkerPool) versus scikit-learn's
// KMeans(algorithm="lloyd") (OpenMP, 2 cores) from the same initial rows, same maxIter, tol 0; and versus the JavaScript
// packages ml-kmeans and skmeans on a dense matrix small enough for them.
//   node bench/kmeans.mjs            (needs `npm run build` and Debian's python3-sklearn)
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { peakMemoryMB, readCorpus } from "./lib/corpus.mjs";
import { PYTHON, runJson, table } from "./lib/run.mjs";

const MAX_ITER = 20;
const CASES = [
  ["20newsgroups-bydate.jsonl.gz", 20],
  ["conf-abstracts-full.jsonl.gz", 7],
  ["conf-abstracts-full.jsonl.gz", 50],
];
const sklearnSettings = { tokenPattern: null, minDf: 5, maxDf: 0.5 };

async function vectorize(name) {
  const { fitTransformTfidf, SKLEARN_TOKEN_PATTERN } = await import("../dist/index.js");
  const docs = readCorpus(name).map((d) => d.text);
  return fitTransformTfidf(docs, { ...sklearnSettings, tokenPattern: SKLEARN_TOKEN_PATTERN, stopWords: "sklearn" })
    .matrix;
}

function initRows(n, k, seed) {
  // A fixed, documented choice of k distinct rows: a multiplicative stride from the seed.
  const rows = new Set();
  for (let i = 0; rows.size < k; i++) rows.add((seed + i * 7919) % n);
  return [...rows];
}

function denseRows(X, rows) {
  return rows.map((r) => {
    const row = new Float64Array(X.cols);
    for (let p = X.indptr[r]; p < X.indptr[r + 1]; p++) row[X.indices[p]] = X.data[p];
    return Array.from(row);
  });
}

if (process.argv[2] === "--worker") {
  const [name, k] = [process.argv[3], Number(process.argv[4])];
  const { kmeans } = await import("../dist/index.js");
  const { createWorkerPool } = await import("../dist/node.js");
  const X = await vectorize(name);
  const init = denseRows(X, JSON.parse(process.argv[5]));
  // Both cores, as scikit-learn's OpenMP loop uses them.
  const pool = createWorkerPool({ threads: 2 });
  // A pool is made once and reused: its threads' start-up is not part of a k-means run.
  await pool.ready();
  const t0 = performance.now();
  const r = kmeans(X, k, { init, maxIter: MAX_ITER, tol: 0, parallel: pool });
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    JSON.stringify({
      seconds,
      iterations: r.iterations,
      inertia: r.inertia,
      peakMB: peakMemoryMB(),
      shape: [X.rows, X.cols],
    }),
  );
} else if (process.argv[2] === "--js") {
  // Dense comparison: 2,000 documents x 3,000 most frequent terms, k = 10.
  const { fitTransformTfidf, kmeans } = await import("../dist/index.js");
  const { kmeans: mlKmeans } = await import("ml-kmeans");
  const skmeans = (await import("skmeans")).default;
  const docs = readCorpus("20newsgroups-bydate.jsonl.gz", 2000).map((d) => d.text);
  const X = fitTransformTfidf(docs, { maxFeatures: 3000, minDf: 2, maxDf: 0.5 }).matrix;
  const rows = denseRows(X, [...Array(X.rows).keys()]);
  const init = rows.filter((_, i) => i % 200 === 0).slice(0, 10);
  const time = (f) => {
    const t0 = performance.now();
    const r = f();
    return [(performance.now() - t0) / 1000, r];
  };
  const [tSparse, a] = time(() => kmeans(X, 10, { init, maxIter: MAX_ITER, tol: 0 }));
  const [tDense, b] = time(() => kmeans(rows, 10, { init, maxIter: MAX_ITER, tol: 0 }));
  const [tMl, c] = time(() => mlKmeans(rows, 10, { initialization: init, maxIterations: MAX_ITER, tolerance: 0 }));
  const [tSk, d] = time(() =>
    skmeans(
      rows,
      10,
      init.map((r) => r.slice()),
      MAX_ITER,
    ),
  );
  console.log(
    JSON.stringify({
      rows: [
        ["topiclens (sparse CSR)", tSparse, a.iterations],
        ["topiclens (number[][])", tDense, b.iterations],
        ["ml-kmeans", tMl, c.iterations],
        ["skmeans", tSk, d.it],
      ],
    }),
  );
} else {
  const rows = [];
  const self = fileURLToPath(import.meta.url);
  for (const [name, k] of CASES) {
    const n = readCorpus(name).length;
    const init = initRows(n, k, 1);
    const initFile = join(tmpdir(), `topiclens-init-${k}.json`);
    writeFileSync(initFile, JSON.stringify(init));
    const ours = runJson(process.execPath, [self, "--worker", name, String(k), JSON.stringify(init)]);
    const theirs = runJson(PYTHON, [
      fileURLToPath(new URL("./py/kmeans.py", import.meta.url)),
      name,
      String(k),
      String(MAX_ITER),
      initFile,
    ]);
    const perOurs = ours.seconds / ours.iterations;
    const perTheirs = theirs.seconds / theirs.iterations;
    rows.push([
      `${name.replace(".jsonl.gz", "")} ${ours.shape.join("x")}`,
      k,
      `${ours.iterations}/${theirs.iterations}`,
      (perOurs * 1000).toFixed(0),
      (perTheirs * 1000).toFixed(0),
      (perOurs / perTheirs).toFixed(2),
      ours.seconds.toFixed(2),
      theirs.seconds.toFixed(2),
      (Math.abs(ours.inertia - theirs.inertia) / theirs.inertia).toExponential(1),
      ours.peakMB.toFixed(0),
      theirs.peakMB.toFixed(0),
    ]);
  }
  console.log(
    table(
      [
        "data",
        "k",
        "iterations (ours/sklearn)",
        "ms/iter topiclens",
        "ms/iter sklearn",
        "ratio",
        "total s topiclens",
        "total s sklearn",
        "inertia rel. diff",
        "peak MB topiclens",
        "peak MB sklearn",
      ],
      rows,
    ),
  );
  const js = runJson(process.execPath, [self, "--js"]);
  const base = js.rows[0][1] / js.rows[0][2];
  console.log(
    `\nDense JavaScript packages, 2,000 x 3,000 TF-IDF, k = 10, ${MAX_ITER} iterations:\n${table(
      ["implementation", "total s", "iterations", "ms/iter", "x slower than topiclens (sparse)"],
      js.rows.map(([name, s, it]) => [
        name,
        s.toFixed(3),
        it,
        ((s / it) * 1000).toFixed(1),
        (s / it / base).toFixed(1),
      ]),
    )}`,
  );
}
