import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EmptyInputError, InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { readDocuments } from "../../src/io/readDocuments.js";
import { readRecords } from "../../src/io/readJsonLines.js";
import type { DocumentRecord } from "../../src/io/records.js";
import { expectTableReadWholeAndStreamed } from "../helpers/cli.js";
import { ROOT } from "../helpers/data.js";

// Written by apache-arrow (scripts/fixtures/arrowInputs.mjs): 560 rows in 3 record batches,
// as the IPC file format (papers.arrow) and the IPC stream format (papers.arrows).
const INPUTS = join(ROOT, "test", "fixtures", "inputs");
const FILE = join(INPUTS, "papers.arrow");
const STREAM = join(INPUTS, "papers.arrows");
const EMPTY = join(INPUTS, "empty.arrow");
const papers = seedCorpus();
const venues = ["NeurIPS", "ICML", "ICLR"];
const expected = (time: (i: number) => string | number): DocumentRecord[] => {
  const docs: DocumentRecord[] = [];
  for (let i = 0; i < 8 * papers.length; i++) {
    const p = papers[i % papers.length] as (typeof papers)[number];
    if (i % papers.length === 41) continue; // null abstract: a bad record
    docs.push({
      text: p.abstract,
      ...(i % 10 === 3 ? {} : { title: p.title }),
      id: `${9007199254740993n + BigInt(i)}`,
      label: venues[i % 3] as string,
      time: time(i),
    });
  }
  return docs;
};
const byYear = expected((i) => 2018 + (i % 5));
const fields = { textField: "abstract", labelField: "venue", timeField: "year" } as const;

describe("Arrow IPC input (readDocuments, readRecords)", () => {
  it("reads the chosen columns of every record batch: 64-bit ids exact, null titles absent, dictionary strings", async () => {
    for (const path of [FILE, STREAM]) {
      const skipped: number[] = [];
      const read = await readDocuments(path, { ...fields, badLines: "skip", onSkipped: (row) => skipped.push(row) });
      expect(read.format).toBe("arrow");
      expect(read.skipped).toBe(8);
      expect(skipped.slice(0, 3)).toEqual([41, 111, 181]);
      expect(read.documents).toEqual(byYear);
    }
  });

  it("gives timestamps as ISO text, and finds an Arrow file by its magic bytes whatever its name", async () => {
    const iso = expected((i) => new Date(Date.UTC(2018 + (i % 5), i % 12, 1 + (i % 28))).toISOString());
    const read = await readDocuments(FILE, { ...fields, timeField: "published", badLines: "skip" });
    expect(read.documents).toEqual(iso);
    const { copyFile, mkdtemp } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const renamed = join(await mkdtemp(join(tmpdir(), "topiclens-arrow-")), "papers.bin");
    await copyFile(FILE, renamed);
    expect((await readDocuments(renamed, { ...fields, badLines: "skip" })).format).toBe("arrow");
  });

  it("streams the same documents a record batch at a time", async () => {
    for (const path of [FILE, STREAM]) {
      const streamed: DocumentRecord[] = [];
      for await (const doc of readRecords(path, { ...fields, badLines: "skip" })) streamed.push(doc);
      expect(streamed).toEqual(byYear);
    }
  });

  it("names the bad row, the missing column and the columns present; refuses an empty or foreign file", async () => {
    await expect(readDocuments(FILE, fields)).rejects.toThrow(/row 41 has no text in column "abstract" \(null\)/);
    await expect(readDocuments(STREAM, { ...fields, labelField: "venues" })).rejects.toThrow(
      /has no column "venues" \(columns: id, title, abstract, year, venue, published\); choose another with labelField/,
    );
    await expect(readDocuments(EMPTY, { textField: "abstract" })).rejects.toThrow(EmptyInputError);
    await expect(readDocuments(join(ROOT, "package.json"), { format: "arrow" })).rejects.toThrow(
      /package\.json is not a valid Arrow IPC file or stream/,
    );
    await expect(readDocuments(join(INPUTS, "papers.parquet"), { format: "arrow" })).rejects.toThrow(
      InvalidArgumentError,
    );
  });

  it("the CLI reads Arrow whole and streamed, with the same topics", async () => {
    await expectTableReadWholeAndStreamed(STREAM, 552, "id, title, abstract, year, venue, published");
  });
});
