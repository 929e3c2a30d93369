import { describe, expect, it } from "vitest";
import { npmiCoherence, topicDiversity, umassCoherence } from "../../src/keywords/coherence.js";
import { readFixture } from "../helpers/data.js";

interface Case {
  name: string;
  texts: string[][];
  topics: string[][];
  npmi: number;
  umass: number;
}
const fixture = readFixture<{ cases: Case[] }>("coherence-gensim.json");

describe("coherence against gensim's CoherenceModel", () => {
  for (const c of fixture.cases) {
    it(`npmiCoherence matches c_npmi on the ${c.name} corpus`, () => {
      expect(Math.abs(npmiCoherence(c.topics, c.texts) - c.npmi)).toBeLessThan(1e-12);
    });
    it(`umassCoherence matches u_mass on the ${c.name} corpus`, () => {
      expect(Math.abs(umassCoherence(c.topics, c.texts) - c.umass)).toBeLessThan(1e-12);
    });
  }
});

describe("coherence by hand", () => {
  it("npmiCoherence is 1 for words that always co-occur and -1-ish for words that never do", () => {
    const texts = [["a1", "b1"], ["a1", "b1"], ["c1"], ["d1"]];
    expect(npmiCoherence([["a1", "b1"]], texts)).toBeCloseTo(1, 9);
    expect(npmiCoherence([["a1", "c1"]], texts)).toBeLessThan(-0.9);
  });
  it("umassCoherence is ln((D(a,b) + eps) / D(b)) for two words", () => {
    const texts = [["x", "y"], ["x"], ["y", "z"], ["x", "y", "z"]];
    // pairs (y | x): D(x,y) = 2, D(x) = 3
    expect(umassCoherence([["x", "y"]], texts)).toBeCloseTo(Math.log((2 / 4 + 1e-12) / (3 / 4)), 12);
  });
  it("treats a phrase as present when all its words are in the window", () => {
    const texts = [["federated", "learning", "clients"], ["federated", "learning", "server"], ["adam"]];
    expect(npmiCoherence([["federated learning", "clients"]], texts)).toBeGreaterThan(0);
  });
  it("topicDiversity is the share of unique terms", () => {
    expect(
      topicDiversity([
        ["a", "b"],
        ["b", "c"],
      ]),
    ).toBe(0.75);
    expect(
      topicDiversity(
        [
          ["a", "b"],
          ["c", "d"],
        ],
        1,
      ),
    ).toBe(1);
  });
  it("rejects malformed topics", () => {
    expect(() => npmiCoherence("x" as never, [])).toThrow(/topics must be an array of arrays of terms/);
    expect(() => npmiCoherence([["a"]], [["a"]], { windowSize: 0 })).toThrow(/options.windowSize/);
  });
});
