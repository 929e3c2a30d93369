/** The typed arrays a {@link Growable} can hold. */
type Packed = Int32Array | Uint16Array;

/** An append-only typed array that grows geometrically (amortised O(1) push). */
class Growable<A extends Packed> {
  private buffer: A;
  length = 0;

  constructor(
    private readonly make: (size: number) => A,
    capacity: number,
  ) {
    this.buffer = make(Math.max(16, capacity));
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
  view(): A {
    return this.buffer.subarray(0, this.length) as A;
  }

  /** A compact copy of the live elements. */
  toArray(): A {
    return this.buffer.slice(0, this.length) as A;
  }

  private grow(min: number): void {
    const next = this.make(Math.max(min, this.buffer.length * 2));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}

/** An append-only Int32Array that grows geometrically (amortised O(1) push). */
export class GrowableInt32 extends Growable<Int32Array> {
  constructor(capacity = 1024) {
    super((size) => new Int32Array(size), capacity);
  }
}

/** An append-only Uint16Array that grows geometrically (amortised O(1) push). */
export class GrowableUint16 extends Growable<Uint16Array> {
  constructor(capacity = 1024) {
    super((size) => new Uint16Array(size), capacity);
  }
}
