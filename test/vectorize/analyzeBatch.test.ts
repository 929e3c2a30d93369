import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seedCorpus } from "../../src/corpus/seed.js";
import { createAbbreviationCollector, findAbbreviations } from "../../src/text/abbreviations.js";
import { TOKENIZE_OPTION_NAMES } from "../../src/text/tokenize.js";
import { analyzeBatch, analyzeSpecOf } from "../../src/vectorize/analyzeBatch.js";
import { resolveTfidfOptions } from "../../src/vectorize/options.js";
import { breaksBefore } from "../../src/vectorize/phraseBreaks.js";
import { createScanner, type ScannedCorpus } from "../../src/vectorize/vocabulary.js";
import { UNKNOWN_GAP } from "../../src/vectorize/writtenGaps.js";

const analyzer = resolveTfidfOptions("test", {});
const spec = analyzeSpecOf(analyzer, true);

/** A scan of `texts` by `add`, and one by batches of the given sizes read with `analyzeBatch`. */
function bothWays(texts: readonly string[], cuts: readonly number[], maxTerms = Number.POSITIVE_INFINITY) {
  const one = createScanner(analyzer, maxTerms);
  for (const t of texts) one.add(t);
  const batched = createScanner(analyzer, maxTerms);
  let at = 0;
  for (const size of [...cuts, texts.length]) {
    const end = Math.min(texts.length, at + size);
    if (end > at) batched.addAnalyzed(analyzeBatch(spec, texts.slice(at, end)));
    at = end;
    if (at === texts.length) break;
  }
  return { one: one.finish(), batched: batched.finish(), dropped: [one.droppedTerms, batched.droppedTerms] };
}

/** The terms of `texts` read by one pass and by a batch, which must agree. */
function termsBothWays(options: ReturnType<typeof resolveTfidfOptions>, texts: readonly string[]): readonly string[] {
  const one = createScanner(options, Number.POSITIVE_INFINITY);
  for (const t of texts) one.add(t);
  const batched = createScanner(options, Number.POSITIVE_INFINITY);
  batched.addAnalyzed(analyzeBatch(analyzeSpecOf(options, true), texts));
  const [a, b] = [one.finish(), batched.finish()];
  expect(b.terms).toEqual(a.terms);
  return a.terms;
}

const plain = (s: ScannedCorpus) => ({
  terms: s.terms,
  stream: [...s.stream],
  offsets: [...s.offsets],
  df: [...s.documentFrequency],
  tf: [...s.termFrequency],
  // The stop words written before each word, as strings: codes may differ, forms may not.
  gaps: s.gaps === null ? null : [...s.gaps.codes].map((c) => (c === UNKNOWN_GAP ? "?" : s.gaps?.forms[c])),
  breaks: s.breaks === null ? null : breakPositions(s),
});

/** The stream positions a phrase may not run on to. */
function breakPositions(s: ScannedCorpus): number[] {
  return [...s.stream.keys()].filter((p) => breaksBefore(s.breaks as Uint32Array, p));
}

