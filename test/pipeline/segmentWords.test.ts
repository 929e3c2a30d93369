import { describe, expect, it } from "vitest";
import { adjustedRandIndex, homogeneityCompletenessVMeasure } from "../../src/evaluate/external.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { readCommittedCorpus } from "../helpers/data.js";

// Every fifth of THUCNews' 10,000 test headlines: 200 in each of 10 classes.
const records = readCommittedCorpus("thucnews-test.jsonl.gz").filter((_, i) => i % 5 === 0);
const docs = records.map((r) => r.text);
const gold = records.map((r) => r.label);

function clustered(segmentWords: boolean) {
  const result = clusterTopics(docs, { k: 10, seed: 0, stabilitySeeds: 1, vectorizer: { segmentWords } });
  const labels = Array.from(result.assignments);
  return {
    result,
    v: homogeneityCompletenessVMeasure(gold, labels).vMeasure,
    ari: adjustedRandIndex(gold, labels),
    blank: labels.filter((a) => a < 0).length,
  };
}

describe("Chinese headlines: words segmented, or whole runs", () => {
  const segmented = clustered(true);
  const whole = clustered(false);

  it("segmented, nearly every headline has words and the topics follow the classes", () => {
    expect(segmented.blank).toBeLessThan(docs.length * 0.05);
    expect(segmented.v).toBeGreaterThan(0.12);
    expect(segmented.ari).toBeGreaterThan(0.05);
    // Label words in Chinese are words, not whole headlines.
    const words = segmented.result.topics.flatMap((t) => t.label.split(/ · | /));
    const chinese = words.filter((w) => /\p{Script=Han}/u.test(w));
    expect(chinese.length).toBeGreaterThan(10);
    for (const w of chinese) expect([...w].length).toBeLessThan(6);
  });

  it("as whole runs, most headlines are one run found nowhere else: no term, no topic", () => {
    expect(whole.blank).toBeGreaterThan(docs.length * 0.8);
    expect(whole.v).toBeLessThan(0.08);
    expect(whole.ari).toBeLessThan(0.01);
  });
});
