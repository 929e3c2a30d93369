/**
 * Typed arrays that can live in shared memory. With `shared`, worker threads can read
 * them without a copy (Node, Deno, and cross-origin-isolated pages have
 * SharedArrayBuffer); otherwise they are ordinary arrays.
 */
export function float64Array(length: number, shared = false): Float64Array {
  return shared
    ? new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8), 0, length)
    : new Float64Array(length);
}

export function int32Array(length: number, shared = false): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length) : new Int32Array(length);
}
