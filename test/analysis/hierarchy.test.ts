import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findTopics } from "../../src/analysis/findTopics.js";
import { hierarchicalTopics } from "../../src/analysis/hierarchy.js";
import { linkage } from "../../src/analysis/linkage.js";
import { autoCut, mergeTopics, reduceTopics } from "../../src/analysis/mergeTopics.js";
import { outlierDocuments } from "../../src/analysis/outliers.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { createRandom } from "../../src/core/random.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { ROOT, readCorpus } from "../helpers/data.js";

const golden = JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "ward-linkage.json"), "utf8")) as {
  cases: { points: number[][]; Z: number[][] }[];
};

describe("wardLinkage against SciPy's linkage(X, 'ward')", () => {
  it.each(golden.cases.map((c, i) => ({ ...c, name: `${c.points.length} points`, i })))("$name", ({ points, Z }) => {
    const n = points.length;
    const d = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        d[i * n + j] = Math.sqrt(
          (points[i] as number[]).reduce((s, v, f) => s + (v - ((points[j] as number[])[f] as number)) ** 2, 0),
        );
    const merges = linkage(d, n, "ward");
    expect(merges.map((m) => [m.left, m.right, m.size])).toEqual(Z.map((r) => [r[0], r[1], r[3]]));
    merges.forEach((m, i) => {
      expect(m.distance).toBeCloseTo((Z[i] as number[])[2] as number, 10);
    });
  });
});

const docs = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));

describe("hierarchicalTopics' linkage against SciPy's, on the seed topics' c-TF-IDF rows", () => {
  // scripts/fixtures/hierarchy.mjs exported the similarities, hierarchy.py ran SciPy on them.
  const fixture = JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "hierarchy-seed.json"), "utf8")) as {
    k: number;
    similarity: number[][];
    linkage: Record<string, number[][]>;
  };
  const twelve = clusterTopics(docs, { k: fixture.k, stabilitySeeds: 1 });
  it.each(["ward", "average", "complete", "single"] as const)("%s", (method) => {
    const tree = hierarchicalTopics(twelve, docs, { linkage: method });
    tree.similarity.forEach((row, i) => {
      row.forEach((v, j) => {
        expect(v).toBeCloseTo((fixture.similarity[i] as number[])[j] as number, 12);
      });
    });
    const Z = fixture.linkage[method] as number[][];
    expect(tree.linkageMatrix.map((r) => [r[0], r[1], r[3]])).toEqual(Z.map((r) => [r[0], r[1], r[3]]));
    tree.linkageMatrix.forEach((r, i) => {
      expect(r[2]).toBeCloseTo((Z[i] as number[])[2] as number, 10);
    });
  });
});
const result = clusterTopics(docs, { k: 8, stabilitySeeds: 1 });

