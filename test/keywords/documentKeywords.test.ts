import { describe, expect, it } from "vitest";
import { seedCorpus } from "../../src/corpus/seed.js";
import { documentKeywords, documentKeywordsBatch } from "../../src/keywords/documentKeywords.js";
import { levenshteinRatio, yakeKeywords } from "../../src/keywords/yake.js";
import { SKLEARN_ENGLISH_STOP_WORDS } from "../../src/text/stopwords/index.js";
import { fitTfidf } from "../../src/vectorize/tfidf.js";

const papers = seedCorpus();
const text = `${papers[0]?.title}. ${papers[0]?.abstract}`;

describe("yakeKeywords(text)", () => {
  const keywords = yakeKeywords(text);
  it("finds the paper's subject first", () => {
    expect(keywords[0]?.term.toLowerCase()).toContain("federated adversarial learning");
    expect(keywords).toHaveLength(10);
  });
  it("orders by YAKE score (lower is better; score = 1 / (1 + yake), higher is better) and never starts or ends a phrase with a stop word", () => {
    const stop = new Set(SKLEARN_ENGLISH_STOP_WORDS);
    for (let i = 1; i < keywords.length; i++) {
      const [a, b] = [keywords[i - 1], keywords[i]] as [
        { score: number; yake: number },
        { score: number; yake: number },
      ];
      expect(b.yake).toBeGreaterThanOrEqual(a.yake);
      expect(b.score).toBeLessThanOrEqual(a.score);
      expect(b.score).toBe(1 / (1 + b.yake));
    }
    for (const k of keywords) {
      const words = k.term.toLowerCase().split(" ");
      expect(stop.has(words[0] as string)).toBe(false);
      expect(stop.has(words[words.length - 1] as string)).toBe(false);
      expect(words.length).toBeLessThanOrEqual(3);
    }
  });
  it("keeps no two keyphrases more similar than the dedup threshold", () => {
    for (const a of keywords)
      for (const b of keywords)
        if (a !== b) expect(levenshteinRatio(a.term.toLowerCase(), b.term.toLowerCase())).toBeLessThanOrEqual(0.9);
  });
  it("handles empty and stop-word-only text", () => {
    expect(yakeKeywords("")).toEqual([]);
    expect(yakeKeywords("the of and")).toEqual([]);
  });
});

describe("levenshteinRatio(a, b)", () => {
  it("is 1 - edit distance / longer length", () => {
    expect(levenshteinRatio("kitten", "sitting")).toBeCloseTo(1 - 3 / 7, 12);
    expect(levenshteinRatio("abc", "abc")).toBe(1);
    expect(levenshteinRatio("", "abc")).toBe(0);
  });
});

describe("documentKeywords(text, options)", () => {
  it("uses YAKE by default and TF-IDF against a fitted model on request", () => {
    expect(documentKeywords(text).map((k) => k.term)).toEqual(yakeKeywords(text).map((k) => k.term));
    const model = fitTfidf(
      papers.map((p) => p.abstract),
      { ngramRange: [1, 3] },
    );
    const batch = documentKeywordsBatch(
      papers.slice(0, 3).map((p) => p.abstract),
      { method: "tfidf", model, top: 5 },
    );
    expect(batch).toHaveLength(3);
    expect(batch[0]?.map((k) => k.term).join(" ")).toMatch(/fal|federated|adversarial/);
    expect(batch.every((b) => b.length === 5)).toBe(true);
  });
  it("rejects bad input", () => {
    expect(() => documentKeywords(3 as unknown as string)).toThrow(/documentKeywords: text must be a string; got 3/);
    expect(() => documentKeywords("x", { method: "tfidf" })).toThrow(/options.model must be a fitted TfidfModel/);
    expect(() => documentKeywords("x", { top: 0 })).toThrow(/options.top must be an integer >= 1; got 0/);
    expect(() => documentKeywords("x", { diversity: 2 })).toThrow(/options.diversity/);
  });
});
