import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EmptyInputError, InvalidArgumentError } from "../../src/core/errors.js";
import { parseAbstractsPage } from "../../src/corpus/parseAbstractsPage.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { loadSeedCorpus } from "../../src/node.js";
import { ROOT } from "../helpers/data.js";

const page = readFileSync(join(ROOT, "seeds", "abstracts-page.txt"), "utf8");
const abstract = "word ".repeat(60).trim();

describe("parseAbstractsPage(text)", () => {
  it("returns the 70 seed papers in order, without the page header", () => {
    const papers = parseAbstractsPage(page);
    expect(papers).toHaveLength(70);
    expect(papers[0]?.title).toBe("Federated Adversarial Learning: A Framework with Convergence Analysis");
    expect(papers[0]?.abstract.startsWith("Federated learning (FL) is a trending training paradigm")).toBe(true);
    expect(papers[69]?.title).toBe(
      "Beating the average: how to generate profit by exploiting the inefficiencies of soccer betting",
    );
    expect(papers.map((p) => p.title)).not.toContain("Subscribe");
    expect(papers.every((p) => p.abstract.split(" ").length >= 50)).toBe(true);
  });
  it("tolerates CRLF, trailing spaces and extra blank lines", () => {
    const messy = page.replace(/\n/g, "  \r\n").replace(/\r\n {2}\r\n/g, "\r\n\r\n\r\n \r\n");
    expect(parseAbstractsPage(messy)).toEqual(parseAbstractsPage(page));
  });
  it("skips header lines before the first paper", () => {
    expect(parseAbstractsPage(`Header\n\nJul 1\n\nA Title\n\n${abstract}\n`)).toEqual([{ title: "A Title", abstract }]);
  });
  it("rejects text with no papers and non-strings", () => {
    expect(() => parseAbstractsPage("just a line\n\nanother line")).toThrow(EmptyInputError);
    expect(() => parseAbstractsPage("")).toThrow(/text holds no papers/);
    expect(() => parseAbstractsPage(null as unknown as string)).toThrow(InvalidArgumentError);
  });
});

describe("seedCorpus() and loadSeedCorpus()", () => {
  it("both return the packaged 70 papers", async () => {
    expect(seedCorpus()).toEqual(parseAbstractsPage(page));
    expect(await loadSeedCorpus()).toEqual(seedCorpus());
  });
});
