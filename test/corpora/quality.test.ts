import { describe, expect, it } from "vitest";
import { adjustedRandIndex, homogeneityCompletenessVMeasure } from "../../src/evaluate/external.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { readSharedCorpus } from "./shared.js";

// clusterTopics' defaults on labelled corpora, k = the number of labels, mean over seeds 0-4 as
// the README's quality table gives it (bench/quality.mjs); the floors are that table less 0.01.
// With the topics refined by a mixture (refine "auto"): 0.519 / 0.529 and 0.602 / 0.569.
const CASES = [
  { corpus: "20ng-4cat-stripped.jsonl", vMeasure: 0.519, ari: 0.529 },
  { corpus: "conf-abstracts-5areas.jsonl.gz", vMeasure: 0.602, ari: 0.569 },
];
const SEEDS = [0, 1, 2, 3, 4];

describe("clusterTopics quality on the development corpora", () => {
  it.each(CASES)("$corpus: V-measure and ARI at the documented level, every topic named", ({ corpus, ...floor }) => {
    const records = readSharedCorpus(corpus);
    const labels = records.map((r) => r.label);
    const k = new Set(labels).size;
    let vMeasure = 0;
    let ari = 0;
    for (const seed of SEEDS) {
      const result = clusterTopics(
        records.map((r) => r.text),
        { k, seed, stabilitySeeds: 1 },
      );
      vMeasure += homogeneityCompletenessVMeasure(labels, result.assignments).vMeasure / SEEDS.length;
      ari += adjustedRandIndex(labels, result.assignments) / SEEDS.length;
      expect(result.topics).toHaveLength(k);
      for (const topic of result.topics) {
        expect(topic.size).toBeGreaterThan(0);
        expect(topic.keywords.length).toBeGreaterThanOrEqual(5);
      }
    }
    expect(vMeasure).toBeGreaterThan(floor.vMeasure - 0.01);
    expect(ari).toBeGreaterThan(floor.ari - 0.01);
  });
});
