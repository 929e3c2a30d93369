import { describe, expect, it } from "vitest";
import { findTopics } from "../../src/analysis/findTopics.js";
import { hierarchicalTopics } from "../../src/analysis/hierarchy.js";
import { mergeTopics, reduceOutliers, reduceTopics } from "../../src/analysis/mergeTopics.js";
import { outlierDocuments } from "../../src/analysis/outliers.js";
import { setTopicLabels } from "../../src/analysis/topicLabels.js";
import { topicsOverTime } from "../../src/analysis/topicsOverTime.js";
import { topicsPerClass } from "../../src/analysis/topicsPerClass.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { topicModelFromJSON } from "../../src/pipeline/topicModel.js";
import type { TopicsResult } from "../../src/pipeline/types.js";
import { readCorpus } from "../helpers/data.js";

// Every analysis view and every result it makes survives JSON exactly: what a notebook
// saves, a server sends or a report embeds is what was computed.
const records = readCorpus("conf-abstracts-5areas.jsonl.gz", 700);
const docs = records.map((r) => ({ id: r.id, text: r.text }));
const years = records.map((r) => Number(/(\d{4})\//.exec(r.id)?.[1]));
const result = clusterTopics(docs, { k: 6, stabilitySeeds: 1, outliers: "auto" });
const roundTrip = (x: unknown) => JSON.parse(JSON.stringify(x));
const sample = docs.slice(0, 40).map((d) => d.text);

/** The model saved and restored predicts the same topics and keeps the labels. */
function expectModelRoundTrip(r: TopicsResult): void {
  const restored = topicModelFromJSON(roundTrip(r.model));
  expect(Array.from(restored.predict(sample))).toEqual(Array.from(r.model.predict(sample)));
  expect(restored.topics.map((t) => t.label)).toEqual(r.topics.map((t) => t.label));
  expect(roundTrip(restored)).toEqual(roundTrip(r.model));
}

describe("JSON round trips of the analysis views", () => {
  it.each([
    ["topicsOverTime", () => topicsOverTime(result, docs, years)],
    [
      "topicsPerClass",
      () =>
        topicsPerClass(
          result,
          docs,
          records.map((r) => r.label),
        ),
    ],
    ["hierarchicalTopics", () => hierarchicalTopics(result, docs, { linkage: "average" })],
    ["findTopics", () => findTopics(result, "object detection", { top: 3 })],
    ["outlierDocuments", () => outlierDocuments(result)],
  ])("%s: its data parse back equal, numbers exact", (_, make) => {
    const view = make();
    // Every field comes back with its value: plain arrays, no NaN or Infinity turned to null.
    expect(roundTrip(view)).toStrictEqual(Array.isArray(view) ? [...view] : { ...view });
  });

  it.each([
    ["mergeTopics", () => mergeTopics(result, docs, [[0, 1]])],
    ["reduceTopics", () => reduceTopics(result, docs, 3)],
    ["reduceOutliers (c-TF-IDF)", () => reduceOutliers(result, docs, { strategy: "c-tf-idf" })],
    ["setTopicLabels", () => setTopicLabels(result, { 0: "vision", 2: "robots" })],
    ["zeroShotTopics", () => clusterTopics(docs, { k: 6, zeroShotTopics: ["machine translation"], stabilitySeeds: 1 })],
  ])("%s: the result's report and its model", (_, make) => {
    const r = make();
    const json = roundTrip(r);
    expect(json).toEqual(roundTrip(r.toJSON()));
    expect(json.topics.map((t: { label: string }) => t.label)).toEqual(r.topics.map((t) => t.label));
    expect(json.assignments).toEqual(Array.from(r.assignments));
    expectModelRoundTrip(r);
  });
});

describe("the analysis views leave their inputs as they were", () => {
  it("result, documents, times and classes are unchanged after every view", () => {
    const r = clusterTopics(docs, { k: 5, stabilitySeeds: 1, outliers: "auto" });
    const classes = records.map((x) => x.label);
    const before = JSON.stringify([r, r.model, docs, years, classes]);
    const assignments = Int32Array.from(r.assignments);
    topicsOverTime(r, docs, years);
    topicsPerClass(r, docs, classes);
    hierarchicalTopics(r, docs);
    mergeTopics(r, docs, [[0, 2]]);
    reduceTopics(r, docs, "auto");
    reduceOutliers(r, docs, { strategy: "c-tf-idf" });
    setTopicLabels(r, { 1: "a name" });
    findTopics(r, "robot");
    outlierDocuments(r, { quantile: 0.7 });
    expect(JSON.stringify([r, r.model, docs, years, classes])).toBe(before);
    expect(r.assignments).toEqual(assignments);
  });
});
