import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterTopics } from "../../src/index.js";
import { clusterKeywords } from "../../src/keywords/clusterKeywords.js";
import { npmiCoherence } from "../../src/keywords/coherence.js";
import { documentNpmi, reweighByCoherence } from "../../src/keywords/coherentOrder.js";
import {
  evenSample,
  popcount,
  sharedDocuments,
  termDocumentsOfCounts,
  termDocumentsOfTokens,
} from "../../src/keywords/termDocuments.js";
import { fitTransformTfidf, fitTransformTfidfWithTokens } from "../../src/vectorize/tfidf.js";
import { expectArgumentError } from "../helpers/assert.js";

const WORDS = ["alpha", "beta", "gamma", "delta", "eps"];
const corpusArb = fc.array(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }), {
  minLength: 2,
  maxLength: 40,
});

describe("term documents as bit rows", () => {
  it("popcount counts the set bits of any 32-bit word", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (x) => {
        expect(popcount(x)).toBe(x.toString(2).replaceAll("0", "").length);
      }),
    );
  });

  it("evenSample keeps every document up to the cap, else the cap's count spread evenly", () => {
    expect([...evenSample(5, 10)]).toEqual([0, 1, 2, 3, 4]);
    const s = evenSample(1000, 100);
    expect(s.length).toBe(100);
    expect(s[0]).toBe(0);
    expect(s[99]).toBe(990);
    for (let i = 1; i < s.length; i++) expect((s[i] as number) - (s[i - 1] as number)).toBe(10);
  });

  it("the documents of a count column, and shared documents, are what the corpus holds (property)", () => {
    fc.assert(
      fc.property(corpusArb, (texts) => {
        const { counts, model } = fitTransformTfidf(
          texts.map((t) => t.join(" ")),
          { minDf: 1, stopWords: false },
        );
        const columns = model.vocabulary.map((_, i) => i);
        const bits = termDocumentsOfCounts(counts)(columns);
        const holds = (w: string) => texts.map((t) => t.includes(w));
        model.vocabulary.forEach((w, i) => {
          expect(bits.counts[i]).toBe(holds(w).filter(Boolean).length);
          model.vocabulary.forEach((v, j) => {
            const both = holds(w).filter((x, d) => x && holds(v)[d]).length;
            expect(sharedDocuments(bits, i, j)).toBe(both);
          });
        });
      }),
    );
  });

  it("from word ids, a phrase is present only where its words are consecutive, and every form counts", () => {
    const docs = ["federated learning works", "learning federated models", "the fl clients", "plain text"];
    const { tokens } = fitTransformTfidfWithTokens(docs, { minDf: 1 });
    if (tokens === null) throw new Error("no word ids");
    const forms = [[["federated", "learning"]], [["federated", "learning"], ["fl"]], [["missing", "word"]]];
    const bits = termDocumentsOfTokens(tokens, (c) => forms[c] as string[][])([0, 1, 2]);
    expect(bits.documents).toBe(4);
    expect([...bits.counts]).toEqual([1, 2, 0]);
    expect(sharedDocuments(bits, 0, 1)).toBe(1);
  });
});

describe("documentNpmi", () => {
  it("equals gensim-style c_npmi of a pair when each text is one window (property)", () => {
    fc.assert(
      fc.property(corpusArb, fc.constantFrom(...WORDS), fc.constantFrom(...WORDS), (texts, a, b) => {
        fc.pre(a !== b);
        const n = texts.length;
        const da = texts.filter((t) => t.includes(a)).length;
        const db = texts.filter((t) => t.includes(b)).length;
        fc.pre(da > 0 && db > 0);
        const dab = texts.filter((t) => t.includes(a) && t.includes(b)).length;
        const reference = npmiCoherence([[a, b]], texts, { windowSize: 100 });
        expect(documentNpmi(dab, da, db, n)).toBeCloseTo(reference, 12);
      }),
    );
  });

  it("is 0 for a term in no document", () => expect(documentNpmi(0, 0, 3, 10)).toBe(0));
});

