import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CsrMatrix } from "../../src/core/csr.js";
import type { DenseMatrix } from "../../src/core/dense.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { nmf, nmfStart, nmfTransform } from "../../src/reduce/nmf.js";
import { expectArgumentError } from "../helpers/assert.js";
import { readFixture } from "../helpers/data.js";

interface Dense {
  rows: number;
  cols: number;
  data: number[];
}
interface Fit {
  k: number;
  init: string;
  params: { alpha_W?: number; alpha_H?: number; l1_ratio?: number };
  W: Dense;
  H: Dense;
  W0?: Dense;
  H0?: Dense;
  iterations: number;
  reconstructionError: number;
}
const fixture = readFixture<{
  X: { rows: number; cols: number; indptr: number[]; indices: number[]; data: number[] };
  starts: Record<"nndsvda" | "nndsvd", { W: Dense; H: Dense }>;
  nndsvda: Fit;
  nndsvd: Fit;
  custom: Fit;
  transformFirst10: Dense;
  defaultReconstructionError: number;
}>("nmf-sklearn.json.gz");

const X: CsrMatrix = {
  rows: fixture.X.rows,
  cols: fixture.X.cols,
  indptr: Int32Array.from(fixture.X.indptr),
  indices: Int32Array.from(fixture.X.indices),
  data: Float64Array.from(fixture.X.data),
};
const dense = (m: Dense): DenseMatrix => ({ rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) });

/** Largest absolute difference, relative to the reference's largest entry. */
function relativeGap(ours: ArrayLike<number>, theirs: readonly number[]): number {
  expect(ours.length).toBe(theirs.length);
  let gap = 0;
  let scale = 0;
  for (let i = 0; i < theirs.length; i++) {
    gap = Math.max(gap, Math.abs((ours[i] as number) - (theirs[i] as number)));
    scale = Math.max(scale, Math.abs(theirs[i] as number));
  }
  return gap / scale;
}

describe("nmf against scikit-learn's NMF (solver cd) on the seed abstracts' TF-IDF", () => {
  it.each(["nndsvda", "nndsvd"] as const)("%s: the start, then W, H, iterations and error", (init) => {
    const ref = fixture[init];
    const start = nmfStart(X, ref.k, init);
    expect(relativeGap(start.W, fixture.starts[init].W.data)).toBeLessThan(1e-9);
    expect(relativeGap(start.H, fixture.starts[init].H.data)).toBeLessThan(1e-9);
    const fit = nmf(X, ref.k, { init });
    expect(fit.iterations).toBe(ref.iterations);
    expect(relativeGap(fit.W.data, ref.W.data)).toBeLessThan(1e-6);
    expect(relativeGap(fit.H.data, ref.H.data)).toBeLessThan(1e-6);
    expect(fit.reconstructionError).toBeCloseTo(ref.reconstructionError, 8);
    expect(fit.converged).toBe(true);
  });

  it("a given start with L1 and L2 regularization gives scikit-learn's factors", () => {
    const ref = fixture.custom;
    const W0 = dense(ref.W0 as Dense);
    const H0 = dense(ref.H0 as Dense);
    const before = { W: Float64Array.from(W0.data), H: Float64Array.from(H0.data) };
    const fit = nmf(X, ref.k, {
      init: { W: W0, H: H0 },
      alphaW: ref.params.alpha_W as number,
      alphaH: ref.params.alpha_H as number,
      l1Ratio: ref.params.l1_ratio as number,
    });
    expect(fit.iterations).toBe(ref.iterations);
    expect(relativeGap(fit.W.data, ref.W.data)).toBeLessThan(1e-9);
    expect(relativeGap(fit.H.data, ref.H.data)).toBeLessThan(1e-9);
    expect(fit.reconstructionError).toBeCloseTo(ref.reconstructionError, 10);
    // The start is not mutated.
    expect(W0.data).toEqual(before.W);
    expect(H0.data).toEqual(before.H);
  });

  it("nmfTransform gives scikit-learn's transform of new rows", () => {
    const fit = nmf(X, fixture.nndsvda.k);
    const rows: CsrMatrix = {
      rows: 10,
      cols: X.cols,
      indptr: X.indptr.slice(0, 11),
      indices: X.indices.slice(0, X.indptr[10]),
      data: X.data.slice(0, X.indptr[10]),
    };
    expect(relativeGap(nmfTransform(rows, fit.H).data, fixture.transformFirst10.data)).toBeLessThan(1e-6);
  });

  it("nmfTransform gives the same bits whether it multiplies by H as it is (a few rows) or transposed (many)", () => {
    // Zero columns appended to X and H change no product but let the same rows hold fewer
    // values than H has columns: the path flips, the answer must not.
    const fit = nmf(X, fixture.nndsvda.k);
    const k = fit.H.rows;
    // The fewest first rows holding more values than X has columns.
    let rows = 1;
    while ((X.indptr[rows] as number) <= X.cols) rows++;
    const nnz = X.indptr[rows] as number;
    const few: CsrMatrix = {
      rows,
      cols: X.cols,
      indptr: X.indptr.slice(0, rows + 1),
      indices: X.indices.slice(0, nnz),
      data: X.data.slice(0, nnz),
    };
    const pad = nnz;
    const wide: CsrMatrix = { ...few, cols: X.cols + pad };
    const H = new Float64Array(k * (X.cols + pad));
    for (let t = 0; t < k; t++) H.set(fit.H.data.subarray(t * X.cols, (t + 1) * X.cols), t * (X.cols + pad));
    expect(nnz).toBeGreaterThan(X.cols);
    expect(nnz).toBeLessThanOrEqual(wide.cols);
    const transposed = nmfTransform(few, fit.H).data;
    const direct = nmfTransform(wide, { rows: k, cols: X.cols + pad, data: H }).data;
    expect(Buffer.from(direct.buffer)).toEqual(Buffer.from(transposed.buffer));
    expect(transposed.some((v) => v > 0)).toBe(true);
  });

  it("the default start is as good a factorization as scikit-learn's randomized one", () => {
    const ours = nmf(X, 6).reconstructionError;
    expect(Math.abs(ours - fixture.defaultReconstructionError) / fixture.defaultReconstructionError).toBeLessThan(0.01);
  });

  it("a random start is seeded: same seed, same factors; it still reaches a comparable error", () => {
    const a = nmf(X, 6, { init: "random", seed: 4 });
    const b = nmf(X, 6, { init: "random", seed: 4 });
    const c = nmf(X, 6, { init: "random", seed: 5 });
    expect(a.W.data).toEqual(b.W.data);
    expect(a.H.data).not.toEqual(c.H.data);
    expect(a.reconstructionError).toBeLessThan(fixture.nndsvda.reconstructionError * 1.05);
  });
});

