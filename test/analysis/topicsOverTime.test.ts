import { describe, expect, it } from "vitest";
import { topicsOverTime } from "../../src/analysis/topicsOverTime.js";
import { topicsPerClass } from "../../src/analysis/topicsPerClass.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { readCorpus } from "../helpers/data.js";

// Real abstracts of five conferences, 2018-2023: the id says venue and year ("eccv2022/...").
const records = readCorpus("conf-abstracts-5areas.jsonl.gz", 1500);
const docs = records.map((r) => ({ id: r.id, text: r.text }));
const years = records.map((r) => Number(/(\d{4})\//.exec(r.id)?.[1]));
const venues = records.map((r) => (/^([a-z]+)\d{4}\//.exec(r.id)?.[1] ?? null) as string | null);
const result = clusterTopics(docs, { k: 6, stabilitySeeds: 1 });

describe("topicsOverTime(result, docs, times)", () => {
  const view = topicsOverTime(result, docs, years);
  it("counts every document once: per bin the shares sum to 1, per topic the counts to its size", () => {
    expect(view.bins.map((b) => b.label)).toEqual([...new Set(years)].sort().map(String));
    expect(view.bins.reduce((a, b) => a + b.documents, 0)).toBe(docs.length);
    view.bins.forEach((b, i) => {
      const rows = view.rows.filter((r) => r.bin === i);
      expect(rows.reduce((a, r) => a + r.count, 0)).toBe(b.documents);
      expect(rows.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 12);
    });
    for (const t of result.topics)
      expect(view.rows.filter((r) => r.topic === t.id).reduce((a, r) => a + r.count, 0)).toBe(t.size);
    expect(view.rows.every((r) => r.keywords.length > 0 && r.keywords.length <= 5)).toBe(true);
  });

  it("evolution tuning averages each bin with the previous bin's tuned keywords (it is not a no-op)", () => {
    // scores as tuned: no phrase absorption or MMR reordering on top of them
    const keywords = { topN: 40, preferPhrases: false, diversity: 0 };
    const off = topicsOverTime(result, docs, years, { evolutionTuning: false, globalTuning: false, keywords });
    const on = topicsOverTime(result, docs, years, { evolutionTuning: true, globalTuning: false, keywords });
    const scores = (v: typeof on, bin: number, topic: number) =>
      new Map(v.rows.find((r) => r.bin === bin && r.topic === topic)?.keywords.map((k) => [k.term, k.score]) ?? []);
    // the first bin has no previous one
    for (const r of on.rows.filter((x) => x.bin === 0)) expect(scores(on, 0, r.topic)).toEqual(scores(off, 0, r.topic));
    let checked = 0;
    for (const r of on.rows.filter((x) => x.bin > 0)) {
      const local = scores(off, r.bin, r.topic);
      const previous = scores(on, r.bin - 1, r.topic);
      for (const [term, score] of scores(on, r.bin, r.topic)) {
        if (!local.has(term) || !previous.has(term)) continue;
        expect(score).toBeCloseTo(((local.get(term) as number) + (previous.get(term) as number)) / 2, 12);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(JSON.stringify(on.rows)).not.toBe(JSON.stringify(off.rows));
  });

  it("leaves out documents without a usable time, and says which", () => {
    const some = years.map((y, i) => (i % 100 === 7 ? null : i % 100 === 8 ? Number.NaN : y));
    const v = topicsOverTime(result, docs, some);
    expect(v.skipped.indices).toEqual(some.flatMap((y, i) => (y === null || Number.isNaN(y) ? [i] : [])));
    expect(v.bins.reduce((a, b) => a + b.documents, 0)).toBe(docs.length - v.skipped.count);
    expect(v.toString()).toMatch(/30 document\(s\) without a usable time left out/);
  });

  it("bins dates by year or month, and numbers into equal-width bins or widths", () => {
    const dates = years.map((y, i) => new Date(Date.UTC(y, i % 12, 1 + (i % 27))));
    const byMonth = topicsOverTime(
      result,
      docs,
      dates.map((d) => d.toISOString()),
      { binBy: "month" },
    );
    expect(byMonth.bins[0]?.label).toMatch(/^\d{4}-\d{2}$/);
    expect(topicsOverTime(result, docs, dates).bins.map((b) => b.label)).toEqual(view.bins.map((b) => b.label));
    expect(topicsOverTime(result, docs, years, { bins: 2 }).bins).toHaveLength(2);
    const first = Math.min(...years);
    expect(topicsOverTime(result, docs, years, { binBy: 2 }).bins).toHaveLength(
      new Set(years.map((y) => Math.floor((y - first) / 2))).size,
    );
  });

  it("renders as CSV, text, SVG and a notebook display", () => {
    expect(view.toCSV().split("\n")[0]).toBe("bin,start,end,topic,count,share,keywords");
    expect(view.toCSV().trim().split("\n")).toHaveLength(view.rows.length + 1);
    expect(view.toSVG()).toMatch(/^<svg[\s\S]*<polyline[\s\S]*<\/svg>$/);
    expect((view.toSVG().match(/<polyline/g) ?? []).length).toBe(Math.min(8, result.topics.length));
    const bundle = (view as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]?.();
    expect(bundle?.["text/html"]).toContain("<svg");
    expect(JSON.parse(JSON.stringify(view)).rows).toHaveLength(view.rows.length);
  });

  it("refuses other documents, wrong lengths and mixed kinds with typed errors", () => {
    const swapped = [docs[1], docs[0], ...docs.slice(2)] as typeof docs;
    const cases: [() => unknown, RegExp][] = [
      [() => topicsOverTime(result, docs.slice(1), years.slice(1)), /times must hold one time per document \(1500\)/],
      [() => topicsOverTime(result, docs.slice(1), years), /docs must be the 1500 documents the result was fitted on/],
      [() => topicsOverTime(result, [...docs].reverse(), years), /is not the document the result was fitted on/],
      [
        () =>
          topicsOverTime(
            result,
            docs,
            years.map((y, i) => (i === 3 ? "2020-01-01" : y)),
          ),
        /times mix numbers and dates/,
      ],
      [() => topicsOverTime(result, docs, years, { binBy: "month" }), /binBy "month" needs dates/],
      [() => topicsOverTime(result, docs, years, { keywords: { coherence: 5 } }), /options\.coherence must be/],
      [
        () =>
          topicsOverTime(
            result,
            docs,
            years.map(() => null),
          ),
        /no document has a usable time/,
      ],
    ];
    if (result.topics.some((t) => t.representatives.some((r) => r.index < 2)))
      cases.push([() => topicsOverTime(result, swapped, years), /is not the document/]);
    for (const [call, message] of cases) {
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    }
  });
});

describe("topicsPerClass(result, docs, classes)", () => {
  it("spreads every topic over the venues with the venue's keywords", () => {
    const view = topicsPerClass(result, docs, venues);
    expect(view.classes.map((c) => c.name)).toEqual([...new Set(venues.filter((v) => v !== null))].sort());
    expect(view.skipped.count).toBe(venues.filter((v) => v === null).length);
    for (const t of result.topics) {
      const unclassed = view.skipped.indices.filter((i) => result.assignments[i] === t.id).length;
      expect(view.rows.filter((r) => r.topic === t.id).reduce((a, r) => a + r.count, 0)).toBe(t.size - unclassed);
    }
    for (const c of view.classes)
      expect(view.rows.filter((r) => r.class === c.name).reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 12);
    expect(view.toCSV().split("\n")[0]).toBe("class,topic,count,share,keywords");
    expect(() => topicsPerClass(result, docs, venues.slice(1))).toThrow(/classes must hold one class per document/);
  });
});
