import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { withoutCredits } from "../../src/text/creditLines.js";
import { tokenize } from "../../src/text/tokenize.js";
import { fitTfidf, tfidfFromJSON } from "../../src/vectorize/tfidf.js";

describe("withoutCredits", () => {
  it("drops a wire's source from a dateline and from a title the next sentence opens with", () => {
    // AG News' forms.
    expect(tokenize("Ky. Company Wins Grant to Study Peptides (AP). AP - A company founded by a chemist.")).toEqual(
      tokenize("Ky. Company Wins Grant to Study Peptides. A company founded by a chemist."),
    );
    expect(tokenize("Stocks Rise (Reuters). NEW YORK (Reuters) - Stocks rose on Monday.")).toEqual(
      tokenize("Stocks Rise. NEW YORK - Stocks rose on Monday."),
    );
    expect(tokenize("Talks Resume (AFP). AFP - Talks resumed. LONDON, England (AFP) - More talks.")).toEqual(
      tokenize("Talks Resume. Talks resumed. LONDON, England - More talks."),
    );
    // The dash and the other words stay as written.
    expect(withoutCredits("Oil up (Reuters). Reuters - Oil rose.")).toBe("Oil up  .  - Oil rose.");
  });

  it("keeps what credits no one: a title's name, a sentence's first word, an abbreviation, a lone parenthesis", () => {
    for (const text of [
      "FOCUS - Multi-View Foot Reconstruction. Surface reconstruction is hard.",
      "It works. Results - as shown - hold.",
      "US car firms General Motors (GM) - the largest - cut output.",
      "Federated learning (FL). It helps - a lot.",
      "Company Wins Grant (AP). A company - founded by a chemist - won.",
      "No dash here (AP). AP says so.",
    ])
      expect(withoutCredits(text)).toBe(text);
  });

  it("is on by default, off with dropCredits: false, and a typed error names a wrong value", () => {
    const story = "MOSCOW (AP) - Officers seized a truck.";
    expect(tokenize(story)).not.toContain("ap");
    expect(tokenize(story, { dropCredits: false })).toContain("ap");
    expect(() => tokenize(story, { dropCredits: "yes" as unknown as boolean })).toThrow(InvalidArgumentError);
    expect(() => tokenize(story, { dropCredits: "yes" as unknown as boolean })).toThrow(/options\.dropCredits/);
  });

  it("a model saved before dropCredits existed reads sources as words", () => {
    const docs = ["MOSCOW (AP) - Officers seized a truck.", "officers truck ap", "truck officers"];
    const json = JSON.parse(JSON.stringify(fitTfidf(docs, { minDf: 1 })));
    expect(json.options.dropCredits).toBe(true);
    const ap = json.vocabulary.indexOf("ap");
    const holds = (model: ReturnType<typeof tfidfFromJSON>) =>
      Array.from(model.transform(["PARIS (AP) - A truck."]).indices).includes(ap);
    expect(holds(tfidfFromJSON(json))).toBe(false);
    delete json.options.dropCredits;
    expect(holds(tfidfFromJSON(json))).toBe(true);
  });
});

// Three subjects from two wires: AP sends sports and most science stories, Reuters markets
// and a third of science, so read as words the sources cut across the subjects.
const story = (title: string, source: string, body: string, dateline: string) =>
  dateline === ""
    ? `${title} (${source}). ${source} - ${body}`
    : `${title} (${source}). ${dateline} (${source}) - ${body}`;
const sports = Array.from({ length: 14 }, (_, i) =>
  story(
    `Team wins ${i}`,
    "AP",
    `The coach said the team won the playoff game, scoring ${i % 2 === 0 ? "goals" : "runs"} late.`,
    i % 2 === 0 ? "" : "BOSTON",
  ),
);
const science = Array.from({ length: 14 }, (_, i) =>
  story(
    `Probe lands ${i}`,
    i % 3 === 0 ? "Reuters" : "AP",
    `The space probe landed on the comet; its ${i % 2 === 0 ? "camera" : "drill"} sent data to scientists.`,
    "",
  ),
);
const markets = Array.from({ length: 14 }, (_, i) =>
  story(
    `Stocks fall ${i}`,
    "Reuters",
    `Shares fell as oil prices rose; ${i % 2 === 0 ? "investors" : "traders"} sold bank stocks.`,
    "NEW YORK",
  ),
);
const wire = [...sports, ...science, ...markets];
const termsOf = (r: ReturnType<typeof clusterTopics>) => r.topics.flatMap((t) => t.keywords.map((x) => x.term));
const SOURCE_WORD = /\b(ap|reuters)\b/;

describe("wire sources in a clustering", () => {
  it("name no topic, and the topics are the subjects", () => {
    const kept = clusterTopics(wire, { k: 3, seed: 0, vectorizer: { dropCredits: false } });
    expect(termsOf(kept).some((t) => SOURCE_WORD.test(t))).toBe(true);
    const dropped = clusterTopics(wire, { k: 3, seed: 0 });
    expect(termsOf(dropped).some((t) => SOURCE_WORD.test(t))).toBe(false);
    for (const t of dropped.topics) expect(t.label).not.toMatch(SOURCE_WORD);
    // Each subject's 14 stories make one topic.
    for (const from of [0, 14, 28]) expect(new Set(dropped.assignments.slice(from, from + 14)).size).toBe(1);
    expect(new Set(dropped.assignments).size).toBe(3);
  });
});
