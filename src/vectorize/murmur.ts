const encoder = new TextEncoder();

/**
 * MurmurHash3 x86 32-bit (Austin Appleby, public domain) of the UTF-8 bytes of `key`, as
 * a signed 32-bit integer: scikit-learn's `murmurhash3_32(key, seed, positive=False)`.
 */
export function murmurhash3(key: string, seed = 0): number {
  const bytes = encoder.encode(key);
  return murmurhash3OfBytes(bytes, bytes.length, seed);
}

/** MurmurHash3 x86 32-bit of the first `n` bytes. */
export function murmurhash3OfBytes(bytes: Uint8Array, n: number, seed: number): number {
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
  return murmurhash3Spark2OfBytes(bytes, bytes.length, seed);
}

/** {@link murmurhash3Spark2} of the first `n` bytes. */
export function murmurhash3Spark2OfBytes(bytes: Uint8Array, n: number, seed: number): number {
  const blocks = n & ~3;
  let h = hashBlocks(bytes, blocks, seed >>> 0);
  for (let i = blocks; i < n; i++) h = mixH(h, mixK(((bytes[i] as number) << 24) >> 24));
  return finalMix(h, n);
}

/**
 * Writes the UTF-8 bytes of `text` into `into` (grown when short) and returns them with
 * their count, without allocating per call. A lone surrogate becomes `loneSurrogate`'s
 * bytes: Java's encoder (Spark's) writes "?", TextEncoder writes U+FFFD.
 */
export function utf8Into(
  text: string,
  into: { bytes: Uint8Array },
  loneSurrogate: readonly number[] = [0xef, 0xbf, 0xbd],
): number {
  if (into.bytes.length < text.length * 3) into.bytes = new Uint8Array(text.length * 3 + 16);
  const b = into.bytes;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) b[n++] = c;
    else if (c < 0x800) {
      b[n++] = 0xc0 | (c >> 6);
      b[n++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        b[n++] = 0xf0 | (c >> 18);
        b[n++] = 0x80 | ((c >> 12) & 63);
        b[n++] = 0x80 | ((c >> 6) & 63);
        b[n++] = 0x80 | (c & 63);
      } else for (const x of loneSurrogate) b[n++] = x;
    } else {
      b[n++] = 0xe0 | (c >> 12);
      b[n++] = 0x80 | ((c >> 6) & 63);
      b[n++] = 0x80 | (c & 63);
    }
  }
  return n;
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
