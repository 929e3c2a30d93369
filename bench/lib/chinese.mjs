// The committed Chinese corpus the Chinese bench reads (test/fixtures/corpora).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { ROOT } from "./corpus.mjs";

/** A committed JSONL corpus of test/fixtures/corpora: its path and records. */
export function parseJsonLines(name) {
  const file = join(ROOT, "test", "fixtures", "corpora", name);
  const text = gunzipSync(readFileSync(file)).toString("utf8");
  const records = text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
  return { file, records };
}
