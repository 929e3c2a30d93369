import { describe, expect, it } from "vitest";
import { reduceOutliers } from "../../src/analysis/mergeTopics.js";
import { outlierDocuments } from "../../src/analysis/outliers.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { adjustedRandIndex } from "../../src/evaluate/external.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
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
  it("refuses anything but auto, { quantile } or false", () => {
    for (const outliers of ["yes", { quantile: 2 }, { threshold: 0.3 }, null]) {
      expect(() => clusterTopics(docs.slice(0, 50), { k: 3, outliers: outliers as never })).toThrow(
        InvalidArgumentError,
      );
    }
  });
});
