import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distinctNames, withGivenNames } from "../../src/keywords/distinctNames.js";

const topic = (label: string) => ({ label, name: label.split(" · ")[0] as string });

describe("distinctNames", () => {
  it("adds to a shared head the label term that tells the topics apart, and leaves other names alone", () => {
    expect(
      distinctNames([
        topic("large language models (LLMs) · reasoning"),
        topic("federated learning (FL) · clients"),
        topic("large language models (LLMs) · reward · preference"),
      ]),
    ).toEqual([
      "large language models (LLMs) · reasoning",
      "federated learning (FL)",
      "large language models (LLMs) · reward",
    ]);
    // A term both labels hold tells nothing: the first one only this topic has.
    expect(distinctNames([topic("space · nasa · program"), topic("space · nasa · research")])).toEqual([
      "space · program",
      "space · research",
    ]);
  });

  it("among three or more, takes a term no other holds, else one some other lacks", () => {
    expect(distinctNames([topic("h · x · y"), topic("h · x · z"), topic("h · y · w")])).toEqual([
      "h · x",
      "h · z",
      "h · w",
    ]);
    // A label inside another's: the longer one takes its own term, the shorter keeps the head.
    expect(distinctNames([topic("h · x"), topic("h · x · y")])).toEqual(["h", "h · y"]);
  });

  it("falls back to whole labels when a head and one term cannot tell them apart", () => {
    expect(distinctNames([topic("h · x · y"), topic("h · y · x")])).toEqual(["h · x · y", "h · y · x"]);
    // The same label twice: nothing tells them apart, and the label is what they share.
    expect(distinctNames([topic("h · x"), topic("h · x"), topic("g")])).toEqual(["h · x", "h · x", "g"]);
    // Empty clusters are named "" and stay so.
    expect(distinctNames([topic(""), topic("")])).toEqual(["", ""]);
  });

  it("gives topics with different labels different names, each its head, the head and one of its terms, or its label (property)", () => {
    const term = fc.constantFrom("h", "g", "x", "y", "z", "w");
    const label = fc.uniqueArray(term, { minLength: 1, maxLength: 4 }).map((terms) => terms.join(" · "));
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 8 }), (labels) => {
        const topics = labels.map(topic);
        const names = distinctNames(topics);
        topics.forEach((t, i) => {
          const name = names[i] as string;
          const terms = t.label.split(" · ");
          const shared = topics.some((u, j) => j !== i && u.name === t.name);
          if (!shared) expect(name).toBe(t.name);
          else expect([t.name, t.label, ...terms.slice(1).map((x) => `${t.name} · ${x}`)]).toContain(name);
          topics.forEach((u, j) => {
            if (u.label !== t.label) expect(names[j], `${t.label} and ${u.label}`).not.toBe(name);
          });
        });
      }),
      { numRuns: 500 },
    );
  });

  it("withGivenNames: given names stay as given, and a generated name they repeat moves apart", () => {
    const topics = [
      { id: 0, ...topic("federated learning · clients · server") },
      { id: 1, ...topic("privacy · attacks") },
      { id: 2, ...topic("optimizers · adam") },
    ];
    const named = withGivenNames(topics, new Map([[1, "federated learning"]]));
    expect(named.map((t) => [t.label, t.name])).toEqual([
      ["federated learning · clients · server", "federated learning · clients"],
      ["federated learning", "federated learning"],
      ["optimizers · adam", "optimizers"],
    ]);
    expect(named[2]).toBe(topics[2]);
    expect(topics[0]?.name).toBe("federated learning");
  });
});
