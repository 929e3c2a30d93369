import { describe, expect, it } from "vitest";
import type { CsrMatrix } from "../../src/core/csr.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterTopics, clusterTopicsStream } from "../../src/pipeline/clusterTopics.js";
import { topicModelFromJSON } from "../../src/pipeline/topicModel.js";
import { CLUSTERING_SPACE } from "../../src/pipeline/types.js";
import { nmf } from "../../src/reduce/nmf.js";
import { expectArgumentError } from "../helpers/assert.js";

const docs = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));

describe('clusterTopics(docs, { algorithm: "nmf", k })', () => {
  const r = clusterTopics(docs, { algorithm: "nmf", k: 6 });
  const { points } = r[CLUSTERING_SPACE]();
  const X = points as CsrMatrix;

  it("factorizes the TF-IDF rows and puts each document in its heaviest component", () => {
    expect(r.parameters.algorithm).toBe("nmf");
    expect(r.parameters.reduce).toBe("none");
    expect("indptr" in points).toBe(true);
    const W = nmf(X, 6).W.data;
    const topicOfComponent = new Map(r.topics.map((t) => [t.cluster as number, t.id]));
    for (let i = 0; i < docs.length; i++) {
      let best = 0;
      for (let c = 1; c < 6; c++) if ((W[i * 6 + c] as number) > (W[i * 6 + best] as number)) best = c;
      expect(r.assignments[i]).toBe(topicOfComponent.get(best));
    }
    // Topics are numbered by size, as with k-means, and every document is in one.
    const sizes = r.topics.map((t) => t.size);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(docs.length);
  });

  it("names the topics as k-means topics are named: the federated-learning papers make one", () => {
    const fl = r.topics.find((t) => t.name.startsWith("federated learning (FL)"));
    expect(fl).toBeDefined();
    const federated = docs.flatMap((d, i) => (/federated/i.test(d.title) ? [i] : []));
    const inFl = federated.filter((i) => r.assignments[i] === fl?.id).length;
    expect(inFl).toBeGreaterThanOrEqual(federated.length - 1);
  });

  it("predicts each training document's topic, before and after a JSON round trip", () => {
    expect(r.model.nmf?.components.rows).toBe(6);
    expect(Array.from(r.model.predict(docs))).toEqual(Array.from(r.assignments));
    const restored = topicModelFromJSON(JSON.parse(JSON.stringify(r.model.toJSON())));
    expect(Array.from(restored.predict(docs))).toEqual(Array.from(r.assignments));
    expect(restored.nmf?.componentTopics).toEqual(r.model.nmf?.componentTopics);
  });

  it("gives the same topics from a stream of the documents", async () => {
    const streamed = await clusterTopicsStream(docs, { algorithm: "nmf", k: 6 });
    expect(Array.from(streamed.assignments)).toEqual(Array.from(r.assignments));
    expect(streamed.topics.map((t) => t.label)).toEqual(r.topics.map((t) => t.label));
  });

  it("k-means models carry no NMF", () => {
    const km = clusterTopics(docs, { k: 6, stabilitySeeds: 1 });
    expect(km.parameters.algorithm).toBe("kmeans");
    expect(km.model.nmf).toBeNull();
    expect("nmf" in km.model.toJSON()).toBe(false);
  });

  it("leaves a document with no terms out of every topic, with one warning", () => {
    const withEmpty = [...docs, { title: "empty", text: "the of and" }];
    const x = clusterTopics(withEmpty, { algorithm: "nmf", k: 6 });
    expect(x.assignments[docs.length]).toBe(-1);
    const notes = x.warnings.filter((w) => w.code === "empty-documents");
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toMatch(/no topic/);
  });
});

describe('algorithm: "nmf" refuses what steers k-means, with typed errors', () => {
  const cases: [string, object, string][] = [
    ["no k", { algorithm: "nmf" }, "options.k"],
    ['k "auto"', { algorithm: "nmf", k: "auto" }, "options.k"],
    ["LSA dimensions", { algorithm: "nmf", k: 4, reduce: 20 }, "options.reduce"],
    ["embeddings", { algorithm: "nmf", k: 4, embeddings: docs.map(() => [1, 0]) }, "options.embeddings"],
    ["guided topics", { algorithm: "nmf", k: 4, seedTopics: [["federated"]] }, "options.seedTopics"],
    ["zero-shot topics", { algorithm: "nmf", k: 4, zeroShotTopics: ["federated learning"] }, "options.zeroShotTopics"],
    ["outliers", { algorithm: "nmf", k: 4, outliers: "auto" }, "options.outliers"],
    ["an unknown algorithm", { algorithm: "lda", k: 4 }, "options.algorithm"],
  ];
  it.each(cases)("%s", (_, options, argument) => {
    expectArgumentError(() => clusterTopics(docs, options as never), InvalidArgumentError, argument);
  });
});
