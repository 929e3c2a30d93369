import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reduceTopics } from "../../src/analysis/mergeTopics.js";
import { MIN_CODE_SHARE, markupWordsOf } from "../../src/keywords/glyphCodeWords.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { countGlyphCodeWords, createGlyphCodeCollector } from "../../src/text/glyphCodes.js";
import { analyzeDocument } from "../../src/vectorize/analyze.js";
import { analyzeBatch, analyzeSpecOf } from "../../src/vectorize/analyzeBatch.js";
import { resolveTfidfOptions } from "../../src/vectorize/options.js";
import { createTfidfScan } from "../../src/vectorize/tfidf.js";
import type { TokenDocuments } from "../../src/vectorize/vocabulary.js";

const counted = (text: string) => {
  const counts = new Map<string, number>();
  countGlyphCodeWords(text, counts);
  return Object.fromEntries(counts);
};

describe("countGlyphCodeWords", () => {
  it("counts a code's name and the pieces of the word it splits, as written", () => {
    expect(counted("in conjunc(cid:173) tion with the classi(cid:12)cation")).toEqual({
      conjunc: 1,
      cid: 2,
      tion: 1,
      classi: 1,
      cation: 1,
    });
    // A piece between two codes belongs to both.
    expect(counted("a(cid:1)bc(cid:2)d")).toEqual({ a: 1, cid: 2, bc: 2, d: 1 });
    expect(counted("(cid:3), then text")).toEqual({ cid: 1 });
  });

  it("agrees with a plain regex reading of the pieces (property)", () => {
    // The reference: pieces of up to 40 letters touching the code, one space allowed after it.
    const reference = (text: string) => {
      const out = new Map<string, number>();
      for (const m of text.matchAll(/(\p{L}*)\((\p{L}+):\p{N}+\)(?=\s?(\p{L}*))/gu))
        for (const w of [m[1], m[2], m[3]] as string[])
          if (w !== "" && w.length <= 40) out.set(w, (out.get(w) ?? 0) + 1);
      return Object.fromEntries(out);
    };
    const piece = fc.constantFrom("(cid:12)", "(cid:173) ", "(g:3)", "ab", "tion", " ", ":", "(", ")", "7", "é");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join("");
        expect(counted(text)).toEqual(reference(text));
      }),
      { numRuns: 500 },
    );
  });

  it("reads a long run of letters once (a text of a million letters and a colon)", () => {
    const text = `a: ${"x".repeat(1_000_000)} (cid:2)tail`;
    expect(counted(text)).toEqual({ cid: 1, tail: 1 });
  });

  it("finds nothing in text without codes: times, ratios, citations, parentheses", () => {
    expect(counted("At 10:30 the ratio (3:1) was cited (Smith 2003: 12) in (see above).")).toEqual({});
  });
});

// Three themes. The neural papers are scanned PDFs: soft hyphens written "(cid:173)" split
// words ("organiza(cid:173) tion"). The same corpus with the codes written as plain words
// ("cid", "tion") tokenizes identically, so it is clustered identically.
const neural = Array.from(
  { length: 14 },
  (_, i) =>
    `Spiking neurons in the cortex (cid:173) change synaptic weights; the organiza(cid:173) tion of ${i % 2 === 0 ? "dendrites" : "axons"} (cid:12) shapes synaptic plasticity of neurons (cid:2) and neurons (cid:173) tion.`,
);
const federated = Array.from(
  { length: 14 },
  (_, i) =>
    `Federated clients train a shared model; client ${i % 2 === 0 ? "drift" : "sampling"} slows aggregation of client updates on devices.`,
);
const retrieval = Array.from(
  { length: 14 },
  (_, i) =>
    `Retrieval ranks passages for a query; dense retrievers index ${i % 2 === 0 ? "documents" : "passages"} and rerank query results.`,
);
const scanned = [...neural, ...federated, ...retrieval];
const unscanned = scanned.map((t) => t.replace(/\(cid:\d+\)/g, " cid "));
const termsOf = (r: ReturnType<typeof clusterTopics>) => r.topics.flatMap((t) => t.keywords.map((x) => x.term));

describe("glyph-code words in keywords", () => {
  const withCodes = clusterTopics(scanned, { k: 3, seed: 0 });
  const withWords = clusterTopics(unscanned, { k: 3, seed: 0 });

  it("are kept out of keywords and labels, and only there: the clustering is the plain words' one", () => {
    expect([...withCodes.assignments]).toEqual([...withWords.assignments]);
    // Written as words, "cid" and the piece "organiza" are keywords of the neural theme.
    expect(termsOf(withWords)).toContain("cid");
    expect(termsOf(withWords).filter((t) => /\borganiza\b/.test(t))).not.toEqual([]);
    const terms = termsOf(withCodes);
    expect(terms.filter((t) => /\b(cid|tion|organiza)\b/.test(t))).toEqual([]);
    expect(terms).toEqual(expect.arrayContaining(["neurons", "synaptic weights"]));
  });

  it("stay out of the keywords of views computed later (merged topics)", () => {
    const merged = reduceTopics(withCodes, scanned, 2);
    expect(termsOf(merged).filter((t) => /\b(cid|tion)\b/.test(t))).toEqual([]);
  });
});

describe("markupWordsOf", () => {
  const analyzer = resolveTfidfOptions("test", {});
  const wordsOf = (text: string) => analyzeDocument(analyzer, text);
  const tokensOf = (texts: readonly string[]) => {
    const scan = createTfidfScan("test", {});
    for (const t of texts) scan.add(t);
    return scan.fit({ minDf: 1, maxDf: 1 }).tokens as TokenDocuments;
  };
  const markup = (texts: readonly string[]) => {
    const codes = createGlyphCodeCollector();
    for (const t of texts) codes.add(t);
    return [...markupWordsOf(tokensOf(texts), { glyphCodeWords: codes.finish(), wordsOf })].sort();
  };

  it("keeps a word that a code touches once and the texts use elsewhere", () => {
    // "form" after a code once, and in three texts as a word: 1 of 4 occurrences.
    const texts = ["piri(cid:173) form cortex", "a form of cortex", "the form", "form factor"];
    expect(1 / 4).toBeLessThan(MIN_CODE_SHARE);
    expect(markup(texts)).toEqual(["cid", "piri"]);
  });

  it("marks a word at exactly the share, and names written in capitals as the keywords spell them", () => {
    const texts = ["Ab(CID:1) tail", "tail here"];
    expect(1 / 2).toBe(MIN_CODE_SHARE);
    expect(markup(texts)).toEqual(["ab", "cid", "tail"]);
  });

  it("is the same when another thread reads the documents", () => {
    const spec = analyzeSpecOf(analyzer, true);
    const whole = createGlyphCodeCollector();
    for (const t of scanned) whole.add(t);
    const batched = createGlyphCodeCollector();
    for (const [from, to] of [
      [0, 5],
      [5, 30],
      [30, 42],
    ])
      batched.addCounts(analyzeBatch(spec, scanned.slice(from, to)).glyphCodeWords);
    expect(Object.fromEntries(batched.finish())).toEqual(Object.fromEntries(whole.finish()));
    expect(whole.finish().get("cid")).toBe(14 * 5);
  });
});
