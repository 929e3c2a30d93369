import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, TopiclensError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import * as lib from "../../src/index.js";
import * as nodeLib from "../../src/node.js";

const X = [
  [0, 1],
  [1, 0],
  [2, 2],
  [3, 1],
];
const docs = ["federated learning clients", "adaptive optimizers learning rate", "graph neural networks"];
const BAD_VALUES: unknown[] = [undefined, null, Number.NaN, Infinity, -1, 1.5, "x", {}, [], () => 1];

// Every public function, with argument lists that must each end in a typed TopiclensError.
const table: [string, (...args: never[]) => unknown, unknown[][]][] = [
  [
    "tokenize",
    lib.tokenize as never,
    [[5], [null], ["x", { minLength: -1 }], ["x", { tokenPattern: "\\w+" }], ["x", { unknown: 1 }]],
  ],
  [
    "fitTfidf",
    lib.fitTfidf as never,
    [
      [[]],
      ["text"],
      [[1, 2]],
      [docs, { minDf: Number.NaN }],
      [docs, { maxDf: -0.5 }],
      [docs, { ngramRange: [0, 1] }],
      [docs, { maxFeatures: 0 }],
      [docs, { stopWords: 42 }],
      [docs, { stem: "snowball" }],
      [docs, { norm: "max" }],
      [docs, { wat: true }],
    ],
  ],
  ["tfidfFromJSON", lib.tfidfFromJSON as never, [[null], [{}], [{ format: "topiclens/tfidf", version: 1 }], ["{}"]]],
  [
    "kmeans",
    lib.kmeans as never,
    [
      [X, 0],
      [X, 5],
      [X, 1.5],
      [X, Number.NaN],
      [[], 1],
      [[[1, 2], [3]], 1],
      [[[1, Number.NaN]], 1],
      [X, 2, { init: [[0, 0]] }],
      [X, 2, { maxIter: -1 }],
      [X, 2, { tol: -1 }],
      [X, 2, { seed: -1 }],
      [X, 2, { sampleWeight: [1, 1] }],
      [X, 2, { sampleWeight: [1, 1, 1, Number.NaN] }],
      [X, 2, { onIteration: 5 }],
      [X, 2, { nInit: 0 }],
      [X, 2, { algorithm: "hamerly" }],
      [
        lib.fitTransformTfidf(["apple banana cherry", "banana cherry grape", "cherry grape melon"]).matrix,
        2,
        { algorithm: "elkan" },
      ],
      ["X", 2],
    ],
  ],
  [
    "miniBatchKMeans",
    lib.miniBatchKMeans as never,
    [
      [X, 0],
      [X, 2, { batchSize: -5 }],
      [X, 2, { reassignmentRatio: 2 }],
      [{ rows: 2, cols: 2, data: new Float64Array(3) }, 1],
    ],
  ],
  ["createMiniBatchKMeans", lib.createMiniBatchKMeans as never, [[0], [2, { metric: "l1" }]]],
  [
    "predict",
    lib.predict as never,
    [
      [lib.kmeans(X, 2), [[1, 2, 3]]],
      [lib.kmeans(X, 2), []],
    ],
  ],
  ["kmeansFromJSON", lib.kmeansFromJSON as never, [[null], [{ format: "topiclens/kmeans", version: 1 }]]],
  [
    "truncatedSvd",
    lib.truncatedSvd as never,
    [
      [X, 0],
      [X, 2],
      [X, 1, { nIter: -1 }],
      [[[Infinity, 1, 2]], 1],
    ],
  ],
  ["projectOnComponents", lib.projectOnComponents as never, [[X, { rows: 1, cols: 3, data: new Float64Array(3) }]]],
  [
    "clusterKeywords",
    lib.clusterKeywords as never,
    [
      [{ counts: lib.fitTransformTfidf(docs).counts, labels: [0, 1], vocabulary: lib.fitTfidf(docs).vocabulary }],
      [
        { counts: lib.fitTransformTfidf(docs).counts, labels: [0, 1, 2], vocabulary: lib.fitTfidf(docs).vocabulary },
        { topN: -1 },
      ],
    ],
  ],
  ["documentKeywords", lib.documentKeywords as never, [[null], ["x", { method: "rake" }], ["x", { top: 1.5 }]]],
  ["yakeKeywords", lib.yakeKeywords as never, [[7], ["x", { n: 0 }], ["x", { dedupThreshold: 3 }]]],
  [
    "npmiCoherence",
    lib.npmiCoherence as never,
    [
      [null, []],
      [[["a"]], null],
    ],
  ],
  [
    "npmiCoherencePerTopic",
    lib.npmiCoherencePerTopic as never,
    [
      [null, []],
      [[["a"]], null],
      [[["a"]], [["a"]], { windowSize: 0 }],
    ],
  ],
  ["findAbbreviations", lib.findAbbreviations as never, [[null], [7]]],
  ["corpusAbbreviations", lib.corpusAbbreviations as never, [[null], ["one text"], [5], [["ok", 7]]]],
  ["umassCoherence", lib.umassCoherence as never, [[[[1]], []]]],
  ["topicDiversity", lib.topicDiversity as never, [[[["a"]], 0]]],
  [
    "adjustedRandIndex",
    lib.adjustedRandIndex as never,
    [
      [[0, 1], [0]],
      [[0.5], [1]],
      [null, [1]],
    ],
  ],
  [
    "normalizedMutualInfo",
    lib.normalizedMutualInfo as never,
    [
      [
        [0, 1],
        [0, 1, 2],
      ],
    ],
  ],
  [
    "adjustedMutualInfo",
    lib.adjustedMutualInfo as never,
    [
      [
        [0, 1],
        [0, 1, 2],
      ],
    ],
  ],
  ["homogeneityCompletenessVMeasure", lib.homogeneityCompletenessVMeasure as never, [[[0], [true]]]],
  ["purity", lib.purity as never, [[[0, 1], [0]]]],
  [
    "silhouetteScore",
    lib.silhouetteScore as never,
    [
      [X, [0, 0, 0, 0]],
      [X, [0, 1]],
      [X, [0, 1, 0, 1], { metric: "l1" }],
      [X, [0, 1, 0, 1], { sampleSize: 1 }],
    ],
  ],
  ["silhouetteSamples", lib.silhouetteSamples as never, [[X, [0, 1, 2, 3]]]],
  ["calinskiHarabasz", lib.calinskiHarabasz as never, [[X, [0, 0, 0, 0]]]],
  ["daviesBouldin", lib.daviesBouldin as never, [[X, [0, 1, 2]]]],
  [
    "sweepK",
    lib.sweepK as never,
    [
      [X, { kRange: [1, 3] }],
      [X, { seeds: [-1] }],
      [X, { kRange: "all" }],
    ],
  ],
  [
    "clusterTopics",
    lib.clusterTopics as never,
    [
      [[]],
      [null],
      [[{ title: "t" }]],
      [[{ text: "x", id: 5 }]],
      [docs, { k: 0 }],
      [docs, { k: "many" }],
      [docs, { reduce: 1 }],
      [docs, { metric: "l2" }],
      [docs, { onProgress: "bar" }],
      [docs, { keywords: { diversity: 9 } }],
      [docs, { kRange: [5, 2] }],
      [docs, { kRange: [1, 3] }],
      [docs, { kRange: [2] }],
      [docs, { kRange: ["2", 3] }],
    ],
  ],
  ["topicModelFromJSON", lib.topicModelFromJSON as never, [[null], [{ format: "topiclens/topics", version: 1 }]]],
  ["parseAbstractsPage", lib.parseAbstractsPage as never, [[null], [""]]],
  [
    "resolveStopWords",
    lib.resolveStopWords as never,
    [
      ["klingon", "f"],
      [[1], "f"],
    ],
  ],
  ["denseFromRows", lib.denseFromRows as never, [[[]], [[[1], [1, 2]]], [[["a"]]]]],
  [
    "assertCsr",
    lib.assertCsr as never,
    [[{ rows: 1, cols: 1, indptr: new Int32Array([0, 2]), indices: new Int32Array([0]), data: new Float64Array([1]) }]],
  ],
];

