import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { topicsPerClass } from "../../src/analysis/topicsPerClass.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { writtenForms } from "../../src/keywords/writtenForms.js";
import { clusterTopics, clusterTopicsStream } from "../../src/pipeline/clusterTopics.js";
import { resolveStopWords } from "../../src/text/stopwords/index.js";
import { tokenize } from "../../src/text/tokenize.js";
import { fitTransformTfidfWithTokens } from "../../src/vectorize/tfidf.js";
import type { TokenDocuments } from "../../src/vectorize/vocabulary.js";
import { MAX_GAP_WORDS } from "../../src/vectorize/writtenGaps.js";

const STOP = resolveStopWords("en", "test").words;

function tokensOf(texts: readonly string[]): TokenDocuments {
  return fitTransformTfidfWithTokens(texts, { minDf: 1, maxDf: 1 }).tokens as TokenDocuments;
}

const formsOf = (texts: readonly string[], phrases: readonly string[]) =>
  writtenForms(
    tokensOf(texts),
    phrases.map((p) => p.split(" ")),
  );

/**
 * The rule read straight from the texts: every run of kept words that spells the phrase,
 * with the stop words written between them; the commonest way, when it has stop words,
 * is in half the occurrences or more, and no other way is as common.
 */
function directReading(texts: readonly string[], phrase: readonly string[]): string | null {
  const ways = new Map<string, number>();
  let total = 0;
  for (const text of texts) {
    const kept: { word: string; before: string[] }[] = [];
    let before: string[] = [];
    for (const token of tokenize(text)) {
      if (STOP.has(token)) before.push(token);
      else {
        kept.push({ word: token, before });
        before = [];
      }
    }
    for (let i = 0; i + phrase.length <= kept.length; i++) {
      if (!phrase.every((w, j) => kept[i + j]?.word === w)) continue;
      total++;
      const inner = phrase.slice(1).map((_, j) => kept[i + j + 1]?.before as string[]);
      const way = inner.some((b) => b.length > MAX_GAP_WORDS)
        ? "?"
        : phrase.map((w, j) => (j === 0 ? w : [...(inner[j - 1] as string[]), w].join(" "))).join(" ");
      ways.set(way, (ways.get(way) ?? 0) + 1);
    }
  }
  const sorted = [...ways].sort((a, b) => b[1] - a[1]);
  const [best, next] = sorted;
  if (best === undefined || (next !== undefined && next[1] === best[1])) return null;
  if (best[0] === "?" || 2 * best[1] < total || best[0] === phrase.join(" ")) return null;
  return best[0];
}

