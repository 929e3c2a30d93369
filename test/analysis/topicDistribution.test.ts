import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenSets, topicDistribution } from "../../src/analysis/topicDistribution.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { tokenize } from "../../src/text/tokenize.js";
import { readFixture } from "../helpers/data.js";

interface Inputs {
  tokens: string[][];
  newTexts: string[];
  fits: { name: string; options: object; topics: number; assignments: number[] }[];
}
interface Case {
  fit: string;
  options: { window: number; stride: number; minSimilarity: number; padding: boolean };
  fitted: number[][];
  new: number[][];
  tokens: Record<string, number[][]>;
  newTokens: number[][][];
}
const inputs = readFixture<Inputs>("topic-distribution-inputs.json.gz");
const reference = readFixture<{ cases: Case[] }>("topic-distribution-numpy.json.gz");
const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));

function expectRows(values: Float64Array, rows: number[][]): void {
  const k = rows[0]?.length ?? 0;
  expect(values.length).toBe(rows.length * k);
  rows.forEach((row, d) => {
    row.forEach((v, c) => {
      expect(Math.abs((values[d * k + c] as number) - v)).toBeLessThan(1e-12);
    });
  });
}

describe("topicDistribution against a NumPy reference of BERTopic's approximate_distribution", () => {
  it("reads the texts as the fixture's tokens", () => {
    papers.forEach((p, i) => {
      expect(tokenize(`${p.title}. ${p.text}`)).toEqual(inputs.tokens[i]);
    });
  });
  for (const fit of inputs.fits) {
    const result = clusterTopics(papers, fit.options);
    it(`fits the fixture's topics (${fit.name})`, () => {
      expect(Array.from(result.assignments)).toEqual(fit.assignments);
    });
    for (const c of reference.cases.filter((x) => x.fit === fit.name)) {
      it(`matches it to 1e-12 (${fit.name}, ${JSON.stringify(c.options)}), fitted and new texts`, () => {
        const fitted = topicDistribution(result, papers, c.options);
        expect(fitted.topics).toEqual(result.topics.map((t) => t.id));
        expectRows(fitted.values, c.fitted);
        const other = topicDistribution(result, papers, { ...c.options, texts: inputs.newTexts });
        expectRows(other.values, c.new);
        // Token by token (calculate_tokens=True), with the tokens the windows read.
        for (const [d, rows] of Object.entries(c.tokens)) {
          const perToken = fitted.tokens(Number(d));
          expect(perToken.tokens).toEqual(inputs.tokens[Number(d)]);
          expectRows(perToken.values, rows);
        }
        c.newTokens.forEach((rows, j) => {
          expectRows(other.tokens(j).values, rows);
        });
      });
    }
  }
});

