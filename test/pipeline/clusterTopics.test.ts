import { describe, expect, it } from "vitest";
import { EmptyInputError, IncompatibleModelError, InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import * as ari from "../../src/evaluate/external.js";
import {
  autoLsaDimensions,
  clusterTopics,
  clusterTopicsStream,
  zeroShotMinSimilarityFor,
} from "../../src/pipeline/clusterTopics.js";
import { topicModelFromJSON } from "../../src/pipeline/topicModel.js";
import { deepFreeze } from "../helpers/assert.js";
import { readCorpus } from "../helpers/data.js";

const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
const result = clusterTopics(deepFreeze(papers.map((p) => ({ ...p }))));
const isFederated = (title: string) => /federated|fedspeed|fedhyper|fedavg/i.test(title);
const OPTIMIZER_PAPERS = [
  "EXAdam: The Power of Adaptive Cross-Moments",
  "1-bit Adam: Communication Efficient Large-Scale Training with Adam's Convergence Speed",
  "Large Batch Optimization for Deep Learning: Training BERT in 76 minutes",
  "Stepsize anything: A unified learning rate schedule for budgeted-iteration training",
  "When, Why and How Much? Adaptive Learning Rate Scheduling by Refinement",
  "diffGrad: An Optimization Method for Convolutional Neural Networks",
  "From Logistic Regression to the Perceptron Algorithm: Exploring Gradient Descent with Large Step Sizes",
];

describe("clusterTopics(seed corpus) with defaults", () => {
  it("finds one federated-learning theme, labelled so, holding few other papers", () => {
    const federated = papers.map((p, i) => (isFederated(p.title) ? i : -1)).filter((i) => i >= 0);
    const topic = result.topics.find((t) => t.label.includes("federated learning"));
    expect(topic).toBeDefined();
    const members = new Set(topic?.documents);
    const caught = federated.filter((i) => members.has(i)).length;
    expect(caught / federated.length).toBeGreaterThanOrEqual(0.75);
    expect((topic?.size ?? 0) - caught).toBeLessThanOrEqual(3);
    expect(result.topics.filter((t) => t.label.includes("federated learning"))).toHaveLength(1);
  });

  it("gives the optimizer papers a recognisable theme of their own", () => {
    const index = new Map(papers.map((p, i) => [p.title, i]));
    const optimizer = OPTIMIZER_PAPERS.map((t) => index.get(t) as number);
    const best = result.topics
      .map((t) => ({ t, hits: optimizer.filter((i) => t.documents.includes(i)).length }))
      .sort((a, b) => b.hits - a.hits)[0];
    expect(best?.hits).toBeGreaterThanOrEqual(3);
    const words = best?.t.keywords.map((k) => k.term).join(" ") ?? "";
    expect(words).toMatch(/adam|learning rate|step size|gradient|batch|optimi/);
  });

  it("is deterministic for the default seed", () => {
    const again = clusterTopics(papers);
    expect(again.assignments).toEqual(result.assignments);
    expect(again.topics.map((t) => t.keywords)).toEqual(result.topics.map((t) => t.keywords));
  });

  it("sorts topics by size, lists documents closest first, and assigns every document", () => {
    const sizes = result.topics.map((t) => t.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(70);
    for (const t of result.topics) {
      for (const i of t.documents) expect(result.assignments[i]).toBe(t.id);
      expect(t.representatives.map((r) => r.index)).toEqual(t.documents.slice(0, 3));
      expect(t.keywords.length).toBeGreaterThan(0);
      expect(t.keywords.every((k) => Number.isFinite(k.score) && k.score > 0)).toBe(true);
    }
    expect(result.parameters.kChosenBy).toBe("sweep");
    expect(result.quality.coherence).toBeGreaterThan(-1);
    expect(result.quality.diversity).toBeGreaterThan(0.8);
  });

  it("keeps junk out of keywords", () => {
    for (const t of result.topics) {
      for (const k of t.keywords) {
        expect(k.term).not.toMatch(/^\d+$|^\p{L}$|^(the|and|of|ln|mathcal|epsilon)$/u);
      }
    }
  });

  it("model.predict and a JSON round trip reproduce the assignments", () => {
    expect(result.model.predict(papers)).toEqual(result.assignments);
    const restored = topicModelFromJSON(JSON.parse(JSON.stringify(result.model)));
    expect(restored.predict(papers)).toEqual(result.assignments);
    const fl = restored.predict(["We study federated learning where clients share local updates with a server."]);
    expect(result.topics[fl[0] as number]?.label).toContain("federated learning");
    expect(() => topicModelFromJSON({ ...result.model.toJSON(), version: 9 })).toThrow(IncompatibleModelError);
  });
});

describe("clusterTopics options and edge cases", () => {
  it("honours an explicit k and measures stability", () => {
    const r = clusterTopics(papers, { k: 5, seed: 3 });
    expect(r.topics).toHaveLength(5);
    expect(r.parameters).toMatchObject({ k: 5, kChosenBy: "user", seed: 3 });
    expect(r.quality.stability).not.toBeNull();
  });

  it('reduce: "auto" takes a tenth as many LSA dimensions as documents (10 to 100) from 20 documents on', () => {
    expect([19, 20, 70, 200, 555, 1000, 1_000_000].map(autoLsaDimensions)).toEqual(["none", 10, 10, 20, 56, 100, 100]);
    const small = clusterTopics(papers.slice(0, 15), { k: 3 });
    expect(small.parameters.reduce).toBe("none");
    const seed = clusterTopics(papers, { k: 6 });
    expect(seed.parameters.reduce).toBe(10);
    // A dimension count the pipeline chose is no news, even where the vocabulary allows fewer.
    const tiny = clusterTopics(
      Array.from({ length: 25 }, (_, i) => ["alpha beta", "gamma delta", "alpha gamma"][i % 3] as string),
      { k: 2 },
    );
    expect(tiny.warnings.filter((w) => w.code.startsWith("reduce"))).toEqual([]);
    // The zero-shot bar: 0.1 in TF-IDF space, 0.4 at 100 LSA dimensions, 0.6 at 10, linear between.
    expect([null, 100, 10, 55, 5, 300].map(zeroShotMinSimilarityFor)).toEqual([0.1, 0.4, 0.6, 0.5, 0.6, 0.4]);
  });

  it("supports LSA reduction and plain strings", () => {
    const r = clusterTopics(
      papers.map((p) => `${p.title}. ${p.text}`),
      { k: 6, reduce: 20 },
    );
    expect(r.parameters.reduce).toBe(20);
    expect(r.model.predict([papers[0]?.text as string])).toHaveLength(1);
  });

  it("reports progress through onProgress", () => {
    const phases = new Set<string>();
    clusterTopics(papers.slice(0, 30), { onProgress: (p) => phases.add(p.phase) });
    expect([...phases]).toEqual(["vectorize", "reduce", "choose-k", "cluster", "keywords", "quality"]);
  });

  it("handles a single document, identical documents and empty strings with warnings", () => {
    const one = clusterTopics(["federated learning with many clients"]);
    expect(one.topics).toHaveLength(1);
    expect(one.warnings.map((w) => w.message).join(" ")).toMatch(/too few/);
    const same = clusterTopics(
      Array.from({ length: 8 }, () => "adaptive optimizers tune the learning rate"),
      { k: 3 },
    );
    expect(same.warnings.map((w) => w.message).join(" ")).toMatch(/distinct clusters/);
    const mixed = clusterTopics([...papers.slice(0, 12), { text: "" }, { text: "   " }], { k: 2 });
    expect(mixed.warnings.map((w) => w.message).join(" ")).toMatch(/2 document\(s\) have no terms/);
  });

  it("rejects bad input with typed errors", () => {
    expect(() => clusterTopics([])).toThrow(EmptyInputError);
    expect(() => clusterTopics(["a", 5 as unknown as string])).toThrow(
      /clusterTopics: docs\[1\] must be a string or an object with a string text; got 5/,
    );
    expect(() => clusterTopics(papers, { k: 0 })).toThrow(InvalidArgumentError);
    expect(() => clusterTopics(papers, { k: 71 })).toThrow(/options.k must be an integer in \[1, 70\]/);
    expect(() => clusterTopics(papers, { reduce: 1 })).toThrow(/options.reduce/);
    expect(() => clusterTopics(["", "  "])).toThrow(EmptyInputError);
    expect(() => clusterTopics(papers, { colour: "red" } as never)).toThrow(/unknown option options.colour/);
  });

  it("names a bad keyword or vectorizer option as written, keyword options before any work", () => {
    const phases: string[] = [];
    const onProgress = (p: { phase: string }) => phases.push(p.phase);
    const cases: [object, RegExp][] = [
      [{ topN: 0 }, /clusterTopics: options.keywords.topN must be an integer >= 1; got 0/],
      [{ diversity: 1.5 }, /clusterTopics: options.keywords.diversity must be a finite number in \[0, 1\]/],
      [
        { exclusiveAfter: 2.5 },
        /clusterTopics: options.keywords.exclusiveAfter must be an integer >= 0 \(or Infinity\)/,
      ],
      [{ labelTerms: -1 }, /clusterTopics: options.keywords.labelTerms/],
      [{ topn: 5 }, /clusterTopics: unknown option options.keywords.topn/],
    ];
    for (const [keywords, message] of cases) {
      const call = () => clusterTopics(papers, { k: 3, keywords, onProgress } as never);
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    }
    expect(phases).toEqual([]);
    const vectorizer: [object, RegExp][] = [
      [{ bogus: 1 }, /clusterTopics: unknown option options.vectorizer.bogus/],
      [{ minDf: -1 }, /clusterTopics: options.vectorizer.minDf must be a finite number > 0/],
      [{ minLength: 0 }, /clusterTopics: options.vectorizer.minLength must be an integer >= 1/],
      [{ stopWords: "xx" }, /clusterTopics: options.vectorizer.stopWords must be a known language code/],
      [
        { minDf: 60, maxDf: 5 },
        /options.vectorizer.maxDf \(5, i.e. 5 documents\) must allow .* options.vectorizer.minDf/,
      ],
    ];
    for (const [options, message] of vectorizer) {
      const call = () => clusterTopics(papers, { k: 3, vectorizer: options } as never);
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    }
    // The phrases' own options pass.
    expect(
      clusterTopics(papers, { k: 3, keywords: { ngramRange: [1, 2], minDf: 2, exclusiveAfter: 0 } }).topics,
    ).toHaveLength(3);
  });
});

describe("clusterTopics reports", () => {
  it("toMarkdown lists every topic with its keywords", () => {
    const md = result.toMarkdown();
    expect(md).toMatch(/^# Topics/);
    for (const t of result.topics) expect(md).toContain(`## ${t.id}. ${t.label}`);
  });
  it("toCSV has one row per document and quotes fields", () => {
    const lines = result.toCSV().trimEnd().split("\r\n");
    expect(lines[0]).toBe("document,id,title,topic,label");
    expect(lines).toHaveLength(71);
    expect(result.toCSV()).toContain('"When, Why and How Much? Adaptive Learning Rate Scheduling by Refinement"');
  });
  it("JSON.stringify(result) writes plain data", () => {
    const data = JSON.parse(JSON.stringify(result));
    expect(data.assignments).toHaveLength(70);
    expect(data.topics[0].label).toBe(result.topics[0]?.label);
  });
  it("toHTML is a self-contained page with an SVG scatter and keyword bars", () => {
    const html = result.toHTML();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<svg");
    expect((html.match(/<circle /g) ?? []).length).toBe(70);
    expect(html).toContain("federated learning");
    // Its own inline script only: nothing fetched, no address but SVG's namespace.
    expect(html).not.toMatch(/<script[^>]*\bsrc=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect((html.match(/<script/g) ?? []).length).toBe(2); // the documents' data, the explorer
    expect(result.toHTML({ explorer: false })).not.toMatch(/<script/);
  });
  it("renders in Jupyter through Symbol.for('Jupyter.display')", () => {
    const bundle = (result as unknown as Record<symbol, () => Record<string, string>>)[
      Symbol.for("Jupyter.display")
    ]?.();
    expect(bundle?.["text/html"]).toContain("<svg");
    expect(bundle?.["text/plain"]).toContain("federated learning");
  });

  describe("at every size: the sample and the mini-batch path, switched by options", () => {
    const texts = readCorpus("conf-abstracts-5areas.jsonl.gz", 1500).map((r) => r.text);

    it("keeps every step on all rows up to sampleSize, and samples above it, saying so", () => {
      const whole = clusterTopics(texts, { k: 5, sampleSize: 1500 });
      expect(whole.parameters).toMatchObject({ sampleSize: 1500, path: "full-batch", miniBatchFrom: 200_000 });
      expect(whole.quality.measuredOn).toEqual({ silhouette: 1500, stability: 1500, coherence: 1500 });
      const sampled = clusterTopics(texts, { k: 5, sampleSize: 600 });
      expect(sampled.parameters).toMatchObject({ sampleSize: 600, path: "full-batch", documents: 1500 });
      expect(sampled.quality.measuredOn).toEqual({ silhouette: 1500, stability: 600, coherence: 1500 });
      expect(sampled.assignments).toHaveLength(1500);
      expect(sampled.topics.reduce((a, t) => a + t.size, 0)).toBe(1500);
      expect(sampled.model.predict(texts)).toEqual(sampled.assignments);
      // a fair share of the exact clustering survives the sampled LSA and restarts
      const { adjustedRandIndex } = ari;
      expect(adjustedRandIndex(whole.assignments, sampled.assignments)).toBeGreaterThan(0.5);
      expect(clusterTopics(texts, { k: 5, sampleSize: 600 }).toJSON()).toEqual(sampled.toJSON());
    });

    it("switches to mini-batches at miniBatchFrom, or when forced, with the same result type", () => {
      const auto = clusterTopics(texts, { k: 5, miniBatchFrom: 1000, stabilitySeeds: 1 });
      expect(auto.parameters.path).toBe("mini-batch");
      expect(auto.model.kmeans.algorithm).toBe("mini-batch");
      const forced = clusterTopics(texts.slice(0, 400), { k: 4, path: "mini-batch", stabilitySeeds: 1 });
      expect(forced.parameters.path).toBe("mini-batch");
      const full = clusterTopics(texts, { k: 5, miniBatchFrom: 2000, stabilitySeeds: 1 });
      expect(full.parameters.path).toBe("full-batch");
      for (const r of [auto, forced, full]) {
        expect(r.topics.every((t) => t.label.length > 0 && t.keywords.length > 0)).toBe(true);
        expect(r.model.predict(r === forced ? texts.slice(0, 400) : texts)).toEqual(r.assignments);
        expect(r.toHTML()).toContain("<svg");
        expect(JSON.parse(JSON.stringify(r)).parameters.path).toBe(r.parameters.path);
      }
    });

    it("refuses invalid size options by name", () => {
      expect(() => clusterTopics(texts, { sampleSize: 10 })).toThrow(/options.sampleSize must be an integer/);
      expect(() => clusterTopics(texts, { path: "fast" as never })).toThrow(/options.path must be one of/);
      expect(() => clusterTopics(texts, { miniBatchFrom: 0 })).toThrow(/options.miniBatchFrom must be an integer/);
    });
  });

  describe("clusterTopicsStream(source)", () => {
    const records = readCorpus("conf-abstracts-5areas.jsonl.gz", 900).map((r) => ({
      id: r.id,
      title: String(r.title ?? ""),
      text: r.text,
    }));
    async function* lines() {
      for (const r of records) {
        await Promise.resolve();
        yield r;
      }
    }

    it("gives the bytes of clusterTopics on the same documents, from an async or a plain iterable", async () => {
      for (const options of [{ k: 5 }, { k: 5, sampleSize: 400 }, { k: "auto", kRange: [3, 5] }] as const) {
        const whole = clusterTopics(records, options);
        const streamed = await clusterTopicsStream(lines(), options);
        expect(streamed.assignments).toEqual(whole.assignments);
        expect(JSON.stringify(streamed.toJSON())).toBe(JSON.stringify(whole.toJSON()));
        expect(streamed.toMarkdown()).toBe(whole.toMarkdown());
        expect(streamed.model.predict(records.slice(0, 50))).toEqual(whole.assignments.slice(0, 50));
      }
      const fromArray = await clusterTopicsStream(records.values(), { k: 4 });
      expect(fromArray.toJSON()).toEqual(clusterTopics(records, { k: 4 }).toJSON());
    });

    it("reports reading in order, then every later phase, and names a bad document by its position", async () => {
      const phases: string[] = [];
      await clusterTopicsStream(lines(), {
        k: 4,
        progressEvery: 300,
        onProgress: (p) => phases.push(`${p.phase}:${p.done}`),
      });
      expect(phases.slice(0, 5)).toEqual([
        "vectorize:0",
        "vectorize:300",
        "vectorize:600",
        "vectorize:900",
        "vectorize:900",
      ]);
      const order = [...new Set(phases.map((p) => p.split(":")[0]))];
      expect(order).toEqual(["vectorize", "reduce", "cluster", "keywords", "quality"]);
      async function* bad() {
        yield "a first text about topics";
        yield 42 as unknown as string;
      }
      await expect(clusterTopicsStream(bad())).rejects.toThrow(/clusterTopicsStream: docs\[1\] must be a string/);
      await expect(clusterTopicsStream([].values())).rejects.toThrow(/source yielded no documents/);
      await expect(clusterTopicsStream(42 as never)).rejects.toThrow(/source must be an iterable/);
      await expect(clusterTopicsStream(lines(), { k: 901 })).rejects.toThrow(
        /options.k must be an integer in \[1, 900\]/,
      );
    });
  });

  it("is plain data: structuredClone copies it, and the report functions render the copy alike", async () => {
    const { toMarkdown, toCSV, toText } = await import("../../src/index.js");
    const { toJSONReport } = await import("../../src/report/json.js");
    const copy = structuredClone(result);
    expect(copy.assignments).toEqual(result.assignments);
    expect(copy.model.vectorizer.vocabulary).toEqual(result.model.vectorizer.vocabulary);
    expect(toMarkdown(copy)).toBe(result.toMarkdown());
    expect(toCSV(copy)).toBe(result.toCSV());
    expect(toText(copy)).toBe(result.toString());
    expect(toJSONReport(copy)).toEqual(result.toJSON());
    // the methods are still there on the original, and JSON.stringify still uses toJSON
    expect(JSON.parse(JSON.stringify(result))).toEqual(JSON.parse(JSON.stringify(result.toJSON())));
    expect(Object.keys(result)).not.toContain("toHTML");
  });
});