describe("every public function answers bad arguments with a typed error", () => {
  for (const [name, fn, cases] of table) {
    it(`${name} rejects ${cases.length} bad argument lists`, () => {
      for (const args of cases) {
        let thrown: unknown;
        try {
          fn(...(args as never[]));
        } catch (error) {
          thrown = error;
        }
        expect(
          thrown,
          `${name}(${args.map((a) => JSON.stringify(a) ?? String(a)).join(", ")}) did not throw`,
        ).toBeInstanceOf(TopiclensError);
        expect((thrown as Error).message.startsWith(name) || (thrown as Error).message.includes(":")).toBe(true);
      }
    });
  }

  it("kmeans rejects every kind of bad k and bad option value with a TopiclensError", () => {
    for (const bad of BAD_VALUES) {
      expect(() => lib.kmeans(X, bad as number)).toThrow(TopiclensError);
      if (bad !== undefined) expect(() => lib.kmeans(X, 2, { maxIter: bad as number })).toThrow(TopiclensError);
    }
  });
});

describe("the views of a result refuse what is not one, by name", () => {
  const papers = seedCorpus().slice(0, 30);
  const texts = papers.map((p) => p.abstract);
  const result = lib.clusterTopics(texts, { k: 3 });
  const times = papers.map((_, i) => 2000 + (i % 3));
  // Each view with the arguments it takes after the result.
  const views: [string, (result: never) => unknown][] = [
    ["hierarchicalTopics", (r) => lib.hierarchicalTopics(r, texts)],
    ["mergeTopics", (r) => lib.mergeTopics(r, texts, [[0, 1]])],
    ["reduceTopics", (r) => lib.reduceTopics(r, texts, 2)],
    ["reduceOutliers", (r) => lib.reduceOutliers(r, texts)],
    ["outlierDocuments", (r) => lib.outlierDocuments(r)],
    ["topicDistribution", (r) => lib.topicDistribution(r, texts)],
    ["topicsOverTime", (r) => lib.topicsOverTime(r, texts, times)],
    ["topicsPerClass", (r) => lib.topicsPerClass(r, texts, times.map(String))],
    ["findTopics", (r) => lib.findTopics(r, "federated learning")],
    ["setTopicLabels", (r) => lib.setTopicLabels(r, { 0: "x" })],
  ];
  const notResults: [string, unknown][] = [
    ["read back from JSON", JSON.parse(JSON.stringify(result))],
    ["copied by structuredClone", structuredClone(result)],
    ["null", null],
    ["an array", []],
  ];
  for (const [name, view] of views) {
    it(`${name} works on the result and refuses ${notResults.length} things that are not one`, () => {
      expect(() => view(result as never)).not.toThrow();
      for (const [what, value] of notResults) {
        let thrown: unknown;
        try {
          view(value as never);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `${name} given a result ${what}`).toBeInstanceOf(InvalidArgumentError);
        expect((thrown as InvalidArgumentError).argument).toBe("result");
        expect((thrown as Error).message.startsWith(`${name}: result must be the result of clusterTopics`)).toBe(true);
      }
    });
  }

  it("says what a restored result lacks, and what to do", () => {
    expect(() => lib.topicDistribution(JSON.parse(JSON.stringify(result)), texts)).toThrow(
      /has no assignments \(an Int32Array\), no fitted model, no clustering space\. A result read back from JSON/,
    );
  });
});