describe("documents read in batches (another thread's pass)", () => {
  it("give the single pass's ids, counts and vocabulary on the seed corpus, in any batch sizes", () => {
    const texts = seedCorpus().map((p) => p.abstract);
    for (const cuts of [[1], [7, 13, 2], [69], [100]]) {
      const { one, batched, dropped } = bothWays(texts, cuts);
      expect(plain(batched)).toEqual(plain(one));
      expect(dropped[1]).toBe(dropped[0]);
    }
  });

  it("keep the vocabulary bound: the same words dropped, each time, as one pass (property)", () => {
    const word = fc.constantFrom(
      "graph",
      "neural",
      "the",
      "of",
      "learning",
      "models",
      "LLMs",
      "x2",
      "12",
      "3.5",
      "data",
      "é-tude",
      "rare",
      "and",
      "to",
      "a",
    );
    const text = fc.array(word, { maxLength: 12 }).map((ws) => ws.join(" "));
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 25 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 12 }),
        (texts, cuts, maxTerms) => {
          const { one, batched, dropped } = bothWays(texts, cuts, maxTerms);
          expect(plain(batched)).toEqual(plain(one));
          expect(dropped[1]).toBe(dropped[0]);
        },
      ),
    );
  });

  it("read markup as the analyzer's options say, on and off", () => {
    const texts = ['<font face="arial">rates <b>fall</b></font>', "<p>markup</p><br>words"];
    for (const dropMarkup of [true, false]) {
      expect(termsBothWays(resolveTfidfOptions("test", { dropMarkup }), texts).includes("font")).toBe(!dropMarkup);
    }
  });

  it("read with every tokenizer option the analyzer holds: each one set off its default reaches the batches", () => {
    const texts = [
      `Rates FALL 42 times at <font face="arial">x</font> where epsilon mathcal; see www.example.com/a/b.html, mail jane@cs.uiuc.edu. Get it from export.lcs.mit.edu in /pub/contrib/xv.tar.Z now`,
      "LONDON (Reuters) - A b cd efgh 2024 机器学习模型 fell. <p>markup</p>",
    ];
    const terms = (options: ReturnType<typeof resolveTfidfOptions>) => termsBothWays(options, texts);
    const defaults = terms(resolveTfidfOptions("test", {}));
    const changed = {
      lowercase: false,
      tokenPattern: /[a-z]{4,}/gu,
      minLength: 4,
      keepNumbers: true,
      dropMath: false,
      dropNonText: false,
      dropMarkup: false,
      dropHostsAndPaths: false,
      dropCredits: false,
      segmentWords: false,
    };
    expect(Object.keys(changed).sort()).toEqual([...TOKENIZE_OPTION_NAMES].sort());
    for (const [key, value] of Object.entries(changed)) {
      // The option changes what is read, and the batches read it the same way.
      expect(terms(resolveTfidfOptions("test", { [key]: value })), key).not.toEqual(defaults);
    }
  });

  it("keep the stop words written before each word, and none after a word a full vocabulary left out", () => {
    const texts = ["alpha beta", "alpha of gamma beta", "beta of the alpha", "alpha is of the beta"];
    const { one, batched } = bothWays(texts, [1, 2], 2);
    // "gamma" finds the vocabulary full: what stands before "beta" is no gap of stop words.
    expect(plain(one).gaps).toEqual(["", "", "", "?", "", "of the", "", "?"]);
    expect(plain(batched).gaps).toEqual(plain(one).gaps);
  });

  it("stop phrases where a number or a word a full vocabulary left out stood, not at stop words or letters", () => {
    const texts = [
      "div 12 cts vs 10 cts",
      "rose 3.5 pct to 1,200 in 1987",
      "dlrs a barrel of oil",
      "alpha gamma alpha",
    ];
    const { one, batched } = bothWays(texts, [1, 2], 9);
    // div cts vs cts | rose pct | dlrs barrel oil | alpha alpha ("gamma" finds the vocabulary full).
    expect(one.stream).toHaveLength(11);
    expect(breakPositions(one)).toEqual([1, 3, 5, 10]);
    expect(plain(batched).breaks).toEqual(breakPositions(one));
    // With numbersBreakPhrases off, on one thread and in batches, only the word left out breaks.
    const across = resolveTfidfOptions("test", { numbersBreakPhrases: false });
    const single = createScanner(across, 9);
    for (const t of texts) single.add(t);
    const inBatch = createScanner(across, 9);
    inBatch.addAnalyzed(analyzeBatch(analyzeSpecOf(across, false), texts));
    expect(breakPositions(single.finish())).toEqual([10]);
    expect(breakPositions(inBatch.finish())).toEqual([10]);
  });

  it("find the abbreviations each document defines, for the same collection", () => {
    const texts = seedCorpus().map((p) => p.abstract);
    const whole = createAbbreviationCollector();
    for (const t of texts) whole.add(t);
    const found = analyzeBatch(spec, texts).found ?? [];
    expect(found).toHaveLength(texts.length);
    expect(found.map((f, i) => f.length === findAbbreviations(texts[i] as string).length)).not.toContain(false);
    const batched = createAbbreviationCollector();
    for (const f of found) batched.addFound(f);
    expect(batched.finish()).toEqual(whole.finish());
    expect(whole.finish().some((a) => a.short === "FL")).toBe(true);
    expect(analyzeBatch({ ...spec, abbreviations: false }, texts).found).toBeNull();
  });
});
