import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createWordVectorEmbedder } from "../../src/embed/wordVectors.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { cli } from "../helpers/cli.js";
import { readFixture } from "../helpers/data.js";

const golden = readFixture("sif-numpy.json") as { dimensions: number; vectors: Record<string, number[]> };
const dir = mkdtempSync(join(tmpdir(), "topiclens-word-vectors-"));
const table = join(dir, "vectors.json");
writeFileSync(table, JSON.stringify({ dimensions: golden.dimensions, vectors: golden.vectors }));
const texts = Array.from({ length: 40 }, (_, i) =>
  i % 2 === 0
    ? `federated client server ${i % 3 === 0 ? "model" : "step"}`
    : `language model reasoning ${i % 3 === 0 ? "adam" : "the"}`,
);
const file = join(dir, "texts.jsonl");
writeFileSync(file, texts.map((text, i) => JSON.stringify({ id: `d${i}`, text })).join("\n"));

describe("topiclens --word-vectors FILE", () => {
  it("clusters by the SIF vectors of the table, as the library's embed option does", async () => {
    const { code, stdout, stderr } = await cli(
      file,
      "--k",
      "2",
      "--word-vectors",
      table,
      "--format",
      "json",
      "--quiet",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const library = clusterTopics(
      texts.map((text, i) => ({ id: `d${i}`, text })),
      { k: 2, embed: createWordVectorEmbedder(golden) },
    );
    expect(report.assignments).toEqual(Array.from(library.assignments));
    expect(report.parameters.embeddings).toBe(golden.dimensions);
  });

  it("refuses in one line: an unreadable or malformed table, with --embeddings, on a streamed file", async () => {
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    const shapeless = join(dir, "shapeless.json");
    writeFileSync(shapeless, JSON.stringify({ dims: 3 }));
    const cases: [string[], RegExp][] = [
      [["--word-vectors", join(dir, "missing.json")], /--word-vectors: cannot read .*missing.json/],
      [["--word-vectors", broken], /--word-vectors: cannot read .*broken.json as a JSON table of word vectors/],
      [["--word-vectors", shapeless], /--word-vectors: .*shapeless.json: table.dimensions/],
      [["--word-vectors", table, "--embeddings", table], /--word-vectors and --embeddings both give the vectors/],
      [["--word-vectors", table, "--stream"], /--word-vectors weighs each word by its share of all the texts/],
    ];
    for (const [flags, message] of cases) {
      const { code, stderr } = await cli(file, "--k", "2", "--quiet", ...flags);
      expect(code).not.toBe(0);
      expect(stderr).toMatch(message);
      expect(stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
