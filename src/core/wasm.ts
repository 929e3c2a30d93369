import type { Points } from "./points.js";

// WebAssembly loading shared by every kernel module (k-means, SVD): compile a module from
// base64, lay out typed arrays in one memory, and the switch that turns all kernels off.

const PAGE = 65536;
/** wasm32 addresses 4 GiB; larger workspaces use the JavaScript kernels. */
const MAX_KERNEL_BYTES = 65536 * PAGE;

let disabled = false;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Compiles a base64 module, or null where WebAssembly (with SIMD, and shared memory when `shared`) is unavailable. */
export function compileWasm(base64: string, shared: boolean): WebAssembly.Module | null {
  if (disabled) return null;
  try {
    if (typeof WebAssembly !== "object" || (shared && typeof SharedArrayBuffer !== "function")) return null;
    const bytes = decode(base64);
    return WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    return null;
  }
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

/** Turns the WebAssembly kernels off (true) or back on, to compare them with the JavaScript ones. */
export function disableWasmKernels(off: boolean): void {
  disabled = off;
}

export function wasmKernelsDisabled(): boolean {
  return disabled;
}

/** Where one typed array lives; posted as-is to worker threads. */
export interface Region {
  readonly buffer: ArrayBufferLike;
  readonly byteOffset: number;
  readonly length: number;
}

/** One array of an arena: name, element count, element type. */
export type ArenaSpec = readonly [name: string, length: number, type: "int32" | "float32" | "float64"];

/**
 * Lays out the arrays in one kernel memory (64-byte aligned, nothing at offset 0 so that
 * 0 can mean "none"), or returns null when the kernels or so much memory are unavailable.
 */
export function layoutArena(
  specs: readonly ArenaSpec[],
  shared: boolean,
  module: WebAssembly.Module | null,
): {
  readonly memory: WebAssembly.Memory;
  readonly module: WebAssembly.Module;
  readonly regions: Map<string, Region>;
} | null {
  if (module === null) return null;
  const offsets: number[] = [];
  let end = 64;
  for (const [, length, type] of specs) {
    offsets.push(end);
    end += Math.ceil((length * (type === "float64" ? 8 : 4)) / 64) * 64;
  }
  const memory = createKernelMemory(end, shared);
  if (memory === null) return null;
  const regions = new Map<string, Region>();
  specs.forEach(([name, length], i) => {
    regions.set(name, { buffer: memory.buffer, byteOffset: offsets[i] as number, length });
  });
  return { memory, module, regions };
}

/** Typed views of an arena's regions, by name (each region must exist). */
export function arenaViews(regions: ReadonlyMap<string, Region>): {
  readonly region: (name: string) => Region;
  readonly f64: (name: string) => Float64Array;
  readonly i32: (name: string) => Int32Array;
} {
  const region = (name: string) => regions.get(name) as Region;
  return {
    region,
    f64: (name) => new Float64Array(region(name).buffer, region(name).byteOffset, region(name).length),
    i32: (name) => new Int32Array(region(name).buffer, region(name).byteOffset, region(name).length),
  };
}

/** Copies the first `nnz` entries of rows [0, n) into the arena's "indptr", "indices" (sparse) and "data" regions. */
export function copyPointsInto(views: ReturnType<typeof arenaViews>, p: Points, n: number, nnz: number): void {
  if (p.kind === "sparse") {
    views.i32("indptr").set(p.indptr.subarray(0, n + 1));
    views.i32("indices").set(p.indices.subarray(0, nnz));
  }
  views.f64("data").set(p.data.subarray(0, nnz));
}
