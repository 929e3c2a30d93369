import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { EXPLORER_EXCERPT_CHARS, EXPLORER_MAX_DOCUMENTS, explorerData } from "../../src/report/explorer.js";
import { scatterSvg } from "../../src/report/scatter.js";
import { readCorpus } from "../helpers/data.js";

const docs = seedCorpus().map((p, i) => ({ id: `paper-${i}`, title: p.title, text: p.abstract }));
const result = clusterTopics(docs, { k: 6, stabilitySeeds: 1 });
type Data = {
  docs: [number, number, string, string, string][];
  topics: { id: number; label: string; size: number; keywords: [string, number][]; fit: string; docs: number[] }[];
  total: number;
};
const parse = (json: string) => JSON.parse(json) as Data;

describe("the explorer's data", () => {
  it("embeds each document's title, id and excerpt, and each theme's keywords and documents by closeness", () => {
    const data = parse(explorerData(result, docs));
    expect(data.total).toBe(70);
    expect(data.docs).toHaveLength(70);
    for (const [i, topic, name, id, excerpt] of data.docs) {
      expect(topic).toBe(result.assignments[i]);
      expect(name).toBe(docs[i]?.title);
      expect(id).toBe(`paper-${i}`);
      expect(excerpt.length).toBeLessThanOrEqual(EXPLORER_EXCERPT_CHARS + 1);
      expect(docs[i]?.text.replace(/\s+/g, " ").startsWith(excerpt.replace(/…$/, ""))).toBe(true);
    }
    for (const t of result.topics) {
      const theme = data.topics.find((x) => x.id === t.id);
      expect(theme?.docs).toEqual(t.documents);
      expect(theme?.keywords.map((k) => k[0])).toEqual(t.keywords.map((k) => k.term));
      const fit = result.quality.topics[t.id];
      expect(theme?.fit).toBe(
        `silhouette ${fit?.silhouette?.toFixed(3)}, coherence ${fit?.coherence?.toFixed(3) ?? "–"}`,
      );
    }
    // Without the documents it knows them by title (or id); no excerpts.
    expect(parse(explorerData(result)).docs.every((d) => d[4] === "")).toBe(true);
  });

  it("names topic −1 by why its documents are there: in no topic (blank), or outliers", () => {
    const withBlanks = [...docs, { id: "blank-1", title: "Blank", text: "" }];
    const blank = clusterTopics(withBlanks, { k: 6, stabilitySeeds: 1 });
    const minus = parse(explorerData(blank, withBlanks)).topics.find((t) => t.id === -1);
    expect(minus).toMatchObject({ label: "in no topic", size: 1, docs: [70] });
    expect(blank.toHTML({ documents: withBlanks })).toContain("<h2>Documents with no term to place them by (1)</h2>");
    const outliers = clusterTopics(docs, { k: 6, stabilitySeeds: 1, outliers: { quantile: 0.9 } });
    expect(parse(explorerData(outliers, docs)).topics.find((t) => t.id === -1)?.label).toBe("outliers");
    expect(outliers.toHTML()).toMatch(/<h2>Documents that fit no topic well \(\d+\)<\/h2>/);
  });

  it("names untitled documents by their text's start, and cannot close its script element", () => {
    const texts = docs.map((d) => d.text);
    const untitled = clusterTopics(texts, { k: 4, stabilitySeeds: 1 });
    const data = parse(explorerData(untitled, texts));
    // Its first 89 characters, whitespace folded, cut back to a whole word (as representatives are).
    expect(data.docs[0]?.[2]).toBe(
      `${texts[0]?.slice(0, 200).replace(/\s+/g, " ").slice(0, 89).replace(/ \S*$/, "")}…`,
    );
    // The map's points carry the same names.
    expect(untitled.toHTML({ documents: texts })).toContain(`<title>${data.docs[1]?.[2]}</title>`);
    const hostile = texts.map((t) => `</script><script>alert(1)</script> ${t}`);
    const html = clusterTopics(hostile, { k: 4, stabilitySeeds: 1 }).toHTML({ documents: hostile });
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the data's and the explorer's own
    expect(html).toContain("\\u003c/script>\\u003cscript>alert(1)");
  });

  it("refuses documents that are not the ones clustered, and a bad maxHeight", () => {
    expect(() => explorerData(result, docs.slice(1))).toThrow(InvalidArgumentError);
    expect(() => explorerData(result, docs.slice(1))).toThrow(
      /options.documents holds 69 documents, and the result 70/,
    );
    expect(() => result.toHTML({ maxHeight: 0 })).toThrow(/options.maxHeight must be a positive number/);
    expect(result.toHTML({ fragment: true, maxHeight: 640 })).toMatch(
      /^<div class="tl-report" style="max-height:640px;overflow:auto">/,
    );
  });

  it("keeps each theme's share closest to its centre beyond the bound", () => {
    const texts = readCorpus("conf-abstracts-5areas.jsonl.gz", 1500).map((r) => r.text);
    const big = clusterTopics(texts, { k: 5, stabilitySeeds: 1 });
    expect(EXPLORER_MAX_DOCUMENTS).toBe(20_000);
    // The bound is a constant; a result of more documents than it is simulated by its share.
    const data = parse(explorerData(big, texts));
    expect(data.docs).toHaveLength(1500);
    expect(data.topics.reduce((s, t) => s + t.docs.length, 0)).toBe(1500);
  });
});

describe("the map", () => {
  const points = { rows: 6, cols: 2, data: new Float64Array([0, 0, 1, 1, 0.5, 0.5, 0.1, 0.9, 0.9, 0.1, 0.2, 0.2]) };
  const topics = new Int32Array([0, 0, 1, 1, 2, 2]);
  it("draws every point when they fit, with a density of all of them beneath a thinned sample", () => {
    const all = scatterSvg(points, topics);
    expect((all.match(/<circle /g) ?? []).length).toBe(6);
    expect(all).not.toContain("tl-density");
    const thinned = scatterSvg(points, topics, { maxPoints: 2 });
    expect((thinned.match(/<circle /g) ?? []).length).toBe(2);
    const cells = thinned.match(/<rect x=/g) ?? [];
    expect(cells.length).toBe(6); // six points in six cells
  });
  it("is a keyboard stop when the page's script handles its keys", () => {
    expect(scatterSvg(points, topics)).toContain('role="img"');
    expect(scatterSvg(points, topics, { label: "Map <keys>" })).toContain(
      'role="group" tabindex="0" aria-label="Map &lt;keys&gt;"',
    );
  });
});
