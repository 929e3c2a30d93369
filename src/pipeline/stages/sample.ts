import { createRandom, sampleWithoutReplacement } from "../../core/random.js";

/**
 * The documents behind every figure that would otherwise cost more as the corpus grows:
 * all of them up to `size`, else a seeded uniform sample of `size`, in document order.
 */
export function documentSample(n: number, size: number, seed: number): Int32Array | null {
  if (n <= size) return null;
  // A stream of its own, so the sample does not shift when other stages draw numbers.
  return sampleWithoutReplacement(n, size, createRandom(seed ^ 0x5a3c96e1)).sort();
}
