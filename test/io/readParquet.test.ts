import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EmptyInputError, InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { readDocuments } from "../../src/io/readDocuments.js";
import { readRecords } from "../../src/io/readJsonLines.js";
import type { DocumentRecord } from "../../src/io/records.js";
import { expectTableReadWholeAndStreamed } from "../helpers/cli.js";
import { ROOT } from "../helpers/data.js";

// Written by DuckDB (scripts/fixtures/parquetInputs.mjs): 4,200 rows in 3 row groups.
const PAPERS = join(ROOT, "test", "fixtures", "inputs", "papers.parquet");
const EMPTY = join(ROOT, "test", "fixtures", "inputs", "empty.parquet");
const papers = seedCorpus();
const expected: DocumentRecord[] = [];
for (let i = 0; i < 60 * papers.length; i++) {
  const p = papers[i % papers.length] as (typeof papers)[number];
  if (i % papers.length === 41) continue; // null abstract: a bad record
  expected.push({
    text: p.abstract,
    ...(i % 10 === 3 ? {} : { title: p.title }),
    id: `${9007199254740993n + BigInt(i)}`,
    label: ["NeurIPS", "ICML", "ICLR"][i % 3] as string,
    time: 2018 + (i % 5),
  });
}
const fields = { textField: "abstract", labelField: "venue", timeField: "year" } as const;

describe("Parquet input (readDocuments, readRecords)", () => {
  it("reads the chosen columns of every row group: 64-bit ids exact, null titles absent, years as numbers", async () => {
    const skipped: number[] = [];
    const read = await readDocuments(PAPERS, { ...fields, badLines: "skip", onSkipped: (row) => skipped.push(row) });
    expect(read.format).toBe("parquet");
    expect(read.skipped).toBe(60);
    expect(skipped.slice(0, 2)).toEqual([41, 111]);
    expect(read.documents).toEqual(expected);
  });

  it("streams the same documents a row group at a time", async () => {
    const streamed: DocumentRecord[] = [];
    for await (const doc of readRecords(PAPERS, { ...fields, badLines: "skip" })) streamed.push(doc);
    expect(streamed).toEqual(expected);
  });

  it("names the bad row, the missing column and the columns present; refuses an empty file", async () => {
    await expect(readDocuments(PAPERS, fields)).rejects.toThrow(/row 41 has no text in column "abstract" \(null\)/);
    // Without textField: "text", else "abstract", as in JSON lines.
    await expect(readDocuments(PAPERS)).rejects.toThrow(/row 41 has no text in column "abstract"/);
    await expect(readDocuments(PAPERS, { ...fields, labelField: "venues" })).rejects.toThrow(
      /has no column "venues" \(columns: id, title, abstract, year, venue\); choose another with labelField/,
    );
    await expect(readDocuments(EMPTY, { textField: "abstract" })).rejects.toThrow(EmptyInputError);
    await expect(readDocuments(join(ROOT, "package.json"), { format: "parquet" })).rejects.toThrow(
      InvalidArgumentError,
    );
  });

  it("the CLI reads Parquet whole and streamed, with the same topics", async () => {
    await expectTableReadWholeAndStreamed(PAPERS, 4140, "id, title, abstract, year, venue");
  });
});
