/** An append-only Int32Array that grows geometrically (amortised O(1) push). */
export class GrowableInt32 {
  private buffer: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.buffer = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.buffer.length) this.grow(this.length + 1);
    this.buffer[this.length++] = value;
  }

  /** Element `i` (no bounds check beyond the typed array's own). */
  get(i: number): number {
    return this.buffer[i] as number;
  }

  set(i: number, value: number): void {
    this.buffer[i] = value;
  }

  /** Makes room for `size` elements, filling new ones with 0. */
  ensureLength(size: number): void {
    if (size > this.buffer.length) this.grow(size);
    if (size > this.length) this.length = size;
  }

  /** The live elements, without copying. */
  view(): Int32Array {
    return this.buffer.subarray(0, this.length);
  }

  /** A compact copy of the live elements. */
  toArray(): Int32Array {
    return this.buffer.slice(0, this.length);
  }

  private grow(min: number): void {
    const next = new Int32Array(Math.max(min, this.buffer.length * 2));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}
