import { describe, expect, it } from "vitest";
import { adjustedRandIndex, homogeneityCompletenessVMeasure } from "../../src/evaluate/external.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { readSharedCorpus } from "./shared.js";

// clusterTopics' defaults on labelled corpora, k = the number of labels, seed 0. The floors are
// the README's quality table (bench/quality.mjs, mean over 5 seeds) less 0.01.
const CASES = [
  { corpus: "20ng-4cat-stripped.jsonl", vMeasure: 0.464, ari: 0.449 },
  { corpus: "conf-abstracts-5areas.jsonl.gz", vMeasure: 0.57, ari: 0.533 },
];

describe("clusterTopics quality on the development corpora", () => {
  it.each(CASES)("$corpus: V-measure and ARI at the documented level, every topic named", ({ corpus, ...floor }) => {
    const records = readSharedCorpus(corpus);
    const labels = records.map((r) => r.label);
    const k = new Set(labels).size;
    const result = clusterTopics(
      records.map((r) => r.text),
      { k, seed: 0, stabilitySeeds: 1 },
    );
    const { vMeasure } = homogeneityCompletenessVMeasure(labels, result.assignments);
    expect(vMeasure).toBeGreaterThan(floor.vMeasure - 0.01);
    expect(adjustedRandIndex(labels, result.assignments)).toBeGreaterThan(floor.ari - 0.01);
    expect(result.topics).toHaveLength(k);
    for (const topic of result.topics) {
      expect(topic.size).toBeGreaterThan(0);
      expect(topic.keywords.length).toBeGreaterThanOrEqual(5);
    }
  });
});
