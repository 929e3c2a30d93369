const encoder = new TextEncoder();

/**
 * MurmurHash3 x86 32-bit (Austin Appleby, public domain) of the UTF-8 bytes of `key`, as
 * a signed 32-bit integer: scikit-learn's `murmurhash3_32(key, seed, positive=False)`.
 */
export function murmurhash3(key: string, seed = 0): number {
  const bytes = encoder.encode(key);
  const n = bytes.length;
  const blocks = n & ~3;
  let h = hashBlocks(bytes, blocks, seed >>> 0);
  const tail = n & 3;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= (bytes[blocks + 2] as number) << 16;
    if (tail >= 2) k ^= (bytes[blocks + 1] as number) << 8;
    k ^= bytes[blocks] as number;
    h ^= mixK(k);
  }
  return finalMix(h, n);
}

/**
 * Spark 2.x's `Murmur3_x86_32.hashUnsafeBytes`, which HashingTF used before Spark 3.0
 * (SPARK-23381): the same blocks, but each trailing byte is sign-extended and mixed in as
 * a block of its own, so keys whose UTF-8 length is not a multiple of 4 hash differently.
 */
export function murmurhash3Spark2(key: string, seed: number): number {
  const bytes = encoder.encode(key);
  const n = bytes.length;
  const blocks = n & ~3;
  let h = hashBlocks(bytes, blocks, seed >>> 0);
  for (let i = blocks; i < n; i++) h = mixH(h, mixK(((bytes[i] as number) << 24) >> 24));
  return finalMix(h, n);
}

function mixK(k: number): number {
  let x = Math.imul(k, 0xcc9e2d51);
  x = (x << 15) | (x >>> 17);
  return Math.imul(x, 0x1b873593);
}

function mixH(h: number, k: number): number {
  let x = h ^ k;
  x = (x << 13) | (x >>> 19);
  return (Math.imul(x, 5) + 0xe6546b64) | 0;
}

function hashBlocks(bytes: Uint8Array, blocks: number, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < blocks; i += 4) {
    const k =
      (bytes[i] as number) |
      ((bytes[i + 1] as number) << 8) |
      ((bytes[i + 2] as number) << 16) |
      ((bytes[i + 3] as number) << 24);
    h = mixH(h, mixK(k));
  }
  return h;
}

function finalMix(hash: number, length: number): number {
  let h = hash ^ length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
