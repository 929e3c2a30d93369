import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kmeans } from "../../src/cluster/kmeans.js";
import { assertCsr } from "../../src/core/csr.js";
import { EmptyInputError, TopiclensError } from "../../src/core/errors.js";
import { createRandom } from "../../src/core/random.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { topicModelFromJSON } from "../../src/pipeline/topicModel.js";
import { normalizeText } from "../../src/text/normalize.js";
import { tokenize } from "../../src/text/tokenize.js";
import { fitTransformTfidf } from "../../src/vectorize/tfidf.js";

const abstracts = seedCorpus().map((p) => p.abstract);

// Strings mixing surrogate pairs, combining marks, right-to-left scripts, zero-width and
// control characters, and very long tokens.
const hostile = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc
    .array(
      fc.constantFrom(
        "e\u0301",
        "\u200b",
        "\u200d",
        "\u202e",
        "مرحبا",
        "שלום",
        "😀",
        "𝔘𝔫𝔦",
        "\u0000",
        "\u0007",
        "\r\n",
        "k-means",
        "ﬁ",
        "Ⅻ",
        "x".repeat(5000),
        " ",
      ),
      { maxLength: 30 },
    )
    .map((a) => a.join("")),
);

describe("tokenize and fitTransformTfidf on hostile Unicode", () => {
  it("tokenize never throws and every token is a substring of the normalised text", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const normalized = normalizeText(text);
        for (const token of tokenize(text)) expect(normalized.includes(token)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
  it("fitTransformTfidf keeps CSR invariants or says the corpus has no terms", () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 8 }), (docs) => {
        try {
          const { matrix, counts, model } = fitTransformTfidf([...docs, "anchor words here"], { ngramRange: [1, 2] });
          assertCsr(matrix);
          assertCsr(counts);
          expect(matrix.cols).toBe(model.vocabulary.length);
        } catch (error) {
          expect(error).toBeInstanceOf(EmptyInputError);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("clusterTopics on awkward corpora returns a valid result", () => {
  it("10,000 empty strings among real documents", () => {
    const r = clusterTopics([...Array.from({ length: 10_000 }, () => ""), ...abstracts], {
      k: 4,
      nInit: 2,
      stabilitySeeds: 1,
    });
    expect(r.assignments).toHaveLength(10_070);
    // Blank documents are in no topic, and no topic is made of them or grows by them.
    expect(Array.from(r.assignments.subarray(0, 10_000)).every((a) => a === -1)).toBe(true);
    expect(Array.from(r.assignments.subarray(10_000)).every((a) => a >= 0)).toBe(true);
    expect(r.topics.map((t) => t.size).reduce((a, b) => a + b)).toBe(70);
    expect(r.warnings.map((w) => w.message).join(" ")).toMatch(
      /10000 document\(s\) have no terms in the vocabulary; they are in no topic \(−1\)/,
    );
    expect(Array.from(r.model.predict(["", "of the", abstracts[0] as string]).subarray(0, 2))).toEqual([-1, -1]);
    // Reports name them for what they are: not outliers (none were asked for), but placeless.
    expect(r.toString()).toContain("[-1] in no topic: 10000 documents with no term to place them by");
    expect(r.toMarkdown()).toContain("## In no topic (10000)\n\nDocuments with no term to place them by (topic −1):");
    const saved = topicModelFromJSON(JSON.parse(JSON.stringify(r.model.toJSON())));
    expect(saved.predict(abstracts)).toEqual(r.assignments.subarray(10_000));
  });
  it("reports name topic −1 by why its documents are there", () => {
    const given = clusterTopics(abstracts, { clusters: abstracts.map((_, i) => (i < 5 ? -1 : i % 3)) });
    expect(given.toString()).toContain("[-1] in no topic: 5 documents given no cluster");
    // One of a kind is counted in the singular.
    const single = clusterTopics(abstracts, {
      clusters: abstracts.map((_, i) => (i === 0 ? -1 : i === 1 ? 3 : i % 3)),
    });
    expect(single.toString()).toContain("[-1] in no topic: 1 document given no cluster");
    // A topic of one document has scikit-learn's silhouette of 0 for it.
    expect(single.toString()).toMatch(/\[\d\] .+ \(1 document; silhouette 0\.000, coherence -?\d\.\d{3}\)\n/);
    expect(single.toHTML()).toMatch(
      /<div class="tl-size">1 document <span class="tl-fit">· silhouette 0\.000, coherence -?\d\.\d{3}<\/span> <button class="tl-open" data-topic="3">the document<\/button><\/div>/,
    );
  });
  it('blank documents do not choose k: 200 among the abstracts, k: "auto"', () => {
    const r = clusterTopics([...Array.from({ length: 200 }, () => ""), ...abstracts], { stabilitySeeds: 1 });
    expect(r.quality.kChoice?.chosen).toBeGreaterThanOrEqual(5);
    expect(r.topics.every((t) => t.size > 0 && t.keywords.length > 0)).toBe(true);
    expect(r.topics.map((t) => t.size).reduce((a, b) => a + b)).toBe(70);
  });
  it("10,000 empty strings alone: a typed error with the remedy", () => {
    expect(() => clusterTopics(Array.from({ length: 10_000 }, () => ""))).toThrow(
      /clusterTopics: docs hold no terms; every document is empty or only stop words/,
    );
  });
  it("one 10 MB document among small ones", () => {
    const big = abstracts
      .join(" ")
      .repeat(Math.ceil(10_000_000 / abstracts.join(" ").length))
      .slice(0, 10_000_000);
    const r = clusterTopics([big, ...abstracts], { k: 5, nInit: 2, stabilitySeeds: 1 });
    expect(r.topics.reduce((a, t) => a + t.size, 0)).toBe(71);
  });
  it("50% exact duplicates, and all documents identical", () => {
    const dup = clusterTopics([...abstracts, ...abstracts], { k: 6, stabilitySeeds: 1 });
    expect(dup.assignments.slice(0, 70)).toEqual(dup.assignments.slice(70));
    const same = clusterTopics(
      Array.from({ length: 30 }, () => abstracts[0] as string),
      { k: 3 },
    );
    expect(same.warnings.map((w) => w.message).join(" ")).toMatch(/distinct clusters found for k = 3/);
    // k: "auto" finds the one topic there is, rather than an empty second one.
    const auto = clusterTopics(Array.from({ length: 30 }, () => abstracts[0] as string));
    expect(auto.topics.map((t) => t.size)).toEqual([30]);
    expect(auto.quality.kChoice?.chosen).toBe(1);
    expect(auto.warnings.map((w) => w.message).join(" ")).toMatch(/k = 1: the documents' vectors are all the same/);
  });
  it("any small corpus gives a valid result or a typed error, whatever k and option", () => {
    // Few, short documents over a small vocabulary: documents that share no word, empty
    // ones, duplicates, abbreviations, lone brackets.
    const word = fc.oneof(
      fc.stringMatching(/^[a-e]{2,3}$/),
      fc.constantFrom("federated learning (FL)", "FL", "the", "(", ")", "2024", "a-b", "學習"),
    );
    const doc = fc.array(word, { maxLength: 10 }).map((a) => a.join(" "));
    const options = fc.constantFrom<Record<string, unknown>>(
      {},
      { algorithm: "nmf" },
      { outliers: "auto" },
      { reduce: "none" },
      { seedTopics: [["aa", "bb"], ["cc"]] },
      { zeroShotTopics: ["aa bb", "cc dd"] },
      { vectorizer: { ngramRange: [1, 2] } },
    );
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom<"auto" | number>("auto", 2, 3, 5),
        options,
        (docs, seed, k, extra) => {
          let result: ReturnType<typeof clusterTopics>;
          try {
            result = clusterTopics(docs, { k, seed, ...extra });
          } catch (error) {
            expect(error).toBeInstanceOf(TopiclensError);
            return;
          }
          expect(result.assignments).toHaveLength(docs.length);
          const outliers = Array.from(result.assignments).filter((a) => a < 0).length;
          expect(result.topics.reduce((a, t) => a + t.size, 0) + outliers).toBe(docs.length);
          if (k === "auto") expect(result.topics.every((t) => t.size > 0)).toBe(true);
          expect(result.toMarkdown().length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
  it("5,000 documents mixing languages and scripts", () => {
    const r = createRandom(7);
    const words = [
      "federated",
      "learning",
      "обучение",
      "модель",
      "μάθηση",
      "δίκτυο",
      "学习",
      "模型",
      "تعلم",
      "نموذج",
      "apprentissage",
      "modèle",
      "Lernen",
      "Netzwerk",
    ];
    const docs = Array.from({ length: 5000 }, (_, i) => {
      const base = abstracts[i % abstracts.length] as string;
      const extra = Array.from({ length: 20 }, () => words[r.nextInt(words.length)]).join(" ");
      return i % 3 === 0 ? extra : `${base.slice(0, 300)} ${extra}`;
    });
    const result = clusterTopics(docs, { k: 8, nInit: 2, stabilitySeeds: 1 });
    expect(result.topics).toHaveLength(8);
    expect(result.topics.every((t) => t.label.length > 0)).toBe(true);
  });
  it("embeddings with a zero row under the cosine metric", () => {
    const data = new Float32Array(40 * 8);
    const r = createRandom(3);
    for (let i = 8; i < data.length; i++) data[i] = r.nextFloat() - 0.5;
    const result = kmeans({ rows: 40, cols: 8, data }, 4, { metric: "cosine" });
    expect(Number.isFinite(result.inertia)).toBe(true);
    expect(Array.from(result.centroids.data).every(Number.isFinite)).toBe(true);
  });
});
