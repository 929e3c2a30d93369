import { readFile } from "node:fs/promises";
import type { DenseMatrix } from "../core/dense.js";
import { InvalidArgumentError } from "../core/errors.js";
import { systemReason } from "./systemReason.js";

/**
 * Document vectors made elsewhere, from a NumPy `.npy` file (float32 or float64, C or
 * Fortran order, 2-D: its header gives the shape) or a raw little-endian `.f32` file (its
 * width is found from `rows`, the number of documents).
 * @throws InvalidArgumentError for an unreadable file, another dtype or shape, or a raw
 * file whose size is not a multiple of `rows`.
 */
export async function readVectors(path: string, rows?: number): Promise<DenseMatrix> {
  const fn = "readVectors";
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InvalidArgumentError(`${fn}: cannot read ${path}: ${systemReason(error)}`, "path");
  }
  if (isNpy(bytes)) return parseNpy(fn, path, bytes);
  if (!/\.f32$/i.test(path)) {
    throw new InvalidArgumentError(
      `${fn}: ${path} is neither a NumPy .npy file (no \\x93NUMPY header) nor a raw .f32 file`,
      "path",
    );
  }
  if (rows === undefined || rows < 1) {
    throw new InvalidArgumentError(`${fn}: a raw .f32 file needs the number of rows to find its width`, "rows");
  }
  const values = bytes.length / 4;
  if (!Number.isInteger(values) || values % rows !== 0 || values === 0) {
    throw new InvalidArgumentError(
      `${fn}: ${path} holds ${bytes.length} bytes, not a whole number of float32 rows for ${rows} documents`,
      "path",
    );
  }
  return { rows, cols: values / rows, data: littleEndianFloats(bytes, 0, values, 4) };
}

function isNpy(bytes: Uint8Array): boolean {
  return bytes.length >= 10 && bytes[0] === 0x93 && String.fromCharCode(...bytes.subarray(1, 6)) === "NUMPY";
}

/** The NumPy format (version 1 to 3): magic, version, header length, a Python dict literal, data. */
function parseNpy(fn: string, path: string, bytes: Uint8Array): DenseMatrix {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6] as number;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLength));
  const bad = (what: string): never => {
    throw new InvalidArgumentError(`${fn}: ${path}: ${what}`, "path");
  };
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1] === "True";
  const shape = /'shape':\s*\(([^)]*)\)/
    .exec(header)?.[1]
    ?.split(",")
    .map((x) => x.trim())
    .filter(Boolean)
    .map(Number);
  if (descr !== "<f4" && descr !== "<f8")
    bad(`the array must hold little-endian float32 or float64 ('<f4', '<f8'); got ${descr ?? "no dtype"}`);
  if (shape === undefined || shape.length !== 2 || shape.some((x) => !Number.isInteger(x) || x < 1))
    bad(`the array must be 2-D (documents x dimensions); got shape (${shape?.join(", ") ?? "?"})`);
  const [rows, cols] = shape as [number, number];
  const width = descr === "<f4" ? 4 : 8;
  const offset = start + headerLength;
  if (bytes.length - offset !== rows * cols * width)
    bad(`it holds ${bytes.length - offset} data bytes, not ${rows} x ${cols} x ${width}: it may be truncated`);
  const values = littleEndianFloats(bytes, offset, rows * cols, width);
  if (!fortran) return { rows, cols, data: values };
  const data = new Float64Array(rows * cols);
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) data[r * cols + c] = values[c * rows + r] as number;
  return { rows, cols, data };
}

function littleEndianFloats(bytes: Uint8Array, offset: number, count: number, width: 4 | 8): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * width);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = width === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true);
  return out;
}
