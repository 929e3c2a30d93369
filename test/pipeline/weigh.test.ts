import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { createRandom } from "../../src/core/random.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { adjustedRandIndex, vMeasure } from "../../src/evaluate/external.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { kmeansClusterer } from "../../src/pipeline/stages/cluster.js";
import { documentSample } from "../../src/pipeline/stages/sample.js";
import {
  documentWordCounts,
  lengthSpread,
  resolveDocumentWeights,
  WORD_WEIGHT_CAP,
  WORDS_SPREAD,
  wordWeights,
} from "../../src/pipeline/stages/weigh.js";
import { readCommittedCorpus } from "../helpers/data.js";

describe("word weights", () => {
  it("counts each document's words from the word ids' offsets", () => {
    const tokens = {
      terms: ["a", "b"],
      stream: Int32Array.from([0, 1, 1, 0]),
      offsets: Int32Array.from([0, 3, 3, 4]),
      documentFrequency: Int32Array.from([2, 1]),
    };
    expect(Array.from(documentWordCounts(tokens))).toEqual([3, 0, 1]);
  });

  it("measures the spread of lengths as the 90th percentile over the 10th", () => {
    // Sorted 1..10: the 10th percentile is the 1st value, the 90th the 9th (index ⌊0.9 · 9⌋).
    expect(lengthSpread([10, 3, 1, 7, 2, 9, 4, 8, 6, 5])).toBe(9);
    expect(lengthSpread([0, 0, 5, 5, 5, 5, 5, 5, 5, 5])).toBe(5); // no word counts as one
    expect(lengthSpread([4])).toBe(1);
    expect(resolveDocumentWeights("auto", WORDS_SPREAD)).toBe("words");
    expect(resolveDocumentWeights("auto", WORDS_SPREAD - 0.01)).toBe("equal");
    expect(resolveDocumentWeights("words", 1)).toBe("words");
    expect(resolveDocumentWeights("equal", 100)).toBe("equal");
  });

  it("weighs by words from 1 up to the cap, with a mean of 1 over the documents clustered", () => {
    const w = wordWeights([0, 10, 20, 400], null);
    // 1, 10, 20 and 200 words, scaled by 4 / 231.
    [1, 10, 20, WORD_WEIGHT_CAP].forEach((words, i) => {
      expect((w[i] as number) * (231 / 4)).toBeCloseTo(words, 9);
    });
    const some = wordWeights([5, 10, 20, 400], Int32Array.from([1, 2]));
    expect((some[1] as number) + (some[2] as number)).toBeCloseTo(2, 12);
  });

  it("keeps the order of lengths, a mean of 1 and a ratio of at most the cap (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 60 }), (counts) => {
        const w = wordWeights(counts, null);
        const mean = w.reduce((a, b) => a + b, 0) / w.length;
        expect(mean).toBeCloseTo(1, 9);
        for (let i = 0; i < counts.length; i++)
          for (let j = 0; j < counts.length; j++)
            if ((counts[i] as number) <= (counts[j] as number)) expect(w[i]).toBeLessThanOrEqual(w[j] as number);
        expect(Math.max(...w) / Math.min(...w)).toBeLessThanOrEqual(WORD_WEIGHT_CAP + 1e-9);
      }),
    );
  });
});

describe("weighed k-means on a sample of rows", () => {
  it("starts from the evenly spaced rows of the sample even when those weigh 0", () => {
    // 6,000 points, restarts on a sample of 5,500 and their short runs on 5,000 of those:
    // only the sample rows the short runs skip weigh anything.
    const n = 6000;
    const random = createRandom(7);
    const data = Float64Array.from({ length: 2 * n }, (_, i) => (i % 2) * 5 * ((i >> 1) % 3) + random.nextFloat());
    const sample = documentSample(n, 5500, 0) as Int32Array;
    const weights = new Float64Array(n);
    const every = new Set(Array.from({ length: 5000 }, (_, i) => sample[Math.floor((i * 5500) / 5000)]));
    for (const row of sample) if (!every.has(row)) weights[row] = 1;
    const fit = kmeansClusterer(3, {
      metric: "euclidean",
      nInit: 3,
      sampleSize: 5500,
      path: "full-batch",
      sampleWeight: weights,
    }).fit({ rows: n, cols: 2, data }, { seed: 0 });
    expect(fit.labels).toHaveLength(n);
    expect(new Set(fit.labels).size).toBe(3);
  });
});

