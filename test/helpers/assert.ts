import { expect } from "vitest";

/** |a - b| <= atol + rtol * |b| for every element, reporting the first failure. */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  { atol = 0, rtol = 0 }: { atol?: number; rtol?: number },
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const b = expected[i] as number;
    if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
      expect.fail(`element ${i}: ${a} differs from ${b} by ${Math.abs(a - b)} (atol ${atol}, rtol ${rtol})`);
    }
  }
}

/** Deep-freezes plain arrays and objects so that any mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value as object)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A checksum of a typed array's bytes, to prove it was not mutated. */
export function checksum(a: ArrayBufferView): number {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let h = 2166136261;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 16777619);
  return h >>> 0;
}

/** Runs `call` and checks it throws an error of `type` naming `argument` (the option or parameter at fault). */
export function expectArgumentError(
  call: () => unknown,
  type: abstract new (...args: never[]) => Error,
  argument: string,
): void {
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(type);
  expect((error as { argument?: string }).argument).toBe(argument);
}
