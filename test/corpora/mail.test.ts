import { describe, expect, it } from "vitest";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { readSharedCorpus } from "./shared.js";

// The SpamAssassin mail corpus (6,046 messages of 2002): HTML left in 130 bodies, and
// mailing lists whose every post ends with the list's footer (bench/mail.mjs, README).
const docs = readSharedCorpus("spamassassin.jsonl").map((r) => r.text);
const HTML_WORDS = ["font", "br", "td", "nbsp", "bgcolor", "arial"];

const topicsOf = (dropMarkup: boolean) =>
  clusterTopics(docs, { k: 20, seed: 0, stabilitySeeds: 1, vectorizer: { dropMarkup } }).topics;
const wordsOf = (terms: readonly string[]) => terms.flatMap((t) => t.split(/[\s·]+/));

describe("topics of a mail corpus", () => {
  const topics = topicsOf(true);

  it("are not made of the HTML left in the messages", () => {
    const shown = wordsOf(topics.flatMap((t) => t.keywords.map((x) => x.term)));
    expect(shown.filter((w) => HTML_WORDS.includes(w))).toEqual([]);
    // With markup read as words, the HTML spam made a topic of tags.
    const asWords = wordsOf(topicsOf(false).flatMap((t) => t.keywords.map((x) => x.term)));
    expect(asWords.filter((w) => HTML_WORDS.includes(w)).length).toBeGreaterThan(3);
  });

  it("name a mailing list by its posts, not by the footer every post carries", () => {
    const list = (word: string) => {
      const topic = topics.find((t) => t.keywords.some((x) => x.term === word));
      if (topic === undefined) throw new Error(`no topic lists "${word}"`);
      return topic;
    };
    // The Fortean Times list (Yahoo groups): its footer's pieces are keywords, not its label.
    const forteana = list("zzzzteana");
    expect(forteana.keywords.some((x) => x.term.includes("unsubscribe"))).toBe(true);
    expect(forteana.label.split(" · ")[0]).toBe("zzzzteana");
    expect(forteana.label).not.toMatch(/unsubscribe|yahoo groups|group send/);
    // The Irish Linux Users' Group: one piece of its footer at most.
    const ilug = list("ilug");
    const footer = [
      "irish linux users",
      "linux users group",
      "information list maintainer",
      "subscription information",
    ];
    expect(ilug.label.split(" · ").filter((t) => footer.some((f) => t.includes(f))).length).toBeLessThanOrEqual(1);
  });
});
