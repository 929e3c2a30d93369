import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { ROOT, readCorpus } from "../helpers/data.js";

const CRASH = join(ROOT, "test", "fixtures", "faults", "crash-worker.mjs");
const tmp = mkdtempSync(join(tmpdir(), "topiclens-faults-"));

describe("a worker thread that dies mid-run, under the CLI", () => {
  const file = join(tmp, "news.jsonl");
  writeFileSync(
    file,
    readCorpus("20newsgroups-bydate.jsonl.gz", 4000)
      .map((r) => JSON.stringify({ text: r.text }))
      .join("\n"),
  );
  // The preload makes every worker thread exit at its 15th wait for work: mid-run.
  it.each(["full-batch", "mini-batch"])("%s: the same topics, a warning, exit 0", async (path) => {
    const args = [file, "--k", "20", "--path", path, "--format", "json"];
    const healthy = await runCli(args);
    const crashed = await runCli(args, { node: ["--import", CRASH], env: { CRASH_AFTER: "15" } });
    expect(healthy.code).toBe(0);
    expect(crashed.code).toBe(0);
    const a = JSON.parse(healthy.stdout);
    const b = JSON.parse(crashed.stdout);
    expect(b.assignments).toEqual(a.assignments);
    expect(b.topics).toEqual(a.topics);
    expect(a.warnings).toEqual([]);
    expect(b.warnings).toEqual([
      { code: "parallel-fallback", message: "a worker thread stopped; k-means continued on one thread (same result)" },
    ]);
    expect(crashed.stderr).toBe(
      "topiclens: warning: a worker thread stopped; k-means continued on one thread (same result)\n",
    );
  });
});
