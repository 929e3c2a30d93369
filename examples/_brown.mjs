import { readFileSync } from "node:fs";
import { clusterTopics, createTokenizer, npmiCoherence, resolveStopWords } from "/work/main/dist/index.js";
const recs = readFileSync("/work/shared/data/brown-genres.jsonl", "utf8").trim().split("\n").map((l) => JSON.parse(l));
const docs = recs.map((r) => r.text);
const k = new Set(recs.map((r) => r.label)).size;
const r = clusterTopics(docs, { k, seed: 0, stabilitySeeds: 1, keywords: { topN: 25 } });
const stop = resolveStopWords("en", "b").words; const tok = createTokenizer({});
const texts = docs.map((d) => tok(d).filter((w) => !stop.has(w)));
console.log("k", k, "mean words", texts.reduce((s, t) => s + t.length, 0) / texts.length);
for (const t of r.topics) {
  const top = t.keywords.slice(0, 10).map((x) => x.counted ?? x.term);
  console.log(t.size, npmiCoherence([top], texts).toFixed(3), top.join(", "));
}
