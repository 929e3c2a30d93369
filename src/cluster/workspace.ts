import type { Points } from "../core/points.js";
import {
  type AssignScratch,
  accumulateCenters,
  assignRows,
  clearSums,
  finishBlockSums,
  paddedK,
  prepareCenters,
  updateBlocks,
} from "./assign.js";
import type { AssignSession } from "./parallel.js";
import { type ArenaSpec, createArena, instantiateKernel, type Region, type WasmKernel } from "./wasm/kernel.js";

export type { Region } from "./wasm/kernel.js";

/**
 * Every array a k-means run's assignment and update steps touch. With `memory` set, all
 * of them live in that WebAssembly memory and the WebAssembly kernels run; otherwise the
 * JavaScript kernels run over the regions wherever they are.
 */
export interface WorkspaceLayout {
  readonly kind: "dense" | "sparse";
  readonly rows: number;
  readonly cols: number;
  readonly k: number;
  readonly threads: number;
  readonly memory: WebAssembly.Memory | null;
  /** The compiled kernel, posted along so that workers share its optimised code. */
  readonly module: WebAssembly.Module | null;
  readonly indptr: Region | null;
  readonly indices: Region | null;
  readonly data: Region;
  /** Dense float32 rows stay float32 (the kernels widen each value as they read it). */
  readonly dataType: "float32" | "float64";
  readonly xSquaredNorms: Region;
  readonly weights: Region | null;
  readonly centerSquaredNorms: Region;
  /** `2 · paddedK(k)` dot products per thread. */
  readonly dots: Region;
  readonly centersT: Region;
  readonly centers: Region;
  readonly labels: Region;
  readonly distances: Region;
  readonly sums: Region;
  /** The second block's sums (see `updateBlocks`), added to `sums` by `finishSums`. */
  readonly partial: Region;
  readonly clusterWeights: Region;
  readonly subsetIds: Region;
  readonly subsetLabels: Region;
  readonly subsetDistances: Region;
}

/** Typed-array views of a layout for one thread, and the kernels over them. */
export interface Workspace {
  readonly layout: WorkspaceLayout;
  readonly points: Points;
  readonly xSquaredNorms: Float64Array;
  readonly weights: Float64Array | null;
  readonly scratch: AssignScratch;
  readonly labels: Int32Array;
  readonly distances: Float64Array;
  readonly sums: Float64Array;
  readonly clusterWeights: Float64Array;
  readonly subsetIds: Int32Array;
  readonly subsetLabels: Int32Array;
  readonly subsetDistances: Float64Array;
  /** Whether the WebAssembly kernels run. */
  readonly wasm: boolean;
  /** Publishes centres for the next assignment (calling thread only). */
  prepare(centers: Float64Array): void;
  /** Row bounds of the update step's blocks (see `updateBlocks`). */
  readonly blocks: readonly number[];
  /** Labels rows [from, to); returns their weighted squared distances summed in row order. */
  assign(from: number, to: number): number;
  /** The update-step sums of one block of rows, into its buffer (cleared first). */
  sumBlock(block: number): void;
  /** Adds the blocks' sums in order into `sums` and sums the cluster weights in row order. */
  finishSums(): void;
  /** Labels subset positions [from, to) (row `subsetIds[t]`). */
  assignSubset(from: number, to: number): number;
  /** A single block's update-step sums over columns [lo, hi) (threads split the columns). */
  accumulate(columns: readonly [number, number]): void;
}

/**
 * A workspace for `p` and k centres. With `threads` > 1 every array is shared, for
 * worker threads to open with {@link openWorkspace}. The WebAssembly kernels are used
 * when the runtime has them, at the price of one copy of the matrix; a matrix already in
 * shared memory is then used in place by the JavaScript kernels instead.
 */
