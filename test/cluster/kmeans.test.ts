import fc from "fast-check";
import { kmeans as mlKmeans } from "ml-kmeans";
import { describe, expect, it } from "vitest";
import {
  assignSparseRowsDirectly,
  assignToNearest,
  centerSquaredNorms,
  createAssignScratch,
} from "../../src/cluster/assign.js";
import { kmeans } from "../../src/cluster/kmeans.js";
import { kmeansFromJSON, kmeansToJSON, predict } from "../../src/cluster/predict.js";
import { EmptyInputError, IncompatibleModelError, InvalidArgumentError } from "../../src/core/errors.js";
import { asPoints, csrSelectRows, squaredRowNorms } from "../../src/core/points.js";
import { createRandom, randomPermutation as randomPermutationOf } from "../../src/core/random.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { fitTransformTfidf } from "../../src/vectorize/tfidf.js";
import { checksum, deepFreeze } from "../helpers/assert.js";

function blobs(n: number, d: number, centers: number, seed: number): number[][] {
  const r = createRandom(seed);
  const means = Array.from({ length: centers }, () => Array.from({ length: d }, () => r.nextFloat() * 20 - 10));
  return Array.from({ length: n }, (_, i) =>
    (means[i % centers] as number[]).map((m) => m + (r.nextFloat() - 0.5) * 4),
  );
}