describe("keywords ordered by co-occurrence with the topic's leading keywords", () => {
  // Cluster 0: "orbit" and "launch" share documents; "zebra" scores higher (the other
  // cluster uses "orbit" and "launch" once) but sits apart from them.
  const docs = [
    "orbit launch rocket",
    "orbit launch rocket",
    "orbit launch",
    "zebra rocket",
    "zebra rocket",
    "zebra",
    "cooking recipe pasta orbit",
    "cooking recipe sauce launch",
    "cooking pasta sauce",
    "recipe sauce pasta",
  ];
  const labels = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1];
  const { counts, model } = fitTransformTfidf(docs, { minDf: 1 });
  const input = { counts, labels, vocabulary: model.vocabulary };
  const order = (coherence: number) =>
    (clusterKeywords(input, { coherence, diversity: 0 })[0]?.keywords ?? []).map((x) => x.term);

  it("lets a keyword that shares documents with the others rise above one that does not", () => {
    const byScore = order(0);
    const byBoth = order(0.8);
    expect(byScore.indexOf("zebra")).toBeLessThan(byScore.indexOf("orbit"));
    expect(byBoth.indexOf("orbit")).toBeLessThan(byBoth.indexOf("zebra"));
    expect(new Set(byBoth)).toEqual(new Set(byScore));
  });

  it("ranks by score alone at coherence 0, and without the documents", () => {
    const pools = [
      {
        terms: [
          { t: 0, score: 3 },
          { t: 1, score: 2 },
        ],
        common: () => true,
      },
    ];
    const never = () => {
      throw new Error("documents read");
    };
    expect(order(0)).toEqual(clusterKeywords(input, { coherence: 0, diversity: 0 })[0]?.keywords.map((x) => x.term));
    expect(() => reweighByCoherence(pools, never, 0.5, (a, b) => a - b)).toThrow("documents read");
  });

  it("does not let words of one odd document lift each other: the leading keywords are common ones", () => {
    // Rows 0 and 1: common words sharing most of 40 documents; rows 2 and 3: two words
    // always together, in the same two other documents.
    const bits = {
      documents: 40,
      rows: new Int32Array(40),
      stride: 2,
      bits: new Uint32Array(8),
      counts: new Int32Array(4),
    };
    const rows = [
      Array.from({ length: 30 }, (_, d) => d),
      Array.from({ length: 28 }, (_, d) => d + 2),
      [38, 39],
      [38, 39],
    ];
    rows.forEach((ds, r) => {
      for (const d of ds) bits.bits[r * 2 + (d >>> 5)] = (bits.bits[r * 2 + (d >>> 5)] as number) | (1 << (d & 31));
      bits.counts[r] = ds.length;
    });
    const terms = [
      { t: 0, score: 1 },
      { t: 1, score: 0.95 },
      { t: 2, score: 0.9 },
      { t: 3, score: 0.9 },
    ];
    const rank = (common: (t: number) => boolean) =>
      reweighByCoherence(
        [{ terms, common }],
        () => bits,
        0.8,
        (a, b) => a - b,
      )[0]?.map((x) => x.t);
    // Judged against the common keywords, the odd pair sinks to the end.
    expect(rank((t) => t <= 1)).toEqual([0, 1, 2, 3]);
    // Judged against each other as well, they would pass the common words.
    expect(rank(() => true)?.slice(0, 2)).toEqual([2, 3]);
  });

  it("raises the NPMI coherence of the one call's keywords on the seed corpus", () => {
    const texts = seedCorpus().map((p) => p.abstract);
    const withIt = clusterTopics(texts, { k: 8, seed: 0 });
    const without = clusterTopics(texts, { k: 8, seed: 0, keywords: { coherence: 0 } });
    expect(withIt.assignments).toEqual(without.assignments);
    expect(withIt.quality.coherence).toBeGreaterThan(without.quality.coherence + 0.02);
  });

  it("refuses a coherence weight outside [0, 1] with a typed error", () => {
    for (const coherence of [-0.1, 1.5, Number.NaN])
      expectArgumentError(() => clusterKeywords(input, { coherence }), InvalidArgumentError, "options.coherence");
  });
});
