import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { readDocuments } from "../../src/io/readDocuments.js";
import { ROOT } from "../helpers/data.js";

const tmp = mkdtempSync(join(tmpdir(), "topiclens-read-"));
const records = [
  { id: "a", title: "First", text: "federated learning with partial client participation" },
  { id: "b", title: "Second", text: "adaptive optimizers and learning rate schedules" },
];
const jsonl = `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;

describe("readDocuments(path)", () => {
  it("reads gzipped JSONL and CSV by their inner extension, and a gzip stream whatever its name", async () => {
    writeFileSync(join(tmp, "docs.jsonl.gz"), gzipSync(jsonl));
    writeFileSync(join(tmp, "docs.csv.gz"), gzipSync(`id,title,text\na,First,"federated, learning"\n`));
    writeFileSync(join(tmp, "docs.jsonl"), gzipSync(jsonl));
    const fromGz = await readDocuments(join(tmp, "docs.jsonl.gz"));
    expect(fromGz).toEqual({ documents: records, format: "jsonl", skipped: 0 });
    expect(await readDocuments(join(tmp, "docs.jsonl"))).toEqual(fromGz);
    expect(await readDocuments(join(tmp, "docs.csv.gz"))).toEqual({
      documents: [{ id: "a", title: "First", text: "federated, learning" }],
      format: "csv",
      skipped: 0,
    });
  });

  it("refuses a truncated gzip file, naming it and the likely cause", async () => {
    const whole = gzipSync(jsonl.repeat(200));
    writeFileSync(join(tmp, "cut.jsonl.gz"), whole.subarray(0, whole.length >> 1));
    const error = await readDocuments(join(tmp, "cut.jsonl.gz")).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/cut\.jsonl\.gz is not a valid gzip file .*truncated or corrupt/);
  });

  it("refuses files that are not text instead of reading garbage documents", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    writeFileSync(join(tmp, "image.txt"), png);
    await expect(readDocuments(join(tmp, "image.txt"))).rejects.toThrow(/image\.txt is not a text file/);
    copyFileSync(process.execPath, join(tmp, "node-binary"));
    await expect(readDocuments(join(tmp, "node-binary"))).rejects.toThrow(/is not a text file/);
    const latin1 = Buffer.from("caf\xe9 ".repeat(400), "latin1");
    writeFileSync(join(tmp, "latin1.txt"), latin1);
    await expect(readDocuments(join(tmp, "latin1.txt"))).rejects.toThrow(/is not UTF-8 text/);
    // Chinese saved as GBK: refused, with the encodings to convert from.
    const gbk = Buffer.from(
      Array.from({ length: 300 }, () => [0xbb, 0xfa, 0xc6, 0xf7, 0xd1, 0xa7, 0xcf, 0xb0, 0x0a]).flat(),
    );
    expect(new TextDecoder("gbk").decode(gbk.subarray(0, 8))).toBe("机器学习");
    writeFileSync(join(tmp, "gbk.txt"), gbk);
    await expect(readDocuments(join(tmp, "gbk.txt"))).rejects.toThrow(
      /gbk\.txt is not UTF-8 text \(\d+ invalid byte sequences at its start\); convert it to UTF-8 first from the encoding it was saved in, e\.g\. iconv -f latin1 -t utf-8 \(Western European text; gb18030 or big5 for Chinese/,
    );
  });

  it("says what is wrong with a missing or unreadable path, once", async () => {
    const missing = await readDocuments(join(tmp, "nope.jsonl")).catch((e) => e);
    expect(missing.message).toBe(`readDocuments: cannot read ${join(tmp, "nope.jsonl")}: no such file or directory`);
    if (process.getuid?.() === 0) return; // root reads files whatever their mode
    const locked = join(tmp, "locked");
    mkdirSync(locked);
    writeFileSync(join(locked, "a.txt"), "text");
    chmodSync(locked, 0);
    await expect(readDocuments(locked)).rejects.toThrow(/permission denied/);
  });

  it("still reads the packaged seed page as 70 titled abstracts", async () => {
    const { documents, format } = await readDocuments(join(ROOT, "seeds", "abstracts-page.txt"));
    expect(format).toBe("page");
    expect(documents).toHaveLength(70);
    expect(readFileSync(join(ROOT, "seeds", "abstracts-page.txt"), "utf8")).toContain(documents[0]?.title);
  });

  it("stops at a malformed JSON line in the middle, naming it and the remedy, or skips and counts", async () => {
    const lines = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({ id: String(i), text: `document ${i} about topics` }),
    );
    lines[2600] = '{"id": "broken", "text": "unterminated';
    lines[4100] = JSON.stringify({ id: "no text", body: "x" });
    const file = join(tmp, "big.jsonl");
    writeFileSync(file, lines.join("\n"));
    await expect(readDocuments(file)).rejects.toThrow(
      /big\.jsonl line 2601 is not valid JSON; fix the line, or skip bad lines \(badLines: "skip", --skip-bad-lines\)/,
    );
    const seen: number[] = [];
    const read = await readDocuments(file, { badLines: "skip", onSkipped: (line) => seen.push(line) });
    expect(read.documents).toHaveLength(4998);
    expect(read.skipped).toBe(2);
    expect(seen).toEqual([2601, 4101]);
    const { readJsonRecords } = await import("../../src/io/readJsonLines.js");
    const streamed: string[] = [];
    for await (const doc of readJsonRecords(file, { badLines: "skip" })) streamed.push(doc.text);
    expect(streamed).toEqual(read.documents.map((d) => d.text));
    const strict = (async () => {
      for await (const _ of readJsonRecords(file)) void _;
    })();
    await expect(strict).rejects.toThrow(/line 2601 is not valid JSON/);
  });

  it("reads a TSV with a literal quote inside a field, and names an unbalanced CSV quote and its line", async () => {
    writeFileSync(join(tmp, "quotes.tsv"), 'id\ttext\na\tthe "best" method for topics\nb\tanother document\n');
    expect((await readDocuments(join(tmp, "quotes.tsv"))).documents).toEqual([
      { id: "a", text: 'the "best" method for topics' },
      { id: "b", text: "another document" },
    ]);
    writeFileSync(join(tmp, "open.csv"), 'id,text\na,"fine"\nb,"never closed\nc,more\n');
    const error = await readDocuments(join(tmp, "open.csv")).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/open\.csv is not valid CSV: .*line 3.*quotes are unbalanced/);
  });
});
