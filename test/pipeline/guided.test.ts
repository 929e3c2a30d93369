import { describe, expect, it } from "vitest";
import { kmeans } from "../../src/cluster/kmeans.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";

const docs = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
const federated = docs.flatMap((d, i) => (/federated/i.test(`${d.title} ${d.text}`) ? [i] : []));
const seedTopics = [
  ["federated", "client"],
  ["adam", "optimizer", "learning rate"],
];

describe("kmeans(X, k, { seedCenters })", () => {
  const points = Array.from({ length: 60 }, (_, i) => [Math.cos(i) * (i % 3), Math.sin(i) * (i % 5), i % 7]);
  it("starts every k-means++ run from the given centres, the rest drawn from them", () => {
    const seeds = [points[3] as number[], points[40] as number[], points[11] as number[]];
    const all = kmeans(points, 3, { seedCenters: seeds, seed: 5 });
    const explicit = kmeans(points, 3, { init: seeds, seed: 5 });
    expect(Array.from(all.labels)).toEqual(Array.from(explicit.labels));
    const some = kmeans(points, 5, { seedCenters: seeds.slice(0, 2), seed: 5, maxIter: 1 });
    expect(some.k).toBe(5);
    expect(Array.from(kmeans(points, 5, { seedCenters: seeds.slice(0, 2), seed: 5, maxIter: 1 }).labels)).toEqual(
      Array.from(some.labels),
    );
    expect(() => kmeans(points, 2, { seedCenters: seeds })).toThrow(/seedCenters must be at most k = 2 dense rows/);
    expect(() => kmeans(points, 3, { seedCenters: seeds, init: "random" })).toThrow(/needs init "k-means\+\+"/);
  });
});

describe("clusterTopics(docs, { seedTopics })", () => {
  it("gathers the seeded theme: the federated-learning topic holds exactly the federated-learning papers, at every seed and k", () => {
    for (const k of ["auto", 8, 12] as const) {
      for (const seed of [0, 1, 2]) {
        const r = clusterTopics(docs, { k, seed, seedTopics, stabilitySeeds: 1 });
        const topic = r.topics.find((t) => t.label.startsWith("federated learning"));
        expect([...(topic?.documents ?? [])].sort((a, b) => a - b)).toEqual(federated);
        expect(r.parameters.seedTopics).toBe(2);
      }
    }
    // without seeds the same topic misses some of them at k 12 (the problem seeds solve)
    const exact = [0, 1, 2].map((seed) => {
      const plain = clusterTopics(docs, { k: 12, seed, stabilitySeeds: 1 });
      const fl = plain.topics.find((t) => t.label.startsWith("federated learning"));
      return JSON.stringify([...(fl?.documents ?? [])].sort((a, b) => a - b)) === JSON.stringify(federated);
    });
    expect(exact).toContain(false);
  });
  it("gathers the optimizer papers into one theme", () => {
    const r = clusterTopics(docs, { seedTopics, stabilitySeeds: 1 });
    const adam = docs.flatMap((d, i) => (/\badam\b/i.test(`${d.title} ${d.text}`) ? [i] : []));
    expect(new Set(adam.map((i) => r.assignments[i])).size).toBe(1);
  });
  it("refuses empty lists, unknown words, too small a k and embeddings, naming the option", () => {
    const cases: [object, RegExp][] = [
      [{ seedTopics: [] }, /options.seedTopics must be a non-empty array of word lists/],
      [{ seedTopics: [["federated"], []] }, /options.seedTopics\[1\] must be a non-empty list of words/],
      [{ seedTopics: [["qqqzzz"]] }, /options.seedTopics\[0\] \(qqqzzz\) has no word the vectorizer kept/],
      [{ seedTopics, k: 1 }, /options.k \(1\) must be at least the number of options.seedTopics \(2\)/],
      [{ seedTopics, embeddings: docs.map(() => [1, 0]) }, /with options.embeddings, embed the seeds yourself/],
    ];
    for (const [options, message] of cases) {
      expect(() => clusterTopics(docs, options)).toThrow(InvalidArgumentError);
      expect(() => clusterTopics(docs, options)).toThrow(message);
    }
  });
});

describe("topiclens --seed-topics FILE", () => {
  it("reads one theme per line and refuses a file with an unknown theme in the flag's words", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { cli, SEED } = await import("../helpers/cli.js");
    const dir = mkdtempSync(join(tmpdir(), "topiclens-seeds-"));
    writeFileSync(join(dir, "seeds.txt"), "# themes\nfederated, client\nadam, optimizer, learning rate\n");
    writeFileSync(join(dir, "bad.txt"), "zzzqqq\n");
    const r = await cli(SEED, "--seed-topics", join(dir, "seeds.txt"), "--format", "json", "--quiet");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const library = clusterTopics(docs, { seedTopics });
    expect(report.assignments).toEqual(Array.from(library.assignments));
    expect(report.parameters.seedTopics).toBe(2);
    const bad = await cli(SEED, "--seed-topics", join(dir, "bad.txt"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^topiclens: --seed-topics\[0\] \(zzzqqq\) has no word the vectorizer kept/);
  });
});
