import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { fitPresenceMixture, mostProbableTopics, type TermSets } from "../../src/cluster/presenceMixture.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { disableWasmKernels } from "../../src/core/wasm.js";

/** Documents as lists of term ids (each once), as CSR without values. */
function termSets(docs: readonly (readonly number[])[]): TermSets {
  const indptr = new Int32Array(docs.length + 1);
  docs.forEach((d, i) => {
    indptr[i + 1] = (indptr[i] as number) + d.length;
  });
  return { rows: docs.length, indptr, indices: Int32Array.from(docs.flat()) };
}

/**
 * EM for the same model written plainly (topic-major, arrays of arrays, every step taken):
 * an independent reference for the library's typed-array version.
 */
function referenceEm(
  docs: readonly (readonly number[])[],
  terms: number,
  start: readonly number[],
  k: number,
  steps: number,
  temperature: number,
  smoothing: number,
): number[] {
  let R: number[][] = start.map((c) => Array.from({ length: k }, (_, t) => (t === c ? 1 : 0)));
  let labels = [...start];
  for (let step = 0; step < steps; step++) {
    const seen = new Set(docs.flat()).size;
    const theta = Array.from({ length: k }, (_, c) => {
      const counts = new Array(terms).fill(smoothing);
      let total = smoothing * seen;
      docs.forEach((d, i) => {
        for (const j of d) counts[j] += R[i]?.[c] ?? 0;
        total += (R[i]?.[c] ?? 0) * d.length;
      });
      return counts.map((x) => x / total);
    });
    const share = Array.from({ length: k }, (_, c) => (R.reduce((t, r) => t + (r[c] ?? 0), 0) + 1) / (docs.length + k));
    const next = docs.map((d) =>
      Array.from(
        { length: k },
        (_, c) => d.reduce((t, j) => t + Math.log(theta[c]?.[j] ?? 0), 0) / temperature + Math.log(share[c] ?? 0),
      ),
    );
    labels = next.map((ll) => ll.indexOf(Math.max(...ll)));
    R = next.map((ll) => {
      const top = Math.max(...ll);
      const e = ll.map((x) => Math.exp(x - top));
      const z = e.reduce((a, b) => a + b, 0);
      return e.map((x) => x / z);
    });
  }
  return labels;
}

afterEach(() => disableWasmKernels(false));