describe("kmeans(X, k)", () => {
  it("separates two obvious groups (hand-checkable)", () => {
    const X = [
      [0, 0],
      [0, 1],
      [10, 10],
      [10, 11],
    ];
    const r = kmeans(X, 2, {
      init: [
        [0, 0],
        [10, 10],
      ],
    });
    expect(Array.from(r.labels)).toEqual([0, 0, 1, 1]);
    expect(Array.from(r.centroids.data)).toEqual([0, 0.5, 10, 10.5]);
    expect(r.inertia).toBeCloseTo(1, 12);
    expect(r.converged).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it("is identical for equal seeds and accepts Float32 dense input", () => {
    const X = blobs(300, 16, 5, 1);
    const data = Float32Array.from(X.flat());
    const a = kmeans({ rows: 300, cols: 16, data }, 5, { seed: 7, nInit: 3 });
    const b = kmeans({ rows: 300, cols: 16, data }, 5, { seed: 7, nInit: 3 });
    expect(Buffer.from(a.labels.buffer)).toEqual(Buffer.from(b.labels.buffer));
    expect(Buffer.from(a.centroids.data.buffer)).toEqual(Buffer.from(b.centroids.data.buffer));
  });

  it("agrees with ml-kmeans started from the same centroids", () => {
    const X = blobs(200, 5, 4, 3);
    const init = [X[0], X[1], X[2], X[3]] as number[][];
    const ours = kmeans(X, 4, { init, tol: 0 });
    const theirs = mlKmeans(X, 4, { initialization: init, maxIterations: 300, tolerance: 1e-12 });
    expect(Array.from(ours.labels)).toEqual(theirs.clusters);
  });

  it("cosine mode on unit rows gives the labels of euclidean k-means, with unit centroids", () => {
    const { matrix } = fitTransformTfidf(seedCorpus().map((p) => p.abstract));
    const init = [0, 10, 20, 30, 40].map((r) => {
      const row = new Array<number>(matrix.cols).fill(0);
      for (let p = matrix.indptr[r] as number; p < (matrix.indptr[r + 1] as number); p++)
        row[matrix.indices[p] as number] = matrix.data[p] as number;
      return row;
    });
    // With unit rows and a single update the two objectives coincide; compare the first assignment.
    const cos = kmeans(matrix, 5, { init, metric: "cosine", maxIter: 1 });
    const euc = kmeans(matrix, 5, { init, metric: "euclidean", maxIter: 1 });
    expect(predict(cos, matrix)).toEqual(predict({ ...euc, metric: "euclidean" }, matrix).map((x) => x));
    const full = kmeans(matrix, 5, { metric: "cosine", seed: 3 });
    for (let j = 0; j < 5; j++) {
      let s = 0;
      for (let f = 0; f < full.centroids.cols; f++)
        s += (full.centroids.data[j * full.centroids.cols + f] as number) ** 2;
      expect(Math.abs(Math.sqrt(s) - 1)).toBeLessThan(1e-12);
    }
  });

  it("handles k = 1, k = n, identical points and a zero row in cosine mode", () => {
    const X = blobs(20, 3, 2, 5);
    const one = kmeans(X, 1);
    expect(new Set(one.labels)).toEqual(new Set([0]));
    const all = kmeans(X, 20);
    expect(new Set(all.labels).size).toBe(20);
    expect(all.inertia).toBeCloseTo(0, 9);
    const same = kmeans(
      [
        [1, 2],
        [1, 2],
        [1, 2],
        [1, 2],
      ],
      3,
    );
    expect(
      same.warnings.some(
        (w) =>
          w.code === "duplicate-points" && /1 distinct clusters found for k = 3: duplicate points\?/.test(w.message),
      ),
    ).toBe(true);
    expect(Array.from(same.labels)).toEqual([0, 0, 0, 0]);
    const zero = kmeans(
      [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ],
      2,
      { metric: "cosine" },
    );
    expect(Number.isFinite(zero.inertia)).toBe(true);
    expect(Array.from(zero.centroids.data).every(Number.isFinite)).toBe(true);
  });

  it("k greater than the distinct points warns and still returns a valid result", () => {
    const r = kmeans(
      [
        [0, 0],
        [0, 0],
        [5, 5],
        [5, 5],
        [5, 5],
      ],
      4,
    );
    expect(r.labels.every((l) => l >= 0 && l < 4)).toBe(true);
    expect(r.warnings.map((w) => w.message).join(" ")).toMatch(/2 distinct clusters found for k = 4/);
  });

  it("onIteration sees every iteration and can stop the run", () => {
    const X = blobs(200, 4, 4, 9);
    const seen: number[] = [];
    const r = kmeans(X, 4, {
      onIteration: (s) => {
        seen.push(s.iteration);
        return s.iteration < 2 ? undefined : false;
      },
    });
    expect(seen).toEqual([1, 2]);
    expect(r.iterations).toBe(2);
    expect(r.warnings.map((w) => w.message).join(" ")).toMatch(/stopped by onIteration/);
  });

  it("honours sampleWeight (a heavy point pulls its centre)", () => {
    const X = [[0], [1], [10], [11]];
    const r = kmeans(X, 2, { init: [[0], [10]], sampleWeight: [1, 3, 1, 1] });
    expect(r.centroids.data[0]).toBeCloseTo(0.75, 12);
  });

  it("rejects bad input with typed errors naming the argument", () => {
    const X = blobs(10, 2, 2, 1);
    expect(() => kmeans(X, 0)).toThrow(/kmeans: k must be an integer in \[1, 10\] \(number of points\); got 0/);
    expect(() => kmeans(X, 2.5)).toThrow(InvalidArgumentError);
    expect(() => kmeans(X, 11)).toThrow(/got 11/);
    expect(() => kmeans([], 1)).toThrow(EmptyInputError);
    expect(() => kmeans([[1, 2], [1]], 1)).toThrow(/ragged rows/);
    expect(() => kmeans([[1, Number.NaN]], 1)).toThrow(/finite numbers; got NaN at row 0, column 1/);
    expect(() => kmeans({ rows: 1, cols: 2, data: new Float32Array([1, Infinity]) }, 1)).toThrow(/got Infinity/);
    expect(() => kmeans(X, 2, { metric: "manhattan" as "cosine" })).toThrow(/options.metric must be one of/);
    expect(() => kmeans(X, 2, { init: [[1, 2]] })).toThrow(/options.init must be/);
    expect(() => kmeans(X, 2, { maxIter: 0 })).toThrow(/options.maxIter/);
    expect(() => kmeans(X, 2, { sampleWeight: [1] })).toThrow(/options.sampleWeight/);
    expect(() => kmeans(X, 2, { nlnit: 3 } as never)).toThrow(/unknown option options.nlnit/);
    expect(() => kmeans("nope" as never, 2)).toThrow(/X must be a CsrMatrix, a DenseMatrix or an array/);
  });
});

describe("predict(result, Y) and JSON", () => {
  const X = blobs(120, 6, 3, 11);
  const result = kmeans(X, 3, { seed: 2 });

  it("predict(result, X) reproduces the training labels", () => {
    expect(predict(result, X)).toEqual(result.labels);
  });
  it("kmeansToJSON -> kmeansFromJSON round-trips to identical predictions", () => {
    const restored = kmeansFromJSON(JSON.parse(JSON.stringify(kmeansToJSON(result))));
    expect(predict(restored, X)).toEqual(predict(result, X));
    expect(restored.centroids.data).toEqual(result.centroids.data);
  });
  it("refuses a dimension mismatch and tampered models", () => {
    expect(() => predict(result, [[1, 2]])).toThrow(/Y must have 6 columns/);
    const json = kmeansToJSON(result);
    expect(() => kmeansFromJSON({ ...json, version: 3 })).toThrow(IncompatibleModelError);
    const packed = json.centroids as { base64: string };
    expect(() => kmeansFromJSON({ ...json, centroids: { ...packed, base64: packed.base64.slice(12) } })).toThrow(
      /centroids .* holds \d+ bytes, not \d+: the file may have been edited or truncated/,
    );
    expect(() => kmeansFromJSON({ ...json, centroids: [1, 2] })).toThrow(/centroids .* must hold 18 numbers; got 2/);
    // version 1 stored plain numbers: still read, to the same predictions
    const v1 = { ...json, version: 1, centroids: Array.from(result.centroids.data) };
    expect(predict(kmeansFromJSON(v1), X)).toEqual(predict(result, X));
    expect(() => kmeansFromJSON({ ...json, labels: [7] })).toThrow(/labels must be integers in \[-1, 3\)/);
    expect(() => kmeansFromJSON({ ...json, labels: [-2] })).toThrow(/labels must be integers in \[-1, 3\)/);
    // −1: a document in no cluster, as clusterTopics leaves a document with no term.
    expect(kmeansFromJSON({ ...json, labels: [-1, 0, 2] }).labels).toEqual(Int32Array.of(-1, 0, 2));
  });
});

describe("predicting a few sparse rows", () => {
  // The seed abstracts' TF-IDF rows: each alone holds fewer values than there are terms, so
  // it is scored against the centroids as they are; all 70 together take the kernels.
  const X = fitTransformTfidf(
    seedCorpus().map((p) => p.abstract),
    { minDf: 2 },
  ).matrix;
  const rows = (ids: number[]) => csrSelectRows(X, ids);
  const result = kmeans(X, 6, { seed: 1, metric: "cosine" });

  it("gives the kernels' labels and distances, bit for bit", () => {
    expect(X.indptr[X.rows]).toBeGreaterThan(X.cols);
    const centers = Float64Array.from(result.centroids.data);
    const k = result.k;
    const points = asPoints(X) as Extract<ReturnType<typeof asPoints>, { kind: "sparse" }>;
    const norms = squaredRowNorms(points);
    const kernelLabels = new Int32Array(X.rows);
    const kernelDistances = new Float64Array(X.rows);
    assignToNearest(points, norms, null, centers, k, createAssignScratch(points, k), kernelLabels, kernelDistances);
    const labels = new Int32Array(X.rows);
    const distances = new Float64Array(X.rows);
    assignSparseRowsDirectly(points, norms, centers, centerSquaredNorms(centers, k, X.cols), k, labels, distances);
    expect(labels).toEqual(kernelLabels);
    expect(Buffer.from(distances.buffer)).toEqual(Buffer.from(kernelDistances.buffer));
  });

  it("predict of one row at a time agrees with predict of all rows", () => {
    const all = predict(result, X);
    expect(all).toEqual(result.labels);
    for (const i of [0, 5, 33, 69]) {
      const one = rows([i]);
      expect(one.indptr[1]).toBeLessThanOrEqual(X.cols);
      expect(predict(result, one)[0]).toBe(all[i]);
    }
  });
});

describe("kmeans properties", () => {
  const data = fc
    .record({ n: fc.integer({ min: 2, max: 40 }), d: fc.integer({ min: 1, max: 5 }), seed: fc.nat() })
    .chain(({ n, d, seed }) =>
      fc.tuple(
        fc.array(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: d, maxLength: d }), {
          minLength: n,
          maxLength: n,
        }),
        fc.integer({ min: 1, max: n }),
        fc.constant(seed),
      ),
    );

  it("labels lie in [0, k), inertia never increases, inputs are unmutated", () => {
    fc.assert(
      fc.property(data, ([X, k, seed]) => {
        const frozen = deepFreeze(X.map((r) => r.slice()));
        const inertias: number[] = [];
        const r = kmeans(frozen, k, {
          seed,
          onIteration: (s) => {
            inertias.push(s.inertia);
          },
        });
        expect(r.labels.every((l) => l >= 0 && l < k)).toBe(true);
        for (let i = 1; i < inertias.length; i++)
          expect(inertias[i] as number).toBeLessThanOrEqual((inertias[i - 1] as number) * (1 + 1e-9) + 1e-9);
        expect(frozen).toEqual(X);
      }),
      { numRuns: 150 },
    );
  });

  it("permuting rows permutes labels when the same init is used (points in general position)", () => {
    const general = fc
      .record({
        n: fc.integer({ min: 2, max: 40 }),
        d: fc.integer({ min: 1, max: 5 }),
        k: fc.integer({ min: 1, max: 6 }),
        seed: fc.nat(),
      })
      .map(({ n, d, k, seed }) => {
        // Continuous random coordinates: no two distances tie, so no tie-breaking by row order.
        const r = createRandom(seed);
        const X = Array.from({ length: n }, () => Array.from({ length: d }, () => r.nextFloat() * 200 - 100));
        return { X, k: Math.min(k, n), permutation: Array.from(randomPermutationOf(n, r)) };
      });
    fc.assert(
      fc.property(general, ({ X, k, permutation }) => {
        const init = X.slice(0, k);
        const a = kmeans(X, k, { init, tol: 0 });
        const b = kmeans(
          permutation.map((i) => X[i] as number[]),
          k,
          { init, tol: 0 },
        );
        permutation.forEach((i, row) => {
          expect(b.labels[row]).toBe(a.labels[i]);
        });
        expect(Math.abs(a.inertia - b.inertia)).toBeLessThanOrEqual(1e-9 * Math.max(1, a.inertia));
      }),
      { numRuns: 100 },
    );
  });

  it("leaves typed-array input unmutated", () => {
    const { matrix } = fitTransformTfidf(seedCorpus().map((p) => p.abstract));
    const before = [checksum(matrix.data), checksum(matrix.indices), checksum(matrix.indptr)];
    kmeans(matrix, 6, { metric: "cosine" });
    kmeans(matrix, 6);
    expect([checksum(matrix.data), checksum(matrix.indices), checksum(matrix.indptr)]).toEqual(before);
  });
});