export function createWorkspace(
  p: Points,
  xSquaredNorms: Float64Array,
  weights: Float64Array | null,
  k: number,
  threads = 1,
): Workspace {
  const shared = threads > 1;
  const n = p.rows;
  const d = p.cols;
  const kp = paddedK(k);
  const nnz = p.kind === "sparse" ? (p.indptr[n] as number) : n * d;
  const alreadyShared = shared && p.data.buffer instanceof SharedArrayBuffer;
  // Dense float32 rows (LSA at scale) are kept as float32: half the memory of a float64 copy.
  const dataType = p.kind === "dense" && p.data instanceof Float32Array ? "float32" : "float64";
  const sizes = (wasm: boolean): ArenaSpec[] => [
    ["indptr", p.kind === "sparse" ? n + 1 : 0, "int32"],
    ["indices", p.kind === "sparse" ? nnz : 0, "int32"],
    ["data", nnz, dataType],
    ["xSquaredNorms", n, "float64"],
    ["weights", weights === null ? 0 : n, "float64"],
    ["centerSquaredNorms", k, "float64"],
    // Two rows' dot products per thread (the sparse WebAssembly kernel works on row pairs).
    ["dots", 2 * kp * threads, "float64"],
    // The WebAssembly kernels read centres feature-major for both layouts.
    ["centersT", p.kind === "sparse" || wasm ? kp * d : 0, "float64"],
    ["centers", p.kind === "dense" && !wasm ? k * d : 0, "float64"],
    ["labels", n, "int32"],
    ["distances", n, "float64"],
    ["sums", k * d, "float64"],
    ["partial", updateBlocks(n, k, d).length === 3 ? k * d : 0, "float64"],
    ["clusterWeights", k, "float64"],
    ["subsetIds", shared ? n : 0, "int32"],
    ["subsetLabels", shared ? n : 0, "int32"],
    ["subsetDistances", shared ? n : 0, "float64"],
  ];
  const arena = alreadyShared ? null : createArena(sizes(true), shared);
  const sources: Partial<Record<string, ArrayLike<number>>> = {
    indptr: p.kind === "sparse" ? p.indptr : undefined,
    indices: p.kind === "sparse" ? p.indices.subarray(0, nnz) : undefined,
    data: p.data.subarray(0, nnz),
    xSquaredNorms,
    weights: weights ?? undefined,
  };
  const regions = {} as Record<string, Region | null>;
  for (const [name, length, kind] of sizes(arena !== null)) {
    const source = sources[name];
    if (source === undefined && length === 0 && (name === "indptr" || name === "indices" || name === "weights")) {
      regions[name] = null;
      continue;
    }
    const region = arena?.regions.get(name);
    if (region !== undefined) {
      if (source !== undefined) typedView(kind, region.buffer, region.byteOffset, length).set(source);
      regions[name] = region;
    } else regions[name] = hostRegion(source, length, kind, shared);
  }
  const layout = {
    kind: p.kind,
    rows: n,
    cols: d,
    k,
    threads,
    memory: arena?.memory ?? null,
    module: arena?.module ?? null,
    dataType,
    ...regions,
  } as WorkspaceLayout;
  return openWorkspace(layout, 0);
}

/** Uses `source` in place when it already suits (same type; shared if needed), else copies it. */
function hostRegion(
  source: ArrayLike<number> | undefined,
  length: number,
  kind: ArenaSpec[2],
  shared: boolean,
): Region {
  const Type = kind === "int32" ? Int32Array : kind === "float32" ? Float32Array : Float64Array;
  if (source instanceof Type && (!shared || source.buffer instanceof SharedArrayBuffer) && source.length === length) {
    return { buffer: source.buffer, byteOffset: source.byteOffset, length };
  }
  const bytes = Math.max(1, length) * Type.BYTES_PER_ELEMENT;
  const buffer: ArrayBufferLike = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  const view = typedView(kind, buffer, 0, length);
  if (source !== undefined) view.set(source);
  return { buffer: view.buffer, byteOffset: 0, length };
}

function typedView(kind: ArenaSpec[2], buffer: ArrayBufferLike, byteOffset: number, length: number) {
  if (kind === "int32") return new Int32Array(buffer, byteOffset, length);
  return kind === "float32"
    ? new Float32Array(buffer, byteOffset, length)
    : new Float64Array(buffer, byteOffset, length);
}

