import { describe, expect, it } from "vitest";
import { reduceOutliers } from "../../src/analysis/mergeTopics.js";
import { outlierDocuments } from "../../src/analysis/outliers.js";
import { centreCosines, MIN_TOPIC_DOCUMENTS } from "../../src/cluster/outliers.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { adjustedRandIndex } from "../../src/evaluate/external.js";
import { topicModelFromJSON } from "../../src/index.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { CLUSTERING_SPACE } from "../../src/pipeline/types.js";
import { readCorpus } from "../helpers/data.js";

const docs = readCorpus("20newsgroups-bydate.jsonl.gz", 1200).map((r) => r.text);
const plain = clusterTopics(docs, { k: 6, stabilitySeeds: 1 });

describe("clusterTopics(docs, { outliers })", () => {
  it("puts exactly the documents below their topic's background in topic -1, outside every topic", () => {
    for (const quantile of [0.5, 0.8]) {
      const r = clusterTopics(docs, { k: 6, stabilitySeeds: 1, outliers: quantile === 0.5 ? "auto" : { quantile } });
      const outliers = [...r.assignments.keys()].filter((i) => r.assignments[i] === -1);
      const expected = outlierDocuments(plain, { quantile })
        .map((o) => o.index)
        .sort((a, b) => a - b);
      expect(outliers).toEqual(expected);
      expect(outliers.length).toBeGreaterThan(0);
      expect(r.parameters.outliers).toBe(quantile);
      expect(r.topics.reduce((a, t) => a + t.size, 0)).toBe(docs.length - outliers.length);
      const inTopics = new Set(r.topics.flatMap((t) => t.documents));
      expect(outliers.some((i) => inTopics.has(i))).toBe(false);
      expect(r.quality.measuredOn.silhouette).toBeLessThanOrEqual(docs.length - outliers.length);
    }
  });
  it("shows topic -1 apart in every report, and reduceOutliers gives the documents back", () => {
    const r = clusterTopics(docs, { k: 6, stabilitySeeds: 1, outliers: "auto" });
    expect(r.toString()).toMatch(/\[-1\] outliers: \d+ documents that fit no topic well/);
    expect(r.toMarkdown()).toMatch(/## Outliers \(\d+\)/);
    expect(r.toCSV()).toContain(",-1,(outlier)");
    expect(r.toHTML()).toContain('id="outliers"');
    const back = reduceOutliers(r, docs);
    expect(back.assignments).not.toContain(-1);
    // the same partition as without outliers (topic numbers may differ where sizes were tied)
    expect(adjustedRandIndex(back.assignments, plain.assignments)).toBe(1);
    expect(back.topics.map((t) => t.size).sort()).toEqual(plain.topics.map((t) => t.size).sort());
    expect(back.parameters.outliers).toBeNull();
  });
  it("with { threshold }, sets aside exactly the documents less similar to their centre than it", () => {
    const { points } = plain[CLUSTERING_SPACE]();
    const cos = centreCosines(points, plain.model.kmeans.centroids);
    const similarity = (i: number) => cos.of(i, plain.model.kmeans.labels[i] as number);
    for (const threshold of [0.2, 0.35]) {
      const r = clusterTopics(docs, { k: 6, stabilitySeeds: 1, outliers: { threshold } });
      const outliers = [...r.assignments.keys()].filter((i) => r.assignments[i] === -1);
      const below = [...docs.keys()].filter((i) => similarity(i) < threshold);
      expect(outliers).toEqual(below);
      expect(outliers.length).toBeGreaterThan(0);
      expect(outliers.length).toBeLessThan(docs.length);
      expect(r.parameters.outliers).toEqual({ threshold });
      // Those kept are at least as similar as the threshold.
      for (let i = 0; i < docs.length; i++)
        if (r.assignments[i] !== -1) expect(similarity(i)).toBeGreaterThanOrEqual(threshold);
    }
  });
  it("reduceOutliers by c-TF-IDF gives each outlier the topic whose words it shares, and a threshold keeps the doubtful ones", () => {
    const r = clusterTopics(docs, { k: 6, stabilitySeeds: 1, outliers: "auto" });
    const outliers = [...r.assignments.keys()].filter((i) => r.assignments[i] === -1);
    const all = reduceOutliers(r, docs, { strategy: "c-tf-idf" });
    const moved = outliers.filter((i) => all.assignments[i] !== -1);
    expect(moved.length).toBeGreaterThan(0.9 * outliers.length);
    // Documents that had a topic keep their partition.
    const kept = [...r.assignments.keys()].filter((i) => r.assignments[i] !== -1);
    expect(
      adjustedRandIndex(
        Int32Array.from(kept, (i) => all.assignments[i] as number),
        Int32Array.from(kept, (i) => r.assignments[i] as number),
      ),
    ).toBe(1);
    // The two strategies mostly agree on where an outlier belongs, but are not the same rule.
    const byCentre = reduceOutliers(r, docs, { strategy: "centroid" });
    const agree = moved.filter((i) => byCentre.assignments[i] !== -1 && labelOf(byCentre, i) === labelOf(all, i));
    expect(agree.length).toBeGreaterThan(0.3 * moved.length);
    // A threshold keeps some in topic −1, fewer the higher it is.
    const strict = reduceOutliers(r, docs, { strategy: "c-tf-idf", threshold: 0.3 });
    const left = (x: typeof r) => outliers.filter((i) => x.assignments[i] === -1).length;
    expect(left(strict)).toBeGreaterThan(left(all));
    expect(left(reduceOutliers(r, docs, { strategy: "c-tf-idf", threshold: 0.6 }))).toBeGreaterThanOrEqual(
      left(strict),
    );
    expect(strict.topics.reduce((a, t) => a + t.size, 0)).toBe(docs.length - left(strict));
    expect(() => reduceOutliers(r, docs, { strategy: "nearest" as never })).toThrow(/options.strategy/);
    expect(() => reduceOutliers(r, docs, { threshold: 2 })).toThrow(/options.threshold/);
  });
  it("refuses anything but auto, { quantile }, { threshold } or false", () => {
    for (const outliers of ["yes", { quantile: 2 }, { threshold: 3 }, { quantile: 0.5, threshold: 0.3 }, null]) {
      expect(() => clusterTopics(docs.slice(0, 50), { k: 3, outliers: outliers as never })).toThrow(
        InvalidArgumentError,
      );
    }
  });
});

/** A topic's label: topic numbers differ between results, labels name the same theme. */
function labelOf(result: ReturnType<typeof clusterTopics>, i: number): string {
  return result.topics[result.assignments[i] as number]?.label ?? "";
}

describe("clusterTopics(docs, { outliers }) and one-document clusters", () => {
  const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
  const loneTitle = "Multi-Layer Deep xVA: Structural Credit Models, Measure Changes and Convergence Analysis";

  it("makes no topic of one document: the seed corpus' lone finance paper (seed 8) is an outlier, k one less", () => {
    const without = clusterTopics(papers, { seed: 8 });
    const lone = without.topics.filter((t) => t.size === 1);
    expect(lone.map((t) => t.representatives[0]?.title)).toEqual([loneTitle]);
    const r = clusterTopics(papers, { seed: 8, outliers: "auto" });
    expect(Math.min(...r.topics.map((t) => t.size))).toBeGreaterThanOrEqual(MIN_TOPIC_DOCUMENTS);
    const index = papers.findIndex((p) => p.title === loneTitle);
    expect(r.assignments[index]).toBe(-1);
    expect(r.parameters.k).toBe(without.parameters.k - 1);
    expect(r.topics).toHaveLength(r.parameters.k);
    expect(r.warnings.map((w) => w.code)).toContain("tiny-clusters-dissolved");
    expect(r.toString()).toContain(`${r.parameters.k} topics (k chosen by sweep, less its one-document clusters)`);
    expect(without.toString()).toContain(`${without.parameters.k} topics (k chosen by sweep)`);
    // The mixture that refined the topics (refine "auto") keeps the topics that stay.
    expect(r.parameters.refine).toBe("mixture");
    expect(r.model.mixture?.k).toBe(r.parameters.k);
    // The model still places the paper, in its nearest topic, also once saved and loaded.
    const placed = r.model.predict([papers[index]?.text as string]);
    expect(placed[0]).toBeGreaterThanOrEqual(0);
    expect([
      ...topicModelFromJSON(JSON.parse(JSON.stringify(r.model))).predict([papers[index]?.text as string]),
    ]).toEqual([...placed]);
    expect(reduceOutliers(r, papers).assignments[index]).toBeGreaterThanOrEqual(0);
  });

  it("dissolves them also when a zero-shot topic took no document", () => {
    const r = clusterTopics(papers, { seed: 8, outliers: "auto", zeroShotTopics: ["credit"] });
    expect(r.warnings.map((w) => w.code)).toEqual(["zero-shot-unused", "tiny-clusters-dissolved"]);
    expect(Math.min(...r.topics.map((t) => t.size))).toBeGreaterThanOrEqual(MIN_TOPIC_DOCUMENTS);
  });
});
