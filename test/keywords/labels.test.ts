import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CsrMatrix } from "../../src/core/csr.js";
import {
  chooseLabel,
  fillerTerms,
  type LabelCandidate,
  labelDocuments,
  leadingLabelDocuments,
  nearDuplicates,
} from "../../src/keywords/labels.js";
import { csrOfRows } from "../helpers/csr.js";

const kw = (term: string, score: number, documents: number, filler = false): LabelCandidate => ({
  term,
  score,
  documents,
  filler,
});

describe("labels a person would write", () => {
  it("heads with a specific phrase, leaves out filler words and the words of one or two papers", () => {
    // A theme of 11 papers: "object" is in two of them, "dynamic" is a filler word.
    const keywords = [
      kw("reasoning", 1, 6),
      kw("dynamic", 0.9, 5, true),
      kw("large language models (LLMs)", 0.8, 5),
      kw("object", 0.7, 2),
      kw("strategy", 0.6, 4, true),
    ];
    expect(labelDocuments(11)).toBe(3);
    expect(chooseLabel(keywords, 3, 11)).toEqual({
      label: "large language models (LLMs) · reasoning",
      name: "large language models (LLMs)",
    });
    // A word in three papers is no one-off: it completes the label.
    const three = [...keywords, kw("chain-of-thought", 0.5, 3)];
    expect(chooseLabel(three, 3, 11).label).toBe("large language models (LLMs) · reasoning · chain-of-thought");
  });

  it("takes a large topic's leading keywords in fewer than 15% of its documents, but not the words further down", () => {
    // comp.windows.x's topic of all 20 Newsgroups (810 posts, seed 1): 15% is 122 posts, 3√810 is 86.
    expect(labelDocuments(810)).toBe(122);
    expect(leadingLabelDocuments(810)).toBe(86);
    // Term, score, posts holding it.
    const rows: [string, number, number][] = [
      ["window", 1, 400],
      ["widget", 0.9, 90],
      ["motif", 0.85, 113],
      ["server", 0.8, 126],
      ["display", 0.75, 150],
      ["xterm", 0.7, 100],
    ];
    const keywords = rows.map(([term, score, documents]) => kw(term, score, documents));
    expect(chooseLabel(keywords, 3, 810).label).toBe("window · widget · motif");
    // Below the first three, a term still needs 15%: "widget" and "motif" 4th and 5th stay out.
    const later = [keywords[0], keywords[3], keywords[4], keywords[1], keywords[2], keywords[5]] as LabelCandidate[];
    expect(chooseLabel(later, 3, 810).label).toBe("window · server · display");
    // Under 86 posts, a leading keyword is as rare as before.
    const rarer = keywords.map((x) => (x.term === "widget" ? { ...x, documents: 85 } : x));
    expect(chooseLabel(rarer, 3, 810).label).toBe("window · motif · server");
    // Up to 400 documents the rule is the fixed share: 3√400 is 60, 15% of 400 is 60.
    expect(leadingLabelDocuments(400)).toBe(labelDocuments(400));
    expect(leadingLabelDocuments(100)).toBe(labelDocuments(100));
  });

  it("heads with an abbreviated phrase further down rather than a single word, but not a weak or low-scoring one", () => {
    // A theme of 7 papers on learning-rate schedules: "gap" leads by score, the phrase is 7th.
    const keywords = [
      kw("learning rate schedules", 1, 2),
      kw("gap", 0.95, 3),
      kw("prove convergence", 0.9, 2),
      kw("optimal", 0.85, 3),
      kw("unified", 0.8, 2),
      kw("iterate", 0.75, 2),
      kw("stochastic gradient descent (SGD)", 0.7, 4),
    ];
    expect(chooseLabel(keywords, 3, 7)).toEqual({
      label: "stochastic gradient descent (SGD) · gap · optimal",
      name: "stochastic gradient descent (SGD)",
    });
    // Under half the best score, or in too few papers, the phrase does not head.
    const low = keywords.map((x) => (x.term.startsWith("stochastic") ? { ...x, score: 0.4 } : x));
    expect(chooseLabel(low, 3, 7).name).toBe("gap");
    const rare = keywords.map((x) => (x.term.startsWith("stochastic") ? { ...x, documents: 2 } : x));
    expect(chooseLabel(rare, 3, 7).name).toBe("gap");
    // Below the first five, only a concept the corpus names by an abbreviation heads: a
    // plain phrase there ("prime minister" in a news topic) is no more specific than the words.
    const plain = keywords.map((x) => (x.term.startsWith("stochastic") ? { ...x, term: "prime minister" } : x));
    expect(chooseLabel(plain, 3, 7).name).toBe("gap");
  });

  it("lets a word below the share but in several documents fill a large topic's label, never a filler word", () => {
    // 200 documents: the share asks for 30; "medical" is in 20, "people" is filler.
    const keywords = [kw("health", 1, 80), kw("people", 0.9, 90, true), kw("medical", 0.8, 20), kw("x", 0.7, 2)];
    expect(chooseLabel(keywords, 3, 200).label).toBe("health · medical");
  });

  it("gives a head alone the best word that is not filler, even a rare one", () => {
    const keywords = [kw("hockey", 1, 40), kw("season", 0.9, 50, true), kw("leafs", 0.8, 2)];
    expect(chooseLabel(keywords, 3, 100).label).toBe("hockey · leafs");
    expect(chooseLabel([], 3, 10)).toEqual({ label: "", name: "" });
  });

  it("leaves a head alone rather than pair it with a rare word below the first five keywords", () => {
    // A catch-all theme of nine papers: after "clustering", only filler words and "discussion",
    // the tenth keyword, in two of the papers.
    const filler = ["large", "data", "settings", "time", "applications", "number", "statistical", "particular"];
    const keywords = [kw("clustering", 1, 4), ...filler.map((term, i) => kw(term, 0.9 - i / 20, 5, true))];
    expect(chooseLabel([...keywords, kw("discussion", 0.4, 2)], 3, 9)).toEqual({
      label: "clustering",
      name: "clustering",
    });
    // The same word among the first five pairs with the head.
    expect(
      chooseLabel([keywords[0] as LabelCandidate, kw("discussion", 0.95, 2), ...keywords.slice(1)], 3, 9).label,
    ).toBe("clustering · discussion");
  });

  it("heads with the first keyword that is not filler when the first five all are", () => {
    // A catch-all theme of 15 papers whose best keywords are all generic; "3d", the sixth, is
    // in two papers: a stray word the head does not take.
    const generic = ["problems", "time", "series", "classification", "complex"];
    const keywords = [...generic.map((term, i) => kw(term, 1 - i / 10, 5, true)), kw("3d", 0.45, 2)];
    expect(chooseLabel([...keywords, kw("operators", 0.4, 4), kw("models", 0.3, 10, true)], 3, 15)).toEqual({
      label: "operators",
      name: "operators",
    });
  });

  it("tells near-duplicates: spellings, plurals, words of one stem, a phrase and its own word, a short form and its long form, pieces of one run", () => {
    expect(nearDuplicates("time series", "time-series")).toBe(true);
    expect(nearDuplicates("agent", "agents")).toBe(true);
    expect(nearDuplicates("federated learning", "learning")).toBe(true);
    expect(nearDuplicates("federated learning (FL)", "fl")).toBe(true);
    expect(nearDuplicates("federated learning", "federated averaging")).toBe(false);
    expect(nearDuplicates("loss", "los")).toBe(false);
    // Words of one stem: "tracking" and "tracker", "object detection" and "detectors".
    expect(nearDuplicates("tracking", "tracker")).toBe(true);
    expect(nearDuplicates("sensor", "sensing")).toBe(true);
    expect(nearDuplicates("filter", "filtering")).toBe(true);
    expect(nearDuplicates("segmentation", "segments")).toBe(true);
    expect(nearDuplicates("object detection", "detectors")).toBe(true);
    expect(nearDuplicates("segment", "segmentation")).toBe(true);
    expect(nearDuplicates("image segmentation", "segment")).toBe(true);
    // A stem keeps four letters: "action" and "active" are not "act"; other words stay apart.
    expect(nearDuplicates("action", "active")).toBe(false);
    expect(nearDuplicates("paper", "pap")).toBe(false);
    expect(nearDuplicates("lower-level", "upper-level")).toBe(false);
    expect(nearDuplicates("detection", "bounding")).toBe(false);
    // Two pieces of one run of words: one ends with two words or more that the other starts with.
    expect(nearDuplicates("irish linux users", "linux users group")).toBe(true);
    expect(nearDuplicates("murphy teledynamics communications", "lawrence murphy teledynamics")).toBe(true);
    expect(nearDuplicates("group for un subscription information", "subscription information list")).toBe(true);
    // One word in common is no run: "div cts vs" and "vs cts prior", "gary lawrence murphy" and "murphy teledynamics communications".
    expect(nearDuplicates("div cts vs", "vs cts prior")).toBe(false);
    expect(nearDuplicates("gary lawrence murphy", "murphy teledynamics communications")).toBe(false);
    expect(nearDuplicates("neural networks", "deep networks")).toBe(false);
  });

  it("tells a place from its people, a word from its derivations and irregular plurals (labels of the development corpora)", () => {
    const pairs = [
      ["japan", "japanese"], // Reuters' trade topic, `trade · japan · japanese`
      ["china", "chinese"],
      ["israel", "israeli"], // 20 Newsgroups' Middle East topic
      ["iraq", "iraqi"],
      ["canada", "canadian"],
      ["russia", "russians"],
      ["turks", "turkish"],
      ["atheism", "atheists"],
      ["terrorism", "terrorist"],
      ["president", "presidential"], // AG News
      ["nation", "national"],
      ["industry", "industrial"],
      ["merge", "merger"], // Reuters at k 20, `merger · shareholders · merge`
      ["south", "southern"], // Brown
      ["child", "children"], // OHSUMED, `children · child · infants`
      ["children", "childhood"],
      ["women", "woman"],
      ["matrices", "low-rank matrix"],
      ["vertices", "vertex"],
    ];
    for (const [a, b] of pairs) {
      expect(nearDuplicates(a as string, b as string), `${a} / ${b}`).toBe(true);
      expect(nearDuplicates(b as string, a as string), `${b} / ${a}`).toBe(true);
    }
    // Words that only look alike stay apart: a bare form meets only a stem that an ending leaves,
    // and "al" needs five letters before it.
    const apart = [
      ["police", "policy"],
      ["sign", "signal"],
      ["form", "formal"],
      ["image", "imagenet"],
      ["graph", "graphics"],
      ["port", "portfolio"],
      ["convex", "convergence"],
      ["labeled", "unlabeled data"],
      ["state", "statistics"],
    ];
    for (const [a, b] of apart) expect(nearDuplicates(a as string, b as string), `${a} / ${b}`).toBe(false);
  });

  it("names both parts of a topic when the documents holding each keyword are known", () => {
    // 20 posts: "card" in 12 PC posts, "monitor" and "video" in PC posts only, "mac" in the 8 others.
    const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);
    const keywords = [
      { ...kw("card", 1, 12), holders: range(0, 12) },
      { ...kw("monitor", 0.9, 10), holders: range(0, 10) },
      { ...kw("video", 0.8, 10), holders: range(2, 12) },
      { ...kw("new", 0.7, 18, true), holders: range(2, 20) },
      { ...kw("mac", 0.6, 8), holders: range(12, 20) },
    ];
    expect(chooseLabel(keywords, 3, 20)).toEqual({ label: "card · mac · monitor", name: "card" });
    // Without them, keyword order; a filler word is never taken for the documents it adds.
    const plain = keywords.map(({ holders: _, ...x }) => x);
    expect(chooseLabel(plain, 3, 20).label).toBe("card · monitor · video");
    // A term adding no document still completes the label, by score.
    expect(chooseLabel(keywords, 4, 20).label).toBe("card · mac · monitor · video");
    // A weak word is not taken for the documents it adds alone: half a term's worth is its score.
    const weakWord = [...keywords.filter((x) => x.term !== "mac"), { ...kw("thing", 0.4, 8), holders: range(12, 20) }];
    expect(chooseLabel(weakWord, 3, 20).label).toBe("card · monitor · video");
    // A scorer's negative scores (higher is better) fill the label too, new documents first.
    const negative = keywords.map((x) => ({ ...x, score: x.score - 2 }));
    expect(chooseLabel(negative, 3, 20).label).toBe("card · mac · monitor");
  });

  it("names a mailing list's topic by its posts' words, not by pieces of the footer every post carries", () => {
    // 141 posts of a Yahoo group: the footer's pieces lead the keywords, in nearly every post.
    const footer = (term: string, score: number) => ({ ...kw(term, score, 138), template: true });
    const keywords = [
      footer("yahoo groups is subject", 1),
      kw("zzzzteana", 0.9, 141),
      footer("group send an email", 0.85),
      footer("unsubscribe from this group send", 0.8),
      kw("police", 0.5, 40),
      kw("britain", 0.45, 35),
    ];
    expect(chooseLabel(keywords, 3, 141)).toEqual({ label: "zzzzteana · police · britain", name: "zzzzteana" });
    // With too few words of its own, the label takes one piece of the footer, the best; never two.
    expect(chooseLabel(keywords.slice(0, 4), 3, 141).label).toBe("zzzzteana · yahoo groups is subject");
    // A topic whose every keyword is the template's is named by it.
    expect(chooseLabel([keywords[0], keywords[2]] as LabelCandidate[], 3, 141).label).toBe("yahoo groups is subject");
  });

  it("never puts near-duplicates or filler words in a label, and names it by its first term (property)", () => {
    const words = [
      "graph",
      "graphs",
      "neural",
      "network",
      "networks",
      "time",
      "series",
      "time-series",
      "agent",
      "study",
    ];
    const term = fc.oneof(
      fc.constantFrom(...words),
      fc.tuple(fc.constantFrom(...words), fc.constantFrom(...words)).map(([a, b]) => `${a} ${b}`),
    );
    const candidate = fc.record({
      term,
      score: fc.double({ min: 0.01, max: 1, noNaN: true }),
      documents: fc.integer({ min: 1, max: 400 }),
      filler: fc.boolean(),
      template: fc.boolean(),
      holders: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { maxLength: 60 }).map((h) => Int32Array.from(h)),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(candidate, { minLength: 1, maxLength: 12, selector: (c) => c.term }),
        fc.integer({ min: 1, max: 2000 }),
        fc.boolean(),
        (raw, size, known) => {
          const sorted = [...raw].sort((a, b) => b.score - a.score);
          const keywords = known ? sorted : sorted.map(({ holders: _, ...x }) => x);
          const { label, name } = chooseLabel(keywords, 3, size);
          // Which documents hold the keywords never changes the name.
          expect(name).toBe(
            chooseLabel(
              sorted.map(({ holders: _, ...x }) => x),
              3,
              size,
            ).name,
          );
          const terms = label.split(" · ");
          expect(terms[0]).toBe(name);
          expect(terms.length).toBeLessThanOrEqual(3);
          for (let i = 0; i < terms.length; i++)
            for (let j = i + 1; j < terms.length; j++)
              expect(nearDuplicates(terms[i] as string, terms[j] as string)).toBe(false);
          // Past the head, no filler word; the head is filler only when every keyword is.
          const byTerm = (t: string) => keywords.find((k) => k.term === t) as LabelCandidate;
          for (const t of terms.slice(1)) expect(byTerm(t).filler).toBe(false);
          // Rare: in fewer documents than a label term needs (fewer still for the first three).
          const rare = (k: LabelCandidate) =>
            k.documents <
            (keywords.findIndex((x) => x.term === k.term) < 3 ? leadingLabelDocuments(size) : labelDocuments(size));
          if (byTerm(name).filler) expect(keywords.slice(0, 5).every((k) => k.filler || rare(k))).toBe(true);
          // At most one term of the template, and at the head only when every keyword is weak or the template's.
          expect(terms.filter((t) => byTerm(t).template).length).toBeLessThanOrEqual(1);
          if (byTerm(name).template) expect(keywords.every((k) => k.template || k.filler || rare(k))).toBe(true);
        },
      ),
    );
  });
});

