import { InvalidArgumentError } from "../core/errors.js";

/** Whether `bytes` start with gzip's magic number, whatever the file is called. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * A file's bytes as text. UTF-8 (a byte-order mark dropped) and UTF-16 (by its byte-order
 * mark, or by the zero bytes of mostly-ASCII UTF-16 without one) are decoded; bytes that are
 * not text (NUL bytes, or many invalid UTF-8 sequences in the first 64 KiB) are refused with
 * what was found, rather than parsed as garbage. Needs no file system: works in browsers.
 * @throws InvalidArgumentError naming `where`.
 */
export function decodeText(fn: string, where: string, bytes: Uint8Array): string {
  const utf16 = utf16Encoding(bytes);
  if (utf16 !== null) return new TextDecoder(utf16).decode(bytes).replace(/^\uFEFF/, "");
  const head = bytes.subarray(0, 65536);
  if (head.includes(0)) {
    throw new InvalidArgumentError(
      `${fn}: ${where} is not a text file (it holds NUL bytes${describeMagic(bytes)})`,
      "path",
    );
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const replaced = text.slice(0, 65536).split("\uFFFD").length - 1;
  if (replaced > 16 && replaced > head.length / 1000) {
    throw new InvalidArgumentError(
      `${fn}: ${where} is not UTF-8 text (${replaced} invalid byte sequences at its start); convert it to UTF-8 first from the encoding it was saved in, e.g. iconv -f latin1 -t utf-8 (Western European text; gb18030 or big5 for Chinese, shift_jis for Japanese, euc-kr for Korean)`,
      "path",
    );
  }
  return text.replace(/^\uFEFF/, "");
}

/** "utf-16le"/"utf-16be" by byte-order mark, or by where ASCII text's zero bytes fall; else null. */
function utf16Encoding(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  // Mostly-ASCII UTF-16 has a zero in nearly every code unit, always on the same side.
  if (oddZeros > 0.9 * half && evenZeros === 0) return "utf-16le";
  if (evenZeros > 0.9 * half && oddZeros === 0) return "utf-16be";
  return null;
}

const MAGIC: readonly (readonly [string, readonly number[]])[] = [
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a PDF document", [0x25, 0x50, 0x44, 0x46]],
  ["a ZIP archive (xlsx and docx files are ZIP archives too)", [0x50, 0x4b, 0x03, 0x04]],
  ["an ELF executable", [0x7f, 0x45, 0x4c, 0x46]],
  ["a Parquet file", [0x50, 0x41, 0x52, 0x31]],
  ["an Arrow IPC file", [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]],
  ["an SQLite database", [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65]],
];

function describeMagic(bytes: Uint8Array): string {
  for (const [name, magic] of MAGIC) {
    if (magic.every((b, i) => bytes[i] === b)) return `: it looks like ${name}`;
  }
  return "";
}
