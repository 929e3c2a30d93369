import { describe, expect, it } from "vitest";
import { centreCosines } from "../../src/cluster/outliers.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterTopics, clusterTopicsStream } from "../../src/pipeline/clusterTopics.js";
import { textVectors } from "../../src/pipeline/topicModel.js";
import { CLUSTERING_SPACE } from "../../src/pipeline/types.js";
import { readCorpus } from "../helpers/data.js";

const papers = seedCorpus();
const docs = papers.map((p) => ({ title: p.title, text: p.abstract }));
const federated = docs.flatMap((d, i) => (/federated/i.test(`${d.title} ${d.text}`) ? [i] : []));
const names = ["federated learning", "adaptive optimizers adam learning rate"];

describe("clusterTopics(docs, { zeroShotTopics })", () => {
  const r = clusterTopics(docs, { k: 8, zeroShotTopics: names, stabilitySeeds: 1 });
  const fl = r.topics.find((t) => t.label === "federated learning");

  it("gives a named topic the documents close to its name, and clusters the rest into the other topics", () => {
    expect(fl).toBeDefined();
    expect(fl?.name).toBe("federated learning");
    // Only federated-learning papers, and most of them (10 of 11 at the default similarity).
    expect(fl?.documents.every((i) => federated.includes(i))).toBe(true);
    expect(fl?.documents.length).toBeGreaterThanOrEqual(federated.length - 2);
    expect(r.topics.some((t) => t.label === names[1])).toBe(true);
    // k counts every topic.
    expect(r.parameters.k).toBe(8);
    expect(r.topics).toHaveLength(8);
    expect(r.parameters.zeroShotTopics).toBe(2);
    expect(r.topics.reduce((a, t) => a + t.size, 0)).toBe(docs.length);
    expect(fl?.keywords[0]?.term).toMatch(/federated/);
  });

  it("takes exactly the documents whose best similarity reaches the threshold", () => {
    const minSimilarity = 0.12;
    const x = clusterTopics(docs, { k: 8, zeroShotTopics: names, zeroShotMinSimilarity: minSimilarity });
    const { points } = x[CLUSTERING_SPACE]();
    const cos = centreCosines(points, textVectors(x.model.vectorizer, x.model.components, names, true) as never);
    for (const [j, name] of names.entries()) {
      const topic = x.topics.find((t) => t.label === name);
      const expected = docs.flatMap((_, i) => {
        const s = names.map((_, q) => cos.of(i, q));
        return s[j] === Math.max(...s) && (s[j] as number) >= minSimilarity ? [i] : [];
      });
      expect([...(topic?.documents ?? [])].sort((a, b) => a - b)).toEqual(expected);
    }
  });

  it("predicts a zero-shot topic for a new document about it, and works with k auto", () => {
    const [topic] = r.model.predict(["We study federated learning where clients share model updates, not data."]);
    expect(r.topics[topic as number]?.label).toBe("federated learning");
    const auto = clusterTopics(docs, { zeroShotTopics: ["federated learning"] });
    expect(auto.parameters.kChosenBy).toBe("sweep");
    expect(auto.topics.filter((t) => t.label === "federated learning")).toHaveLength(1);
    expect(auto.topics).toHaveLength(auto.parameters.k);
  });

  it("drops a given topic that no document reaches, with a warning", () => {
    const x = clusterTopics(docs, { k: 6, zeroShotTopics: ["federated learning", "lattice quantum chromodynamics"] });
    expect(x.topics.some((t) => t.label === "lattice quantum chromodynamics")).toBe(false);
    expect(x.warnings.map((w) => w.code)).toContain("zero-shot-unused");
    expect(x.parameters.zeroShotTopics).toBe(1);
    expect(x.topics).toHaveLength(6);
  });

  it("refuses bad zero-shot options with typed errors naming them", () => {
    const bad: [object, RegExp][] = [
      [{ zeroShotTopics: [] }, /options.zeroShotTopics must be a non-empty array/],
      [{ zeroShotTopics: ["a", 3] }, /options.zeroShotTopics\[1\] must be a non-empty string/],
      [{ zeroShotTopics: ["a", "a"] }, /lists a topic twice/],
      [{ k: 2, zeroShotTopics: ["a", "b"] }, /options.k \(2\) must exceed/],
      [{ zeroShotTopics: ["a"], seedTopics: [["b"]] }, /not both/],
      [{ zeroShotTopics: ["a"], zeroShotMinSimilarity: 2 }, /options.zeroShotMinSimilarity/],
      [{ zeroShotTopics: ["a"], embeddings: [[1, 0]] }, /options.zeroShotTopics/],
    ];
    for (const [options, message] of bad) {
      expect(() => clusterTopics(docs, options)).toThrow(InvalidArgumentError);
      expect(() => clusterTopics(docs, options)).toThrow(message);
    }
  });

  it("works in LSA space: a named theme of real abstracts, the same through the stream", async () => {
    const rows = readCorpus("conf-abstracts-5areas.jsonl.gz", 1500);
    const texts = rows.map((x) => x.text);
    const options = { k: 8, zeroShotTopics: ["machine translation", "object detection"], stabilitySeeds: 1 };
    const x = clusterTopics(texts, options);
    expect(x.parameters.reduce).toBe(100);
    // Each named theme is mostly its area's papers, on average over seeds 0-2 (a single
    // seed moves the share by a paper or two around 0.8).
    const runs = [x, clusterTopics(texts, { ...options, seed: 1 }), clusterTopics(texts, { ...options, seed: 2 })];
    for (const [name, area] of [
      ["machine translation", "nlp"],
      ["object detection", "cv"],
    ]) {
      const shares = runs.map((run) => {
        const topic = run.topics.find((t) => t.label === name);
        expect(topic?.size).toBeGreaterThanOrEqual(10);
        const inArea = topic?.documents.filter((i) => rows[i]?.label === area).length ?? 0;
        return inArea / (topic?.size ?? 1);
      });
      expect(shares.reduce((a, b) => a + b, 0) / shares.length).toBeGreaterThan(0.8);
      for (const share of shares) expect(share).toBeGreaterThan(0.75);
    }
    const streamed = await clusterTopicsStream(texts, options);
    expect(streamed.toJSON()).toEqual(x.toJSON());
  });
});

describe("topiclens --zero-shot FILE", () => {
  it("reads a topic per line, gives the library's topics, and refuses an empty file", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { cli, SEED } = await import("../helpers/cli.js");
    const dir = mkdtempSync(join(tmpdir(), "topiclens-zero-shot-"));
    writeFileSync(
      join(dir, "topics.txt"),
      "# expected themes\nfederated learning\n\nadaptive optimizers adam learning rate\n",
    );
    writeFileSync(join(dir, "empty.txt"), "# nothing\n");
    const r = await cli(SEED, "--k", "8", "--zero-shot", join(dir, "topics.txt"), "--format", "json", "--quiet");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const library = clusterTopics(docs, { k: 8, zeroShotTopics: names });
    expect(report.assignments).toEqual(Array.from(library.assignments));
    expect(report.parameters.zeroShotTopics).toBe(2);
    expect(report.topics.map((t: { label: string }) => t.label)).toContain("federated learning");
    const empty = await cli(SEED, "--zero-shot", join(dir, "empty.txt"));
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--zero-shot: .*lists no topics/);
  });
});
