import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { seedCorpus } from "../src/corpus/seed.js";
import { ROOT } from "./helpers/data.js";

const run = promisify(execFile);
const example = async (name: string, ...args: string[]) =>
  (await run(process.execPath, [join(ROOT, "examples", name), ...args], { cwd: ROOT, maxBuffer: 1 << 24 })).stdout;
const tmp = mkdtempSync(join(tmpdir(), "topiclens-examples-"));

describe("examples/ run against the built package", () => {
  it("seed-topics.mjs prints the seed themes with every title", async () => {
    const out = await example("seed-topics.mjs");
    expect(out).toMatch(/^70 documents, \d+ topics/);
    expect(out).toMatch(/\] federated learning/);
    expect(out).toContain("Anarchic Federated Learning");
    expect(out).not.toMatch(/\.\.\. and \d+ more/);
  });
  it("nmf-topics.mjs sets NMF topics beside k-means topics and shows a new text's topic mixture", async () => {
    const out = await example("nmf-topics.mjs");
    const [kmeansCount, nmfCount] = [...out.matchAll(/^(k-means|NMF): (\d+) topics/gm)].map((m) => Number(m[2]));
    expect(kmeansCount).toBeGreaterThan(1);
    expect(nmfCount).toBeLessThanOrEqual(kmeansCount as number);
    expect(out).toMatch(/^ +\d+% {2}federated learning \(FL\)/m);
    expect(out).toMatch(/predicted topic: federated learning \(FL\)/);
  });
  it("cluster-file.mjs clusters a JSONL file", async () => {
    const file = join(tmp, "docs.jsonl");
    writeFileSync(
      file,
      seedCorpus()
        .map((p) => JSON.stringify({ title: p.title, text: p.abstract }))
        .join("\n"),
    );
    const out = await example("cluster-file.mjs", file, "6");
    expect(out).toContain("read 70 documents (jsonl)");
    expect(out).toContain("| 5 |");
  });
  it("embeddings.mjs clusters Float32 vectors and names the clusters", async () => {
    const out = await example("embeddings.mjs");
    expect(out).toMatch(/cosine k-means: \d+ iterations/);
    expect(out).toContain("federated learning");
  });
  it("topics-over-time.mjs shows the themes over the years, their hierarchy and venues, and writes the page", async () => {
    const { stdout } = await run(process.execPath, [join(ROOT, "examples", "topics-over-time.mjs")], {
      cwd: tmp,
      maxBuffer: 1 << 24,
    });
    expect(stdout).toMatch(/^997 documents, 8 topics/);
    expect(stdout).toMatch(/Topics over time\n\n8 time bins, 8 topics/);
    expect(stdout).toMatch(/Topic hierarchy\n\n■──/);
    expect(stdout).toMatch(
      /Abstracts of more than one theme: \d+ of 997; the most even:\n {2}.+: .+ 0\.\d\d, .+ 0\.\d\d/,
    );
    const html = readFileSync(join(tmp, "topics-over-time.html"), "utf8");
    for (const id of ["over-time", "hierarchy", "outliers", "mixed"]) expect(html).toContain(`id="${id}"`);
  });
  it("html-report.mjs writes a self-contained page", async () => {
    const file = join(tmp, "report.html");
    await example("html-report.mjs", file);
    const html = readFileSync(file, "utf8");
    expect(html).toContain("<svg");
    expect(html).toContain("Themes in 70 machine-learning abstracts");
  });
});
