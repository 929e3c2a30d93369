// Builds an N-document corpus from conf-abstracts-full by a documented, seeded
// transformation: documents 0..87,241 are the originals; every later document is a copy of
// original (i mod 87,242) that keeps each sentence with probability 0.8 (at least one),
// so word statistics stay those of real abstracts. Streamed to a JSONL file.
import { createWriteStream } from "node:fs";
import { readCorpus } from "./corpus.mjs";

export async function makeCorpus(path, size, seed = 1) {
  const originals = readCorpus("conf-abstracts-full.jsonl.gz");
  const out = createWriteStream(path);
  let state = seed >>> 0;
  const next = () => {
    // xorshift32: deterministic and fast enough for millions of draws.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  for (let i = 0; i < size; i++) {
    const o = originals[i % originals.length];
    let text = o.text;
    if (i >= originals.length) {
      const sentences = text.split(/(?<=[.!?])\s+/);
      const kept = sentences.filter(() => next() < 0.8);
      text = (kept.length > 0 ? kept : [sentences[0]]).join(" ");
    }
    if (!out.write(`${JSON.stringify({ text, label: o.label })}\n`)) await new Promise((r) => out.once("drain", r));
  }
  await new Promise((r) => out.end(r));
  return originals.map((o) => o.label);
}
