import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CsrMatrix } from "../../src/core/csr.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { createRandom } from "../../src/core/random.js";
import { contingencyTable } from "../../src/evaluate/contingency.js";
import {
  adjustedMutualInfo,
  adjustedRandIndex,
  homogeneityCompletenessVMeasure,
  normalizedMutualInfo,
  purity,
} from "../../src/evaluate/external.js";
import {
  calinskiHarabasz,
  createSilhouetteScorer,
  daviesBouldin,
  silhouetteSamples,
  silhouetteScore,
} from "../../src/evaluate/internal.js";
import { expectAllClose } from "../helpers/assert.js";
import { type CsrFixture, readFixture } from "../helpers/data.js";

interface External {
  a: (number | string)[];
  b: (number | string)[];
  homogeneity: number;
  completeness: number;
  vMeasure: number;
  ari: number;
  nmi: number;
  ami: number;
  purity: number;
}
interface Internal {
  labels: number[];
  silhouetteEuclidean: number;
  silhouetteCosine: number;
  samplesEuclidean: number[];
  calinskiHarabasz: number;
  daviesBouldin: number;
}
const fixture = readFixture<{
  external: External[];
  dense: Internal & { X: number[]; rows: number; cols: number };
  sparse: Internal & { X: CsrFixture };
}>("metrics-sklearn.json");

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(b)));

describe("external metrics against scikit-learn 1.2 (1e-10)", () => {
  fixture.external.forEach((c, i) => {
    it(`case ${i}: ${c.a.length} documents`, () => {
      const a = c.a as number[];
      const b = c.b as number[];
      const hcv = homogeneityCompletenessVMeasure(a, b);
      close(hcv.homogeneity, c.homogeneity);
      close(hcv.completeness, c.completeness);
      close(hcv.vMeasure, c.vMeasure);
      close(adjustedRandIndex(a, b), c.ari);
      close(normalizedMutualInfo(a, b), c.nmi);
      close(adjustedMutualInfo(a, b), c.ami);
      close(purity(a, b), c.purity);
    });
  });
});

/** The fixture's sparse TF-IDF rows as a CsrMatrix. */
const sparse: CsrMatrix = {
  rows: fixture.sparse.X.rows,
  cols: fixture.sparse.X.cols,
  indptr: Int32Array.from(fixture.sparse.X.indptr),
  indices: Int32Array.from(fixture.sparse.X.indices),
  data: Float64Array.from(fixture.sparse.X.data),
};

describe("internal metrics against scikit-learn 1.2", () => {
  const dense = { rows: fixture.dense.rows, cols: fixture.dense.cols, data: Float64Array.from(fixture.dense.X) };
  for (const [name, X, c] of [
    ["dense with a singleton cluster", dense, fixture.dense],
    ["sparse TF-IDF", sparse, fixture.sparse],
  ] as const) {
    it(`silhouette, Calinski-Harabasz and Davies-Bouldin on ${name}`, () => {
      close(silhouetteScore(X, c.labels), c.silhouetteEuclidean);
      close(silhouetteScore(X, c.labels, { metric: "cosine" }), c.silhouetteCosine);
      expectAllClose(silhouetteSamples(X, c.labels), c.samplesEuclidean, { atol: 1e-10 });
      close(calinskiHarabasz(X, c.labels), c.calinskiHarabasz);
      close(daviesBouldin(X, c.labels), c.daviesBouldin);
    });
  }
  it("gives a singleton's silhouette 0", () => {
    expect(silhouetteSamples(dense, fixture.dense.labels)[7]).toBe(0);
  });
  it("samples rows reproducibly with sampleSize", () => {
    const a = silhouetteScore(sparse, fixture.sparse.labels, { sampleSize: 40, seed: 1 });
    expect(silhouetteScore(sparse, fixture.sparse.labels, { sampleSize: 40, seed: 1 })).toBe(a);
    expect(Math.abs(a - fixture.sparse.silhouetteEuclidean)).toBeLessThan(0.1);
  });
});

describe("createSilhouetteScorer (one sample and its distances for many labelings)", () => {
  const random = createRandom(7);
  const wide = { rows: 3100, cols: 4, data: Float64Array.from({ length: 12_400 }, () => random.nextFloat() - 0.5) };
  const labelings = (n: number) =>
    [2, 3, 5].map((k) => Int32Array.from({ length: n }, (_, i) => (i * 7 + Math.floor(i / 3)) % k));

  it("gives silhouetteScore's value, bit for bit, for every labeling: sparse and dense, sampled or not", () => {
    for (const [X, options] of [
      [sparse, {}],
      [sparse, { metric: "cosine" as const }],
      [sparse, { sampleSize: 40, seed: 1 }],
      [wide, { metric: "cosine" as const, sampleSize: 2000, seed: 3 }],
      // More sampled rows than it keeps the distances of: computed again for each labeling.
      [wide, { sampleSize: 3050, seed: 0 }],
    ] as const) {
      const score = createSilhouetteScorer(X, options);
      for (const labels of labelings(X.rows)) expect(score(labels)).toBe(silhouetteScore(X, labels, options));
    }
  });

  it("refuses labels as silhouetteScore does", () => {
    const score = createSilhouetteScorer(sparse, { sampleSize: 40 });
    expect(() => score([0, 1])).toThrow(/labels must have one entry per row of X/);
    expect(() => score(new Array(sparse.rows).fill(0))).toThrow(/number of clusters is 1/);
  });
});

describe("metric errors and invariants", () => {
  it("reject mismatched lengths and a single cluster with typed errors", () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(
      /labelsTrue and labelsPred must have the same length; got 2 and 1/,
    );
    expect(() => silhouetteScore([[0], [1], [2]], [0, 0, 0])).toThrow(InvalidArgumentError);
    expect(() => silhouetteScore([[0], [1], [2]], [0, 0, 0])).toThrow(
      /silhouetteScore: number of clusters is 1; valid values are 2 to n_samples - 1/,
    );
    expect(() => calinskiHarabasz([[0], [1]], [0, 1])).toThrow(/number of clusters is 2/);
    expect(() => daviesBouldin([[0], [1], [2]], [0, 1])).toThrow(/one entry per row/);
    expect(() => purity([0.5], [1])).toThrow(/must hold integers or strings; got 0.5/);
  });
  it("contingencyTable counts pairs", () => {
    const t = contingencyTable(["a", "a", "b"], [1, 2, 2]);
    expect(Array.from(t.counts)).toEqual([1, 1, 0, 1]);
  });
  it("external metrics are invariant to relabelling", () => {
    const labels = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 60 });
    fc.assert(
      fc.property(labels, labels, fc.integer({ min: 1, max: 50 }), (a, b0, shift) => {
        const b = a.map((_, i) => b0[i % b0.length] as number);
        const relabel = b.map((x) => `c${(x * 7 + shift) % 97}`);
        for (const f of [adjustedRandIndex, normalizedMutualInfo, adjustedMutualInfo, purity]) {
          expect(Math.abs(f(a, b) - f(a, relabel))).toBeLessThan(1e-12);
        }
        expect(
          Math.abs(
            homogeneityCompletenessVMeasure(a, b).vMeasure - homogeneityCompletenessVMeasure(a, relabel).vMeasure,
          ),
        ).toBeLessThan(1e-12);
      }),
      { numRuns: 200 },
    );
  });
});
