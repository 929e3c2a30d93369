import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EmptyInputError, InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { readDocuments } from "../../src/io/readDocuments.js";
import { readRecords } from "../../src/io/readJsonLines.js";
import type { DocumentRecord } from "../../src/io/records.js";
import { cli } from "../helpers/cli.js";
import { ROOT } from "../helpers/data.js";

// Written by Debian's sqlite3 tool (scripts/fixtures/sqliteInputs.mjs).
const PAPERS = join(ROOT, "test", "fixtures", "inputs", "papers.sqlite");
const SINGLE = join(ROOT, "test", "fixtures", "inputs", "single.sqlite");
const SQL =
  "SELECT p.id, p.title, p.abstract, p.year, v.name AS venue FROM papers p JOIN venues v ON v.id = p.venue_id ORDER BY p.id";
const papers = seedCorpus();
const expected: DocumentRecord[] = papers.flatMap((p, i) =>
  i === 41
    ? []
    : [
        {
          text: p.abstract,
          ...(i % 10 === 3 ? {} : { title: p.title }),
          id: `${9007199254740993n + BigInt(i)}`,
          label: ["NeurIPS", "ICML", "ICLR"][i % 3] as string,
          time: 2018 + (i % 5),
        },
      ],
);
const fields = { textField: "abstract", labelField: "venue", timeField: "year", sql: SQL } as const;

describe("SQLite input (readDocuments, readRecords, --sql)", () => {
  it("reads the rows of a query: joins, 64-bit ids exact, null titles absent, years as numbers", async () => {
    const read = await readDocuments(PAPERS, { ...fields, badLines: "skip" });
    expect(read.format).toBe("sqlite");
    expect(read.skipped).toBe(1);
    expect(read.documents).toEqual(expected);
    const streamed: DocumentRecord[] = [];
    for await (const doc of readRecords(PAPERS, { ...fields, badLines: "skip" })) streamed.push(doc);
    expect(streamed).toEqual(expected);
  });

  it("reads a database of one table without a query; with several, names them and their columns", async () => {
    const single = await readDocuments(SINGLE, { textField: "body" });
    expect(single.documents.map((d) => d.text)).toEqual(papers.slice(0, 12).map((p) => p.abstract));
    await expect(readDocuments(PAPERS)).rejects.toThrow(
      /holds several tables: papers\(id, title, abstract, year, venue_id\), venues\(id, name\); choose the rows with a query/,
    );
  });

  it("names a bad row, a missing column, a refused query, no rows, and a query on a file that is not SQLite", async () => {
    await expect(readDocuments(PAPERS, fields)).rejects.toThrow(/row 41 has no text in column "abstract" \(null\)/);
    await expect(readDocuments(PAPERS, { ...fields, labelField: "venues" })).rejects.toThrow(
      /has no column "venues" \(columns: id, title, abstract, year, venue\)/,
    );
    await expect(readDocuments(PAPERS, { sql: "SELECT * FROM nowhere" })).rejects.toThrow(/SQLite refused the query/);
    await expect(readDocuments(PAPERS, { sql: "SELECT * FROM papers WHERE 0" })).rejects.toThrow(EmptyInputError);
    await expect(readDocuments(join(ROOT, "package.json"), { sql: "SELECT 1" })).rejects.toThrow(InvalidArgumentError);
  });

  it("the CLI clusters the rows of --sql", async () => {
    const run = await cli(
      PAPERS,
      "--sql",
      SQL,
      "--text-field",
      "abstract",
      "--skip-bad-lines",
      "--k",
      "4",
      "--format",
      "json",
      "--quiet",
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).parameters.documents).toBe(69);
    const several = await cli(PAPERS, "--quiet");
    expect(several.code).not.toBe(0);
    expect(several.stderr).toMatch(/several tables/);
  });
});