describe("fitPresenceMixture", () => {
  it("takes the same steps as EM written plainly (property)", () => {
    const corpus = fc.record({
      docs: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 6 }), {
        minLength: 8,
        maxLength: 25,
      }),
      steps: fc.integer({ min: 1, max: 4 }),
      temperature: fc.constantFrom(1, 3),
    });
    fc.assert(
      fc.property(corpus, ({ docs, steps, temperature }) => {
        // Topic i % 3 to start with: every topic in use.
        const start = docs.map((_, i) => i % 3);
        const fit = fitPresenceMixture(termSets(docs), 10, Int32Array.from(start), 3, {
          temperature,
          maxIter: steps,
          tolerance: 0,
        });
        const reference = referenceEm(docs, 10, start, 3, steps, temperature, 0.01);
        // The library stops early when nothing moves or a step would empty a topic; the reference does not.
        fc.pre(fit.iterations === steps && !fit.converged && new Set(reference).size === 3);
        expect(Array.from(fit.labels)).toEqual(reference);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it("gives the same bits with the WebAssembly products as with the JavaScript ones (property)", () => {
    const corpus = fc.record({
      docs: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 12 }), {
        minLength: 6,
        maxLength: 60,
      }),
      k: fc.integer({ min: 1, max: 11 }),
    });
    const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");
    fc.assert(
      fc.property(corpus, ({ docs, k }) => {
        const X = termSets(docs);
        // Every other document starts in topic i % k; the rest are left out (−1).
        const start = Int32Array.from(docs, (_, i) => (i % 2 === 0 || i < 2 * k ? i % k : -1));
        const fits = [false, true].map((off) => {
          disableWasmKernels(off);
          return fitPresenceMixture(X, 41, start, k, { tolerance: 0 });
        });
        const [wasm, js] = fits as [ReturnType<typeof fitPresenceMixture>, ReturnType<typeof fitPresenceMixture>];
        expect(Array.from(wasm.labels)).toEqual(Array.from(js.labels));
        expect(wasm.iterations).toBe(js.iterations);
        expect(bits(wasm.mixture.logTermGivenTopic)).toBe(bits(js.mixture.logTermGivenTopic));
        expect(bits(wasm.mixture.logShare)).toBe(bits(js.mixture.logShare));
      }),
      { numRuns: 100, seed: 5 },
    );
  });

  it("estimates θ and π as Lidstone-smoothed shares of the words each topic's documents hold", () => {
    // Two topics, one document each, that share no term: EM keeps them, and the model is the
    // first step's estimate. Topic 0: terms 0, 1 (2 words); topic 1: term 2 (1 word); 4 terms.
    const X = termSets([[0, 1], [2]]);
    const fit = fitPresenceMixture(X, 4, Int32Array.from([0, 1]), 2, { smoothing: 0.5, temperature: 1 });
    expect(Array.from(fit.labels)).toEqual([0, 1]);
    expect(fit.converged).toBe(true);
    const theta = (term: number, topic: number) => Math.exp(fit.mixture.logTermGivenTopic[term * 2 + topic] as number);
    // Three terms seen; term 3, in no document, weighs in no topic (log θ 0).
    expect(theta(0, 0)).toBeCloseTo(1.5 / (2 + 0.5 * 3), 12);
    expect(theta(1, 1)).toBeCloseTo(0.5 / (1 + 0.5 * 3), 12);
    expect(theta(2, 1)).toBeCloseTo(1.5 / (1 + 0.5 * 3), 12);
    expect(fit.mixture.logTermGivenTopic[3 * 2]).toBe(0);
    expect(fit.mixture.logTermGivenTopic[3 * 2 + 1]).toBe(0);
    // (documents + 1) / (fitted documents + k)
    expect(Math.exp(fit.mixture.logShare[0] as number)).toBeCloseTo(2 / 4, 12);
  });

  it("moves a document to the topic whose words it holds", () => {
    // Sports words 0-3, finance words 4-7; the last sports document starts among finance.
    const sports = [
      [0, 1, 2],
      [1, 2, 3],
      [0, 2, 3],
      [0, 1, 3],
    ];
    const finance = [
      [4, 5, 6],
      [5, 6, 7],
      [4, 6, 7],
    ];
    const X = termSets([...sports, ...finance]);
    const start = Int32Array.from([0, 0, 0, 1, 1, 1, 1]);
    const fit = fitPresenceMixture(X, 8, start, 2);
    expect(Array.from(fit.labels)).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(fit.converged).toBe(true);
  });

  it("leaves documents outside the start (−1) and documents with no term out", () => {
    const X = termSets([[0, 1], [], [2, 3], [0, 1]]);
    const fit = fitPresenceMixture(X, 4, Int32Array.from([0, 0, 1, -1]), 2);
    expect(Array.from(fit.labels)).toEqual([0, -1, 1, -1]);
    // The model still reads the left-out document, and a blank one is in no topic.
    expect(Array.from(mostProbableTopics(X, fit.mixture))).toEqual([0, -1, 1, 0]);
  });

  it("at convergence, the mixture's most probable topics are its labels; every topic keeps a document (property)", () => {
    const corpus = fc
      .record({
        k: fc.integer({ min: 2, max: 4 }),
        docs: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 6 }), {
          minLength: 6,
          maxLength: 30,
        }),
        temperature: fc.constantFrom(1, 3, 10),
      })
      .chain(({ k, docs, temperature }) =>
        fc.record({
          k: fc.constant(k),
          docs: fc.constant(docs),
          temperature: fc.constant(temperature),
          // A start with every topic in use, as k-means leaves it.
          start: fc
            .array(fc.integer({ min: 0, max: k - 1 }), { minLength: docs.length, maxLength: docs.length })
            .map((labels) => labels.map((c, i) => (i < k ? i : c))),
        }),
      );
    fc.assert(
      fc.property(corpus, ({ k, docs, temperature, start }) => {
        const X = termSets(docs.map((d) => [...d].sort((a, b) => a - b)));
        const startLabels = Int32Array.from(start);
        const before = Int32Array.from(startLabels);
        const fit = fitPresenceMixture(X, 12, startLabels, k, { temperature });
        expect(Array.from(startLabels)).toEqual(Array.from(before));
        const sizes = new Array(k).fill(0);
        for (const c of fit.labels) sizes[c]++;
        expect(sizes.every((s) => s > 0)).toBe(true);
        if (fit.converged) expect(Array.from(mostProbableTopics(X, fit.mixture))).toEqual(Array.from(fit.labels));
        // Deterministic: the same input gives the same model.
        const again = fitPresenceMixture(X, 12, startLabels, k, { temperature });
        expect(Array.from(again.mixture.logTermGivenTopic)).toEqual(Array.from(fit.mixture.logTermGivenTopic));
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it("refuses bad arguments with typed errors naming them", () => {
    const X = termSets([[0], [1]]);
    const start = Int32Array.from([0, 1]);
    const call = (f: () => unknown, argument: string) => {
      expect(f).toThrow(InvalidArgumentError);
      expect(f).toThrow(expect.objectContaining({ argument }));
    };
    call(() => fitPresenceMixture(X, 2, start, 2, { temperature: 0 }), "options.temperature");
    call(() => fitPresenceMixture(X, 2, start, 2, { smoothing: Number.NaN }), "options.smoothing");
    call(() => fitPresenceMixture(X, 2, start, 2, { maxIter: 0 }), "options.maxIter");
    call(() => fitPresenceMixture(X, 2, start, 2, { tolerance: 1 }), "options.tolerance");
    call(() => fitPresenceMixture(X, 2, start, 0), "k");
    call(() => fitPresenceMixture(X, 2, Int32Array.from([0]), 2), "start");
    call(() => fitPresenceMixture(X, 2, Int32Array.from([0, 2]), 2), "start");
  });
});
