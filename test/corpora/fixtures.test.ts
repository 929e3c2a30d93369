import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/data.js";
import { readSharedCorpus } from "./shared.js";

const corpora = join(ROOT, "test", "fixtures", "corpora");
const index = JSON.parse(readFileSync(join(corpora, "index.json"), "utf8")) as Record<
  string,
  { file: string; records: number }
>;

describe("committed corpus prefixes", () => {
  it.each(Object.entries(index))("%s: the committed prefix is its first records, byte for byte", (name, prefix) => {
    const committed = gunzipSync(readFileSync(join(corpora, prefix.file)))
      .toString("utf8")
      .trimEnd()
      .split("\n");
    expect(committed).toHaveLength(prefix.records);
    const full = readSharedCorpus(name, prefix.records).map((r) => JSON.stringify(r));
    expect(committed.map((line) => JSON.stringify(JSON.parse(line)))).toEqual(full);
  });
});

describe("committed Reuters R8 sample", () => {
  it("holds the records its script's seeded rule keeps, byte for byte", async () => {
    // @ts-expect-error: a plain JavaScript script (needs `npm run build`, as test:corpora runs it)
    const { reutersSample } = await import("../../scripts/fixtures/reutersSample.mjs");
    const committed = gunzipSync(readFileSync(join(corpora, "reuters-r8-sample.jsonl.gz")))
      .toString("utf8")
      .trimEnd()
      .split("\n");
    const lines = readSharedCorpus("reuters-r8.jsonl").map((r) => JSON.stringify(r));
    expect(committed.map((line) => JSON.stringify(JSON.parse(line)))).toEqual(
      (reutersSample as (l: string[]) => string[])(lines),
    );
  });
});