/** Views of a layout for thread `slot` (0 = the calling thread), as made by {@link createWorkspace}. */
export function openWorkspace(layout: WorkspaceLayout, slot: number): Workspace {
  const f64 = (r: Region) => new Float64Array(r.buffer, r.byteOffset, r.length);
  const i32 = (r: Region) => new Int32Array(r.buffer, r.byteOffset, r.length);
  const { k, rows: n, cols: d } = layout;
  const kp = paddedK(k);
  const f32Rows = layout.dataType === "float32";
  const data = typedView(layout.dataType, layout.data.buffer, layout.data.byteOffset, layout.data.length) as
    | Float32Array
    | Float64Array;
  const points: Points =
    layout.kind === "sparse"
      ? {
          kind: "sparse",
          rows: n,
          cols: d,
          indptr: i32(layout.indptr as Region),
          indices: i32(layout.indices as Region),
          data,
        }
      : { kind: "dense", rows: n, cols: d, data };
  const dotsAll = f64(layout.dots);
  const scratch: AssignScratch = {
    centerSquaredNorms: f64(layout.centerSquaredNorms),
    dots: dotsAll.subarray(2 * slot * kp, 2 * (slot + 1) * kp),
    centersT: f64(layout.centersT),
    centers: f64(layout.centers),
  };
  const xSquaredNorms = f64(layout.xSquaredNorms);
  const weights = layout.weights === null ? null : f64(layout.weights);
  const labels = i32(layout.labels);
  const distances = f64(layout.distances);
  const sums = f64(layout.sums);
  const partial = f64(layout.partial);
  const blocks = updateBlocks(n, k, d);
  const blockSums = (block: number) => (block === 0 ? sums : partial);
  const clusterWeights = f64(layout.clusterWeights);
  const subsetIds = i32(layout.subsetIds);
  const subsetLabels = i32(layout.subsetLabels);
  const subsetDistances = f64(layout.subsetDistances);
  const wasm: WasmKernel | null =
    layout.module === null || layout.memory === null ? null : instantiateKernel(layout.module, layout.memory);
  if (layout.memory !== null && wasm === null) {
    // Only possible in a thread whose runtime lacks what the creating thread had.
    throw new Error("topiclens: WebAssembly kernel unavailable in this thread");
  }
  const at = (a: { byteOffset: number } | null) => (a === null ? 0 : a.byteOffset);

  // The kernels' arguments are fixed for the workspace's life: bound once, not per call.
  const assignInto = (outLabels: Int32Array, outDistances: Float64Array, ids: Int32Array | null) => {
    if (wasm === null) {
      return (from: number, to: number): number =>
        assignRows(points, xSquaredNorms, weights, k, scratch, outLabels, outDistances, from, to, ids);
    }
    const ct = at(scratch.centersT);
    const cNorms = at(scratch.centerSquaredNorms);
    const xNorms = at(xSquaredNorms);
    const w = at(weights);
    const l = at(outLabels);
    const dist = at(outDistances);
    const dots = at(scratch.dots);
    const rowIds = at(ids);
    const x = at(data);
    if (points.kind === "dense") {
      const kernel = f32Rows ? wasm.assignDense32 : wasm.assignDense;
      return (from: number, to: number): number =>
        kernel(x, d, ct, kp, k, cNorms, xNorms, w, l, dist, dots, rowIds, from, to);
    }
    const indptr = at(points.indptr);
    const indices = at(points.indices);
    return (from: number, to: number): number =>
      wasm.assignSparse(indptr, indices, x, ct, kp, k, cNorms, xNorms, w, l, dist, dots, rowIds, from, to);
  };
  const sumRows = (into: Float64Array, lo: number, hi: number, from: number, to: number): void => {
    if (wasm === null) {
      accumulateCenters(points, weights, labels, into, null, [lo, hi], [from, to]);
      return;
    }
    clearSums(into, null, d, lo, hi);
    if (f32Rows) {
      wasm.accumulate32(at(data), d, at(weights), at(labels), at(into), 0, lo, hi, from, to);
      return;
    }
    wasm.accumulate(
      points.kind === "sparse" ? 1 : 0,
      points.kind === "sparse" ? at(points.indptr) : 0,
      points.kind === "sparse" ? at(points.indices) : 0,
      at(data),
      d,
      at(weights),
      at(labels),
      at(into),
      0,
      lo,
      hi,
      from,
      to,
    );
  };

  return {
    layout,
    points,
    xSquaredNorms,
    weights,
    scratch,
    labels,
    distances,
    sums,
    clusterWeights,
    subsetIds,
    subsetLabels,
    subsetDistances,
    wasm: wasm !== null,
    prepare(centers) {
      prepareCenters(points, centers, k, scratch);
    },
    assign: assignInto(labels, distances, null),
    assignSubset: assignInto(subsetLabels, subsetDistances, subsetIds),
    blocks,
    sumBlock(block) {
      sumRows(blockSums(block), 0, d, blocks[block] as number, blocks[block + 1] as number);
    },
    accumulate([lo, hi]) {
      sumRows(sums, lo, hi, 0, n);
    },
    finishSums() {
      const add = wasm === null ? null : () => wasm.addInto(at(sums), at(partial), sums.length);
      finishBlockSums(sums, partial, blocks.length - 1, add, labels, weights, clusterWeights);
    },
  };
}

/**
 * A single-threaded session over a private workspace: what `runLloyd` uses when no
 * worker pool is given, and what a pool falls back to.
 */
export function localSession(
  p: Points,
  xSquaredNorms: Float64Array,
  weights: Float64Array | null,
  k: number,
  warning: string | null = null,
): AssignSession {
  const ws = createWorkspace(p, xSquaredNorms, weights, k);
  return {
    warning,
    assign(centers, labels, distances) {
      ws.prepare(centers);
      ws.assign(0, p.rows);
      labels.set(ws.labels);
      distances.set(ws.distances);
      return totalDistance(ws);
    },
    accumulate(sums, clusterWeights) {
      for (let b = 0; b + 1 < ws.blocks.length; b++) ws.sumBlock(b);
      ws.finishSums();
      sums.set(ws.sums);
      clusterWeights.set(ws.clusterWeights);
    },
    end() {},
  };
}

/** The weighted sum of the squared distances, in row order (however the rows were split). */
export function totalDistance(ws: Workspace): number {
  const { distances, weights } = ws;
  let total = 0;
  for (let i = 0; i < distances.length; i++)
    total += weights === null ? (distances[i] as number) : (distances[i] as number) * (weights[i] as number);
  return total;
}
