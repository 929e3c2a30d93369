import { axpy, JAVASCRIPT_ROW_KERNELS, type RowKernels } from "../core/linalg.js";
import type { Points } from "../core/points.js";
import { arenaViews, compileWasm, copyPointsInto, layoutArena, wasmKernelsDisabled } from "../core/wasm.js";
import { LINALG_WASM } from "./linalgBytes.js";

/** The products and row passes of the randomized SVD, over buffers they own. */
export interface SvdKernels extends RowKernels {
  /** A features x l buffer and a rows x l buffer, for matrices of width up to l. */
  readonly featuresBuffer: Float64Array;
  readonly rowsBuffer: Float64Array;
  /** out (rows x width) = X·m, m features x width. */
  multiply(m: Float64Array, width: number, out: Float64Array): void;
  /** out (features x width) = Xᵀ·m, m rows x width. */
  multiplyTransposed(m: Float64Array, width: number, out: Float64Array): void;
}

interface LinalgExports {
  multiply(...args: number[]): void;
  multiplyTransposed(...args: number[]): void;
  gramUpper(a: number, rows: number, cols: number, gram: number): void;
  transformRows(a: number, rows: number, cols: number, t: number, tmp: number): void;
}

let linalgModule: WebAssembly.Module | null | undefined;

/**
 * SVD kernels for X: WebAssembly SIMD over a copy of X where the runtime has it, else
 * JavaScript. Both do each element's multiply-add in the same order, hence the same bits.
 * Arrays passed to them must be this object's buffers (or views of them).
 */
export function createSvdKernels(p: Points, l: number, transposed = true): SvdKernels {
  const n = p.rows;
  const d = p.cols;
  const nnz = p.kind === "sparse" ? (p.indptr[n] as number) : n * d;
  if (linalgModule === undefined) linalgModule = compileWasm(LINALG_WASM, false);
  const sparse = p.kind === "sparse";
  // Products with Xᵀ only when asked for (a projection needs none).
  const withT = sparse && transposed;
  const arena =
    linalgModule === null || wasmKernelsDisabled()
      ? null
      : layoutArena(
          [
            ["indptr", sparse ? n + 1 : 0, "int32"],
            ["indices", sparse ? nnz : 0, "int32"],
            ["data", nnz, "float64"],
            // Xᵀ as CSR too, its rows' entries in increasing row order: Xᵀ·M is then the same
            // row-update kernel as X·M, with each output element summed in the same order.
            ["indptrT", withT ? d + 1 : 0, "int32"],
            ["indicesT", withT ? nnz : 0, "int32"],
            ["dataT", withT ? nnz : 0, "float64"],
            ["features", d * l, "float64"],
            ["rows", n * l, "float64"],
            ["gram", l * l, "float64"],
            ["transform", l * l, "float64"],
            ["tmp", l, "float64"],
          ],
          false,
          linalgModule,
        );
  if (arena === null) return javascriptKernels(p, l);
  const views = arenaViews(arena.regions);
  const { region, f64, i32 } = views;
  copyPointsInto(views, p, n, nnz);
  if (withT) transposeInto(p, i32("indptrT"), i32("indicesT"), f64("dataT"));
  const gram = f64("gram");
  const transform = f64("transform");
  const wasm = new WebAssembly.Instance(arena.module, { env: { memory: arena.memory } })
    .exports as unknown as LinalgExports;
  const x = [
    sparse ? 1 : 0,
    sparse ? region("indptr").byteOffset : 0,
    sparse ? region("indices").byteOffset : 0,
    region("data").byteOffset,
    n,
    d,
  ];
  const xT = withT
    ? [1, region("indptrT").byteOffset, region("indicesT").byteOffset, region("dataT").byteOffset, d, n]
    : null;
  return {
    featuresBuffer: f64("features"),
    rowsBuffer: f64("rows"),
    multiply(m, width, out) {
      wasm.multiply(...x, m.byteOffset, width, out.byteOffset);
    },
    multiplyTransposed(m, width, out) {
      if (xT === null) wasm.multiplyTransposed(...x, m.byteOffset, width, out.byteOffset);
      else wasm.multiply(...xT, m.byteOffset, width, out.byteOffset);
    },
    gramUpper(a, rows, cols) {
      wasm.gramUpper(a.byteOffset, rows, cols, gram.byteOffset);
      return gram.slice(0, cols * cols);
    },
    transformRows(a, rows, cols, t) {
      transform.set(t);
      wasm.transformRows(a.byteOffset, rows, cols, transform.byteOffset, region("tmp").byteOffset);
    },
  };
}

/** CSR of Xᵀ into the given arrays, each row's entries in increasing column (row of X) order. */
function transposeInto(
  p: Extract<Points, { kind: "sparse" }>,
  indptr: Int32Array,
  indices: Int32Array,
  data: Float64Array,
): void {
  const n = p.rows;
  indptr.fill(0);
  for (let q = p.indptr[0] as number; q < (p.indptr[n] as number); q++) {
    const c = p.indices[q] as number;
    indptr[c + 1] = (indptr[c + 1] as number) + 1;
  }
  for (let c = 0; c < p.cols; c++) indptr[c + 1] = (indptr[c + 1] as number) + (indptr[c] as number);
  const fill = indptr.slice(0, p.cols);
  for (let i = 0; i < n; i++) {
    for (let q = p.indptr[i] as number, end = p.indptr[i + 1] as number; q < end; q++) {
      const c = p.indices[q] as number;
      const at = fill[c] as number;
      indices[at] = i;
      data[at] = p.data[q] as number;
      fill[c] = at + 1;
    }
  }
}

