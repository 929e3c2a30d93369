import { describe, expect, it } from "vitest";
import { readDocuments } from "../../src/io/readDocuments.js";
import { SHARED_DATA } from "./shared.js";

// Document counts from ../shared/data/README.md.
const COUNTS: Record<string, number> = {
  "conf-abstracts-5areas.jsonl.gz": 17443,
  "conf-abstracts-full.jsonl.gz": 87242,
  "ohsumed-23.jsonl": 7400,
  "keyphrase-abstracts.jsonl": 3475,
  "20newsgroups-bydate.jsonl.gz": 18846,
  "reuters-r8.jsonl": 7674,
  "bbc-news.jsonl": 2225,
  "ag-news-test.jsonl": 7600,
  "brown-genres.jsonl": 500,
  "spamassassin.jsonl": 6046,
};

describe("readDocuments on the development corpora", () => {
  it.each(Object.entries(COUNTS))("reads every record of %s, gzipped or not", async (name, count) => {
    const { documents, format } = await readDocuments(`${SHARED_DATA}/${name}`);
    expect(format).toBe("jsonl");
    expect(documents).toHaveLength(count);
    expect(documents.every((d) => typeof d.text === "string" && d.text.length > 0)).toBe(true);
    expect(new Set(documents.map((d) => d.id)).size).toBe(count);
  });
});
