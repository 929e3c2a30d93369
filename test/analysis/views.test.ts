import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hierarchicalTopics } from "../../src/analysis/hierarchy.js";
import { outlierDocuments } from "../../src/analysis/outliers.js";
import { topicDistribution } from "../../src/analysis/topicDistribution.js";
import { setTopicLabels } from "../../src/analysis/topicLabels.js";
import { topicsOverTime } from "../../src/analysis/topicsOverTime.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { topicModelFromJSON } from "../../src/pipeline/topicModel.js";
import { cli } from "../helpers/cli.js";
import { readCorpus } from "../helpers/data.js";

const records = readCorpus("conf-abstracts-5areas.jsonl.gz", 800);
const docs = records.map((r) => ({ id: r.id, text: r.text }));
const years = records.map((r) => Number(/(\d{4})\//.exec(r.id)?.[1]));
const result = clusterTopics(docs, { k: 5, stabilitySeeds: 1 });

describe("setTopicLabels(result, labels)", () => {
  it("names topics by hand in every report and in the saved model, leaving the result untouched", () => {
    const before = JSON.stringify(result);
    const named = setTopicLabels(result, { 2: "robots that touch", 0: "" });
    expect(JSON.stringify(result)).toBe(before);
    expect(named.topics[2]?.label).toBe("robots that touch");
    expect(named.topics[0]?.label).toBe(result.topics[0]?.label);
    expect(named.topics[2]?.keywords).toEqual(result.topics[2]?.keywords);
    expect(named.toMarkdown()).toContain("robots that touch");
    expect(named.toHTML()).toContain("robots that touch");
    expect(named.toCSV()).toContain("robots that touch");
    const restored = topicModelFromJSON(JSON.parse(JSON.stringify(named.model)));
    expect(restored.topics[2]?.label).toBe("robots that touch");
    // A hand label that repeats another topic's name: that topic's name adds its second term.
    const head = result.topics[0]?.name as string;
    const repeated = setTopicLabels(result, { 3: head });
    expect(repeated.topics[3]?.name).toBe(head);
    expect(repeated.topics[0]?.name).toBe(`${head} · ${result.topics[0]?.label.split(" · ")[1]}`);
    expect(repeated.topics[0]?.label).toBe(result.topics[0]?.label);
    expect(() => setTopicLabels(result, { 9: "x" })).toThrow(InvalidArgumentError);
    expect(() => setTopicLabels(result, { 1: 3 as never })).toThrow(/the label of topic 1 must be a string/);
    expect(() => setTopicLabels(result, ["a"])).toThrow(/one label per topic \(5\)/);
  });
});

describe("the HTML report with analysis views", () => {
  it("gains sections for time, hierarchy and outliers when they are given", () => {
    const plain = result.toHTML();
    expect(plain).not.toContain('id="over-time"');
    const html = result.toHTML({
      views: {
        overTime: topicsOverTime(result, docs, years),
        hierarchy: hierarchicalTopics(result, docs),
        outliers: outlierDocuments(result),
      },
    });
    for (const id of ["over-time", "hierarchy", "outliers"]) expect(html).toContain(`id="${id}"`);
    expect((html.match(/<svg/g) ?? []).length).toBe(5); // map, time chart, dendrogram, intertopic map, heatmap
    expect(html).not.toMatch(/<script[^>]*\bsrc=|https?:\/\/(?!www\.w3\.org)/);
  });
});

describe("the CLI's analysis flags", () => {
  const file = join(mkdtempSync(join(tmpdir(), "topiclens-views-")), "papers.jsonl");
  writeFileSync(file, records.map((r, i) => JSON.stringify({ id: r.id, text: r.text, year: years[i] })).join("\n"));
  it("--time-field, --hierarchy, --outliers and --reduce-to show in text, md, json and html", async () => {
    // In TF-IDF space (no LSA) this corpus has documents that fit no topic well.
    const flags = [
      ...["--k", "6", "--reduce", "none", "--time-field", "year", "--hierarchy", "--outliers", "--reduce-to", "4"],
      "--quiet",
    ];
    const text = await cli(file, ...flags);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^800 documents, 4 topics/);
    for (const heading of ["Topics over time", "Topic hierarchy"]) expect(text.stdout).toContain(heading);
    expect(text.stdout).toMatch(/\[-1\] outliers: \d+ documents that fit no topic well/);
    const md = await cli(file, ...flags, "--format", "md");
    expect(md.stdout).toContain("## Topics over time");
    expect(md.stdout).toMatch(/## Outliers \(\d+\)/);
    const json = JSON.parse((await cli(file, ...flags, "--format", "json")).stdout);
    expect(json.topics).toHaveLength(4);
    expect(json.overTime.bins.length).toBe(new Set(years).size);
    expect(json.hierarchy.merges).toHaveLength(3);
    expect(json.parameters.outliers).toBe(0.5);
    expect(json.assignments).toContain(-1);
    const html = await cli(file, ...flags, "--format", "html");
    expect(html.stdout).toContain('id="hierarchy"');
    expect(html.stdout).toContain('id="outliers"');
  });
  it("--distribution: the documents of more than one theme in text and html, every share in json", async () => {
    const flags = ["--k", "5", "--distribution", "--quiet"];
    const fitted = clusterTopics(docs, { k: 5 });
    const expected = topicDistribution(fitted, docs);
    const mixed = expected.mixed();
    expect(mixed.length).toBeGreaterThan(0);
    const text = await cli(file, ...flags);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      `Documents of more than one theme (${mixed.length}; a second theme holds a quarter or more)`,
    );
    // Each listed document's themes, commas between them (a name can hold " · ").
    const first = mixed[0] as (typeof mixed)[number];
    expect(text.stdout).toContain(
      first.shares.map((s) => `${fitted.topics[s.topic]?.name} ${s.share.toFixed(2)}`).join(", "),
    );
    const json = JSON.parse((await cli(file, ...flags, "--format", "json")).stdout);
    expect(json.distribution.documents).toBe(800);
    expect(json.distribution.values[mixed[0]?.index as number]).toEqual(
      Array.from(expected.row(mixed[0]?.index as number)),
    );
    const html = await cli(file, ...flags, "--format", "html");
    expect(html.stdout).toContain(`<h2>Documents of more than one theme (${mixed.length})</h2>`);
    // A lower threshold counts more passages: as topicDistribution's option.
    const lower = topicDistribution(clusterTopics(docs, { k: 5 }), docs, { minSimilarity: 0.05 });
    const json05 = JSON.parse((await cli(file, ...flags, "--min-similarity", "0.05", "--format", "json")).stdout);
    expect(json05.distribution.empty).toBe(lower.empty);
    expect(json05.distribution.values[7]).toEqual(Array.from(lower.row(7)));
  });

  it("refuses what it cannot do, in one line: views on a streamed file, --bins alone, --reduce-to beyond k", async () => {
    const cases: [string[], RegExp][] = [
      [["--stream", "--hierarchy"], /count the documents' words again, which a streamed file does not keep/],
      [["--stream", "--distribution"], /--distribution and --reduce-to count the documents' words again/],
      [
        ["--min-similarity", "0.05"],
        /--min-similarity sets how --distribution counts a passage; give --distribution too/,
      ],
      [["--distribution", "--min-similarity", "2"], /--min-similarity must be a number from 0 to 1; got "2"/],
      [["--bins", "3"], /--bins groups the times of --time-field/],
      [
        ["--k", "4", "--reduce-to", "9"],
        /--reduce-to must be auto or an integer from 1 to 4 \(the number of topics\); got 9/,
      ],
      [["--time-field", "year", "--bins", "weekly"], /--bins must be a number of bins, year or month/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(file, ...args, "--quiet");
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
