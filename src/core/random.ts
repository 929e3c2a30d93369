import { log } from "./math.js";

/**
 * The one source of randomness in topiclens: xoshiro128** (Blackman & Vigna, 2018)
 * seeded through splitmix32. It uses only 32-bit integer arithmetic, so a seed gives
 * the same stream on every JavaScript engine and platform.
 */
export interface Random {
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** A uniform integer in [0, n), without modulo bias. */
  nextInt(n: number): number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A seeded generator. Seeds are integers; equal seeds give equal streams. */
export function createRandom(seed = 0): Random {
  // Fold seeds beyond 32 bits so that 2**32 + 1 and 1 differ.
  const hi = Math.floor(seed / 4294967296);
  const init = splitmix32((seed >>> 0) ^ Math.imul(hi >>> 0, 0x27d4eb2d));
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  if ((a | b | c | d) === 0) a = 1;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return {
    nextUint32,
    nextFloat() {
      const high = nextUint32() >>> 5; // 27 bits
      const low = nextUint32() >>> 6; // 26 bits
      return (high * 67108864 + low) / 9007199254740992;
    },
    nextInt(n: number) {
      if (n <= 1) return 0;
      if (n <= 4294967296) {
        // Lemire-style rejection on the 32-bit range to avoid modulo bias.
        const limit = 4294967296 - (4294967296 % n);
        for (;;) {
          const v = nextUint32();
          if (v < limit) return v % n;
        }
      }
      return Math.floor(this.nextFloat() * n);
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A Fisher-Yates shuffled copy of 0..n-1. */
export function randomPermutation(n: number, random: Random): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    const t = out[i] as number;
    out[i] = out[j] as number;
    out[j] = t;
  }
  return out;
}

/** `count` distinct indices from [0, n), in the order drawn (partial Fisher-Yates). */
export function sampleWithoutReplacement(n: number, count: number, random: Random): Int32Array {
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  const m = Math.min(count, n);
  for (let i = 0; i < m; i++) {
    const j = i + random.nextInt(n - i);
    const t = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = t;
  }
  return pool.slice(0, m);
}

/** `size` standard normal draws from `random`. */
export function standardNormals(size: number, random: Random): Float64Array {
  const out = new Float64Array(size);
  for (let i = 0; i < size; i += 2) {
    // Marsaglia's polar method: two standard normals from a point in the unit disc,
    // using only log and sqrt (no engine-dependent trigonometry).
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * random.nextFloat() - 1;
      v = 2 * random.nextFloat() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const scale = Math.sqrt((-2 * log(s)) / s);
    out[i] = u * scale;
    if (i + 1 < size) out[i + 1] = v * scale;
  }
  return out;
}
