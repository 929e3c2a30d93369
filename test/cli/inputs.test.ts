import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { seedCorpus } from "../../src/corpus/seed.js";
import { adjustedRandIndex, normalizedMutualInfo, vMeasure } from "../../src/evaluate/external.js";
import { cli, SEED } from "../helpers/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "topiclens-inputs-"));

/** One line on stderr, no stack frame: what every refusal must look like. */
function expectOneLine(stderr: string): void {
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |TypeError|ENOENT: ENOENT/);
}

const papers = seedCorpus();
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const TEXTS: Record<string, string> = {
  page: readFileSync(SEED, "utf8"),
  lines: papers.map((p) => p.abstract).join("\n"),
  jsonl: papers.map((p, i) => JSON.stringify({ id: `p${i}`, title: p.title, text: p.abstract })).join("\n"),
  json: JSON.stringify(papers.map((p, i) => ({ id: `p${i}`, title: p.title, abstract: p.abstract }))),
  csv: ["id,title,text", ...papers.map((p, i) => `p${i},${q(p.title)},${q(p.abstract)}`)].join("\n"),
  // TSV has no quoting: the quotes are part of the text
  tsv: ["id\ttitle\ttext", ...papers.map((p, i) => `p${i}\t"${p.title}"\t${p.abstract}`)].join("\n"),
};
const NAMES: Record<string, string> = {
  page: "page.txt",
  lines: "lines.txt",
  jsonl: "docs.jsonl",
  json: "docs.json",
  csv: "docs.csv",
  tsv: "docs.tsv",
};

describe("the CLI reads every supported file right", () => {
  const cases = Object.keys(TEXTS).flatMap((format) =>
    [false, true].map((gz) => ({ format, gz, name: `${NAMES[format]}${gz ? ".gz" : ""}` })),
  );
  it.each(cases)("$name", async ({ format, gz, name }) => {
    const file = join(tmp, name);
    const text = TEXTS[format] as string;
    writeFileSync(file, gz ? gzipSync(text) : text);
    const r = await cli(file, "--k", "4", "--format", "json", "--quiet", "--stability-seeds", "1");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.documents).toBe(70);
    expect(report.topics).toHaveLength(4);
    if (format !== "lines") {
      const titles = report.topics.flatMap((t: { representatives: { title: string }[] }) =>
        t.representatives.map((x) => x.title),
      );
      expect(titles.every((t: string) => papers.some((p) => t.includes(p.title)))).toBe(true);
    }
  });

  it("a plain .gz (no format in its name) is gunzipped, then recognised by its content", async () => {
    for (const [name, text] of [
      ["docs.gz", TEXTS.jsonl],
      ["array.gz", TEXTS.json],
      ["page.gz", TEXTS.page],
    ] as const) {
      const file = join(tmp, name);
      writeFileSync(file, gzipSync(text as string));
      const r = await cli(file, "--k", "3", "--format", "json", "--quiet", "--stability-seeds", "1");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).documents).toBe(70);
    }
  });

  it("a gzipped file with a plain name is read by its magic bytes", async () => {
    const file = join(tmp, "docs-without-gz-name.jsonl");
    writeFileSync(file, gzipSync(TEXTS.jsonl as string));
    const r = await cli(file, "--k", "3", "--format", "json", "--quiet", "--stability-seeds", "1");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents).toBe(70);
  });

  it("UTF-16 with and without a byte-order mark is decoded; streamed, it is refused with the remedy", async () => {
    const le = Buffer.from(TEXTS.jsonl as string, "utf16le");
    const withBom = join(tmp, "utf16-bom.jsonl");
    const noBom = join(tmp, "utf16.jsonl");
    writeFileSync(withBom, Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
    writeFileSync(noBom, le);
    const plain = await cli(join(tmp, "docs.jsonl"), "--k", "3", "--format", "json", "--quiet");
    for (const file of [withBom, noBom]) {
      const r = await cli(file, "--k", "3", "--format", "json", "--quiet");
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(plain.stdout);
    }
    const streamed = await cli(withBom, "--k", "3", "--stream", "--quiet");
    expect(streamed.code).toBe(1);
    expectOneLine(streamed.stderr);
    expect(streamed.stderr).toMatch(/is UTF-16 text, which is read whole but not streamed; convert it to UTF-8/);
  });

  it("a JSON array of strings, and JSON that is not an array of documents", async () => {
    const strings = join(tmp, "strings.json");
    writeFileSync(strings, JSON.stringify(papers.map((p) => p.abstract)));
    const r = await cli(strings, "--k", "3", "--format", "json", "--quiet");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents).toBe(70);
    const object = join(tmp, "object.json");
    writeFileSync(object, JSON.stringify({ papers: [] }));
    const bad = await cli(object);
    expect(bad.code).toBe(1);
    expectOneLine(bad.stderr);
    expect(bad.stderr).toMatch(
      /object\.json must hold a JSON array of documents .*; for one object per line, name it \.jsonl/,
    );
    const numbers = join(tmp, "numbers.json");
    writeFileSync(numbers, "[1, 2, 3]");
    const items = await cli(numbers);
    expect(items.code).toBe(1);
    expect(items.stderr).toMatch(/numbers\.json item 0 must be an object or a string; got 1/);
  });

  it("binary files are refused, naming what was found", async () => {
    const png = join(tmp, "picture.txt");
    writeFileSync(
      png,
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(64)]),
    );
    const exe = join(tmp, "program");
    copyFileSync(process.execPath, exe);
    for (const [file, what] of [
      [png, /picture\.txt is not a text file \(it holds NUL bytes: it looks like a PNG image\)/],
      [exe, /program is not a text file \(it holds NUL bytes(: it looks like an ELF executable)?\)/],
    ] as const) {
      const r = await cli(file);
      expect(r.code).toBe(1);
      expectOneLine(r.stderr);
      expect(r.stderr).toMatch(what);
      expect(r.stdout).toBe("");
    }
  });

  it("directories: --ext chooses the files, --recursive the subfolders, an empty match names what was looked for", async () => {
    const dir = join(tmp, "notes");
    mkdirSync(join(dir, "deeper"), { recursive: true });
    papers.slice(0, 12).forEach((p, i) => {
      writeFileSync(join(dir, `n${String(i).padStart(2, "0")}.md`), p.abstract);
    });
    papers.slice(12, 20).forEach((p, i) => {
      writeFileSync(join(dir, "deeper", `d${i}.md`), p.abstract);
    });
    const none = await cli(dir);
    expect(none.code).toBe(1);
    expectOneLine(none.stderr);
    expect(none.stderr).toMatch(/holds no non-empty \*\.txt files; subfolders were not searched .*--ext/);
    const flat = await cli(dir, "--ext", "md", "--k", "2", "--format", "json", "--quiet");
    expect(JSON.parse(flat.stdout).documents).toBe(12);
    const deep = await cli(dir, "--ext", "md,txt", "--recursive", "--k", "2", "--format", "json", "--quiet");
    expect(deep.code).toBe(0);
    expect(JSON.parse(deep.stdout).documents).toBe(20);
  });
});

