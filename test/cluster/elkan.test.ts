import { afterEach, describe, expect, it } from "vitest";
import { disableWasmKernels } from "../../src/cluster/wasm/kernel.js";
import {
  chooseKMeansAlgorithm,
  fitTransformTfidf,
  InvalidArgumentError,
  kmeans,
  truncatedSvd,
} from "../../src/index.js";
import { readCorpus } from "../helpers/data.js";

afterEach(() => disableWasmKernels(false));

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const docs = readCorpus("20newsgroups-bydate.jsonl.gz", 2500).map((d) => d.text);
const tfidf = fitTransformTfidf(docs, { minDf: 3, maxDf: 0.5 }).matrix;
const embedding = truncatedSvd(tfidf, 48, { seed: 0 }).embedding;

describe("kmeans(X, k, { algorithm: 'elkan' })", () => {
  it.each([
    ["euclidean", 6, false],
    ["euclidean", 17, true],
    ["cosine", 11, false],
    ["cosine", 24, true],
  ] as const)(
    "on LSA embeddings (%s, k = %i, weighted %s) reaches Lloyd's labels and iterations",
    (metric, k, weighted) => {
      const sampleWeight = weighted ? Array.from({ length: embedding.rows }, (_, i) => 1 + (i % 5)) : undefined;
      const options = { metric, seed: 3, sampleWeight, maxIter: 500 };
      const lloyd = kmeans(embedding, k, { ...options, algorithm: "lloyd" });
      const elkan = kmeans(embedding, k, { ...options, algorithm: "elkan" });
      expect(elkan.algorithm).toBe("elkan");
      expect(elkan.iterations).toBe(lloyd.iterations);
      expect(elkan.iterations).toBeGreaterThan(5);
      expect(bytes(elkan.labels)).toEqual(bytes(lloyd.labels));
      // Centres are means of the same points in the same order: equal bits.
      expect(bytes(elkan.centroids.data)).toEqual(bytes(lloyd.centroids.data));
      expect(Math.abs(elkan.inertia - lloyd.inertia) / lloyd.inertia).toBeLessThan(1e-9);
    },
  );

  it("gives the same bits with the JavaScript passes as with the WebAssembly ones", () => {
    const fast = kmeans(embedding, 13, { seed: 5, algorithm: "elkan" });
    disableWasmKernels(true);
    const slow = kmeans(embedding, 13, { seed: 5, algorithm: "elkan" });
    expect(bytes(fast.labels)).toEqual(bytes(slow.labels));
    expect(bytes(fast.centroids.data)).toEqual(bytes(slow.centroids.data));
    expect(fast.inertia).toBe(slow.inertia);
    expect(fast.iterations).toBe(slow.iterations);
  });

  it("reports the same objective per iteration as Lloyd's through onIteration", () => {
    const trace = (algorithm: "lloyd" | "elkan") => {
      const states: number[][] = [];
      kmeans(embedding, 9, {
        seed: 1,
        algorithm,
        onIteration: (s) => {
          states.push([s.iteration, s.changed, s.inertia]);
        },
      });
      return states;
    };
    const lloyd = trace("lloyd");
    const elkan = trace("elkan");
    expect(elkan.map(([i, c]) => [i, c])).toEqual(lloyd.map(([i, c]) => [i, c]));
    elkan.forEach(([, , inertia], t) => {
      const reference = lloyd[t]?.[2] as number;
      expect(Math.abs((inertia as number) - reference) / reference).toBeLessThan(1e-9);
    });
  });

  it("re-seeds empty clusters as Lloyd's does (more centres than distinct points)", () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 4, (i % 4) * 2, 1]);
    const init = [
      [0, 0, 1],
      [0, 0, 1],
      [1, 2, 1],
      [3, 6, 1],
      [2, 4, 1],
      [0, 0, 1],
    ];
    const lloyd = kmeans(rows, 6, { init, algorithm: "lloyd" });
    const elkan = kmeans(rows, 6, { init, algorithm: "elkan" });
    expect(Array.from(elkan.labels)).toEqual(Array.from(lloyd.labels));
    expect(elkan.warnings).toEqual(lloyd.warnings);
    expect(elkan.inertia).toBe(0);
  });

  it("is what 'auto' runs on dense vectors, and never on sparse ones", () => {
    expect(kmeans(embedding, 4, { seed: 0 }).algorithm).toBe("elkan");
    expect(kmeans(tfidf, 4, { seed: 0 }).algorithm).toBe("lloyd");
    expect(chooseKMeansAlgorithm("dense", 1_000_000, 50)).toBe("elkan");
    expect(chooseKMeansAlgorithm("dense", 10_000_000, 50)).toBe("lloyd");
    expect(() => kmeans(tfidf, 4, { algorithm: "elkan" })).toThrow(InvalidArgumentError);
  });
});
