import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/data.js";

const DENO = join(ROOT, "node_modules", ".bin", "deno");
const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: "1" } });

describe("the built package in Deno", () => {
  it("passes the library tests under `deno test`", () => {
    const out = run(DENO, ["test", "--no-check", "--allow-read", "test/deno/library.deno.ts"]);
    expect(out).toMatch(/ok \| 5 passed \| 0 failed/);
  });

  it("says that read permission is missing, not that the file does not exist", () => {
    const allowed = ["dist", "node_modules", "test", "package.json"].map((p) => join(ROOT, p)).join(",");
    const out = run(DENO, ["run", `--allow-read=${allowed}`, "--allow-env", "test/deno/permission.mjs"]);
    expect(out.trim()).toMatch(
      /^readDocuments: cannot read .*abstracts-page\.txt: permission denied \(in Deno, run with --allow-read\)$/,
    );
  });

  it("shares k-means with Web Workers (createWebWorkerPool): the one-thread bytes, on 2 and 3 threads", () => {
    const cases = JSON.parse(run(DENO, ["run", "--allow-read", "test/deno/webWorkers.mjs"])) as {
      threads: number;
      name: string;
      identical: boolean;
      sessions: number;
    }[];
    expect(cases).toHaveLength(8);
    for (const c of cases) {
      expect(c.identical, `${c.name} on ${c.threads} threads`).toBe(true);
      // Every run but clusterTopics' on 3 threads (1,000 rows a thread, under the pool's floor) used the workers.
      if (!(c.name === "clusterTopics" && c.threads === 3)) expect(c.sessions, c.name).toBeGreaterThan(0);
    }
  }, 240_000);

  it("gives the seed example's labels, keywords and scores byte for byte as in Node", () => {
    const node = run(process.execPath, ["test/deno/seedResult.mjs"]);
    const deno = run(DENO, ["run", "--allow-read", "test/deno/seedResult.mjs"]);
    expect(JSON.parse(node).topics.length).toBeGreaterThan(3);
    expect(deno).toBe(node);
  });
});
