/**
 * Float64 arrays in saved models, packed as little-endian bytes in base64: about half the
 * size of JSON numbers, and exact (a restored model predicts the same bits). Written and
 * read without Node's Buffer, so saved models move between Node, Deno and browsers.
 */
export interface PackedFloats {
  readonly dtype: "float64";
  readonly length: number;
  /** The values' IEEE 754 little-endian bytes, base64-encoded. */
  readonly base64: string;
}

const littleEndian = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

export function packFloats(values: Float64Array): PackedFloats {
  const bytes = new Uint8Array(values.length * 8);
  if (littleEndian) bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  else {
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i] as number, true);
  }
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  }
  return { dtype: "float64", length: values.length, base64: btoa(binary) };
}

/**
 * Saved floats as a Float64Array of `length` finite values: packed (format version 2 on)
 * or a plain array of numbers (version 1). Anything else, or a value that is not finite,
 * is reported to `bad` with `name`.
 */
export function unpackFloats(name: string, value: unknown, length: number, bad: (what: string) => never): Float64Array {
  let out: Float64Array;
  if (Array.isArray(value)) {
    if (value.length !== length) bad(`${name} must hold ${length} numbers; got ${value.length}`);
    out = new Float64Array(length);
    value.forEach((v, i) => {
      if (typeof v !== "number") bad(`${name}[${i}] must be a number`);
      out[i] = v;
    });
  } else {
    const p = value as Partial<PackedFloats> | null;
    if (p === null || typeof p !== "object" || p.dtype !== "float64" || typeof p.base64 !== "string")
      bad(`${name} must be packed float64 values ({ dtype, length, base64 }) or an array of numbers`);
    const packed = p as PackedFloats;
    if (packed.length !== length) bad(`${name} must hold ${length} values; its length says ${packed.length}`);
    let binary: string;
    try {
      binary = atob(packed.base64);
    } catch {
      return bad(`${name} is not valid base64: the file may have been edited or truncated`);
    }
    if (binary.length !== length * 8)
      bad(`${name} holds ${binary.length} bytes, not ${length * 8}: the file may have been edited or truncated`);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    if (littleEndian) out = new Float64Array(bytes.buffer);
    else {
      const view = new DataView(bytes.buffer);
      out = Float64Array.from({ length }, (_, i) => view.getFloat64(i * 8, true));
    }
  }
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(out[i] as number)) bad(`${name}[${i}] must be a finite number; got ${out[i]}`);
  }
  return out;
}