describe("hierarchicalTopics(result, docs)", () => {
  const tree = hierarchicalTopics(result, docs);
  it("merges the topics K - 1 times, each merge named from its documents", () => {
    expect(tree.merges).toHaveLength(7);
    const root = tree.merges[6];
    expect(root?.topics).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(root?.size).toBe(70);
    for (const m of tree.merges) {
      expect(m.keywords.length).toBeGreaterThan(0);
      expect(m.size).toBe(m.topics.reduce((a, t) => a + (result.topics[t]?.size ?? 0), 0));
    }
    const distances = tree.merges.map((m) => m.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });
  it("cuts into any number of groups covering every topic once", () => {
    for (let g = 1; g <= 8; g++) {
      const groups = tree.cut(g);
      expect(groups).toHaveLength(g);
      expect(groups.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }
    expect(() => tree.cut(9)).toThrow(/groups must be an integer in \[1, 8\]/);
  });
  it("renders a tree in text and a dendrogram", () => {
    const text = tree.toString();
    expect(text.split("\n")).toHaveLength(15);
    expect(text).toMatch(/^■──/);
    expect(tree.toSVG()).toMatch(/^<svg[\s\S]*<path[\s\S]*<\/svg>$/);
    expect((tree.toSVG().match(/<path/g) ?? []).length).toBe(7);
  });
});

describe("mergeTopics and reduceTopics", () => {
  it("with nothing to merge, gives back the fitted topics", () => {
    const same = reduceTopics(result, docs, result.topics.length);
    expect(Array.from(same.assignments)).toEqual(Array.from(result.assignments));
    expect(same.topics.map((t) => [t.label, t.size, t.keywords])).toEqual(
      result.topics.map((t) => [t.label, t.size, t.keywords]),
    );
    expect(same.quality.coherence).toBeCloseTo(result.quality.coherence, 12);
  });
  it("merges topics: sizes add up, the documents keep their clusters, the model predicts the merged topics", () => {
    const merged = mergeTopics(result, docs, [
      [0, 3],
      [1, 5, 6],
    ]);
    expect(merged.topics).toHaveLength(5);
    expect(merged.parameters.kChosenBy).toBe("merge");
    const sizeOf = (ts: number[]) => ts.reduce((a, t) => a + (result.topics[t]?.size ?? 0), 0);
    expect(merged.topics.map((t) => t.size).sort((a, b) => b - a)).toEqual(
      [sizeOf([0, 3]), sizeOf([1, 5, 6]), sizeOf([2]), sizeOf([4]), sizeOf([7])].sort((a, b) => b - a),
    );
    // documents of the same old topic share a new topic
    for (const t of result.topics) expect(new Set(t.documents.map((i) => merged.assignments[i])).size).toBe(1);
    expect(Array.from(merged.model.predict(docs.slice(0, 20)))).toEqual(Array.from(merged.assignments.slice(0, 20)));
    expect(merged.toMarkdown()).toMatch(/^# /);
    expect(merged.quality.stability).toBeNull();
  });
  it("gives merged topics as many keywords as the fitted topics were given", () => {
    const long = clusterTopics(docs, { k: 6, seed: 0, stabilitySeeds: 1, keywords: { topN: 20 } });
    const most = Math.max(...long.topics.map((t) => t.keywords.length));
    expect(most).toBeGreaterThan(10);
    const merged = mergeTopics(long, docs, [[0, 1]]);
    expect(Math.max(...merged.topics.map((t) => t.keywords.length))).toBe(most);
    for (const t of merged.topics) expect(t.keywords.length).toBeLessThanOrEqual(most);
    expect(reduceTopics(long, docs, 3).topics.some((t) => t.keywords.length > 10)).toBe(true);
  });
  it("reduces along the hierarchy, and refuses bad groups", () => {
    const three = reduceTopics(result, docs, 3);
    expect(three.topics).toHaveLength(3);
    expect(three.topics.reduce((a, t) => a + t.size, 0)).toBe(70);
    const cases: [() => unknown, RegExp][] = [
      [() => mergeTopics(result, docs, [[0, 0]]), /topic 0 is in two groups/],
      [() => mergeTopics(result, docs, [[0, 9]]), /groups\[0\] must be an integer in \[0, 7\]/],
      [() => mergeTopics(result, docs, [[]]), /groups\[0\] must be a non-empty array/],
      [() => reduceTopics(result, docs, 0), /topics must be an integer in \[1, 8\]/],
      [() => mergeTopics(result, docs.slice(1), [[0, 1]]), /docs must be the 70 documents/],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    }
  });
});

describe("findTopics(result, query)", () => {
  it("finds the topic a query is about", () => {
    const fl = result.topics.find((t) => t.label.includes("federated"));
    const found = findTopics(result, "federated learning with clients");
    expect(found[0]?.topic).toBe(fl?.id);
    expect(found.map((m) => m.similarity)).toEqual([...found.map((m) => m.similarity)].sort((a, b) => b - a));
    expect(() => findTopics(result, "zzzz qqqq")).toThrow(InvalidArgumentError);
    expect(() => findTopics(result, "zzzz qqqq")).toThrow(/query "zzzz qqqq" has no word the model knows/);
    expect(() => findTopics(result, 3 as never)).toThrow(/query must be a string/);
  });
});

describe("outlierDocuments(result)", () => {
  it("flags the documents far below their topic's lower fence, least similar first", () => {
    const records = readCorpus("20newsgroups-bydate.jsonl.gz", 1200);
    const news = clusterTopics(
      records.map((r) => r.text),
      { k: 6, stabilitySeeds: 1 },
    );
    const out = outlierDocuments(news);
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThan(0.1 * 1200);
    for (const o of out) {
      expect(o.similarity).toBeLessThanOrEqual(o.background);
      expect(news.assignments[o.index]).toBe(o.topic);
    }
    expect(out.map((o) => o.similarity)).toEqual([...out.map((o) => o.similarity)].sort((a, b) => a - b));
    // a higher background (the others' 90th percentile) flags more; their minimum, fewer
    expect(outlierDocuments(news, { quantile: 0.9 }).length).toBeGreaterThan(out.length);
    expect(outlierDocuments(news, { quantile: 0 })).toEqual(
      out.filter((o) => o.similarity <= Math.min(...out.map((x) => x.background)) && false),
    );
  });
});

describe("properties of merging", () => {
  it("reduceTopics(n) groups the documents as the hierarchy's cut at n; merging is order-independent", () => {
    const tree = hierarchicalTopics(result, docs);
    for (const n of [2, 4, 6]) {
      const reduced = reduceTopics(result, docs, n);
      const groups = tree.cut(n);
      for (const g of groups) {
        const members = g.flatMap((t) => result.topics[t]?.documents ?? []);
        expect(new Set(members.map((i) => reduced.assignments[i])).size).toBe(1);
      }
      expect(reduced.topics).toHaveLength(n);
    }
    const a = mergeTopics(result, docs, [
      [0, 3],
      [5, 1, 6],
    ]);
    const b = mergeTopics(result, docs, [
      [6, 5, 1],
      [3, 0],
    ]);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
  it("never changes the fitted result, and the new views survive JSON", () => {
    const before = JSON.stringify(result);
    mergeTopics(result, docs, [[0, 1]]);
    const tree = hierarchicalTopics(result, docs);
    expect(JSON.stringify(result)).toBe(before);
    const copy = JSON.parse(JSON.stringify(tree));
    expect(copy.merges).toEqual(JSON.parse(JSON.stringify(tree.merges)));
    expect(copy.linkageMatrix).toEqual(tree.linkageMatrix);
  });
});

describe("reduceTopics(result, docs, 'auto')", () => {
  it("makes the merges half a standard deviation closer than the mean merge (seed topics)", () => {
    const tree = hierarchicalTopics(result, docs);
    const d = tree.merges.map((m) => m.distance);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length);
    const made = d.filter((x) => x < mean - 0.5 * sd).length;
    const auto = reduceTopics(result, docs, "auto");
    expect(made).toBeGreaterThan(0);
    expect(auto.topics).toHaveLength(result.topics.length - made);
    expect(Array.from(auto.assignments)).toEqual(
      Array.from(reduceTopics(result, docs, result.topics.length - made).assignments),
    );
    expect(() => reduceTopics(result, docs, "some" as never)).toThrow(/topics must be an integer/);
  });

  it("puts back together the themes that a fit split in two, and keeps the themes apart", () => {
    // Four themes of 20 texts, each given to two topics: eight topics, four pairs of
    // near-duplicates, which merge far below the themes.
    const themes = [
      ["goal", "striker", "league", "referee", "penalty", "midfield"],
      ["serve", "racket", "court", "tiebreak", "volley", "baseline"],
      ["putt", "fairway", "birdie", "caddie", "bunker", "green"],
      ["recipe", "oven", "flour", "butter", "sugar", "dough", "pastry", "bake", "yeast", "crust"],
    ];
    const random = createRandom(3);
    const texts: string[] = [];
    const clusters: number[] = [];
    themes.forEach((words, t) => {
      for (let i = 0; i < 20; i++) {
        texts.push(Array.from({ length: 30 }, () => words[random.nextInt(words.length)]).join(" "));
        clusters.push(2 * t + (i % 2));
      }
    });
    const split = clusterTopics(texts, { clusters, seed: 0 });
    expect(split.topics).toHaveLength(8);
    const auto = reduceTopics(split, texts, "auto");
    expect(auto.topics).toHaveLength(4);
    for (let t = 0; t < 4; t++) {
      const ofTheme = new Set(Array.from(auto.assignments.slice(20 * t, 20 * t + 20)));
      expect(ofTheme.size).toBe(1);
    }
  });

  it("merges nothing when every merge is as close as the others, or with under five topics", () => {
    expect(autoCut([1, 1, 1, 1])).toBe(5);
    expect(autoCut([0.5])).toBe(2);
    expect(autoCut([])).toBe(1);
    // Three or four topics: too few merges to tell a close one from a usual one.
    expect(autoCut([0.2, 1])).toBe(3);
    expect(autoCut([0.2, 1, 1.1])).toBe(4);
    expect(autoCut([0.2, 1, 1.1, 1.2])).toBe(4);
    // Mean 1, standard deviation 0.4: merges below 0.8 are made.
    expect(autoCut([0.5, 0.7, 0.9, 1.3, 1.6])).toBe(4);
  });
});
