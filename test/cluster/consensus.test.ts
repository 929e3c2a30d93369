import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { consensusLabels, partitionCentres } from "../../src/cluster/consensus.js";
import { kmeans } from "../../src/cluster/kmeans.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { asPoints } from "../../src/core/points.js";
import { createRandom } from "../../src/core/random.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { adjustedRandIndex } from "../../src/evaluate/external.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { CLUSTERING_SPACE } from "../../src/pipeline/types.js";
import { expectArgumentError } from "../helpers/assert.js";
import { readCorpus } from "../helpers/data.js";

const docs = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));

describe("consensusLabels(runs, n, k)", () => {
  it("keeps the partition every run agrees on, whatever the runs call its groups", () => {
    const partition = fc
      .record({ n: fc.integer({ min: 2, max: 30 }), k: fc.integer({ min: 1, max: 6 }) })
      .filter(({ n, k }) => k <= n)
      .chain(({ n, k }) =>
        fc
          .array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n })
          .filter((labels) => new Set(labels).size === k)
          .map((labels) => ({ n, k, labels: Int32Array.from(labels) })),
      );
    fc.assert(
      fc.property(partition, fc.integer({ min: 1, max: 5 }), ({ n, k, labels }, runs) => {
        // Each run names the groups differently.
        const renamed = Array.from({ length: runs }, (_, r) => labels.map((c) => (c + r) % k));
        const agreed = consensusLabels(renamed, n, k);
        expect(adjustedRandIndex(agreed, labels)).toBeCloseTo(1, 12);
        expect(new Set(agreed).size).toBe(k);
      }),
      { numRuns: 100 },
    );
  });

  it("puts a point with the points it was most often with, and makes exactly k groups", () => {
    // Points 0–3 and 4–7 form two groups in every run; point 8 sides with 4–7 in two runs of three.
    const runs = [
      Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 1]),
      Int32Array.from([1, 1, 1, 1, 0, 0, 0, 0, 0]),
      Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 0]),
    ];
    expect(Array.from(consensusLabels(runs, 9, 2))).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(new Set(consensusLabels(runs, 9, 3)).size).toBe(3);
  });
});

describe("clusterTopics(docs, { consensus })", () => {
  it("makes the topics by k-means from its runs' consensus in the clustering space", () => {
    const r = clusterTopics(docs, { k: 8, consensus: 10, stabilitySeeds: 1, seed: 3 });
    const { points } = r[CLUSTERING_SPACE]();
    const random = createRandom(3);
    const runs = [kmeans(points, 8, { metric: "cosine", nInit: 10, seed: 3 }).labels];
    for (let i = 1; i < 10; i++)
      runs.push(kmeans(points, 8, { metric: "cosine", nInit: 10, seed: random.nextUint32() }).labels);
    // k-means from the consensus' centres makes the topics.
    const agreed = consensusLabels(runs, docs.length, 8);
    const init = partitionCentres(asPoints(points), agreed, 8, "cosine");
    const expected = kmeans(points, 8, { metric: "cosine", init, seed: 3 }).labels;
    expect(adjustedRandIndex(r.assignments, expected)).toBe(1);
    expect(adjustedRandIndex(r.assignments, agreed)).toBeGreaterThan(0.8);
    expect(r.topics).toHaveLength(8);
    expect(Array.from(r.model.predict(docs))).toEqual(Array.from(r.assignments));
    // "auto", the default, is 10 runs at this size.
    const auto = clusterTopics(docs, { k: 8, stabilitySeeds: 1, seed: 3 });
    expect(Array.from(auto.assignments)).toEqual(Array.from(r.assignments));
    expect([r.parameters.consensus, auto.parameters.consensus]).toEqual([10, 10]);
    const single = clusterTopics(docs, { k: 8, stabilitySeeds: 1, seed: 3, consensus: 1 });
    expect(adjustedRandIndex(single.assignments, r.assignments)).toBeLessThan(1);
    expect(single.parameters.consensus).toBe(1);
  });

  it("makes the topics of nearby seeds agree more than one run does", () => {
    const agreement = (consensus: number) => {
      const parts = [0, 1, 2, 3, 4].map(
        (seed) => clusterTopics(docs, { k: 9, seed, consensus, stabilitySeeds: 1 }).assignments,
      );
      let total = 0;
      let pairs = 0;
      for (let a = 0; a < parts.length; a++)
        for (let b = a + 1; b < parts.length; b++) {
          total += adjustedRandIndex(parts[a] as Int32Array, parts[b] as Int32Array);
          pairs++;
        }
      return total / pairs;
    };
    expect(agreement(10)).toBeGreaterThan(agreement(1) + 0.03);
  });

  it("above 500 documents, clusters with one run and says so", () => {
    const texts = readCorpus("20newsgroups-bydate.jsonl.gz", 520).map((d) => d.text);
    const one = clusterTopics(texts, { k: 5, stabilitySeeds: 1 });
    const asked = clusterTopics(texts, { k: 5, stabilitySeeds: 1, consensus: 10 });
    expect(Array.from(asked.assignments)).toEqual(Array.from(one.assignments));
    expect(asked.warnings.map((w) => w.code)).toContain("consensus-ignored");
    expect(one.warnings.map((w) => w.code)).not.toContain("consensus-ignored");
    expect([one.parameters.consensus, asked.parameters.consensus]).toEqual([1, 1]);
  });

  it.each([
    ["zero runs", { consensus: 0 }],
    ["a fraction", { consensus: 2.5 }],
    ["more than 100 runs", { consensus: 101 }],
    ["with guided topics", { consensus: 5, seedTopics: [["federated", "clients"]] }],
    ["with NMF", { consensus: 5, algorithm: "nmf", k: 4 }],
  ])("refuses %s with a typed error naming options.consensus", (_, options) => {
    expectArgumentError(() => clusterTopics(docs, options as never), InvalidArgumentError, "options.consensus");
  });
});
