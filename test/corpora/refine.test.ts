import { describe, expect, it } from "vitest";
import { vMeasure } from "../../src/evaluate/external.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { readSharedCorpus } from "./shared.js";

// bench/refine.mjs on the whole of 20ng-4cat-stripped (k 4): refining k-means' topics by a
// mixture of multinomials raised V-measure 0.459 → 0.496 (seed 0) and 0.482 → 0.525 (seed 1).
describe('20ng-4cat: refine: "mixture"', () => {
  const records = readSharedCorpus("20ng-4cat-stripped.jsonl");
  const texts = records.map((r) => r.text);
  const gold = records.map((r) => r.label);
  it.each([0, 1])("seed %i: V-measure up by 0.02 or more, and predict keeps every post's topic", (seed) => {
    const options = { k: 4, seed, stabilitySeeds: 1 } as const;
    const plain = clusterTopics(texts, { ...options, refine: "none" });
    const refined = clusterTopics(texts, { ...options, refine: "mixture" });
    expect(vMeasure(gold, refined.assignments)).toBeGreaterThan(vMeasure(gold, plain.assignments) + 0.02);
    expect(Array.from(refined.model.predict(texts))).toEqual(Array.from(refined.assignments));
  });
});