/** Exported functions (not classes) of a module. */
function functionsOf(module: object, keep: (name: string) => boolean = () => true) {
  return (Object.entries(module) as [string, unknown][]).filter(
    (entry): entry is [string, (...args: unknown[]) => unknown] =>
      typeof entry[1] === "function" && !/^[A-Z]/.test(entry[0]) && keep(entry[0]),
  );
}

/**
 * Calls each function with every value in the first place, in the first two, and after
 * `first`, awaiting promises and the first item of async iterables; lists the calls that
 * failed with anything but a TopiclensError.
 */
async function untypedFailures(
  functions: readonly [string, (...args: unknown[]) => unknown][],
  values: readonly unknown[],
  first: unknown,
): Promise<string[]> {
  const escaped: string[] = [];
  for (const [name, fn] of functions) {
    for (const value of values) {
      for (const args of [[value], [value, value], [first, value]]) {
        try {
          const out = fn(...args) as unknown;
          if (out instanceof Promise) await out;
          else if (out !== null && typeof out === "object" && Symbol.asyncIterator in out)
            for await (const _ of out as AsyncIterable<unknown>) break;
        } catch (error) {
          if (!(error instanceof TopiclensError))
            escaped.push(
              `${name}(${args.map((a) => (typeof a === "function" ? "fn" : JSON.stringify(a))).join(", ")}): ${String(error)}`,
            );
        }
      }
    }
  }
  return escaped;
}

describe("no public function answers an argument of the wrong kind with anything but a typed error", () => {
  const wrong: unknown[] = [undefined, null, Number.NaN, -1, 1.5, "x", {}, [], () => 1, [null], [[1, "a"]]];
  const halfMatrix = { rows: 2, cols: 2, data: [1] };
  const functions = functionsOf(lib);
  it(`holds for all ${functions.length} exported functions`, async () => {
    expect(await untypedFailures(functions, [...wrong, halfMatrix], ["a text here", "another text"])).toEqual([]);
  });

  // The writer and the thread pool are refused by their own tests; these only read.
  const readers = functionsOf(nodeLib, (name) => !name.startsWith("create"));
  it(`holds for all ${readers.length} file readers, a missing file included`, async () => {
    const missing = join(tmpdir(), "topiclens-no-such-file.txt");
    expect(await untypedFailures(readers, wrong, missing)).toEqual([]);
  });
});