describe("every flag works in both the whole and the streamed path", () => {
  const file = join(tmp, "flags.jsonl");
  writeFileSync(
    file,
    papers.map((p, i) => JSON.stringify({ key: `k${i}`, name: p.title, body: p.abstract, area: i % 3 })).join("\n"),
  );
  const flagSets: string[][] = [
    ["--k", "4", "--ngram", "1-2", "--min-df", "1", "--max-df", "0.8", "--metric", "euclidean"],
    ["--k", "auto", "--k-range", "3-5", "--reduce", "20", "--n-init", "2", "--seed", "7"],
    ["--k", "3", "--stem", "porter2", "--max-features", "300", "--representatives", "1", "--top", "5"],
    ["--k", "3", "--lang", "none", "--token-pattern", "[a-z]{3,}", "--stability-seeds", "1"],
    ["--k", "3", "--path", "mini-batch", "--sample-size", "100", "--mini-batch-from", "10"],
  ];
  const fields = ["--text-field", "body", "--title-field", "name", "--id-field", "key"];
  it.each(flagSets.map((flags) => ({ flags, name: flags.join(" ") })))("$name", async ({ flags }) => {
    const whole = await cli(file, ...fields, ...flags, "--format", "json", "--quiet");
    const streamed = await cli(file, ...fields, ...flags, "--format", "json", "--quiet", "--stream");
    expect(whole.stderr).toBe("");
    expect(whole.code).toBe(0);
    expect(streamed.stdout).toBe(whole.stdout);
    const report = JSON.parse(whole.stdout);
    expect(report.topics[0].representatives[0].id).toMatch(/^k\d+$/);
    if (flags.includes("--top")) expect(report.topics[0].keywords).toHaveLength(5);
    if (flags.includes("--representatives")) expect(report.topics[0].representatives).toHaveLength(1);
    if (flags.includes("--reduce")) expect(report.parameters.reduce).toBe(20);
    if (flags.includes("--seed")) expect(report.parameters.seed).toBe(7);
  });

  it("--stop-words FILE replaces the list; the words are gone from the keywords", async () => {
    const words = join(tmp, "stop.txt");
    writeFileSync(words, "# my list\nfederated\nlearning\nthe\nof\nand\n");
    const r = await cli(file, "--text-field", "body", "--k", "4", "--stop-words", words, "--format", "json", "--quiet");
    expect(r.code).toBe(0);
    const terms = JSON.parse(r.stdout).topics.flatMap((t: { keywords: { term: string }[] }) =>
      t.keywords.map((k) => k.term),
    );
    expect(terms.some((t: string) => /\bfederated\b/.test(t))).toBe(false);
    const missing = await cli(file, "--stop-words", join(tmp, "nope.txt"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--stop-words: cannot read .*nope\.txt: no such file or directory/);
  });

  it("--label-field prints V-measure, ARI and NMI equal to the library's metrics", async () => {
    for (const extra of [[], ["--stream"]]) {
      const r = await cli(
        file,
        "--text-field",
        "body",
        "--k",
        "3",
        "--label-field",
        "area",
        "--format",
        "json",
        "--quiet",
        ...extra,
      );
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      const gold = papers.map((_, i) => String(i % 3));
      const f = (x: number) => x.toFixed(3);
      expect(r.stderr.trim()).toBe(
        `topiclens: agreement with --label-field area (70 documents, 3 classes): V-measure ${f(vMeasure(gold, report.assignments))}, ARI ${f(adjustedRandIndex(gold, report.assignments))}, NMI ${f(normalizedMutualInfo(gold, report.assignments))}`,
      );
    }
    const none = await cli(file, "--text-field", "body", "--k", "3", "--label-field", "nothing", "--quiet");
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--label-field nothing: no document has a value in that field/);
  });
});

