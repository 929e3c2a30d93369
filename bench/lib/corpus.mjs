// Shared helpers for bench scripts (Node only; never part of the package).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { stripPost } from "./newsgroups.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DATA = process.env.TOPICLENS_DATA ?? join(ROOT, "..", "shared", "data");

/** Records of a JSONL corpus in ../shared/data (gunzipped when needed). */
export function readCorpus(name, limit = Number.POSITIVE_INFINITY) {
  let raw = readFileSync(join(DATA, name));
  if (name.endsWith(".gz")) raw = gunzipSync(raw);
  const text = raw.toString("utf8");
  const out = [];
  let start = 0;
  while (start < text.length && out.length < limit) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (line.trim()) out.push(JSON.parse(line));
    start = end + 1;
  }
  return out;
}

/**
 * A labelled corpus as the benches cluster it: its records, their texts (20 Newsgroups posts
 * without headers and quoted lines) and their gold labels.
 */
export function readLabelled(name) {
  const records = readCorpus(name);
  const docs = records.map((r) => (name.startsWith("20newsgroups") ? stripPost(r.text) : r.text));
  return { records, docs, gold: records.map((r) => r.label) };
}

/** Peak resident memory of this process in MB (VmHWM). */
export function peakMemoryMB() {
  const status = readFileSync("/proc/self/status", "utf8");
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** Every development corpus with labels: the themes and keyword benches run on all of them. */
export const LABELLED_CORPORA = [
  "conf-abstracts-5areas.jsonl.gz",
  "20ng-4cat-stripped.jsonl",
  "bbc-news.jsonl",
  "reuters-r8.jsonl",
  "ag-news-test.jsonl",
  "ohsumed-23.jsonl",
  "keyphrase-abstracts.jsonl",
  "brown-genres.jsonl",
];
