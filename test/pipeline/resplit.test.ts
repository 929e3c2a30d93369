import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { adjustedRandIndex, vMeasure } from "../../src/evaluate/external.js";
import type { ClusterKeywords } from "../../src/keywords/clusterKeywords.js";
import { keywordOverlap } from "../../src/keywords/keywordOverlap.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { REDUNDANT_OVERLAP } from "../../src/pipeline/stages/resplit.js";
import type { TopicsResult } from "../../src/pipeline/types.js";
import { readCommittedCorpus, readCorpus } from "../helpers/data.js";

// A seeded 40% sample of Reuters R8 (scripts/fixtures/reutersSample.mjs): at k = 8, k-means
// cuts its earnings reports into two topics named by the same words.
const records = readCommittedCorpus("reuters-r8-sample.jsonl.gz");
const texts = records.map((r) => r.text);
const gold = records.map((r) => r.label);

const topicsOf = (keywords: [string, number][]): ClusterKeywords => ({
  cluster: 0,
  size: 1,
  label: keywords.map(([t]) => t).join(" · "),
  name: keywords[0]?.[0] ?? "",
  keywords: keywords.map(([term, score]) => ({ term, score })),
});

function highestOverlap(result: TopicsResult): number {
  let highest = 0;
  for (const a of result.topics)
    for (const b of result.topics) if (a.id < b.id) highest = Math.max(highest, keywordOverlap(a, b));
  return highest;
}

describe("keywordOverlap", () => {
  it("compares the words of the keywords, phrases included, and leaves short forms out", () => {
    const earnings = topicsOf([
      ["shr cts vs", 3],
      ["mln vs", 2],
      ["vs cts net", 1],
    ]);
    const losses = topicsOf([
      ["loss", 3],
      ["profit", 2],
      ["vs", 1],
    ]);
    // A keyword's score shared by its words: vs 7/3, cts 4/3, shr 1, mln 1, net 1/3 against
    // loss 3, profit 2, vs 1.
    expect(keywordOverlap(earnings, losses)).toBeCloseTo(7 / 3 / (Math.sqrt(84 / 9) * Math.sqrt(14)), 12);
    expect(
      keywordOverlap(topicsOf([["federated learning (FL)", 2]]), topicsOf([["federated learning", 5]])),
    ).toBeCloseTo(1, 12);
    expect(keywordOverlap(topicsOf([["hockey", 1]]), topicsOf([["baseball", 1]]))).toBe(0);
    expect(keywordOverlap(topicsOf([]), topicsOf([["baseball", 1]]))).toBe(0);
  });

  it("refuses what is not a topic's keywords, by argument", () => {
    const topic = topicsOf([["vs", 1]]);
    expect(() => keywordOverlap(null as never, topic)).toThrow(/keywordOverlap: a must be a topic/);
    expect(() => keywordOverlap(topic, { keywords: [{ term: "vs", score: Number.NaN }] })).toThrow(
      expect.objectContaining({ argument: "b.keywords" }),
    );
    expect(() => keywordOverlap(topic, { keywords: [{ term: 5, score: 1 }] } as never)).toThrow(InvalidArgumentError);
  });

  it("is symmetric, within [0, 1], and 1 for a topic and itself (property)", () => {
    const word = fc.constantFrom("vs", "net", "cts", "loss", "game", "team", "oil", "(FL)");
    const keywords = fc.array(
      fc.tuple(
        fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(" ")),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(keywords, keywords, (x, y) => {
        const a = topicsOf(x);
        const b = topicsOf(y);
        const ab = keywordOverlap(a, b);
        expect(ab).toBeCloseTo(keywordOverlap(b, a), 12);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1 + 1e-12);
        const self = keywordOverlap(a, a);
        expect(self === 0 || Math.abs(self - 1) < 1e-12).toBe(true);
      }),
    );
  });
});

describe("redundantTopics: topics named by the same words become one", () => {
  // Documents weighed alike: k-means then cuts this sample's earnings reports in two topics
  // (weighed by their words, it no longer does; see weigh.test.ts).
  const alike = { k: 8, seed: 0, stabilitySeeds: 1, documentWeights: "equal" } as const;
  const kept = clusterTopics(texts, { ...alike, redundantTopics: "keep" });
  const resplit = clusterTopics(texts, alike);

  it("k-means alone leaves two earnings topics named by the same words", () => {
    expect(highestOverlap(kept)).toBeGreaterThanOrEqual(REDUNDANT_OVERLAP);
    expect(kept.warnings.map((w) => w.code)).not.toContain("topics-resplit");
    expect(kept.parameters.redundantTopics).toBe("keep");
  });

  it("by default merges them, splits another topic, keeps k, and says so", () => {
    expect(resplit.parameters.redundantTopics).toBe("resplit");
    expect(resplit.topics).toHaveLength(8);
    expect(highestOverlap(resplit)).toBeLessThan(REDUNDANT_OVERLAP);
    const notes = resplit.warnings.filter((w) => w.code === "topics-resplit");
    expect(notes.length).toBeGreaterThanOrEqual(1);
    expect(notes[0]?.message).toMatch(/named by the same words .* was split in two, so k stays 8/);
    // Measured: V-measure 0.577 → 0.636 on this sample (0.569 → 0.631 on the whole corpus).
    const v = (r: TopicsResult) => vMeasure(gold, r.assignments);
    expect(v(resplit)).toBeGreaterThan(v(kept) + 0.03);
  });

  it("leaves a k-means solution: predict gives every document its own topic", () => {
    expect(resplit.model.predict(texts)).toEqual(resplit.assignments);
  });

  it("never changes given clusters, and works with outliers set aside", () => {
    const given = clusterTopics(texts, { clusters: kept.assignments, seed: 0 });
    expect(given.warnings.map((w) => w.code)).not.toContain("topics-resplit");
    expect(adjustedRandIndex(given.assignments, kept.assignments)).toBe(1);
    const withOutliers = clusterTopics(texts, { ...alike, outliers: "auto" });
    expect(withOutliers.warnings.map((w) => w.code)).toContain("topics-resplit");
    expect(withOutliers.assignments.some((a) => a === -1)).toBe(true);
    expect(highestOverlap(withOutliers)).toBeLessThan(REDUNDANT_OVERLAP);
  });

  it("refuses an unknown setting by name", () => {
    const call = () => clusterTopics(texts.slice(0, 30), { redundantTopics: "merge" as never });
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(/options\.redundantTopics/);
  });
});

describe("redundantTopics: distinct themes stay as k-means made them", () => {
  it("on 6,000 newsgroup posts at k 20 no two topics are named alike, and nothing is traded", () => {
    const posts = readCorpus("20newsgroups-bydate.jsonl.gz", 6000).map((r) => r.text);
    const resplit = clusterTopics(posts, { k: 20, seed: 0, stabilitySeeds: 1 });
    const kept = clusterTopics(posts, { k: 20, seed: 0, stabilitySeeds: 1, redundantTopics: "keep" });
    expect(highestOverlap(kept)).toBeLessThan(REDUNDANT_OVERLAP);
    expect(resplit.warnings.map((w) => w.code)).not.toContain("topics-resplit");
    expect(resplit.assignments).toEqual(kept.assignments);
    expect(resplit.topics.map((t) => t.label)).toEqual(kept.topics.map((t) => t.label));
  });
});
