import { describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript module shared with bench/labelQuery.mjs
import { labelQuery } from "../../bench/lib/labelQuery.mjs";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { createTokenizer } from "../../src/text/tokenize.js";
import { readSharedCorpus } from "./shared.js";

// Labels read as queries for their topics' documents (bench/labelQuery.mjs, k = classes,
// seed 0). The floors are the README's figures: labels that name a topic's parts raised them
// from BBC 0.696 and Reuters 0.569 to 0.708 and 0.588; damping repetitions inside one
// document and measuring phrases' evenness, to 0.720 and 0.613.
const CASES = [
  { corpus: "bbc-news.jsonl", k: 5, f1: 0.72 },
  { corpus: "reuters-r8.jsonl", k: 8, f1: 0.613 },
];

const score = labelQuery as (texts: string[], result: unknown, tokenize: (t: string) => string[]) => number[];

describe("labels that find their topics' documents", () => {
  it.each(CASES)("$corpus: F1 of the labels as queries at least $f1", ({ corpus, k, f1 }) => {
    const texts = readSharedCorpus(corpus).map((r) => r.text);
    const result = clusterTopics(texts, { k, seed: 0 });
    const [, , got] = score(texts, result, createTokenizer({}));
    expect(got).toBeGreaterThanOrEqual(f1 - 0.0005);
  });
});