describe("filler words measured in the corpus itself", () => {
  /** A k x terms CSR of document counts from dense rows. */
  const csr = (rows: number[][]): CsrMatrix => csrOfRows(rows);

  /** A table of five clusters of 40 documents (or `sizes`) with these document counts. */
  const tableOf = (vocabulary: string[], rows: number[][], sizes = [40, 40, 40, 40, 40]) => {
    const documentCounts = csr(rows);
    return { vocabulary, termCounts: documentCounts, documentCounts, sizes: Int32Array.from(sizes) };
  };
  // Column 0 is in about a third of every cluster; column 1 in most of cluster 0 and a few
  // documents elsewhere; column 2 lives in one cluster; column 3 is spread thinly.
  const counts = [
    [14, 30, 0, 3, 1],
    [12, 2, 25, 3, 0],
    [15, 3, 0, 2, 0],
    [13, 2, 1, 3, 0],
    [14, 3, 0, 3, 0],
  ];

  it("finds the words and phrases spread evenly over the clusters, not the ones concentrated in one", () => {
    // "zorbly" is no built-in filler word; "warp drive" is a phrase, spread as evenly
    // ("mln dlrs" in every topic of Reuters' news).
    const table = tableOf(["zorbly", "hockey", "orbit", "warp drive", "quux"], counts);
    expect([...fillerTerms(table)]).toEqual([1, 0, 0, 1, 0]);
    // Too few clusters of 10 documents or more: only the built-in list applies.
    const small = { ...table, sizes: Int32Array.from([40, 40, 40, 9, 9]) };
    expect([...fillerTerms(small)]).toEqual([0, 0, 0, 0, 0]);
  });

  it("lets a corpus overrule the measured list where one cluster uses a listed term at twice its rate", () => {
    // "results" is spread: filler. "applications" is concentrated, as in news about software.
    const vocabulary = ["results", "applications", "orbit", "warp drive", "quux"];
    expect([...fillerTerms(tableOf(vocabulary, counts))]).toEqual([1, 0, 0, 1, 0]);
    // Spread evenly, "applications" stays filler. Three measured clusters are too few to
    // measure evenness but enough to show a concentration; one is too few for either.
    const spread = counts.map((row) => [row[0] as number, 8, ...row.slice(2)]);
    expect([...fillerTerms(tableOf(vocabulary, spread))]).toEqual([1, 1, 0, 1, 0]);
    expect([...fillerTerms(tableOf(vocabulary, counts, [40, 40, 40, 9, 9]))]).toEqual([1, 0, 0, 0, 0]);
    expect([...fillerTerms(tableOf(vocabulary, counts, [40, 9, 9, 9, 9]))]).toEqual([1, 1, 0, 0, 0]);
    // A listed phrase is filler as well, and topical where a cluster concentrates it; an
    // unlisted phrase is filler where this corpus spreads it evenly, as a word is.
    const phrases = ["extensive experiments", "state-of-the-art methods", "orbit", "warp drive", "quux"];
    expect([...fillerTerms(tableOf(phrases, counts))]).toEqual([1, 0, 0, 1, 0]);
    expect([...fillerTerms(tableOf(phrases, counts, [40, 40, 40, 9, 9]))]).toEqual([1, 0, 0, 0, 0]);
  });

  it("keeps a listed word filler where one small cluster's use of it is within chance", () => {
    // "applications" in 3 of one cluster's 10 documents and 4 of all 50: over twice its rate,
    // but 2.6 standard deviations above what that rate gives; with ten times the documents
    // the same shares are far beyond chance, and the corpus overrules the list.
    const vocabulary = ["applications", "orbit"];
    const few = [
      [3, 9],
      [0, 0],
      [0, 0],
      [0, 1],
      [1, 0],
    ];
    expect([...fillerTerms(tableOf(vocabulary, few, [10, 10, 10, 10, 10]))]).toEqual([1, 0]);
    const many = few.map((row) => row.map((d) => 10 * d));
    expect([...fillerTerms(tableOf(vocabulary, many, [100, 100, 100, 100, 100]))]).toEqual([0, 0]);
  });
});
