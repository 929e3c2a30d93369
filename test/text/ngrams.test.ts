import { describe, expect, it } from "vitest";
import { wordNgrams } from "../../src/text/ngrams.js";
import { PHRASE_BREAK } from "../../src/text/tokenize.js";

describe("wordNgrams(tokens, minN, maxN)", () => {
  it("gives all unigrams, then all bigrams, as scikit-learn orders them", () => {
    expect(wordNgrams(["learning", "rates", "decay"], 1, 2)).toEqual([
      "learning",
      "rates",
      "decay",
      "learning rates",
      "rates decay",
    ]);
  });

  it("forms no n-gram through a phrase break, and never gives the break as a word", () => {
    const tokens = ["profit", "rose", PHRASE_BREAK, "pct", "to", PHRASE_BREAK];
    expect(wordNgrams(tokens, 1, 1)).toEqual(["profit", "rose", "pct", "to"]);
    expect(wordNgrams(tokens, 2, 3)).toEqual(["profit rose", "pct to"]);
  });

  it("refuses a token that is not a string and an n below 1 or under minN", () => {
    expect(() => wordNgrams(["a", 1 as unknown as string], 1, 1)).toThrow(/wordNgrams: tokens/);
    expect(() => wordNgrams(["a"], 0, 1)).toThrow(/minN/);
    expect(() => wordNgrams(["a"], 2, 1)).toThrow(/maxN/);
  });
});
