import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/data.js";

interface Output {
  output_type: string;
  data?: Record<string, string | string[]>;
}
const text = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join("") : (v ?? ""));

describe("examples/seed-topics.ipynb on the Deno Jupyter kernel", () => {
  it("executes headless from a clean state and displays the themes", () => {
    const jupyter = "/usr/bin/jupyter";
    expect(
      () => execFileSync(jupyter, ["nbconvert", "--version"]),
      "Jupyter is missing: apt-get install jupyter-nbconvert jupyter-client python3-ipykernel",
    ).not.toThrow();
    execFileSync(join(ROOT, "node_modules", ".bin", "deno"), ["jupyter", "--install", "--force"], {
      cwd: ROOT,
      stdio: "ignore",
    });
    const out = mkdtempSync(join(tmpdir(), "topiclens-notebook-"));
    execFileSync(
      jupyter,
      [
        "nbconvert",
        "--to",
        "notebook",
        "--execute",
        "--ExecutePreprocessor.kernel_name=deno",
        "--ExecutePreprocessor.timeout=300",
        // Under a loaded CI machine the kernel's outputs can arrive after nbclient's 4 s default: wait, and fail loudly.
        "--ExecutePreprocessor.iopub_timeout=120",
        "--ExecutePreprocessor.raise_on_iopub_timeout=True",
        "--output-dir",
        out,
        join(ROOT, "examples", "seed-topics.ipynb"),
      ],
      { cwd: ROOT, stdio: "pipe" },
    );
    const nb = JSON.parse(readFileSync(join(out, "seed-topics.ipynb"), "utf8")) as {
      cells: { cell_type: string; source: string[]; outputs?: Output[] }[];
    };
    const code = nb.cells.filter((c) => c.cell_type === "code");
    const outputOf = (needle: string) => code.find((c) => c.source.join("").includes(needle))?.outputs ?? [];
    expect(code.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === "error")).toEqual([]);
    const display = outputOf("clusterTopics(papers").find((o) => o.data?.["text/html"]);
    expect(text(display?.data?.["text/html"])).toContain("federated learning");
    expect(text(display?.data?.["text/html"])).toContain("<svg");
    const sweep = outputOf("sweepK(matrix").find((o) => o.data?.["image/svg+xml"]);
    expect(text(sweep?.data?.["image/svg+xml"])).toMatch(/^<svg/);
    expect(text(outputOf("model.predict")[0]?.data?.["text/plain"])).toContain("federated learning");
    const tree = outputOf("hierarchicalTopics(result").find((o) => o.data?.["text/html"]);
    expect((text(tree?.data?.["text/html"]).match(/<svg/g) ?? []).length).toBe(3);
    expect(text(tree?.data?.["text/plain"])).toMatch(/^■──/);
    const overTime = outputOf("topicsOverTime(conferences").find((o) => o.data?.["text/html"]);
    expect(text(overTime?.data?.["text/html"])).toContain("<polyline");
    expect(text(overTime?.data?.["text/plain"])).toMatch(/^8 time bins, 8 topics/);
  });
});