describe("writtenForms", () => {
  it("shows a phrase with the stop words most of its occurrences are written with", () => {
    const texts = [
      "The Bank of England raised rates.",
      "Shares fell after the Bank of England spoke.",
      "bank england notes",
      "The Securities and Exchange Commission filed; the securities and exchange commission agreed.",
      "the securities exchange commission",
    ];
    expect(formsOf(texts, ["bank england", "securities exchange commission", "raised rates"])).toEqual([
      "bank of england",
      "securities and exchange commission",
      null,
    ]);
  });

  it("keeps the phrase as counted when no way of writing it is in half its occurrences, or two tie", () => {
    const texts = ["bank of england", "bank in england", "bank for england", "bank england", "rate of pay"];
    expect(formsOf(texts, ["bank england"])).toEqual([null]);
    expect(formsOf([...texts, "rate and pay"], ["rate pay"])).toEqual([null]);
    expect(formsOf([...texts, "rate of pay", "rate and pay"], ["rate pay"])).toEqual(["rate of pay"]);
  });

  it(`reads up to ${MAX_GAP_WORDS} stop words in a gap, and a longer run joins no written form`, () => {
    expect(formsOf(["pct of the total", "pct of the total"], ["pct total"])).toEqual(["pct of the total"]);
    expect(formsOf(["pct of all the total", "pct of all the total"], ["pct total"])).toEqual([null]);
  });

  it("reads only the documents whose gaps the tokens keep", () => {
    const tokens = tokensOf(["bank england", "bank of england", "bank of england"]);
    const gaps = tokens.gaps;
    if (gaps === undefined) throw new Error("a word scan keeps its gaps");
    const firstOnly = { ...tokens, gaps: { ...gaps, documents: 1 } };
    expect(writtenForms(tokens, [["bank", "england"]])).toEqual(["bank of england"]);
    expect(writtenForms(firstOnly, [["bank", "england"]])).toEqual([null]);
    const { gaps: _, ...withoutGaps } = tokens;
    expect(writtenForms(withoutGaps, [["bank", "england"]])).toEqual([null]);
  });

  it("agrees with a direct reading of the texts on random corpora (property)", () => {
    const word = fc.constantFrom("bank", "england", "rate", "fund", "of", "the", "and", "to", "a", "in", "pay");
    const text = fc.array(word, { maxLength: 14 }).map((ws) => ws.join(" "));
    const content = fc.constantFrom("bank", "england", "rate", "fund", "pay");
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 20 }),
        fc.array(fc.array(content, { minLength: 2, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        (texts, phrases) => {
          if (!texts.some((t) => t.split(" ").some((w) => !STOP.has(w) && w !== ""))) return;
          const tokens = tokensOf(texts);
          expect(writtenForms(tokens, phrases)).toEqual(phrases.map((p) => directReading(texts, p)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("clusterTopics shows phrases as written", () => {
  const money = [
    "rates",
    "inflation",
    "sterling",
    "lending",
    "markets",
    "banks",
    "policy",
    "credit",
    "gilts",
    "savers",
  ];
  const space = ["rover", "orbit", "craters", "launch", "probe", "lander", "mission", "dust", "camera", "signal"];
  const pick = (list: readonly string[], i: number, j: number) => list[(i * 7 + j * 3) % list.length] as string;
  const words = (list: readonly string[], i: number, from: number) =>
    `${pick(list, i, from)} ${pick(list, i, from + 1)}`;
  const texts = Array.from({ length: 30 }, (_, i) =>
    i % 2 === 0
      ? `${words(money, i, 1)} and the Bank of England ${words(money, i, 3)}`
      : `${words(space, i, 1)} on Mars ${words(space, i, 3)}`,
  );

  it("in keywords and labels, with the counted phrase beside it; not with writtenPhrases false", async () => {
    const result = clusterTopics(texts, { k: 2, seed: 0 });
    const keywords = result.topics.flatMap((t) => t.keywords);
    const bank = keywords.find((x) => x.counted === "bank england");
    expect(bank?.term).toBe("bank of england");
    expect(result.topics.some((t) => t.label.includes("bank of england"))).toBe(true);
    const streamed = await clusterTopicsStream(texts, { k: 2, seed: 0 });
    expect(streamed.topics.map((t) => t.keywords)).toEqual(result.topics.map((t) => t.keywords));

    const counted = clusterTopics(texts, { k: 2, seed: 0, keywords: { writtenPhrases: false } });
    const terms = counted.topics.flatMap((t) => t.keywords.map((x) => x.term));
    expect(terms).toContain("bank england");
    expect(terms).not.toContain("bank of england");
  });

  it("in the views' keywords too (topics per class)", () => {
    const result = clusterTopics(texts, { k: 2, seed: 0 });
    const perClass = topicsPerClass(
      result,
      texts,
      texts.map((_, i) => (i % 4 < 2 ? "a" : "b")),
    );
    const terms = perClass.rows.flatMap((row) => row.keywords.map((x) => [x.term, x.counted]));
    expect(terms).toContainEqual(["bank of england", "bank england"]);
    expect(terms.map(([term]) => term)).not.toContain("bank england");
  });

  it("refuses a writtenPhrases that is not a boolean, naming it", () => {
    expect(() => clusterTopics(texts, { k: 2, keywords: { writtenPhrases: "yes" as unknown as boolean } })).toThrow(
      InvalidArgumentError,
    );
    expect(() => clusterTopics(texts, { k: 2, keywords: { writtenPhrases: 1 as unknown as boolean } })).toThrow(
      /writtenPhrases/,
    );
  });
});
