/**
 * A hash map from pairs of non-negative int32 keys to int32 values, by open addressing
 * with linear probing over typed arrays: no per-entry objects and no boxed numbers, for
 * the vectorizer's n-gram lookups (prefix id, word id) -> n-gram id.
 */
export class IntPairMap {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let c = 16;
    while (c < capacity * 2) c *= 2;
    this.keysA = new Int32Array(c).fill(-1);
    this.keysB = new Int32Array(c);
    this.values = new Int32Array(c);
    this.mask = c - 1;
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    let i = h & this.mask;
    while (this.keysA[i] !== -1 && (this.keysA[i] !== a || this.keysB[i] !== b)) i = (i + 1) & this.mask;
    return i;
  }

  /** The value of (a, b), or -1. */
  get(a: number, b: number): number {
    const i = this.slot(a, b);
    return this.keysA[i] === -1 ? -1 : (this.values[i] as number);
  }

  set(a: number, b: number, value: number): void {
    const i = this.slot(a, b);
    if (this.keysA[i] === -1) {
      this.keysA[i] = a;
      this.keysB[i] = b;
      this.size++;
    }
    this.values[i] = value;
    if (this.size * 2 > this.mask) this.grow();
  }

  private grow(): void {
    const { keysA, keysB, values } = this;
    const c = keysA.length * 2;
    this.keysA = new Int32Array(c).fill(-1);
    this.keysB = new Int32Array(c);
    this.values = new Int32Array(c);
    this.mask = c - 1;
    this.size = 0;
    for (let i = 0; i < keysA.length; i++) {
      if (keysA[i] !== -1) this.set(keysA[i] as number, keysB[i] as number, values[i] as number);
    }
  }
}
