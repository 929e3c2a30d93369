// Mail as users have it: the SpamAssassin corpus (6,046 messages of 2002, HTML left in some
// bodies, mailing lists' footers under every post). Reports what markup the tokenizer takes
// out (`dropMarkup`), then the one call's topics with and without it: their labels, and for
// the default, the first keywords, where a list's footer may stand while its label names the
// posts (see "Passages copied across documents" in the README).
//   node bench/mail.mjs [k|auto] [seed]     (needs `npm run build`)
import { readCorpus } from "./lib/corpus.mjs";
import { table } from "./lib/run.mjs";

const { clusterTopics, createTokenizer } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");

const k = process.argv[2] === undefined || process.argv[2] === "auto" ? "auto" : Number(process.argv[2]);
const seed = Number(process.argv[3] ?? 0);
const docs = readCorpus("spamassassin.jsonl").map((r) => r.text);

// Words the markup made, counted over the messages whose words change.
const withMarkup = createTokenizer({ dropMarkup: false });
const without = createTokenizer({});
let changed = 0;
const gone = new Map();
for (const text of docs) {
  const before = withMarkup(text);
  const after = without(text);
  if (before.join(" ") === after.join(" ")) continue;
  changed++;
  const left = new Map();
  for (const w of after) left.set(w, (left.get(w) ?? 0) + 1);
  for (const w of before) {
    if ((left.get(w) ?? 0) > 0) left.set(w, left.get(w) - 1);
    else gone.set(w, (gone.get(w) ?? 0) + 1);
  }
}
const commonest = [...gone].sort((a, b) => b[1] - a[1]).slice(0, 12);
console.log(
  `${changed} of ${docs.length} messages hold markup; words it made: ${commonest.map(([w, n]) => `${w} ${n}`).join(", ")}`,
);

const pool = createWorkerPool();
const run = (vectorizer) => clusterTopics(docs, { k, seed, parallel: pool, stabilitySeeds: 1, vectorizer });
const kept = run({ dropMarkup: false });
const result = run({});
await pool.close();
console.log(`\nk ${kept.topics.length} with markup as words, ${result.topics.length} without (seed ${seed})`);
const rows = Array.from({ length: Math.max(kept.topics.length, result.topics.length) }, (_, i) => [
  kept.topics[i] ? `${kept.topics[i].label} (${kept.topics[i].size})` : "",
  result.topics[i] ? `${result.topics[i].label} (${result.topics[i].size})` : "",
]);
console.log(table(["markup as words (dropMarkup: false)", "default"], rows));
console.log("\nDefault, first five keywords of each topic:");
for (const t of result.topics) {
  const first = t.keywords.slice(0, 5).map((x) => x.term);
  console.log(`  ${t.label}: ${first.join(", ")}`);
}