describe("nmf invariants", () => {
  const matrix = fc
    .record({ rows: fc.integer({ min: 3, max: 9 }), cols: fc.integer({ min: 3, max: 9 }) })
    .chain(({ rows, cols }) =>
      fc
        .array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true })), {
          minLength: rows * cols,
          maxLength: rows * cols,
        })
        .map((data) => ({ rows, cols, data: Float64Array.from(data) })),
    );

  it("factors are non-negative, the error is ‖X − WH‖, the input is untouched, and dense = sparse", () => {
    fc.assert(
      fc.property(matrix, fc.integer({ min: 1, max: 2 }), (M, k) => {
        const copy = Float64Array.from(M.data);
        const fit = nmf(M, k, { init: "random", seed: 1 });
        expect(M.data).toEqual(copy);
        for (const v of fit.W.data) expect(v).toBeGreaterThanOrEqual(0);
        for (const v of fit.H.data) expect(v).toBeGreaterThanOrEqual(0);
        let sq = 0;
        for (let i = 0; i < M.rows; i++)
          for (let j = 0; j < M.cols; j++) {
            let wh = 0;
            for (let t = 0; t < k; t++)
              wh += (fit.W.data[i * k + t] as number) * (fit.H.data[t * M.cols + j] as number);
            sq += ((M.data[i * M.cols + j] as number) - wh) ** 2;
          }
        expect(fit.reconstructionError).toBeCloseTo(Math.sqrt(sq), 6);
        const indptr = new Int32Array(M.rows + 1);
        const indices: number[] = [];
        const data: number[] = [];
        for (let i = 0; i < M.rows; i++) {
          for (let j = 0; j < M.cols; j++)
            if (M.data[i * M.cols + j] !== 0) {
              indices.push(j);
              data.push(M.data[i * M.cols + j] as number);
            }
          indptr[i + 1] = indices.length;
        }
        const sparse = nmf(
          { rows: M.rows, cols: M.cols, indptr, indices: Int32Array.from(indices), data: Float64Array.from(data) },
          k,
          { init: "random", seed: 1 },
        );
        expect(sparse.W.data).toEqual(fit.W.data);
      }),
      { numRuns: 40 },
    );
  });
});

describe("nmf refuses bad input with typed errors naming the argument", () => {
  const cases: [string, () => unknown, string][] = [
    [
      "negative entry",
      () =>
        nmf(
          [
            [1, -2],
            [0, 1],
          ],
          1,
        ),
      "X",
    ],
    ["k zero", () => nmf(X, 0), "k"],
    [
      "k at the smaller side with NNDSVD",
      () =>
        nmf(
          [
            [1, 2],
            [3, 4],
          ],
          2,
          { init: "nndsvd" },
        ),
      "k",
    ],
    ["unknown init", () => nmf(X, 2, { init: "svd" as never }), "options.init"],
    [
      "W of the wrong shape",
      () =>
        nmf(X, 2, {
          init: {
            W: { rows: 1, cols: 2, data: new Float64Array(2) },
            H: { rows: 2, cols: X.cols, data: new Float64Array(2 * X.cols) },
          },
        }),
      "options.init.W",
    ],
    ["negative tol", () => nmf(X, 2, { tol: -1 }), "options.tol"],
    ["l1Ratio above 1", () => nmf(X, 2, { l1Ratio: 2 }), "options.l1Ratio"],
    ["unknown option", () => nmf(X, 2, { solver: "mu" } as never), "options.solver"],
    ["NaN entry", () => nmf([[1, Number.NaN]], 1), "X"],
    ["transform with H of another width", () => nmfTransform(X, { rows: 2, cols: 3, data: new Float64Array(6) }), "H"],
  ];
  it.each(cases)("%s", (_, call, argument) => {
    expectArgumentError(call, InvalidArgumentError, argument);
  });

  it("stops at maxIter with a not-converged warning", () => {
    const fit = nmf(X, 4, { maxIter: 2 });
    expect(fit.iterations).toBe(2);
    expect(fit.converged).toBe(false);
    expect(fit.warnings.map((w) => w.code)).toEqual(["not-converged"]);
  });
});
