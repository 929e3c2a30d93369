import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chanceEvenness, evennessOf } from "../../scripts/lib/evenness.mjs";
import { createRandom } from "../../src/core/random.js";
import { FILLER_WORDS } from "../../src/text/fillerWords.js";

/** n documents of a term dropped into the topics in proportion to their sizes. */
function spreadAtRandom(sizes: number[], n: number, seed: number): number[] {
  const random = createRandom(seed);
  const total = sizes.reduce((a, b) => a + b, 0);
  const docs = sizes.map(() => 0);
  for (let i = 0; i < n; i++) {
    let u = random.nextFloat() * total;
    let c = 0;
    while (u >= (sizes[c] as number)) u -= sizes[c++] as number;
    docs[c] = (docs[c] as number) + 1;
  }
  return docs;
}

// Twenty topics of unequal size, as a clustered corpus of about 15,000 abstracts has.
const SIZES = Array.from({ length: 20 }, (_, c) => 300 + 60 * c);

describe("the filler-word measure (scripts/fixtures/fillerWords.mjs)", () => {
  it("scores a term by the share of topics it lives in, rates weighed by topic size", () => {
    expect(evennessOf([5, 0, 0, 0], [100, 100, 100, 100])).toBeCloseTo(0.25, 12);
    expect(evennessOf([5, 5, 5, 5], [100, 100, 100, 100])).toBeCloseTo(1, 12);
    // The same rate in every topic is even, whatever the topics' sizes.
    expect(evennessOf([1, 2, 4], [50, 100, 200])).toBeCloseTo(1, 12);
    expect(evennessOf([2, 2, 0, 0], [10, 10, 10, 10])).toBeCloseTo(0.5, 12);
  });

  it("expects less evenness of a rare term by chance, and is the same for the same generator seed", () => {
    const chance = chanceEvenness(SIZES, createRandom(0));
    expect(chance(20)).toBeLessThan(chance(60));
    expect(chance(60)).toBeLessThan(chance(300));
    expect(chance(5000)).toBeGreaterThan(0.98);
    expect(chanceEvenness(SIZES, createRandom(0))(80)).toBe(chanceEvenness(SIZES, createRandom(0))(80));
  });

  it("finds a rare term spread at random as even as chance allows, and a topical one far from it (property)", () => {
    const chance = chanceEvenness(SIZES, createRandom(1));
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 400 }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
        const generic = evennessOf(spreadAtRandom(SIZES, n, seed), SIZES) / chance(n);
        // The same count with three quarters of it in three topics: how a topical word sits.
        const inThree = Math.ceil((3 * n) / 4);
        const topical = spreadAtRandom(SIZES, n - inThree, seed);
        for (let c = 0; c < 3; c++) topical[c] = (topical[c] as number) + inThree / 3;
        const concentrated = evennessOf(topical, SIZES) / chance(n);
        expect(generic).toBeGreaterThan(0.8);
        expect(concentrated).toBeLessThan(0.6);
      }),
      { numRuns: 60 },
    );
  });

  it("lists generic words too rare for an absolute threshold, and keeps topical words of the same counts off", () => {
    // In 60–330 abstracts of a research area each, below 1% of its documents: the rule by
    // chance lists them. "kernel", "iteration" and "layers" are as frequent but concentrated.
    for (const word of ["lacking", "suited", "aforementioned", "shortcomings"])
      expect(FILLER_WORDS.has(word)).toBe(true);
    for (const word of ["kernel", "iteration", "layers", "federated", "denoising", "reward"])
      expect(FILLER_WORDS.has(word)).toBe(false);
  });
});
