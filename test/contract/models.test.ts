import { describe, expect, it } from "vitest";
import { kmeans } from "../../src/cluster/kmeans.js";
import { createMiniBatchKMeans, miniBatchKMeans } from "../../src/cluster/miniBatch.js";
import { kmeansFromJSON, kmeansToJSON, predict } from "../../src/cluster/predict.js";
import { IncompatibleModelError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { topicModelFromJSON } from "../../src/pipeline/topicModel.js";
import { fitTransformTfidf, tfidfFromJSON } from "../../src/vectorize/tfidf.js";
import { checksum, deepFreeze } from "../helpers/assert.js";

// One contract, every fitted model: equal seeds give equal bytes, JSON round-trips to
// identical predictions, foreign/newer/tampered JSON is refused, inputs stay untouched.
const papers = seedCorpus();
const texts = deepFreeze(papers.map((p) => `${p.title}. ${p.abstract}`));
const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");

interface Contract {
  name: string;
  fit: () => { json: unknown; predict: (docs: readonly string[]) => ArrayBufferView; output: ArrayBufferView };
  restore: (json: unknown) => { predict: (docs: readonly string[]) => ArrayBufferView };
  tamper: (json: Record<string, unknown>) => Record<string, unknown>[];
}

const tfidf = fitTransformTfidf(texts, { ngramRange: [1, 2], minDf: 2 });
const contracts: Contract[] = [
  {
    name: "TfidfModel",
    fit: () => {
      const { model, matrix } = fitTransformTfidf(texts, { ngramRange: [1, 2], minDf: 2 });
      expect(model.transform(texts.slice(0, 3)).cols).toBe(model.vocabulary.length);
      return { json: JSON.parse(JSON.stringify(model)), predict: (d) => model.transform(d).data, output: matrix.data };
    },
    restore: (json) => {
      const m = tfidfFromJSON(json);
      return { predict: (d) => m.transform(d).data };
    },
    tamper: (j) => [
      { ...j, version: 3 },
      { ...j, format: "sklearn" },
      { ...j, idf: { ...(j.idf as object), length: 1 } },
      { ...j, idf: [1, 2] },
      { ...j, vocabulary: undefined },
    ],
  },
  {
    name: "kmeans",
    fit: () => {
      const r = kmeans(tfidf.matrix, 6, { metric: "cosine", seed: 11, nInit: 2 });
      return {
        json: JSON.parse(JSON.stringify(kmeansToJSON(r))),
        predict: (d) => predict(r, tfidf.model.transform(d)),
        output: r.centroids.data,
      };
    },
    restore: (json) => {
      const r = kmeansFromJSON(json);
      return { predict: (d) => predict(r, tfidf.model.transform(d)) };
    },
    tamper: (j) => [
      { ...j, version: 9 },
      { ...j, centroids: [Number.NaN] },
      { ...j, k: -1 },
      { ...j, labels: [99] },
    ],
  },
  {
    name: "miniBatchKMeans",
    fit: () => {
      const r = miniBatchKMeans(tfidf.matrix, 5, { seed: 3, batchSize: 16, maxIter: 5 });
      return {
        json: JSON.parse(JSON.stringify(kmeansToJSON(r))),
        predict: (d) => predict(r, tfidf.model.transform(d)),
        output: r.centroids.data,
      };
    },
    restore: (json) => {
      const r = kmeansFromJSON(json);
      return { predict: (d) => predict(r, tfidf.model.transform(d)) };
    },
    tamper: (j) => [
      { ...j, metric: "manhattan" },
      { ...j, dimension: 3 },
    ],
  },
  {
    name: "clusterTopics",
    fit: () => {
      const r = clusterTopics(texts, { k: 6, seed: 5, stabilitySeeds: 1 });
      return { json: JSON.parse(JSON.stringify(r.model)), predict: (d) => r.model.predict(d), output: r.assignments };
    },
    restore: (json) => topicModelFromJSON(json),
    tamper: (j) => [
      { ...j, version: 3 },
      { ...j, topicOfCluster: [0] },
      { ...j, kmeans: { ...(j.kmeans as object), centroids: [1] } },
      { ...j, components: { ...(j.components as object), data: [1] } },
      { ...j, vectorizer: null },
    ],
  },
];

describe.each(contracts)("contract: $name", (c) => {
  it("equal seeds give identical bytes", () => {
    expect(bytes(c.fit().output)).toBe(bytes(c.fit().output));
  });
  it("toJSON -> fromJSON round-trips to identical predictions", () => {
    const fitted = c.fit();
    const restored = c.restore(fitted.json);
    expect(bytes(restored.predict(texts.slice(0, 20)))).toBe(bytes(fitted.predict(texts.slice(0, 20))));
  });
  it("refuses newer, foreign or tampered JSON with IncompatibleModelError", () => {
    for (const bad of c.tamper(c.fit().json as Record<string, unknown>)) {
      expect(() => c.restore(bad)).toThrow(IncompatibleModelError);
    }
    expect(() => c.restore(null)).toThrow(IncompatibleModelError);
  });
  it("leaves its inputs untouched", () => {
    const before = [checksum(tfidf.matrix.data), checksum(tfidf.matrix.indices), checksum(tfidf.matrix.indptr)];
    c.fit();
    expect([checksum(tfidf.matrix.data), checksum(tfidf.matrix.indices), checksum(tfidf.matrix.indptr)]).toEqual(
      before,
    );
  });
});

describe("contract: createMiniBatchKMeans().partialFit", () => {
  it("equal seeds and batches give identical centroids", () => {
    const run = () => {
      const m = createMiniBatchKMeans(4, { seed: 1 });
      for (let s = 0; s < 70; s += 10) m.partialFit({ ...tfidf.matrix, ...sliceRows(s, Math.min(70, s + 10)) });
      return bytes(m.centroids?.data ?? new Float64Array());
    };
    expect(run()).toBe(run());
  });
});

function sliceRows(from: number, to: number) {
  const m = tfidf.matrix;
  const start = m.indptr[from] as number;
  const end = m.indptr[to] as number;
  return {
    rows: to - from,
    indptr: Int32Array.from(m.indptr.subarray(from, to + 1), (v) => v - start),
    indices: m.indices.slice(start, end),
    data: m.data.slice(start, end),
  };
}
