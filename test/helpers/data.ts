import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, "..", "..");
export const SHARED_DATA = join(ROOT, "..", "shared", "data");

/** A committed fixture from test/fixtures (gunzipped when it ends in .gz). */
export function readFixture<T>(name: string): T {
  const raw = readFileSync(join(ROOT, "test", "fixtures", name));
  return JSON.parse((name.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8")) as T;
}

export interface CorpusRecord {
  id: string;
  text: string;
  label: string;
  [field: string]: unknown;
}

/** The first `limit` records of a corpus in ../shared/data. */
export function readCorpus(name: string, limit = Infinity): CorpusRecord[] {
  const path = join(SHARED_DATA, name);
  if (!existsSync(path))
    throw new Error(`test corpus ${path} is missing (expected ../shared/data beside the checkout)`);
  const raw = readFileSync(path);
  const text = (name.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
  const out: CorpusRecord[] = [];
  let start = 0;
  while (start < text.length && out.length < limit) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    if (line) out.push(JSON.parse(line) as CorpusRecord);
    start = end + 1;
  }
  return out;
}

export interface CsrFixture {
  rows: number;
  cols: number;
  indptr: number[];
  indices: number[];
  data: number[];
}
