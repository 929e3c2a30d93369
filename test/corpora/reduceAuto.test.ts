import { describe, expect, it } from "vitest";
import { reduceTopics } from "../../src/analysis/mergeTopics.js";
import { adjustedRandIndex, vMeasure } from "../../src/evaluate/external.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { readSharedCorpus } from "./shared.js";

// reduceTopics(..., "auto") on corpora fitted with more topics than classes (bench/reduceAuto.mjs,
// seed 0). The floors are the README's figures; the rule it replaced, the widest gap between
// merges, gives 3 topics (0.693 / 0.468) on BBC and 2 (0.401 / 0.333) on Reuters.
const CASES = [
  { corpus: "bbc-news.jsonl", fitted: 10, topics: 7, v: 0.806, ari: 0.759 },
  { corpus: "reuters-r8.jsonl", fitted: 16, topics: 12, v: 0.575, ari: 0.411 },
];

describe('reduceTopics(result, docs, "auto") on the development corpora', () => {
  it.each(CASES)("$corpus: $fitted topics become $topics, V-measure and ARI at least $v / $ari", (c) => {
    const records = readSharedCorpus(c.corpus);
    const texts = records.map((r) => r.text);
    const gold = records.map((r) => r.label as string);
    const result = clusterTopics(texts, { k: c.fitted, seed: 0, stabilitySeeds: 1 });
    const auto = reduceTopics(result, texts, "auto");
    expect(auto.topics).toHaveLength(c.topics);
    expect(vMeasure(gold, auto.assignments)).toBeGreaterThanOrEqual(c.v - 0.0005);
    expect(adjustedRandIndex(gold, auto.assignments)).toBeGreaterThanOrEqual(c.ari - 0.0005);
    // A merge of the fitted topics: each fitted topic's documents all land in one topic.
    const landing = new Map<number, Set<number>>();
    result.assignments.forEach((t, i) => {
      if (!landing.has(t)) landing.set(t, new Set());
      landing.get(t)?.add(auto.assignments[i] as number);
    });
    for (const targets of landing.values()) expect(targets.size).toBe(1);
  });
});
