import { describe, expect, it } from "vitest";
import { topicsOverTime } from "../../src/analysis/topicsOverTime.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { readFixture } from "../helpers/data.js";
import { overTimeCase } from "../helpers/overTimeCase.js";

// NumPy's tuned scores (scripts/fixtures/overTime.py) from the count tables of the same fit
// (scripts/fixtures/overTime.ts): BERTopic's documented formulas, computed independently.
const reference = readFixture<{ rows: Record<string, Record<string, [string, number][]>> }>("over-time-numpy.json.gz");
const { docs, years, options } = overTimeCase();
const result = clusterTopics(docs, options);
// The tuned scores as they are: no phrase absorption or MMR reordering on top.
const keywords = { topN: 40, preferPhrases: false, diversity: 0 };

describe("topicsOverTime against NumPy (BERTopic's tuning formulas)", () => {
  const sameFit = readFixture<{ assignments: number[] }>("over-time-counts.json.gz");
  it("is measured on the same fit as the reference", () => {
    expect(Array.from(result.assignments)).toEqual(sameFit.assignments);
  });

  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])("evolution tuning %s, global tuning %s: every keyword's score, best first", (evolution, global) => {
    const expected = reference.rows[`evolution=${evolution},global=${global}`] as Record<string, [string, number][]>;
    const view = topicsOverTime(result, docs, years, { evolutionTuning: evolution, globalTuning: global, keywords });
    let compared = 0;
    let [shownOfTop, top] = [0, 0];
    for (const row of view.rows) {
      const numpy = expected[`${row.bin},${row.topic}`] ?? [];
      const score = new Map(numpy);
      let last = Number.POSITIVE_INFINITY;
      for (const k of row.keywords) {
        const term = k.counted ?? k.term;
        if (!score.has(term)) continue; // beyond NumPy's 40 best
        expect(k.score).toBeCloseTo(score.get(term) as number, 12);
        // Keywords keep NumPy's order, best first (the chain only leaves some terms out; ties in either order).
        expect(k.score).toBeLessThanOrEqual(last + 1e-12);
        last = k.score;
        compared++;
      }
      const shown = new Set(row.keywords.map((k) => k.counted ?? k.term));
      shownOfTop += numpy.slice(0, 10).filter(([term]) => shown.has(term)).length;
      top += Math.min(10, numpy.length);
    }
    expect(compared).toBeGreaterThan(200);
    // Most of NumPy's ten best are keywords (the others are junk, or in too few of the bin's documents).
    expect(shownOfTop / top).toBeGreaterThan(0.5);
  });
});
