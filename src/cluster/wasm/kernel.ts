import { type ArenaSpec, compileWasm, createKernelMemory, layoutArena, wasmKernelsDisabled } from "../../core/wasm.js";
import { KERNEL_WASM, KERNEL_WASM_SHARED } from "./kernelBytes.js";

export type { ArenaSpec, Region } from "../../core/wasm.js";
export { compileWasm, createKernelMemory, disableWasmKernels, wasmKernelsDisabled } from "../../core/wasm.js";

/** The exports of kernel.wat; every pointer is a byte offset into the instance's memory (0 = none). */
export interface WasmKernel {
  readonly memory: WebAssembly.Memory;
  assignSparse(
    indptr: number,
    indices: number,
    data: number,
    centersT: number,
    kp: number,
    k: number,
    centerSquaredNorms: number,
    xSquaredNorms: number,
    weights: number,
    labels: number,
    distances: number,
    dots: number,
    ids: number,
    from: number,
    to: number,
  ): number;
  assignDense(
    data: number,
    d: number,
    centersT: number,
    kp: number,
    k: number,
    centerSquaredNorms: number,
    xSquaredNorms: number,
    weights: number,
    labels: number,
    distances: number,
    dots: number,
    ids: number,
    from: number,
    to: number,
  ): number;
  /** assignDense over float32 rows (widened exactly as they are read). */
  assignDense32: WasmKernel["assignDense"];
  /** accumulate over dense float32 rows. */
  accumulate32(
    data: number,
    d: number,
    weights: number,
    labels: number,
    sums: number,
    clusterWeights: number,
    lo: number,
    hi: number,
    from: number,
    to: number,
  ): void;
  accumulate(
    sparse: number,
    indptr: number,
    indices: number,
    data: number,
    d: number,
    weights: number,
    labels: number,
    sums: number,
    clusterWeights: number,
    lo: number,
    hi: number,
    from: number,
    to: number,
  ): void;
  addInto(dst: number, src: number, count: number): void;
  dots(
    sparse: number,
    indptr: number,
    indices: number,
    data: number,
    d: number,
    centersT: number,
    kp: number,
    out: number,
    from: number,
    to: number,
  ): void;
  distance(a: number, b: number, d: number): number;
  elkanInit(
    x: number,
    d: number,
    centers: number,
    k: number,
    half: number,
    labels: number,
    upper: number,
    lower: number,
    from: number,
    to: number,
  ): void;
  elkanAssign(
    x: number,
    d: number,
    centers: number,
    k: number,
    half: number,
    nearest: number,
    labels: number,
    upper: number,
    lower: number,
    from: number,
    to: number,
  ): void;
  elkanShift(labels: number, upper: number, lower: number, shift: number, k: number, n: number): void;
}

const compiled = new Map<boolean, WebAssembly.Module | null>();

/**
 * The compiled kernel module, or null where WebAssembly (with SIMD, and shared memory when
 * `shared`) is unavailable: the caller then uses the JavaScript kernels, which give the
 * same bits. The module is 1.4 kB, under browsers' limit for synchronous compilation.
 */
export function kernelModule(shared: boolean): WebAssembly.Module | null {
  if (wasmKernelsDisabled()) return null;
  if (!compiled.has(shared)) {
    const module = compileWasm(shared ? KERNEL_WASM_SHARED : KERNEL_WASM, shared);
    if (module !== null) warmUp(module, shared);
    compiled.set(shared, module);
  }
  return compiled.get(shared) ?? null;
}

/**
 * Lays out the arrays in one memory for the k-means kernel module (see `layoutArena`),
 * or returns null when the kernels or so much memory are unavailable.
 */
export function createArena(
  specs: readonly ArenaSpec[],
  shared: boolean,
  module: WebAssembly.Module | null = kernelModule(shared),
): ReturnType<typeof layoutArena> {
  return layoutArena(specs, shared, module);
}

export function instantiateKernel(module: WebAssembly.Module, memory: WebAssembly.Memory): WasmKernel {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { memory, ...(instance.exports as unknown as Omit<WasmKernel, "memory">) };
}

/**
 * Runs the hot kernels on a few kilobytes of synthetic data. Engines first run WebAssembly
 * from a quick baseline compilation and optimise a function once it has done enough work;
 * this spends that budget up front (a few milliseconds, once), so a real run starts on
 * optimised code. Worker threads share the compiled module, and its optimised code.
 */
function warmUp(module: WebAssembly.Module, shared: boolean): void {
  const memory = createKernelMemory(65536, shared);
  if (memory === null) return;
  const kernel = instantiateKernel(module, memory);
  const rows = 64;
  const perRow = 16;
  const d = 32;
  const k = 8;
  // Byte offsets of the arrays inside the one 64 kB page.
  const indptr = 64;
  const indices = 512;
  const sparseData = 8192;
  const centersT = 16384;
  const norms = 18432;
  const labels = 19008;
  const distances = 19264;
  const dots = 19776;
  const sums = 20032;
  const denseData = 32768;
  const i32 = new Int32Array(memory.buffer);
  const f64 = new Float64Array(memory.buffer);
  for (let i = 0; i <= rows; i++) i32[indptr / 4 + i] = i * perRow;
  for (let q = 0; q < rows * perRow; q++) {
    i32[indices / 4 + q] = (q % perRow) * 2;
    f64[sparseData / 8 + q] = 1;
  }
  for (let t = 0; t < 200; t++) {
    kernel.assignSparse(
      indptr,
      indices,
      sparseData,
      centersT,
      k,
      k,
      norms,
      norms,
      0,
      labels,
      distances,
      dots,
      0,
      0,
      rows,
    );
    kernel.assignDense(denseData, d, centersT, k, k, norms, norms, 0, labels, distances, dots, 0, 0, rows);
    kernel.accumulate(1, indptr, indices, sparseData, d, 0, labels, sums, 0, 0, d, 0, rows);
    kernel.accumulate(0, 0, 0, denseData, d, 0, labels, sums, 0, 0, d, 0, rows);
    kernel.assignDense32(denseData, d, centersT, k, k, norms, norms, 0, labels, distances, dots, 0, 0, rows);
    kernel.accumulate32(denseData, d, 0, labels, sums, 0, 0, d, 0, rows);
  }
}