describe("predict with a saved model", () => {
  it("--save-model then predict labels new documents as the fitted model does", async () => {
    const train = join(tmp, "train.jsonl");
    writeFileSync(train, TEXTS.jsonl as string);
    for (const model of [join(tmp, "model.json"), join(tmp, "model.json.gz")]) {
      const fitted = await cli(train, "--k", "5", "--format", "json", "--save-model", model, "--quiet");
      expect(fitted.code).toBe(0);
      const report = JSON.parse(fitted.stdout);
      const predicted = await cli("predict", "--model", model, train, "--format", "json");
      expect(predicted.code).toBe(0);
      const rows = JSON.parse(predicted.stdout);
      expect(rows.map((r: { topic: number }) => r.topic)).toEqual(report.assignments);
      expect(rows[0]).toMatchObject({ document: 0, id: "p0" });
      expect(rows[0].label).toBe(report.topics[rows[0].topic].label);
      const csv = await cli("predict", "--model", model, train);
      expect(csv.stdout.split("\n")[0]).toBe("document,id,topic,label");
      expect(csv.stdout.trim().split("\n")).toHaveLength(71);
    }
  });

  it("a truncated, edited or newer model is one line naming the file, exit 1", async () => {
    const train = join(tmp, "train.jsonl");
    const model = join(tmp, "model.json");
    const text = readFileSync(model, "utf8");
    const json = JSON.parse(text);
    const cases: [string, string, RegExp][] = [
      [
        "truncated.json",
        text.slice(0, text.length >> 1),
        /truncated\.json is not valid JSON .*; it may be truncated or edited/,
      ],
      [
        "newer.json",
        JSON.stringify({ ...json, version: 99 }),
        /newer\.json: version 99 is not supported .*upgrade topiclens/,
      ],
      [
        "edited.json",
        JSON.stringify({
          ...json,
          kmeans: { ...json.kmeans, centroids: { ...json.kmeans.centroids, base64: "AAAA" } },
        }),
        /edited\.json: .*centroids .* holds 3 bytes, not \d+: the file may have been edited or truncated/,
      ],
    ];
    for (const [name, content, message] of cases) {
      const file = join(tmp, name);
      writeFileSync(file, content);
      const r = await cli("predict", "--model", file, train);
      expect(r.code).toBe(1);
      expectOneLine(r.stderr);
      expect(r.stderr).toMatch(message);
    }
    const noModel = await cli("predict", train);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/predict needs a saved model: --model FILE/);
  });
});
