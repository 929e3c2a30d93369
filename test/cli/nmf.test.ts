import { describe, expect, it } from "vitest";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { cli } from "../helpers/cli.js";

describe("topiclens --algorithm nmf", () => {
  it("gives the library's NMF topics, and says in one line that it needs --k", async () => {
    const { code, stdout, stderr } = await cli(
      "seeds/abstracts-page.txt",
      "--algorithm",
      "nmf",
      "--k",
      "5",
      "--format",
      "json",
      "--quiet",
    );
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const report = JSON.parse(stdout);
    const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
    const library = clusterTopics(papers, { algorithm: "nmf", k: 5 });
    expect(report.assignments).toEqual(Array.from(library.assignments));
    expect(report.parameters.algorithm).toBe("nmf");

    const missing = await cli("seeds/abstracts-page.txt", "--algorithm", "nmf", "--quiet");
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(/--k must be a number of topics with algorithm "nmf" .*got "auto"/);
  });
});
