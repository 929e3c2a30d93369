import { afterEach, describe, expect, it } from "vitest";
import { disableWasmKernels } from "../../src/cluster/wasm/kernel.js";
import { denseNormalizeRows } from "../../src/core/dense.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { csrSelectRows } from "../../src/core/points.js";
import { SKLEARN_ENGLISH_STOP_WORDS, SKLEARN_TOKEN_PATTERN } from "../../src/index.js";
import { projectOnComponents, projectRowBlocks, truncatedSvd } from "../../src/reduce/truncatedSvd.js";
import { fitTransformTfidf } from "../../src/vectorize/tfidf.js";
import { readCorpus, readFixture } from "../helpers/data.js";

const fixture = readFixture<{
  nComponents: number;
  singularValues: number[];
  exactSingularValues: number[];
  explainedVarianceRatio: number[];
  firstComponentTop: number[];
}>("svd-sklearn.json");

describe("truncatedSvd(X, nComponents) against scikit-learn's TruncatedSVD", () => {
  const news = readCorpus("20newsgroups-bydate.jsonl.gz", 2000).map((d) => d.text);
  const X = fitTransformTfidf(news, {
    tokenPattern: SKLEARN_TOKEN_PATTERN,
    stopWords: [...SKLEARN_ENGLISH_STOP_WORDS],
    minDf: 5,
    maxDf: 0.5,
  }).matrix;
  const svd = truncatedSvd(X, fixture.nComponents);

  it("matches the leading singular values within 1e-6 relative", () => {
    for (let r = 0; r < 2; r++) {
      const ours = svd.singularValues[r] as number;
      expect(
        Math.abs(ours - (fixture.singularValues[r] as number)) / (fixture.singularValues[r] as number),
      ).toBeLessThan(1e-6);
    }
  });

  it("is as close to the exact singular values as scikit-learn's randomized solver (mean relative error)", () => {
    let ours = 0;
    let theirs = 0;
    for (let r = 0; r < fixture.nComponents; r++) {
      const exact = fixture.exactSingularValues[r] as number;
      ours += Math.abs((svd.singularValues[r] as number) - exact) / exact;
      theirs += Math.abs((fixture.singularValues[r] as number) - exact) / exact;
    }
    expect(ours).toBeLessThanOrEqual(1.1 * theirs);
  });

  it("reports the explained variance ratio and sklearn's sign convention", () => {
    const sumOurs = svd.explainedVarianceRatio.reduce((a, b) => a + b, 0);
    const sumTheirs = fixture.explainedVarianceRatio.reduce((a, b) => a + b, 0);
    expect(Math.abs(sumOurs - sumTheirs) / sumTheirs).toBeLessThan(0.01);
    const d = svd.components.cols;
    const first = Array.from(svd.components.data.subarray(0, d));
    const top = first
      .map((v, i) => [Math.abs(v), i] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, 10)
      .map((x) => x[1]);
    expect(top.slice(0, 5)).toEqual(fixture.firstComponentTop.slice(0, 5));
    expect(Math.max(...first)).toBeGreaterThan(0);
  });

  it("projectOnComponents(X) reproduces the embedding", () => {
    const again = projectOnComponents(X, svd.components);
    for (let i = 0; i < 50; i++) expect(again.data[i]).toBe(svd.embedding.data[i]);
  });

  it("rejects nComponents >= the number of columns, and NaN input", () => {
    expect(() =>
      truncatedSvd(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        2,
      ),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      truncatedSvd(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        2,
      ),
    ).toThrow(/nComponents must be an integer in \[1, 1\]/);
    expect(() =>
      truncatedSvd(
        [
          [1, Number.NaN, 3],
          [3, 4, 5],
        ],
        1,
      ),
    ).toThrow(/finite numbers; got NaN/);
  });
});

