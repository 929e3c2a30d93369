import { execFileSync } from "node:child_process";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { accumulateCenters, accumulateInBlocks, balancedColumns, paddedK } from "../../src/cluster/assign.js";
import { disableWasmKernels, kernelModule } from "../../src/cluster/wasm/kernel.js";
import { createWorkspace, type Workspace } from "../../src/cluster/workspace.js";
import type { Points } from "../../src/core/points.js";
import { squaredRowNorms } from "../../src/core/points.js";
import { fitTransformTfidf, kmeans } from "../../src/index.js";
import { ROOT, readCorpus } from "../helpers/data.js";

afterEach(() => disableWasmKernels(false));

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/**
 * Everything a workspace computes for one set of centres: assignment, subset assignment,
 * and the update step's sums by every route (blocks, columns split among threads), which
 * must agree with the JavaScript reference.
 */
function outputs(ws: Workspace, centers: Float64Array, ids: Int32Array | null, parts: number) {
  ws.prepare(centers);
  const total = ws.assign(0, ws.points.rows);
  let subsetTotal = 0;
  if (ids !== null && ws.subsetIds.length > 0) {
    ws.subsetIds.set(ids);
    subsetTotal = ws.assignSubset(0, ids.length);
  }
  for (let b = 0; b + 1 < ws.blocks.length; b++) ws.sumBlock(b);
  ws.finishSums();
  const sums = bytes(ws.sums.slice());
  const clusterWeights = bytes(ws.clusterWeights.slice());
  const reference = new Float64Array(ws.sums.length);
  const referenceWeights = new Float64Array(ws.clusterWeights.length);
  accumulateInBlocks(ws.points, ws.weights, ws.labels, reference, referenceWeights, null);
  expect(sums).toEqual(bytes(reference));
  expect(clusterWeights).toEqual(bytes(referenceWeights));

  // One block split by columns gives the serial sums over all rows.
  const serial = new Float64Array(ws.sums.length);
  accumulateCenters(ws.points, ws.weights, ws.labels, serial, null);
  ws.sums.fill(7);
  const columns = balancedColumns(ws.points, parts);
  for (let t = 0; t < parts; t++) ws.accumulate([columns[t] as number, columns[t + 1] as number]);
  expect(bytes(ws.sums.slice())).toEqual(bytes(serial));
  return {
    total,
    subsetTotal,
    labels: bytes(ws.labels.slice()),
    distances: bytes(ws.distances.slice()),
    subsetLabels: bytes(ws.subsetLabels.slice(0, ids?.length ?? 0)),
    sums,
    clusterWeights,
  };
}

function both(p: Points, weights: Float64Array | null, k: number, centers: Float64Array, threads: number) {
  const ids = threads > 1 ? Int32Array.from({ length: Math.min(p.rows, 7) }, (_, t) => (t * 5) % p.rows) : null;
  const norms = squaredRowNorms(p);
  disableWasmKernels(false);
  const wasmSpace = createWorkspace(p, norms, weights, k, threads);
  disableWasmKernels(true);
  const jsSpace = createWorkspace(p, norms, weights, k, threads);
  disableWasmKernels(false);
  expect(wasmSpace.wasm).toBe(true);
  expect(jsSpace.wasm).toBe(false);
  return [outputs(wasmSpace, centers, ids, threads), outputs(jsSpace, centers, ids, threads)];
}

const value = fc.double({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true });

describe("WebAssembly kernels", () => {
  it("are available here (Node has WebAssembly SIMD and shared memory)", () => {
    expect(kernelModule(false)).not.toBeNull();
    expect(kernelModule(true)).not.toBeNull();
  });

  it("match the committed bytes assembled from kernel.wat", () => {
    // Exits non-zero when kernelBytes.ts differs from a fresh assembly of kernel.wat.
    execFileSync(process.execPath, [join(ROOT, "scripts", "build-wasm.mjs"), "--check"], { stdio: "pipe" });
  });

  it("give the JavaScript kernels' bits on random dense data, Float32 rows included (labels, distances, totals, sums)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 19 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        fc.infiniteStream(value),
        (n, d, kRaw, weighted, float32, threads, stream) => {
          const k = Math.min(kRaw, n);
          const it = stream[Symbol.iterator]();
          const next = () => it.next().value as number;
          const values = Array.from({ length: n * d }, next);
          const data = float32 ? Float32Array.from(values) : Float64Array.from(values);
          const centers = Float64Array.from({ length: k * d }, next);
          const weights = weighted ? Float64Array.from({ length: n }, () => Math.abs(next())) : null;
          const [a, b] = both({ kind: "dense", rows: n, cols: d, data }, weights, k, centers, threads);
          expect(a).toEqual(b);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("give the JavaScript kernels' bits on random sparse data, Float32 values included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        fc.infiniteStream(value),
        (n, d, kRaw, weighted, float32, threads, stream) => {
          const k = Math.min(kRaw, n);
          const it = stream[Symbol.iterator]();
          const next = () => it.next().value as number;
          const indptr = new Int32Array(n + 1);
          const indices: number[] = [];
          const values: number[] = [];
          for (let i = 0; i < n; i++) {
            for (let f = 0; f < d; f++) {
              if (next() > 1) {
                indices.push(f);
                values.push(next());
              }
            }
            indptr[i + 1] = indices.length;
          }
          const data = float32 ? Float32Array.from(values) : Float64Array.from(values);
          const p: Points = { kind: "sparse", rows: n, cols: d, indptr, indices: Int32Array.from(indices), data };
          const centers = Float64Array.from({ length: k * d }, next);
          const weights = weighted ? Float64Array.from({ length: n }, () => Math.abs(next())) : null;
          const [a, b] = both(p, weights, k, centers, threads);
          expect(a).toEqual(b);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("leave k-means on real TF-IDF byte-identical to the JavaScript kernels", () => {
    const docs = readCorpus("20newsgroups-bydate.jsonl.gz", 1500).map((d) => d.text);
    const X = fitTransformTfidf(docs, { minDf: 3, maxDf: 0.5 }).matrix;
    for (const k of [3, 8, 13]) {
      const fast = kmeans(X, k, { seed: 2, metric: "cosine" });
      disableWasmKernels(true);
      const slow = kmeans(X, k, { seed: 2, metric: "cosine" });
      disableWasmKernels(false);
      expect(paddedK(k) % 8).toBe(0);
      expect(bytes(fast.labels)).toEqual(bytes(slow.labels));
      expect(bytes(fast.centroids.data)).toEqual(bytes(slow.centroids.data));
      expect(fast.inertia).toBe(slow.inertia);
      expect(fast.iterations).toBe(slow.iterations);
    }
  });

  it("seed k-means++ with the same bits, also with more than eight candidates per centre (k > e^7)", () => {
    let state = 7;
    const next = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 4294967296;
    };
    const rows = Array.from({ length: 1200 }, () => [next(), next(), next()]);
    const fast = kmeans(rows, 1100, { seed: 4, maxIter: 1 });
    disableWasmKernels(true);
    const slow = kmeans(rows, 1100, { seed: 4, maxIter: 1 });
    expect(bytes(fast.centroids.data)).toEqual(bytes(slow.centroids.data));
    expect(bytes(fast.labels)).toEqual(bytes(slow.labels));
    expect(new Set(fast.labels).size).toBeGreaterThan(1000);
  });
});
