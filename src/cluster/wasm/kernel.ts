import { KERNEL_WASM, KERNEL_WASM_SHARED } from "./kernelBytes.js";

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

const PAGE = 65536;
/** wasm32 addresses 4 GiB; larger workspaces use the JavaScript kernels. */
export const MAX_KERNEL_BYTES = 65536 * PAGE;

const compiled = new Map<boolean, WebAssembly.Module | null>();
let disabled = false;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * The compiled kernel module, or null where WebAssembly (with SIMD, and shared memory when
 * `shared`) is unavailable: the caller then uses the JavaScript kernels, which give the
 * same bits. The module is 1.4 kB, under browsers' limit for synchronous compilation.
 */
export function kernelModule(shared: boolean): WebAssembly.Module | null {
  if (disabled) return null;
  if (!compiled.has(shared)) {
    let module: WebAssembly.Module | null = null;
    try {
      if (typeof WebAssembly === "object" && (!shared || typeof SharedArrayBuffer === "function")) {
        const bytes = decode(shared ? KERNEL_WASM_SHARED : KERNEL_WASM);
        if (WebAssembly.validate(bytes)) module = new WebAssembly.Module(bytes);
      }
    } catch {
      module = null;
    }
    compiled.set(shared, module);
  }
  return compiled.get(shared) ?? null;
}

/** A memory of at least `bytes` for the kernel, or null if the runtime refuses one that large. */
export function createKernelMemory(bytes: number, shared: boolean): WebAssembly.Memory | null {
  if (bytes > MAX_KERNEL_BYTES) return null;
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  try {
    return new WebAssembly.Memory({ initial: pages, maximum: pages, shared });
  } catch {
    return null;
  }
}

export function instantiateKernel(module: WebAssembly.Module, memory: WebAssembly.Memory): WasmKernel {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { memory, ...(instance.exports as unknown as Omit<WasmKernel, "memory">) };
}

/** Turns the WebAssembly kernels off (true) or back on, to compare them with the JavaScript ones. */
export function disableWasmKernels(off: boolean): void {
  disabled = off;
}

/** Where one typed array lives; posted as-is to worker threads. */
export interface Region {
  readonly buffer: ArrayBufferLike;
  readonly byteOffset: number;
  readonly length: number;
}

/** One array of an arena: name, element count, element type. */
export type ArenaSpec = readonly [name: string, length: number, type: "int32" | "float64"];

/**
 * Lays out the arrays in one kernel memory (64-byte aligned, nothing at offset 0 so that
 * 0 can mean "none"), or returns null when the kernels or so much memory are unavailable.
 */
export function createArena(
  specs: readonly ArenaSpec[],
  shared: boolean,
): {
  readonly memory: WebAssembly.Memory;
  readonly module: WebAssembly.Module;
  readonly regions: Map<string, Region>;
} | null {
  const module = kernelModule(shared);
  if (module === null) return null;
  const offsets: number[] = [];
  let end = 64;
  for (const [, length, type] of specs) {
    offsets.push(end);
    end += Math.ceil((length * (type === "int32" ? 4 : 8)) / 64) * 64;
  }
  const memory = createKernelMemory(end, shared);
  if (memory === null) return null;
  const regions = new Map<string, Region>();
  specs.forEach(([name, length], i) => {
    regions.set(name, { buffer: memory.buffer, byteOffset: offsets[i] as number, length });
  });
  return { memory, module, regions };
}