describe("truncatedSvd kernels", () => {
  afterEach(() => disableWasmKernels(false));
  it("give the same bits in WebAssembly and in JavaScript, sparse and dense", () => {
    const docs = readCorpus("20newsgroups-bydate.jsonl.gz", 800).map((d) => d.text);
    const sparse = fitTransformTfidf(docs, { minDf: 2, maxDf: 0.5 }).matrix;
    const dense = {
      rows: 300,
      cols: 40,
      data: Float64Array.from({ length: 12000 }, (_, i) => (i % 7 === 0 ? 0 : ((i * 7919) % 97) / 48 - 1)),
    };
    for (const [X, k] of [
      [sparse, 30],
      [dense, 12],
    ] as const) {
      const fast = truncatedSvd(X, k, { seed: 5 });
      disableWasmKernels(true);
      const slow = truncatedSvd(X, k, { seed: 5 });
      disableWasmKernels(false);
      const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
      expect(bytes(fast.embedding.data as Float64Array)).toEqual(bytes(slow.embedding.data as Float64Array));
      expect(bytes(fast.components.data as Float64Array)).toEqual(bytes(slow.components.data as Float64Array));
      expect(bytes(fast.singularValues)).toEqual(bytes(slow.singularValues));
      const projected = projectOnComponents(X, fast.components);
      expect(bytes(projected.data as Float64Array)).toEqual(bytes(fast.embedding.data as Float64Array));
    }
  });

  it("projects a few rows straight from the components with the bits of the kernels, in WebAssembly and JavaScript", () => {
    // A few rows hold fewer values than there are features: they are read straight from
    // the components, skipping the transposition that a query would otherwise pay for.
    const docs = readCorpus("20newsgroups-bydate.jsonl.gz", 600).map((d) => d.text);
    const X = fitTransformTfidf(docs, { minDf: 2, maxDf: 0.5 }).matrix;
    const { components } = truncatedSvd(X, 40, { seed: 3 });
    const float32 = { ...components, data: Float32Array.from(components.data) };
    const rowIds = [0, 1, 7, 200, 599];
    const few = csrSelectRows(X, rowIds);
    expect(few.indptr[few.rows]).toBeLessThanOrEqual(X.cols);
    expect(X.indptr[X.rows]).toBeGreaterThan(X.cols);
    const bytes = (a: ArrayLike<number>) => Buffer.from(Float64Array.from(a).buffer);
    for (const off of [false, true]) {
      disableWasmKernels(off);
      for (const c of [components, float32]) {
        const all = projectOnComponents(X, c).data;
        const k = c.rows;
        const expected = rowIds.flatMap((r) => Array.from(all.subarray(r * k, (r + 1) * k)));
        expect(bytes(projectOnComponents(few, c).data)).toEqual(bytes(expected));
        const one = projectOnComponents(csrSelectRows(X, [7]), c).data;
        expect(bytes(one)).toEqual(bytes(all.subarray(7 * k, 8 * k)));
      }
    }
  });

  it("projects many rows in blocks with the bits of one row at a time", () => {
    const rows = 40_000;
    const indptr = Int32Array.from({ length: rows + 1 }, (_, i) => 3 * i);
    const indices = Int32Array.from({ length: 3 * rows }, (_, q) => (q * 17 + Math.floor(q / 3) * 5) % 50);
    for (let r = 0; r < rows; r++) indices.subarray(3 * r, 3 * r + 3).sort();
    const data = Float64Array.from({ length: 3 * rows }, (_, q) => ((q * 7919) % 101) / 50 - 1);
    const k = 5;
    const components = {
      rows: k,
      cols: 50,
      data: Float64Array.from({ length: k * 50 }, (_, i) => Math.sin(i + 1)),
    };
    const X = { rows, cols: 50, indptr, indices, data };
    const projected = projectOnComponents(X, components).data;
    const expected = new Float64Array(rows * k);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < k; c++) {
        let acc = 0;
        for (let q = indptr[r] as number; q < (indptr[r + 1] as number); q++)
          acc += (data[q] as number) * (components.data[c * 50 + (indices[q] as number)] as number);
        expected[r * k + c] = acc;
      }
    }
    // Buffer.compare: a deep equality of 1.6 MB would dwarf the projection itself.
    expect(Buffer.compare(Buffer.from(projected.buffer), Buffer.from(expected.buffer))).toBe(0);
  });

  it("projects blocks made on demand with the bits of the whole matrix, as blocks grow, in WebAssembly and JavaScript", () => {
    // Later rows hold more words, so later blocks outgrow the memory the first one sized.
    const rows = 50_000;
    const cols = 60;
    const indptr = new Int32Array(rows + 1);
    for (let r = 0; r < rows; r++) indptr[r + 1] = (indptr[r] as number) + 1 + Math.floor(r / 12_000);
    const nnz = indptr[rows] as number;
    const indices = new Int32Array(nnz);
    for (let r = 0; r < rows; r++) {
      const from = indptr[r] as number;
      const count = (indptr[r + 1] as number) - from;
      for (let q = 0; q < count; q++) indices[from + q] = (r * 7 + q * 11) % cols;
      indices.subarray(from, from + count).sort();
    }
    const data = Float64Array.from({ length: nnz }, (_, q) => ((q * 7919) % 101) / 50 - 1);
    const X = { rows, cols, indptr, indices, data };
    const components = { rows: 4, cols, data: Float64Array.from({ length: 4 * cols }, (_, i) => Math.cos(i + 2)) };
    const block = (from: number, to: number) => {
      const start = indptr[from] as number;
      const end = indptr[to] as number;
      return {
        rows: to - from,
        cols,
        indptr: Int32Array.from(indptr.subarray(from, to + 1), (v) => v - start),
        indices: indices.slice(start, end),
        data: data.slice(start, end),
      };
    };
    const whole = projectOnComponents(X, components).data as Float64Array;
    for (const off of [false, true]) {
      disableWasmKernels(off);
      const blocks = projectRowBlocks(rows, block, components).data as Float64Array;
      expect(Buffer.compare(Buffer.from(blocks.buffer), Buffer.from(whole.buffer))).toBe(0);
      const unit = projectRowBlocks(rows, block, components, true).data;
      const normalized = denseNormalizeRows({ rows, cols: 4, data: whole }).data;
      expect(Buffer.compare(Buffer.from(unit.buffer), Buffer.from(Float32Array.from(normalized).buffer))).toBe(0);
    }
  });
});
