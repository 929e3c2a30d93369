import { describe, expect, it } from "vitest";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { readCorpus } from "../helpers/data.js";

const docs = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));

describe("result.quality.kChoice: how firmly k was chosen", () => {
  const runs = [0, 1, 2, 3, 4].map((seed) => clusterTopics(docs, { seed }));

  it("on a small corpus, takes the k most of five seeds' sweeps recommend, and says how many agree", () => {
    for (const r of runs) {
      const c = r.quality.kChoice;
      expect(c).not.toBeNull();
      if (c === null) continue;
      expect(c.acrossSeeds).toHaveLength(5);
      const seeds = c.acrossSeeds as number[];
      const count = (k: number) => seeds.filter((x) => x === k).length;
      expect(Math.max(...seeds.map(count))).toBe(count(c.chosen));
      expect(r.parameters.k).toBe(c.chosen);
      expect(c.agreement).toBe(count(c.chosen) / 5);
      expect(c.uncertain).toBe((c.agreement as number) < 0.6);
      expect(c.runnerUp).not.toBe(c.chosen);
      expect(r.sweep?.rows.some((row) => row.k === c.chosen)).toBe(true);
    }
  });

  it("moves little with the seed (single sweeps chose 5 to 10 on this corpus)", () => {
    const ks = runs.map((r) => r.parameters.k);
    expect(Math.max(...ks) - Math.min(...ks)).toBeLessThanOrEqual(2);
  });

  it("says so in the text report when the choice is uncertain, and is null when k is given", () => {
    for (const r of runs) {
      const uncertain = r.quality.kChoice?.uncertain === true;
      expect(r.toString().includes("the choice of k is uncertain: runner-up k =")).toBe(uncertain);
    }
    expect(clusterTopics(docs, { k: 6 }).quality.kChoice).toBeNull();
    expect(JSON.parse(JSON.stringify(runs[0])).quality.kChoice).toEqual(runs[0]?.quality.kChoice);
  });

  it("above 500 documents, reports the runner-up and its margin without other seeds' sweeps", () => {
    const texts = readCorpus("conf-abstracts-5areas.jsonl.gz", 600).map((x) => x.text);
    const c = clusterTopics(texts, { kRange: [2, 6], stabilitySeeds: 1 }).quality.kChoice;
    expect(c?.acrossSeeds).toBeNull();
    expect(c?.agreement).toBeNull();
    expect(c?.uncertain).toBe(c?.margin !== null && (c?.margin as number) < 0.005);
  });

  it("checks options.kRange up front, and cuts a range reaching the documents with a warning", () => {
    expect(() => clusterTopics(docs, { kRange: [6, 3] })).toThrow(
      /clusterTopics: options.kRange\[1\] must be an integer >= 6 \(at least options.kRange\[0\] = 6\); got 3/,
    );
    expect(() => clusterTopics(docs, { kRange: [2, 3, 4] as never })).toThrow(
      /clusterTopics: options.kRange must be \[min, max\], two integers; got an array of length 3/,
    );
    const few = docs.slice(0, 8);
    const cut = clusterTopics(few, { kRange: [3, 40], stabilitySeeds: 1 });
    expect(cut.sweep?.rows.map((r) => r.k)).toEqual([3, 4, 5, 6, 7]);
    expect(cut.warnings.map((w) => w.message)).toContain(
      "options.kRange [3, 40] was cut to [3, 7]: k must stay below the 8 documents the sweep clusters",
    );
  });
});
