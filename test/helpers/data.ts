import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, "..", "..");

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

const FIXTURE_CORPORA = JSON.parse(
  readFileSync(join(ROOT, "test", "fixtures", "corpora", "index.json"), "utf8"),
) as Record<string, { file: string; records: number }>;

/**
 * The first `limit` records of a development corpus, read from its committed prefix in
 * test/fixtures/corpora, so that `npm test` needs nothing beside the checkout.
 */
export function readCorpus(name: string, limit: number): CorpusRecord[] {
  const fixture = FIXTURE_CORPORA[name];
  if (fixture === undefined)
    throw new Error(`no committed prefix of ${name}; add it to test/fixtures/corpora/index.json`);
  if (limit > fixture.records)
    throw new Error(`${fixture.file} holds ${fixture.records} records of ${name}, fewer than ${limit}`);
  return parseJsonLines(readFileSync(join(ROOT, "test", "fixtures", "corpora", fixture.file)), true, limit);
}

/** A whole corpus committed in test/fixtures/corpora that is no prefix of a development corpus (see its README). */
export function readCommittedCorpus(file: string): CorpusRecord[] {
  return parseJsonLines(readFileSync(join(ROOT, "test", "fixtures", "corpora", file)), true, Number.POSITIVE_INFINITY);
}

/** JSON lines (gunzipped when `gzipped`), the first `limit` of them. */
export function parseJsonLines(raw: Buffer, gzipped: boolean, limit: number): CorpusRecord[] {
  const text = (gzipped ? gunzipSync(raw) : raw).toString("utf8");
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
