import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hierarchicalTopics } from "../../src/analysis/hierarchy.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { compactLabel, topicCaption } from "../../src/report/compactLabel.js";

const SGD = "stochastic gradient descent (SGD) · learning rate schedules";

describe("compactLabel", () => {
  it("keeps a label that fits, and otherwise cuts between terms, abbreviated terms by their short form", () => {
    expect(compactLabel(SGD, 80)).toBe(SGD);
    expect(compactLabel(SGD, 30)).toBe("SGD · learning rate schedules");
    expect(compactLabel(SGD, 20)).toBe("SGD");
    expect(compactLabel("large language models (LLMs) · reasoning · reinforcement learning", 30)).toBe(
      "LLMs · reasoning",
    );
    expect(compactLabel("clustering · discussion", 12)).toBe("clustering");
  });

  it("cuts a first term too long for the space at a word, with an ellipsis", () => {
    expect(compactLabel("reinforcement learning from human feedback · reward", 20)).toBe("reinforcement…");
    expect(compactLabel("hyperparameterization", 8)).toBe("hyperpa…");
    expect(topicCaption(3, SGD, 34)).toBe("[3] SGD · learning rate schedules");
  });

  it("refuses a label that is not a string and a width below one character, naming the argument", () => {
    expect(() => compactLabel(3 as unknown as string, 10)).toThrow(InvalidArgumentError);
    expect(() => compactLabel(SGD, 0)).toThrow(/maxChars/);
    expect(() => compactLabel(SGD, 2.5)).toThrow(/maxChars/);
  });

  const word = fc.stringMatching(/^[a-z]{1,12}$/);
  const term = fc.oneof(
    fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(" ")),
    fc
      .tuple(fc.array(word, { minLength: 2, maxLength: 4 }), fc.stringMatching(/^[A-Z]{2,5}$/))
      .map(([w, short]) => `${w.join(" ")} (${short})`),
  );

  it("fits the space, and shows whole terms (or their short forms) from the first, in order (property)", () => {
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 90 }), (terms, max) => {
        const label = terms.join(" · ");
        const shown = compactLabel(label, max);
        expect(shown.length).toBeLessThanOrEqual(max);
        if (label.length <= max) expect(shown).toBe(label);
        if (shown.endsWith("…")) return;
        const parts = shown.split(" · ");
        parts.forEach((part, i) => {
          const whole = terms[i] as string;
          expect([whole, /\(([^()]+)\)$/.exec(whole)?.[1]]).toContain(part);
        });
      }),
    );
  });
});

describe("charts name topics with whole terms", () => {
  it("writes each topic's compact label, and its whole label to hover, in the dendrogram", () => {
    const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
    const result = clusterTopics(papers, { k: 6, seed: 0 });
    const svg = hierarchicalTopics(result, papers).toSVG();
    for (const t of result.topics) {
      expect(svg).toContain(`<title>${t.label.replace(/&/g, "&amp;")}</title>`);
      const caption = topicCaption(t.id, t.label, 42);
      expect(caption.length).toBeLessThanOrEqual(42);
      expect(svg).toContain(`</title>${caption}</text>`);
    }
  });
});