function javascriptKernels(p: Points, l: number): SvdKernels {
  return {
    ...JAVASCRIPT_ROW_KERNELS,
    featuresBuffer: new Float64Array(p.cols * l),
    rowsBuffer: new Float64Array(p.rows * l),
    multiply(m, width, out) {
      out.fill(0, 0, p.rows * width);
      for (let i = 0; i < p.rows; i++) {
        const o = i * width;
        if (p.kind === "sparse") {
          for (let q = p.indptr[i] as number, end = p.indptr[i + 1] as number; q < end; q++)
            axpy(out, o, m, (p.indices[q] as number) * width, p.data[q] as number, width);
        } else {
          for (let f = 0; f < p.cols; f++) {
            const v = p.data[i * p.cols + f] as number;
            if (v !== 0) axpy(out, o, m, f * width, v, width);
          }
        }
      }
    },
    multiplyTransposed(m, width, out) {
      out.fill(0, 0, p.cols * width);
      for (let i = 0; i < p.rows; i++) {
        const base = i * width;
        if (p.kind === "sparse") {
          for (let q = p.indptr[i] as number, end = p.indptr[i + 1] as number; q < end; q++)
            axpy(out, (p.indices[q] as number) * width, m, base, p.data[q] as number, width);
        } else {
          for (let f = 0; f < p.cols; f++) {
            const v = p.data[i * p.cols + f] as number;
            if (v !== 0) axpy(out, f * width, m, base, v, width);
          }
        }
      }
    },
  };
}

/**
 * X·m for one `m` (features x width) and many blocks of rows X in turn, as a projection of
 * more rows than are held at once makes them: one kernel memory holds m and each block,
 * and is replaced only when a block is larger than it (a memory per block left up to
 * hundreds of megabytes for the garbage collector). Each output row has the bits of
 * {@link SvdKernels.multiply} over the same row.
 */
export function createBlockMultiplier(m: Float64Array, features: number, width: number): (p: Points) => Float64Array {
  if (linalgModule === undefined) linalgModule = compileWasm(LINALG_WASM, false);
  let held: { rows: number; values: number; sparse: boolean; multiply: (p: Points) => Float64Array } | null = null;
  return (p) => {
    const values = p.kind === "sparse" ? (p.indptr[p.rows] as number) - (p.indptr[0] as number) : p.rows * p.cols;
    const sparse = p.kind === "sparse";
    if (held === null || held.rows < p.rows || held.values < values || held.sparse !== sparse) {
      // Room for somewhat larger blocks than this one, so that blocks of similar size share it.
      const rows = Math.max(p.rows, held?.rows ?? 0);
      const room = Math.ceil(Math.max(values, held?.values ?? 0) * (sparse ? 1.25 : 1));
      held = { rows, values: room, sparse, multiply: blockMultiply(m, features, width, rows, room, sparse) };
    }
    return held.multiply(p);
  };
}

function blockMultiply(
  m: Float64Array,
  features: number,
  width: number,
  rowsRoom: number,
  valuesRoom: number,
  sparse: boolean,
): (p: Points) => Float64Array {
  const module = linalgModule ?? null;
  const arena =
    module === null || wasmKernelsDisabled()
      ? null
      : layoutArena(
          [
            ["indptr", sparse ? rowsRoom + 1 : 0, "int32"],
            ["indices", sparse ? valuesRoom : 0, "int32"],
            ["data", valuesRoom, "float64"],
            ["features", features * width, "float64"],
            ["rows", rowsRoom * width, "float64"],
          ],
          false,
          module,
        );
  if (arena === null) {
    return (p) => {
      const out = new Float64Array(p.rows * width);
      javascriptKernels(p, 0).multiply(m, width, out);
      return out;
    };
  }
  const { region, f64, i32 } = arenaViews(arena.regions);
  const indptr = i32("indptr");
  const indices = i32("indices");
  const data = f64("data");
  f64("features").set(m.subarray(0, features * width));
  const rows = f64("rows");
  const wasm = new WebAssembly.Instance(arena.module, { env: { memory: arena.memory } })
    .exports as unknown as LinalgExports;
  return (p) => {
    const n = p.rows;
    if (p.kind === "sparse") {
      const start = p.indptr[0] as number;
      const end = p.indptr[n] as number;
      for (let i = 0; i <= n; i++) indptr[i] = (p.indptr[i] as number) - start;
      indices.set(p.indices.subarray(start, end));
      data.set(p.data.subarray(start, end));
    } else data.set(p.data.subarray(0, n * p.cols));
    wasm.multiply(
      sparse ? 1 : 0,
      sparse ? region("indptr").byteOffset : 0,
      sparse ? region("indices").byteOffset : 0,
      region("data").byteOffset,
      n,
      features,
      region("features").byteOffset,
      width,
      region("rows").byteOffset,
    );
    return rows.slice(0, n * width);
  };
}
