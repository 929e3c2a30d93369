// The one call, side by side: `clusterTopics(docs, { k })` with its defaults (keywords,
// phrases, quality figures and projection included) against scikit-learn's text-clustering
// example pipeline (TF-IDF min_df 5, max_df 0.5, sublinear; TruncatedSVD 100 + Normalizer;
// KMeans n_init 1) on the same texts, each in its own process with the texts in memory.
// Time per phase, total, peak resident memory, V-measure and ARI against the corpus labels.
// Each side runs RUNS times (default 3, env TOPICLENS_RUNS), alternating, and the run with
// the median total is shown: the machine is shared and single runs vary.
//   node bench/onecall.mjs [corpus] [k ...]   (k may be "auto"; needs `npm run build` and Debian's python3-sklearn)

import { createReadStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createGunzip } from "node:zlib";
import { DATA, peakMemoryMB } from "./lib/corpus.mjs";
import { PYTHON, runJson, table } from "./lib/run.mjs";

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === "--worker") {
  const [corpus, kArg] = [process.argv[3], process.argv[4]];
  const { adjustedRandIndex, clusterTopics, vMeasure } = await import("../dist/index.js");
  const { createWorkerPool } = await import("../dist/node.js");
  // Line by line, as the Python side reads it: neither holds the whole file as one string.
  const docs = [];
  const labels = [];
  const input = createReadStream(join(DATA, corpus));
  const lines = createInterface({ input: corpus.endsWith(".gz") ? input.pipe(createGunzip()) : input });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const record = JSON.parse(line);
    docs.push(record.text);
    labels.push(record.label);
  }
  const pool = createWorkerPool();
  await pool.ready();
  const phases = {};
  let phase = null;
  let since = 0;
  const t0 = performance.now();
  const result = clusterTopics(docs, {
    k: kArg === "auto" ? "auto" : Number(kArg),
    parallel: pool,
    onProgress: (p) => {
      if (p.phase === phase) return;
      const now = performance.now();
      if (phase !== null) phases[phase] = (phases[phase] ?? 0) + (now - since) / 1000;
      phase = p.phase;
      since = now;
    },
  });
  const t1 = performance.now();
  if (phase !== null) phases[phase] = (phases[phase] ?? 0) + (t1 - since) / 1000;
  result.projection();
  const t2 = performance.now();
  phases.projection = (t2 - t1) / 1000;
  await pool.close();
  console.log(
    JSON.stringify({
      phases,
      total: (t2 - t0) / 1000,
      peakMB: peakMemoryMB(),
      vMeasure: vMeasure(labels, result.assignments),
      ari: adjustedRandIndex(labels, result.assignments),
      k: result.parameters.k,
      named: result.topics.filter((t) => t.size > 0 && t.keywords.length > 0).length,
      sample: result.topics.slice(0, 4).map((t) => t.label),
    }),
  );
} else {
  const corpus = process.argv[2] ?? "conf-abstracts-full.jsonl.gz";
  const ks = process.argv.length > 3 ? process.argv.slice(3) : ["50", "auto"];
  const python = fileURLToPath(new URL("./py/onecall.py", import.meta.url));
  const runs = Number(process.env.TOPICLENS_RUNS ?? 3);
  const median = (results) => results.slice().sort((a, b) => a.total - b.total)[Math.floor(results.length / 2)];
  const sides = [
    ["scikit-learn example pipeline (k 50, n_init 1)", () => runJson(PYTHON, [python, corpus, "50", "1"])],
    ...ks.map((k) => [
      `topiclens clusterTopics(docs, { k: ${k} })`,
      () => runJson(process.execPath, [self, "--worker", corpus, k]),
    ]),
  ];
  const results = sides.map(() => []);
  for (let r = 0; r < runs; r++) {
    sides.forEach(([, run], i) => {
      results[i].push(run());
    });
  }
  const rows = sides.map(([name], i) => [name, median(results[i])]);
  const theirs = rows[0][1];
  const ratioText = (r) => {
    const i = rows.findIndex(([, x]) => x === r);
    const ratios = results[i].map((x, j) => x.total / results[0][j].total);
    return `${(r.total / theirs.total).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
  };
  const phaseNames = [...new Set(rows.flatMap(([, r]) => Object.keys(r.phases)))];
  console.log(`\n${corpus}: median of ${runs} runs per side (ratio range over runs in brackets)\n`);
  console.log(
    table(
      ["pipeline", ...phaseNames.map((p) => `${p} s`), "total s", "ratio", "peak MB", "V-measure", "ARI"],
      rows.map(([name, r]) => [
        name,
        ...phaseNames.map((p) => (r.phases[p] === undefined ? "" : r.phases[p].toFixed(1))),
        r.total.toFixed(1),
        ratioText(r),
        r.peakMB.toFixed(0),
        r.vMeasure.toFixed(3),
        r.ari.toFixed(3),
      ]),
    ),
  );
  for (const [name, r] of rows)
    if (r.sample) console.log(`${name}: k = ${r.k}, ${r.named} named; ${r.sample.join(" | ")}`);
}