describe("topicDistribution", () => {
  const result = clusterTopics(papers);
  const dist = topicDistribution(result, papers);

  it("gives each document a distribution over the topics, mostly led by its own topic", () => {
    expect(dist.documents).toBe(70);
    let led = 0;
    const empty: string[] = [];
    for (let i = 0; i < 70; i++) {
      const row = dist.row(i);
      const sum = row.reduce((a, b) => a + b, 0);
      // All 0 when no window is 0.1 similar to any topic.
      if (sum === 0) empty.push(papers[i]?.title.split(/[:?]/)[0] as string);
      else expect(sum).toBeCloseTo(1, 12);
      expect(row.every((v) => v >= 0)).toBe(true);
      if (row.indexOf(Math.max(...row)) === result.assignments[i]) led++;
    }
    expect(led).toBeGreaterThanOrEqual(60);
    // The papers that fit no theme: two of the catch-all's and the soccer-betting one.
    expect(empty).toEqual([
      "Modeling of learning curves with applications to pos tagging",
      "Preserving Statistical Validity in Adaptive Data Analysis",
      "Beating the average",
    ]);
    expect(dist.empty).toBe(3);
    expect(topicDistribution(result, papers, { minSimilarity: 0.05 }).empty).toBe(0);
  });

  it("puts a text on federated Adam in the federated-learning theme", () => {
    const text =
      "Federated averaging with adaptive learning rates: clients run Adam locally and the server aggregates.";
    const row = topicDistribution(result, papers, { texts: [text] }).row(0);
    const federated = result.topics.findIndex((t) => t.name === "federated learning (FL)");
    expect(row[federated]).toBeGreaterThan(0.4);
    expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // A text of no known word holds no topic.
    expect(Array.from(topicDistribution(result, papers, { texts: ["zzzz qqqq"] }).row(0))).toEqual(
      new Array(result.topics.length).fill(0),
    );
  });

  it("lists a document's themes, and the documents of more than one, the most even first", () => {
    const lamb = papers.findIndex((p) => p.title.startsWith("Large Batch Optimization"));
    const shares = dist.shares(lamb);
    expect(shares.map((x) => x.share)).toEqual([...shares.map((x) => x.share)].sort((a, b) => b - a));
    expect(shares.reduce((a, x) => a + x.share, 0)).toBeCloseTo(1, 12);
    const mixed = dist.mixed();
    expect(mixed.map((m) => m.index)).toContain(lamb);
    for (const m of mixed) expect(m.shares[1]?.share).toBeGreaterThanOrEqual(0.25);
    const seconds = mixed.map((m) => m.shares[1]?.share as number);
    expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
    // Every document whose second share reaches a quarter is listed.
    const expected = Array.from({ length: 70 }, (_, i) => i).filter(
      (i) => ([...dist.row(i)].sort((a, b) => b - a)[1] as number) >= 0.25,
    );
    expect(mixed.map((m) => m.index).sort((a, b) => a - b)).toEqual(expected);
    expect(() => dist.mixed(0.6)).toThrow(/TopicDistribution.mixed: minShare/);
    expect(() => dist.shares(-1)).toThrow(/TopicDistribution.shares: i/);
  });

  it("shows them in reports, and refuses a distribution of other texts there", () => {
    const text = result.toString();
    expect(text).not.toContain("Documents of more than one theme");
    const html = result.toHTML({ documents: papers, views: { distribution: dist } });
    expect(html).toContain(
      `<h2>Documents of more than one theme (${dist.mixed().length})</h2><p style="color:#555">3 documents have no passage close to any theme (all 0; a lower minSimilarity reaches more).</p>`,
    );
    const other = topicDistribution(result, papers, { texts: ["federated learning clients"] });
    expect(() => result.toHTML({ views: { distribution: other } })).toThrow(
      /toHTML: views.distribution must be the distribution of the result's 70 documents/,
    );
  });

  it("shows a document's tokens against the topics they weigh for, as text, HTML and in notebooks", () => {
    const lamb = papers.findIndex((p) => p.title.startsWith("Large Batch Optimization"));
    const perToken = dist.tokens(lamb);
    const K = result.topics.length;
    const weighed = result.topics.filter((_, c) =>
      perToken.tokens.some((_, i) => (perToken.values[i * K + c] as number) > 0),
    );
    expect(weighed.length).toBeGreaterThanOrEqual(2);
    const lines = String(perToken).split("\n");
    expect(lines.map((l) => l.split(":")[0])).toEqual(weighed.map((t) => t.name));
    const html = perToken.toHTML();
    expect(html.match(/<tr>/g)).toHaveLength(1 + weighed.length);
    expect(html).toContain(`<th style="font-weight:normal;padding:2px 4px">${perToken.tokens[0]}</th>`);
    const display = (perToken as unknown as Record<symbol, () => Record<string, string>>)[
      Symbol.for("Jupyter.display")
    ]?.();
    expect(display?.["text/html"]).toBe(html);
    // Tokens summed over the windows weigh each window once per token it holds.
    const windows = dist.tokens(0);
    expect(windows.tokens.length * K).toBe(windows.values.length);
    expect(() => dist.tokens(70)).toThrow(/TopicDistribution.tokens: i/);
  });

  it("writes CSV and JSON", () => {
    const csv = dist.toCSV().split("\r\n");
    expect(csv[0]).toBe(["document", ...result.topics.map((t) => `topic_${t.id}`)].join(","));
    expect(csv[1]?.split(",").map(Number).slice(1)).toEqual(Array.from(dist.row(0)));
    const json = JSON.parse(JSON.stringify(dist));
    expect(json.values[3]).toEqual(Array.from(dist.row(3)));
    expect(json.topics).toEqual(dist.topics);
    expect(json.empty).toBe(3);
  });

  it("cuts windows as BERTopic does (property): each within the text, every stride-th start", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        (length, window, stride, padding) => {
          const sets = tokenSets(length, window, stride, padding);
          if (length < window) {
            expect(sets).toEqual([[0, length]]);
            return;
          }
          for (const [start, end] of sets) {
            expect(start).toBeGreaterThanOrEqual(0);
            expect(end).toBeLessThanOrEqual(length);
            expect(end - start).toBeLessThanOrEqual(window);
          }
          const full = sets.filter(([s, e]) => e - s === window).map(([s]) => s);
          expect(full).toEqual(
            Array.from({ length: Math.ceil(length / stride) }, (_, i) => i * stride).filter(
              (s) => s + window <= length,
            ),
          );
          const lead = padding ? Math.ceil(window / stride) - 1 : 0;
          expect(sets.length).toBe(lead + (padding ? Math.ceil(length / stride) : full.length));
        },
      ),
    );
  });

  it("refuses bad options and documents other than the fitted ones, naming them", () => {
    expect(() => topicDistribution(result, papers, { window: 0 })).toThrow(/topicDistribution: options.window/);
    expect(() => topicDistribution(result, papers, { minSimilarity: 2 })).toThrow(
      /topicDistribution: options.minSimilarity/,
    );
    expect(() => topicDistribution(result, papers, { padding: "yes" as never })).toThrow(InvalidArgumentError);
    expect(() => topicDistribution(result, papers, { texts: [42 as never] })).toThrow(
      /topicDistribution: options.texts\[0\] must be a string or an object with a string text; got 42/,
    );
    expect(() => topicDistribution(result, papers.slice(1))).toThrow(/docs must be the 70 documents/);
    expect(() => dist.row(70)).toThrow(/TopicDistribution.row: i/);
  });
});
