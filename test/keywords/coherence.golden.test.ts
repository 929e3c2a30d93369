import { describe, expect, it } from "vitest";
import {
  npmiCoherence,
  npmiCoherenceOfTokens,
  npmiCoherencePerTopic,
  npmiPerTopicOfTokens,
  topicDiversity,
  umassCoherence,
} from "../../src/keywords/coherence.js";
import { fitTransformTfidfWithTokens } from "../../src/vectorize/tfidf.js";
import { readCorpus, readFixture } from "../helpers/data.js";

interface Case {
  name: string;
  texts: string[][];
  topics: string[][];
  npmi: number;
  npmiPerTopic: number[];
  umass: number;
}
const fixture = readFixture<{ cases: Case[] }>("coherence-gensim.json");

describe("coherence against gensim's CoherenceModel", () => {
  for (const c of fixture.cases) {
    it(`npmiCoherence matches c_npmi on the ${c.name} corpus`, () => {
      expect(Math.abs(npmiCoherence(c.topics, c.texts) - c.npmi)).toBeLessThan(1e-12);
    });
    it(`npmiCoherencePerTopic matches c_npmi's get_coherence_per_topic on the ${c.name} corpus`, () => {
      const perTopic = npmiCoherencePerTopic(c.topics, c.texts);
      expect(perTopic).toHaveLength(c.npmiPerTopic.length);
      perTopic.forEach((v, i) => {
        expect(Math.abs((v as number) - (c.npmiPerTopic[i] as number))).toBeLessThan(1e-12);
      });
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
  it("npmiCoherencePerTopic gives null to a topic of one term, which the mean leaves out", () => {
    const texts = [["a1", "b1"], ["a1", "b1"], ["c1"], ["d1"]];
    const perTopic = npmiCoherencePerTopic([["a1", "b1"], ["c1"]], texts);
    expect(perTopic[0]).toBeCloseTo(1, 9);
    expect(perTopic[1]).toBeNull();
    expect(npmiCoherence([["a1", "b1"], ["c1"]], texts)).toBe(perTopic[0]);
    expect(() => npmiCoherencePerTopic([["a"]], "x" as never)).toThrow(/npmiCoherencePerTopic: texts must be/);
  });
  it("rejects malformed topics", () => {
    expect(() => npmiCoherence("x" as never, [])).toThrow(/topics must be an array of arrays of terms/);
    expect(() => npmiCoherence([["a"]], [["a"]], { windowSize: 0 })).toThrow(/options.windowSize/);
  });

  it("npmiCoherenceOfTokens gives npmiCoherence's value on the same documents, all or a subset", () => {
    const texts = readCorpus("conf-abstracts-5areas.jsonl.gz", 800).map((r) => r.text);
    const { tokens } = fitTransformTfidfWithTokens(texts, {});
    if (tokens === null) throw new Error("unigram options give tokens");
    const words = Array.from({ length: texts.length }, (_, d) =>
      Array.from(tokens.stream.subarray(tokens.offsets[d], tokens.offsets[d + 1]), (id) => tokens.terms[id] as string),
    );
    const topics = [
      ["robot", "control", "motion planning", "trajectory"],
      ["image", "segmentation", "convolutional neural networks", "object"],
      ["language", "translation", "word", "nonexistentword"],
    ];
    expect(npmiCoherenceOfTokens(topics, tokens)).toBe(npmiCoherence(topics, words));
    expect(npmiPerTopicOfTokens(topics, tokens)).toEqual(npmiCoherencePerTopic(topics, words));
    const subset = Int32Array.from({ length: 200 }, (_, i) => i * 4);
    expect(npmiCoherenceOfTokens(topics, tokens, subset)).toBe(
      npmiCoherence(
        topics,
        Array.from(subset, (d) => words[d] as string[]),
      ),
    );
    expect(npmiCoherenceOfTokens(topics, tokens, null, 4)).toBe(npmiCoherence(topics, words, { windowSize: 4 }));
  });
});
