import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readJsonLines } from "../../src/io/readJsonLines.js";
import { fitTransformTfidfStream } from "../../src/vectorize/tfidf.js";

const dir = mkdtempSync(join(tmpdir(), "topiclens-jsonl-"));
const collect = async (it: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe("readJsonLines(path, field)", () => {
  it("streams a field from plain and gzipped files, skipping blank lines", async () => {
    const lines = ['{"text":"first doc","label":"a"}', "", '{"text":"second doc","label":"b"}'].join("\n");
    writeFileSync(join(dir, "a.jsonl"), lines);
    writeFileSync(join(dir, "a.jsonl.gz"), gzipSync(lines));
    expect(await collect(readJsonLines(join(dir, "a.jsonl")))).toEqual(["first doc", "second doc"]);
    expect(await collect(readJsonLines(join(dir, "a.jsonl.gz"), "label"))).toEqual(["a", "b"]);
  });
  it("feeds fitTransformTfidfStream", async () => {
    writeFileSync(
      join(dir, "b.jsonl"),
      ['{"text":"graph neural networks"}', '{"text":"neural networks for graphs"}'].join("\n"),
    );
    const { model } = await fitTransformTfidfStream(readJsonLines(join(dir, "b.jsonl")));
    expect(model.vocabulary).toEqual(["graph", "graphs", "networks", "neural"]);
  });
  it("names the line of bad JSON or a missing field", async () => {
    writeFileSync(join(dir, "c.jsonl"), '{"text":"ok"}\n{oops}\n');
    await expect(collect(readJsonLines(join(dir, "c.jsonl")))).rejects.toThrow(/line 2 is not valid JSON/);
    writeFileSync(join(dir, "d.jsonl"), '{"body":"x"}\n');
    await expect(collect(readJsonLines(join(dir, "d.jsonl")))).rejects.toThrow(/line 1 has no string field "text"/);
  });
});
