// Clustering quality, side by side: scikit-learn's text-clustering example pipelines and
// topiclens' pipelines on labelled corpora, 5 seeds each: homogeneity, completeness,
// V-measure, adjusted Rand index, silhouette (each pipeline in its own space, 2,000-row
// sample) and time (vectorize + reduce + cluster), as mean ± std.
//   node bench/quality.mjs [corpus ...]   (needs `npm run build` and Debian's python3-sklearn)
import { fileURLToPath } from "node:url";
import { readCorpus } from "./lib/corpus.mjs";
import { corporaFromArgs, PYTHON, runJson, table } from "./lib/run.mjs";

const {
  adjustedRandIndex,
  CLUSTER_TOPICS_VECTORIZER,
  clusterTopics,
  denseNormalizeRows,
  fitTransformTfidf,
  homogeneityCompletenessVMeasure,
  kmeans,
  silhouetteScore,
  truncatedSvd,
} = await import("../dist/index.js");

const corpora = corporaFromArgs(["20ng-4cat-stripped.jsonl", "conf-abstracts-5areas.jsonl.gz"]);
const SEEDS = [0, 1, 2, 3, 4];

function score(labels, predicted, X, seed, seconds, metric) {
  const { homogeneity, completeness, vMeasure } = homogeneityCompletenessVMeasure(labels, predicted);
  return {
    homogeneity,
    completeness,
    vMeasure,
    ari: adjustedRandIndex(labels, predicted),
    silhouette: silhouetteScore(X, predicted, { sampleSize: Math.min(2000, predicted.length), seed, metric }),
    seconds,
  };
}

function timed(f) {
  const t0 = performance.now();
  const value = f();
  return [value, (performance.now() - t0) / 1000];
}

function ours(records) {
  const docs = records.map((r) => r.text);
  const labels = records.map((r) => r.label);
  const k = new Set(labels).size;
  const [{ matrix }, vecS] = timed(() => fitTransformTfidf(docs, CLUSTER_TOPICS_VECTORIZER));
  const [lsa, lsaS] = timed(() => denseNormalizeRows(truncatedSvd(matrix, 100).embedding));
  const out = {};
  out["topiclens TF-IDF + cosine k-means (nInit 10)"] = SEEDS.map((seed) => {
    const [r, s] = timed(() => kmeans(matrix, k, { metric: "cosine", nInit: 10, seed }));
    return score(labels, r.labels, matrix, seed, s + vecS, "cosine");
  });
  out["topiclens TF-IDF + LSA(100) + cosine k-means (nInit 10)"] = SEEDS.map((seed) => {
    const [r, s] = timed(() => kmeans(lsa, k, { metric: "cosine", nInit: 10, seed }));
    return score(labels, r.labels, lsa, seed, s + vecS + lsaS, "cosine");
  });
  out["topiclens clusterTopics(docs, { k }) defaults"] = SEEDS.map((seed) => {
    const [r, s] = timed(() => clusterTopics(docs, { k, seed, stabilitySeeds: 1 }));
    return score(labels, r.assignments, matrix, seed, s, "cosine");
  });
  return out;
}

const stats = (runs, key) => {
  const xs = runs.map((r) => r[key]);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  return `${mean.toFixed(3)} ± ${std.toFixed(3)}`;
};

for (const corpus of corpora) {
  const records = readCorpus(corpus);
  const theirs = runJson(PYTHON, [fileURLToPath(new URL("./py/quality.py", import.meta.url)), corpus]);
  const all = { ...theirs, ...ours(records) };
  console.log(
    `\n${corpus}: ${records.length} documents, ${new Set(records.map((r) => r.label)).size} labels, 5 seeds\n`,
  );
  console.log(
    table(
      ["pipeline", "homogeneity", "completeness", "V-measure", "ARI", "silhouette", "seconds"],
      Object.entries(all).map(([name, runs]) => [
        name,
        ...["homogeneity", "completeness", "vMeasure", "ari", "silhouette", "seconds"].map((k) => stats(runs, k)),
      ]),
    ),
  );
}