describe("the reports refuse options of the wrong kind, by name", () => {
  const texts = seedCorpus()
    .slice(0, 30)
    .map((p) => p.abstract);
  const result = lib.clusterTopics(texts, { k: 3 });
  const cases: [string, () => unknown, string][] = [
    ["toHTML title", () => lib.toHTML(result, { title: 5 as never }), "options.title"],
    ["toHTML titles", () => lib.toHTML(result, { titles: -1 }), "options.titles"],
    ["toHTML explorer", () => lib.toHTML(result, { explorer: "yes" as never }), "options.explorer"],
    ["toHTML unknown", () => lib.toHTML(result, { colour: "red" } as never), "options.colour"],
    ["toHTML documents", () => lib.toHTML(result, { documents: null as never }), "options.documents"],
    ["toHTML documents' count", () => lib.toHTML(result, { documents: texts.slice(1) }), "options.documents"],
    ["toHTML overTime", () => lib.toHTML(result, { views: { overTime: {} as never } }), "options.views.overTime"],
    [
      "toHTML hierarchy",
      () => lib.toHTML(result, { views: { hierarchy: "tree" as never } }),
      "options.views.hierarchy",
    ],
    [
      "toHTML outliers",
      () => lib.toHTML(result, { views: { outliers: [{ index: 99, topic: 0, similarity: 0 }] } }),
      "options.views.outliers",
    ],
    [
      "toHTML distribution",
      () => lib.toHTML(result, { views: { distribution: 3 as never } }),
      "options.views.distribution",
    ],
    ["toHTML views", () => lib.toHTML(result, { views: { map: 1 } as never }), "options.views.map"],
    ["toText null", () => lib.toText(result, null as never), "options"],
    ["toMarkdown titles", () => lib.toMarkdown(result, { titles: 1.5 }), "options.titles"],
    ["result.toMarkdown null", () => result.toMarkdown(null as never), "options"],
  ];
  it(`answers ${cases.length} bad options with an InvalidArgumentError naming the option`, () => {
    for (const [what, call, argument] of cases) {
      let thrown: unknown;
      try {
        call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown, what).toBeInstanceOf(InvalidArgumentError);
      expect((thrown as InvalidArgumentError).argument, what).toBe(argument);
    }
  });

  it("still renders every title with Infinity, and the views that outlierDocuments gives", () => {
    const listed = (titles: number) =>
      lib
        .toText(result, { titles })
        .split("\n")
        .filter((l) => l.startsWith("    - ")).length;
    expect(listed(Number.POSITIVE_INFINITY)).toBe(30);
    expect(listed(2)).toBe(6);
    const outliers = lib.outlierDocuments(result);
    expect(lib.toHTML(result, { views: { outliers } })).toContain('id="outliers"');
  });
});

describe("a limit beyond what the data holds is all of it, not a failed allocation", () => {
  const texts = seedCorpus()
    .slice(0, 30)
    .map((p) => p.abstract);
  const result = lib.clusterTopics(texts, { k: 3 });
  const huge = 1e15;

  it("keywords: topN of 10^15 lists every candidate, as a topN of the vocabulary's size does", () => {
    const all = lib.clusterTopics(texts, { k: 3, keywords: { topN: huge } });
    const vocabulary = lib.clusterTopics(texts, { k: 3, keywords: { topN: 100_000 } });
    expect(all.topics.map((t) => t.keywords)).toEqual(vocabulary.topics.map((t) => t.keywords));
    expect(all.topics[0]?.keywords.length).toBeGreaterThan(10);
  });

  it("views: topN and window of 10^15", () => {
    const times = texts.map((_, i) => 2000 + (i % 3));
    expect(lib.topicsOverTime(result, texts, times, { topN: huge }).bins.length).toBe(3);
    expect(lib.hierarchicalTopics(result, texts, { topN: huge }).merges.length).toBe(2);
    // One window holding each whole text.
    const whole = lib.topicDistribution(result, texts, { window: huge });
    expect(whole.row(0)).toEqual(lib.topicDistribution(result, texts, { window: 100_000 }).row(0));
  });
});
