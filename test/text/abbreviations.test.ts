import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import * as lib from "../../src/index.js";
import { corpusAbbreviations, findAbbreviations } from "../../src/text/abbreviations.js";

describe("findAbbreviations (Schwartz & Hearst)", () => {
  it.each([
    ["Federated learning (FL) trains a model across clients.", "FL", "Federated learning"],
    ["Recent advances in large language models (LLMs) are striking.", "LLMs", "large language models"],
    ["We analyse stochastic gradient descent (SGD) with momentum.", "SGD", "stochastic gradient descent"],
    ["a speech system for automatic speech recognition (ASR, see [3]).", "ASR", "automatic speech recognition"],
    ["aggregation weights in federated averaging (FedAvg) matter", "FedAvg", "federated averaging"],
    [
      "Reinforcement Learning from Human Feedback (RLHF) aligns models.",
      "RLHF",
      "Reinforcement Learning from Human Feedback",
    ],
    ["the state-of-the-art (SOTA) results", "SOTA", "state-of-the-art"],
    ["We use SVD (singular value decomposition) to project.", "SVD", "singular value decomposition"],
  ])("finds the definition in %j", (text, short, long) => {
    expect(findAbbreviations(text)).toEqual([{ short, long }]);
  });

  it.each([
    "a remark (see above) here",
    "a citation (Smith 2003) here",
    "a number (42) here",
    "a lowercase word (fl) is not a short form",
    "letters that are not there (XYZ) at all",
    "an unclosed (FL parenthesis",
    "a long form that starts mid-word: nonfederated (FL)",
  ])("finds nothing in %j", (text) => {
    expect(findAbbreviations(text)).toEqual([]);
  });

  it("stops the long form at the sentence before", () => {
    expect(findAbbreviations("It is fine. Learning (L2) helps.")).toEqual([]);
    expect(findAbbreviations("Our method. Federated Learning (FL) helps.")).toEqual([
      { short: "FL", long: "Federated Learning" },
    ]);
  });

  it("names the argument when the text is not a string", () => {
    expect(() => findAbbreviations(3 as unknown as string)).toThrow(InvalidArgumentError);
    expect(() => findAbbreviations(3 as unknown as string)).toThrow(/text must be a string/);
  });

  it("never returns a long form that lacks the short form's letters in order (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const { short, long } of findAbbreviations(text)) {
          let at = 0;
          const l = long.toLowerCase();
          for (const c of short.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "")) {
            at = l.indexOf(c, at);
            expect(at).toBeGreaterThanOrEqual(0);
            at++;
          }
          expect(long.length).toBeGreaterThan(short.length);
        }
      }),
    );
  });
});

describe("corpusAbbreviations on the seed corpus", () => {
  const found = corpusAbbreviations(seedCorpus().map((p) => `${p.title}. ${p.abstract}`));
  const byShort = new Map(found.map((a) => [a.short, a]));

  it("finds FL, LLMs and SGD with their long forms, counted per document", () => {
    expect(byShort.get("FL")).toMatchObject({ long: "federated learning", agreement: 1 });
    expect(byShort.get("FL")?.documents).toBeGreaterThanOrEqual(3);
    expect(byShort.get("LLMs")?.long.toLowerCase()).toBe("large language models");
    expect(byShort.get("LLMs")?.documents).toBeGreaterThanOrEqual(3);
    expect(byShort.get("SGD")?.long.toLowerCase()).toMatch(/^stochastic gradient de(s|)cent$/);
    expect(byShort.get("RLHF")?.long).toBe("Reinforcement Learning from Human Feedback");
  });

  it("orders by documents, and a short form appears once", () => {
    const docs = found.map((a) => a.documents);
    expect(docs).toEqual([...docs].sort((a, b) => b - a));
    expect(new Set(found.map((a) => a.short.toLowerCase())).size).toBe(found.length);
  });

  it("is public, reads any iterable of texts, and names a text that is no string", () => {
    expect(lib.corpusAbbreviations).toBe(corpusAbbreviations);
    expect(lib.findAbbreviations).toBe(findAbbreviations);
    function* texts() {
      yield "Federated learning (FL) trains a model.";
      yield "Clients in FL share updates; federated learning (FL) again.";
    }
    expect(corpusAbbreviations(texts())).toEqual([
      { short: "FL", long: "Federated learning", documents: 2, agreement: 1 },
    ]);
    expect(() => corpusAbbreviations(["fine", 7 as never])).toThrow(
      /corpusAbbreviations: texts\[1\] must be a string; got 7/,
    );
    expect(() => corpusAbbreviations("Federated learning (FL)" as never)).toThrow(InvalidArgumentError);
  });
});