describe("documentWeights in the one call", () => {
  // A seeded 40% sample of Reuters R8: one-line notices beside full reports (spread ~8).
  const records = readCommittedCorpus("reuters-r8-sample.jsonl.gz");
  const texts = records.map((r) => r.text);
  const gold = records.map((r) => r.label);

  it("weighs a corpus of short and long texts by words, and its topics match the classes better", () => {
    let gain = 0;
    for (const seed of [0, 1]) {
      const byWords = clusterTopics(texts, { k: 8, seed, stabilitySeeds: 1 });
      const alike = clusterTopics(texts, { k: 8, seed, stabilitySeeds: 1, documentWeights: "equal" });
      expect(byWords.parameters.documentWeights).toBe("words");
      expect(alike.parameters.documentWeights).toBe("equal");
      expect(vMeasure(gold, byWords.assignments)).toBeGreaterThanOrEqual(vMeasure(gold, alike.assignments) - 0.005);
      gain += adjustedRandIndex(gold, byWords.assignments) - adjustedRandIndex(gold, alike.assignments);
      // Still a k-means solution: predict sends every training document to its own topic.
      if (seed === 0) expect(byWords.model.predict(texts)).toEqual(byWords.assignments);
    }
    // Measured: ARI 0.487 → 0.502 (seed 0) and 0.487 → 0.612 (seed 1).
    expect(gain / 2).toBeGreaterThan(0.05);
  });

  it("weighs abstracts of even length alike: the default is the equal weighting", () => {
    const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
    const auto = clusterTopics(papers, { seed: 0, stabilitySeeds: 1, consensus: 1 });
    const alike = clusterTopics(papers, { seed: 0, stabilitySeeds: 1, consensus: 1, documentWeights: "equal" });
    expect(auto.parameters.documentWeights).toBe("equal");
    expect(auto.assignments).toEqual(alike.assignments);
    const words = clusterTopics(papers, { k: 6, seed: 0, stabilitySeeds: 1, consensus: 1, documentWeights: "words" });
    expect(words.parameters.documentWeights).toBe("words");
  });

  it("leaves given vectors alike unless words are asked for", () => {
    const sample = texts.slice(0, 60);
    const embeddings = sample.map((_, i) => [Math.cos(i), Math.sin(i), (i % 7) / 7]);
    expect(clusterTopics(sample, { k: 3, embeddings }).parameters.documentWeights).toBe("equal");
    expect(clusterTopics(sample, { k: 3, embeddings, documentWeights: "words" }).parameters.documentWeights).toBe(
      "words",
    );
  });

  it("says so when mini-batch k-means cannot weigh by words", () => {
    const sample = texts.slice(0, 300);
    const r = clusterTopics(sample, { k: 4, path: "mini-batch", documentWeights: "words", stabilitySeeds: 1 });
    expect(r.parameters.documentWeights).toBe("equal");
    expect(r.warnings.map((w) => w.code)).toContain("document-weights-equal");
    const auto = clusterTopics(sample, { k: 4, path: "mini-batch", stabilitySeeds: 1 });
    expect(auto.warnings.map((w) => w.code)).not.toContain("document-weights-equal");
  });

  it("takes the caller's weights: one per document, scaled to a mean of 1", () => {
    const sample = texts.slice(0, 400);
    const fast = { k: 5, seed: 0, stabilitySeeds: 1 } as const;
    const alike = clusterTopics(sample, { ...fast, documentWeights: "equal" });
    // The same weight for every document is no weighing at all.
    const same = clusterTopics(sample, { ...fast, documentWeights: sample.map(() => 3) });
    expect(same.parameters.documentWeights).toBe("given");
    expect(same.assignments).toEqual(alike.assignments);
    // Documents weighed 0 shape no centre but still get a topic; the weights are not changed.
    const weights = sample.map((_, i) => (i % 4 === 0 ? 0 : 1 + (i % 3)));
    const copy = weights.slice();
    const given = clusterTopics(sample, { ...fast, documentWeights: weights });
    expect(weights).toEqual(copy);
    expect(given.assignments.every((a) => a >= 0)).toBe(true);
    expect(given.model.predict(sample)).toEqual(given.assignments);
    // On a sample of rows all weighed 0, the restarts run unweighed instead of failing.
    const few = sample.map((_, i) => (i < 3 ? 1 : 0));
    expect(clusterTopics(sample, { ...fast, sampleSize: 100, documentWeights: few }).topics).toHaveLength(5);
  });

  it("refuses weights of the wrong length or value, naming the option", () => {
    const sample = texts.slice(0, 40);
    const ones = sample.map(() => 1);
    for (const [weights, message] of [
      [ones.slice(1), /one weight per document \(40\); got 39/],
      [[Number.NaN, ...ones.slice(1)], /documentWeights\[0\] must be a finite number, 0 or more; got NaN/],
      [[...ones.slice(1), -1], /documentWeights\[39\] must be a finite number/],
      [["1", ...ones.slice(1)], /documentWeights\[0\]/],
      [sample.map(() => 0), /weigh every document clustered 0/],
    ] as const) {
      const call = () => clusterTopics(sample, { k: 3, documentWeights: weights as never });
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    }
    const miniBatch = clusterTopics(texts.slice(0, 300), {
      k: 4,
      path: "mini-batch",
      documentWeights: Array(300).fill(1),
    });
    expect(miniBatch.warnings.map((w) => w.code)).toContain("document-weights-equal");
    expect(() => clusterTopics(sample, { k: 3, algorithm: "nmf", documentWeights: ones })).toThrow(
      /options\.documentWeights/,
    );
  });

  it("refuses a bad setting, and words where k-means does not run, by name", () => {
    const sample = texts.slice(0, 40);
    for (const call of [
      () => clusterTopics(sample, { documentWeights: "length" as never }),
      () => clusterTopics(sample, { k: 3, algorithm: "nmf", documentWeights: "words" }),
      () => clusterTopics(sample, { clusters: sample.map((_, i) => i % 3), documentWeights: "words" }),
    ]) {
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(/options\.documentWeights/);
    }
    // Alike is what NMF and given clusters do anyway.
    expect(clusterTopics(sample, { k: 3, algorithm: "nmf", documentWeights: "equal" }).parameters.documentWeights).toBe(
      "equal",
    );
  });
});
