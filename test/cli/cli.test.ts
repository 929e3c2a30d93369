import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { seedCorpus } from "../../src/corpus/seed.js";
import { CLI, cli, SEED } from "../helpers/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "topiclens-cli-"));

const papers = seedCorpus();

describe("topiclens CLI (built binary)", () => {
  it("--help documents every option", async () => {
    const { code, stdout } = await cli("--help");
    expect(code).toBe(0);
    for (const flag of [
      "--k",
      "--seed",
      "--format",
      "--out",
      "--text-field",
      "--title-field",
      "--lang",
      "--ngram",
      "--min-df",
      "--max-df",
      "--metric",
      "--reduce",
      "--top",
      "--input-format",
      "--k-range",
      "--quiet",
    ]) {
      expect(stdout).toContain(flag);
    }
  });

  it("clusters the seed page and prints the themes", async () => {
    const { code, stdout } = await cli(SEED, "--quiet");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^70 documents, \d+ topics/);
    expect(stdout).toContain("federated learning");
  });

  it("reads JSONL with chosen fields and writes JSON to --out", async () => {
    const file = join(tmp, "papers.jsonl");
    writeFileSync(
      file,
      papers.map((p, i) => JSON.stringify({ key: `p${i}`, name: p.title, body: p.abstract })).join("\n"),
    );
    const out = join(tmp, "topics.json");
    const { code, stderr } = await cli(
      file,
      "--text-field",
      "body",
      "--title-field",
      "name",
      "--id-field",
      "key",
      "--k",
      "6",
      "--format",
      "json",
      "--out",
      out,
    );
    expect(code).toBe(0);
    expect(stderr).toContain("wrote 6 topics for 70 documents");
    const data = JSON.parse(readFileSync(out, "utf8"));
    expect(data.topics).toHaveLength(6);
    expect(data.topics[0].representatives[0].id).toMatch(/^p\d+$/);
  });

  it("reads CSV with quoted fields and prints CSV", async () => {
    const file = join(tmp, "papers.csv");
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    writeFileSync(file, ["title,abstract", ...papers.map((p) => `${q(p.title)},${q(p.abstract)}`)].join("\n"));
    const { code, stdout } = await cli(file, "--k", "5", "--format", "csv", "--ngram", "1-2", "--lang", "en");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\r\n");
    expect(lines).toHaveLength(71);
    expect(lines[1]).toMatch(/^0,,/);
  });

  it("reads a directory of .txt files and one-document-per-line .txt", async () => {
    const dir = join(tmp, "docs");
    mkdirSync(dir);
    papers.slice(0, 20).forEach((p, i) => {
      writeFileSync(join(dir, `paper-${String(i).padStart(2, "0")}.txt`), p.abstract);
    });
    const fromDir = await cli(dir, "--k", "3", "--format", "md");
    expect(fromDir.code).toBe(0);
    expect(fromDir.stdout).toContain("20 documents");
    const lines = join(tmp, "lines.txt");
    writeFileSync(
      lines,
      papers
        .slice(0, 20)
        .map((p) => p.abstract)
        .join("\n"),
    );
    const fromLines = await cli(lines, "--k", "3", "--format", "html");
    expect(fromLines.code).toBe(0);
    expect(fromLines.stdout).toContain("<svg");
    // The explorer knows each line by its text's start and shows its excerpt.
    const data = JSON.parse(
      (
        fromLines.stdout.match(/<script type="application\/json" class="tl-data">(.*?)<\/script>/s)?.[1] ?? "{}"
      ).replace(/\\u003c/g, "<"),
    ) as { docs: string[][] };
    expect(data.docs).toHaveLength(20);
    const first = (papers[0]?.abstract ?? "").replace(/\s+/g, " ");
    expect(first.startsWith((data.docs[0]?.[4] ?? "").replace(/…$/, ""))).toBe(true);
    expect((data.docs[0]?.[4] ?? "").length).toBeGreaterThan(100);
  });

  it("--stream clusters a gzipped JSONL file in one pass and writes topics", async () => {
    const { gzipSync } = await import("node:zlib");
    const { readCorpus } = await import("../helpers/data.js");
    const file = join(tmp, "big.jsonl.gz");
    writeFileSync(
      file,
      gzipSync(
        readCorpus("conf-abstracts-5areas.jsonl.gz", 3000)
          .map((r) => JSON.stringify({ text: r.text }))
          .join("\n"),
      ),
    );
    const { code, stdout } = await cli(file, "--stream", "--k", "5", "--format", "json", "--quiet");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.documents).toBe(3000);
    expect(result.topics).toHaveLength(5);
    expect(result.topics.reduce((a: number, t: { size: number }) => a + t.size, 0)).toBe(3000);
    // the same report as reading the file whole, k auto included
    const whole = await cli(file, "--k", "5", "--format", "json", "--quiet");
    expect(stdout).toBe(whole.stdout);
    const auto = await cli(file, "--stream", "--format", "md", "--quiet");
    expect(auto.code).toBe(0);
    expect(auto.stdout).toMatch(/^3000 documents · \d+ topics/m);
    const notStreamable = await cli(SEED, "--stream");
    expect(notStreamable.code).toBe(2);
    expect(notStreamable.stderr).toMatch(
      /--stream reads JSON-lines, CSV, TSV, Parquet, Arrow and SQLite files .* is not one/,
    );
  });

  it("answers bad flags and unreadable files with one line and a non-zero exit, never a stack trace", async () => {
    for (const [args, code, pattern] of [
      [["--bogus"], 2, /Unknown option '--bogus'/],
      [[], 2, /expected one input file/],
      [[SEED, "--format", "pdf"], 2, /--format must be/],
      [[SEED, "--k", "many"], 2, /^topiclens: --k must be auto or an integer; got "many"$/m],
      [
        [SEED, "--k", "500"],
        2,
        /^topiclens: --k must be an integer from 1 to 70 \(the number of documents\); got 500$/m,
      ],
      [[SEED, "--k", "0"], 2, /^topiclens: --k must be an integer from 1 to 70 \(the number of documents\); got 0$/m],
      [[SEED, "--k", "2.5"], 2, /--k must be auto or an integer; got "2.5"/],
      [[SEED, "--k", "-3"], 2, /--k must be an integer from 1 to 70 \(the number of documents\); got -3/],
      [[SEED, "--min-df", "-1"], 2, /^topiclens: --min-df must be a finite number > 0; got -1$/m],
      [[SEED, "--k-range", "30-2"], 2, /--k-range 30-2 is reversed/],
      [
        [SEED, "--reduce", "1"],
        2,
        /--reduce must be "auto", "none" or an integer >= 2|--reduce must be an integer >= 2; got 1/,
      ],
      [[SEED, "--stem", "snowball"], 2, /--stem must be a function, "porter2" or null; got "snowball"/],
      [[SEED, "--token-pattern", "(["], 2, /--token-pattern is not a regular expression/],
      [[SEED, "--stop-words", "none", "--lang", "de"], 2, /--stop-words and --lang both choose/],
      [[join(tmp, "missing.jsonl")], 1, /cannot read .*missing.jsonl: no such file or directory$/m],
      [[SEED, "--lang", "xx"], 2, /--lang must be a known language code/],
    ] as const) {
      const r = await cli(...args);
      expect(r.code).toBe(code);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("uses the library's defaults (LSA of documents / 10 dimensions), and the library's options are flags", async () => {
    const { readCorpus } = await import("../helpers/data.js");
    const { clusterTopics } = await import("../../src/pipeline/clusterTopics.js");
    const records = readCorpus("conf-abstracts-5areas.jsonl.gz", 600);
    const file = join(tmp, "six-hundred.jsonl");
    writeFileSync(file, records.map((r) => JSON.stringify({ id: r.id, text: r.text })).join("\n"));
    const { code, stdout } = await cli(file, "--k", "5", "--format", "json", "--quiet");
    expect(code).toBe(0);
    const fromCli = JSON.parse(stdout);
    const library = clusterTopics(
      records.map((r) => ({ id: r.id, text: r.text })),
      { k: 5 },
    );
    expect(fromCli.parameters).toEqual(JSON.parse(JSON.stringify(library.parameters)));
    expect(fromCli.parameters.reduce).toBe(60);
    expect(fromCli.assignments).toEqual(Array.from(library.assignments));
    const flags = await cli(
      file,
      "--k",
      "5",
      "--format",
      "json",
      "--quiet",
      "--n-init",
      "2",
      "--sample-size",
      "300",
      "--path",
      "mini-batch",
      "--mini-batch-from",
      "400",
      "--reduce",
      "none",
    );
    expect(flags.code).toBe(0);
    expect(JSON.parse(flags.stdout).parameters).toMatchObject({
      nInit: 2,
      sampleSize: 300,
      path: "mini-batch",
      miniBatchFrom: 400,
      reduce: "none",
    });
  });

  it("writes --out through a temporary file: a folder that does not exist is one line, and nothing is left", async () => {
    const target = join(tmp, "no-such-folder", "topics.json");
    const r = await cli(SEED, "--format", "json", "--out", target);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(
      /cannot write .*topics\.json: the folder .*no-such-folder does not exist; nothing was written/,
    );
    const out = join(tmp, "report.md");
    writeFileSync(out, "previous report");
    expect((await cli(SEED, "--format", "md", "--out", out, "--quiet")).code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^# /);
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("streams a JSON-lines file above --stream-from, with the same report as reading it whole", async () => {
    const { gzipSync } = await import("node:zlib");
    const { readCorpus } = await import("../helpers/data.js");
    const lines = readCorpus("conf-abstracts-5areas.jsonl.gz", 700).map((r) =>
      JSON.stringify({ id: r.id, title: r.title, text: r.text }),
    );
    const file = join(tmp, "papers.jsonl.gz");
    writeFileSync(file, gzipSync(lines.join("\n")));
    const whole = await cli(file, "--k", "5", "--format", "json", "--stream-from", "1G");
    const streamed = await cli(file, "--k", "5", "--format", "json", "--stream-from", "1k");
    expect(whole.code).toBe(0);
    expect(streamed.code).toBe(0);
    expect(whole.stderr).not.toMatch(/streaming/);
    expect(streamed.stderr).toMatch(/streaming .*papers\.jsonl\.gz/);
    expect(streamed.stdout).toBe(whole.stdout);
    expect(JSON.parse(streamed.stdout).documents).toBe(700);
    const bad = await cli(file, "--stream-from", "lots");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--stream-from must be a size in bytes/);
  });

  it("refuses a missing or truncated .jsonl.gz in one line, streamed or not", async () => {
    const { gzipSync } = await import("node:zlib");
    const whole = gzipSync(`${JSON.stringify({ text: "a text about federated learning" })}\n`.repeat(3000));
    const cut = join(tmp, "cut.jsonl.gz");
    writeFileSync(cut, whole.subarray(0, whole.length >> 1));
    for (const args of [
      [join(tmp, "missing.jsonl.gz"), "--stream", "--k", "3"],
      [join(tmp, "missing.jsonl.gz"), "--stream-from", "0"],
      [cut, "--k", "3"],
      [cut, "--k", "3", "--stream-from", "0"],
      [cut, "--k", "3", "--stream"],
    ]) {
      const r = await cli(...args);
      expect(r.code).toBe(1);
      // one line says what is wrong (a streamed run may first say that it streams)
      const errors = r.stderr
        .trim()
        .split("\n")
        .filter((l) => !l.startsWith("topiclens: streaming"));
      expect(errors).toHaveLength(1);
      expect(r.stderr).toMatch(/no such file or directory|truncated or corrupt/);
      expect(r.stderr).not.toMatch(/ENOENT: ENOENT|\n\s+at /);
    }
  });

  it("--skip-bad-lines leaves out malformed JSON lines and says how many, streamed or not", async () => {
    const lines = papers.map((p) => JSON.stringify({ title: p.title, text: p.abstract }));
    lines.splice(30, 0, "{not json");
    const file = join(tmp, "bad-lines.jsonl");
    writeFileSync(file, lines.join("\n"));
    const strict = await cli(file, "--k", "4");
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/bad-lines\.jsonl line 31 is not valid JSON; fix the line, or skip bad lines/);
    for (const extra of [[], ["--stream-from", "0"]]) {
      const r = await cli(file, "--k", "4", "--format", "json", "--skip-bad-lines", ...extra);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(
        /read 70 documents; skipped 1 bad record\(s\) of .*bad-lines\.jsonl \(the first, line 31, is not valid JSON\)$/m,
      );
      expect(JSON.parse(r.stdout).documents).toBe(papers.length);
    }
  });

  it("stops within a second on Ctrl-C (SIGINT) in a long run, worker threads with it, leaving no output", async () => {
    const { spawn } = await import("node:child_process");
    const { existsSync, readdirSync } = await import("node:fs");
    const { readCorpus } = await import("../helpers/data.js");
    const dir = mkdtempSync(join(tmpdir(), "topiclens-sigint-"));
    const file = join(dir, "many.jsonl");
    writeFileSync(
      file,
      readCorpus("20newsgroups-bydate.jsonl.gz", 6000)
        .map((r) => JSON.stringify({ text: r.text }))
        .join("\n"),
    );
    const out = join(dir, "topics.html");
    const child = spawn(process.execPath, [CLI, file, "--k", "auto", "--format", "html", "--out", out, "--quiet"]);
    await new Promise((r) => setTimeout(r, 2500));
    expect(child.exitCode).toBeNull(); // still computing
    const sent = performance.now();
    child.kill("SIGINT");
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, s) => resolve(s)));
    expect(performance.now() - sent).toBeLessThan(1000);
    expect(signal).toBe("SIGINT");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(["many.jsonl"]);
  });
});
