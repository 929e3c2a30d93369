import { describe, expect, it } from "vitest";
import type { ClassTermTable } from "../../src/keywords/classPhraseCounts.js";
import { documentKeywordsBatch } from "../../src/keywords/documentKeywords.js";
import { fixedExpressions } from "../../src/keywords/fixedExpressions.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { fitTfidf } from "../../src/vectorize/tfidf.js";
import { csrOfRows as csr } from "../helpers/csr.js";

describe("fixedExpressions", () => {
  // Two clusters of 20 documents; documents holding each term per cluster.
  const vocabulary = [
    "new",
    "york",
    "method",
    "al",
    "qaeda",
    "work",
    "extermination",
    "new york",
    "new method",
    "al qaeda",
    "et al",
    "work extermination",
    "york new",
  ];
  const documents = [
    [12, 18, 1, 3, 6, 2, 8, 17, 1, 6, 0, 7, 1],
    [15, 0, 14, 4, 0, 5, 0, 0, 6, 0, 4, 0, 0],
  ];
  const table: ClassTermTable = {
    vocabulary,
    termCounts: csr(documents),
    documentCounts: csr(documents),
    sizes: Int32Array.from([20, 20]),
  };
  const marked = (fixed: Uint8Array) => vocabulary.filter((_, t) => fixed[t] === 1);

  it("marks phrases led by a discourse word whose other words the corpus writes mostly after it", () => {
    // "york": 17 of its 18 documents in "new york"; "qaeda": 6 of 6; "method": 7 of 15 (under half).
    expect(marked(fixedExpressions(table))).toEqual(["new york", "al qaeda", "work extermination"]);
  });

  it("marks no phrase of discourse words only, none with one further in, and none mostly written with words between", () => {
    const fixed = fixedExpressions(table, (columns) => {
      // What `writtenForms` says of the marked phrases: "work of extermination".
      expect(columns.map((t) => vocabulary[t])).toEqual(["new york", "al qaeda", "work extermination"]);
      return new Map([[vocabulary.indexOf("work extermination"), "work of extermination"]]);
    });
    expect(marked(fixedExpressions(table, () => new Map()))).toContain("work extermination");
    expect(marked(fixed)).toEqual(["new york", "al qaeda"]);
  });

  // New York news, and papers on "a new method" ("method" after "new" in a third of the
  // documents holding it).
  const places = ["subway", "mayor", "taxi", "harbor", "bridge", "marathon"];
  const methods = ["segmentation", "detection", "tracking", "registration", "denoising", "retrieval"];
  const docs = [
    ...places.flatMap((p, i) => [
      `The ${p} of New York opened again on Monday, New York officials said, as the city council met.`,
      `New York police closed the ${p} after the storm; the city council and the mayor of New York met at noon ${i}.`,
    ]),
    ...methods.flatMap((m) => [
      `We present a new method for image ${m} with a convolutional network trained on labelled images.`,
      `Our method for video ${m}: the network learns features from labelled frames and images.`,
      `The method learns image ${m} from labelled images with a convolutional network.`,
    ]),
  ];

  it("names a topic by the place, not by the piece of its name that is no discourse word", () => {
    const result = clusterTopics(docs, { k: 2, seed: 0 });
    const terms = result.topics.flatMap((t) => t.keywords.map((k) => k.term));
    expect(terms).toContain("new york");
    expect(terms).not.toContain("york");
    expect(terms).not.toContain("new method");
    const city = result.topics.find((t) => t.keywords.some((k) => k.term === "new york"));
    expect(city?.label.split(" · ")).toContain("new york");
  });

  it("lets a document's TF-IDF keywords hold the name too", () => {
    const model = fitTfidf(docs, { ngramRange: [1, 2] });
    const [city, paper] = documentKeywordsBatch([docs[0] as string, docs[12] as string], {
      method: "tfidf",
      model,
      top: 10,
    }).map((list) => list.map((k) => k.term));
    expect(city).toContain("new york");
    expect(paper).not.toContain("new method");
  });
});
