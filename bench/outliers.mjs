// Should outliers (topic -1) be on by default? On labelled corpora, with k = the number of
// classes and 3 seeds: the share of documents set aside, and how well the topics match the
// classes on the documents kept (V-measure, ARI, purity), against the same clustering with
// every document kept.   node bench/outliers.mjs [corpus ...]   (needs `npm run build`)
import { readCorpus } from "./lib/corpus.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { adjustedRandIndex, clusterTopics, purity, vMeasure } = await import("../dist/index.js");

const corpora = corporaFromArgs(["20ng-4cat-stripped.jsonl", "conf-abstracts-5areas.jsonl.gz", "bbc-news.jsonl"]);
const rows = [];
for (const name of corpora) {
  const records = readCorpus(name);
  const labels = records.map((r) => r.label);
  const k = new Set(labels).size;
  for (const outliers of [false, "auto", { quantile: 0.8 }]) {
    const runs = [0, 1, 2].map((seed) => {
      const r = clusterTopics(
        records.map((x) => x.text),
        { k, seed, outliers, stabilitySeeds: 1 },
      );
      const kept = [...r.assignments.keys()].filter((i) => r.assignments[i] >= 0);
      const gold = kept.map((i) => labels[i]);
      const found = kept.map((i) => r.assignments[i]);
      return {
        share: 1 - kept.length / records.length,
        v: vMeasure(gold, found),
        ari: adjustedRandIndex(gold, found),
        purity: purity(gold, found),
        npmi: r.quality.coherence,
      };
    });
    const mean = (f) => runs.reduce((a, x) => a + f(x), 0) / runs.length;
    rows.push([
      name,
      outliers === false ? "off" : outliers === "auto" ? "auto (median)" : "quantile 0.8",
      `${(100 * mean((x) => x.share)).toFixed(1)}%`,
      mean((x) => x.v).toFixed(3),
      mean((x) => x.ari).toFixed(3),
      mean((x) => x.purity).toFixed(3),
      mean((x) => x.npmi).toFixed(3),
    ]);
  }
}
console.log(
  table(["corpus", "outliers", "set aside", "V-measure (kept)", "ARI (kept)", "purity (kept)", "NPMI"], rows),
);
