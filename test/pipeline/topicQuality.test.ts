import { describe, expect, it } from "vitest";
import { mergeTopics } from "../../src/analysis/mergeTopics.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { silhouetteSamples } from "../../src/evaluate/internal.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { normalizeDocuments } from "../../src/pipeline/documents.js";
import { textVectors } from "../../src/pipeline/topicModel.js";
import type { TopicsResult } from "../../src/pipeline/types.js";
import { toHTML } from "../../src/report/html.js";
import { toMarkdown } from "../../src/report/markdown.js";
import { toText } from "../../src/report/summarize.js";
import { readCorpus } from "../helpers/data.js";

const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
const texts = normalizeDocuments("test", papers).texts;

/** Each topic's mean of scikit-learn-checked `silhouetteSamples` over its documents, in the call's space. */
function silhouetteByTopic(result: TopicsResult, docs: readonly string[]): Map<number, number> {
  const X = textVectors(result.model.vectorizer, result.model.components, docs);
  const values = silhouetteSamples(X, result.assignments, { metric: "cosine" });
  return new Map(
    result.topics.map((t) => [t.id, t.documents.reduce((sum, i) => sum + (values[i] as number), 0) / t.size]),
  );
}

function meanOfNonNull(values: readonly (number | null)[]): number {
  const kept = values.filter((v): v is number => v !== null);
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}

describe("quality.topics: each topic's own silhouette and coherence", () => {
  const result = clusterTopics(papers);

  it("gives each topic the mean silhouette of its documents, in the order of the topics", () => {
    expect(result.quality.topics.map((q) => q.id)).toEqual(result.topics.map((t) => t.id));
    const expected = silhouetteByTopic(result, texts);
    for (const q of result.quality.topics) {
      const topic = result.topics[q.id];
      expect(q.silhouetteDocuments).toBe(topic?.size);
      expect(q.silhouette).toBeCloseTo(expected.get(q.id) as number, 9);
    }
    // The overall figure is the same rows' mean: the size-weighted mean of the topics'.
    const weighted = result.quality.topics.reduce((a, q) => a + (q.silhouette as number) * q.silhouetteDocuments, 0);
    expect(weighted / texts.length).toBeCloseTo(result.quality.silhouette as number, 12);
  });

  it("ranks the seed's federated-learning theme above its catch-all on both figures", () => {
    const federated = result.topics.find((t) => t.name === "federated learning (FL)");
    const catchAll = result.topics.find((t) => t.label === "clustering");
    expect(federated).toBeDefined();
    expect(catchAll).toBeDefined();
    const figures = (id: number) => result.quality.topics[id];
    expect(figures(federated?.id as number)?.silhouette).toBeGreaterThan(
      (figures(catchAll?.id as number)?.silhouette ?? 1) + 0.2,
    );
    expect(figures(federated?.id as number)?.coherence).toBeGreaterThan(
      (figures(catchAll?.id as number)?.coherence ?? 1) + 0.1,
    );
  });

  it("has the topics' coherence average to quality.coherence", () => {
    const perTopic = result.quality.topics.map((q) => q.coherence);
    expect(perTopic.every((c) => c === null || (c >= -1 && c <= 1))).toBe(true);
    expect(meanOfNonNull(perTopic)).toBeCloseTo(result.quality.coherence, 12);
  });

  it("averages over the sampled documents only, above 2,000 documents", () => {
    const docs = readCorpus("conf-abstracts-5areas.jsonl.gz", 2400).map((r) => r.text);
    const big = clusterTopics(docs, { k: 5, stabilitySeeds: 1 });
    const counts = big.quality.topics.map((q) => q.silhouetteDocuments);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2000);
    counts.forEach((c, i) => {
      expect(c).toBeGreaterThan(0);
      expect(c).toBeLessThanOrEqual(big.topics[i]?.size as number);
    });
    const weighted = big.quality.topics.reduce((a, q) => a + (q.silhouette as number) * q.silhouetteDocuments, 0);
    expect(weighted / 2000).toBeCloseTo(big.quality.silhouette as number, 12);
  });

  it("leaves outliers out, and follows merged topics", () => {
    const withOutliers = clusterTopics(papers, { outliers: { quantile: 0.95 } });
    const inTopics = withOutliers.assignments.filter((t) => t >= 0).length;
    expect(inTopics).toBeLessThan(texts.length);
    const scored = withOutliers.quality.topics.reduce((a, q) => a + q.silhouetteDocuments, 0);
    expect(scored).toBe(inTopics);

    const merged = mergeTopics(result, texts, [[0, 1]]);
    expect(merged.quality.topics.map((q) => q.id)).toEqual(merged.topics.map((t) => t.id));
    const expected = silhouetteByTopic(merged, texts);
    for (const q of merged.quality.topics) expect(q.silhouette).toBeCloseTo(expected.get(q.id) as number, 9);
    expect(meanOfNonNull(merged.quality.topics.map((q) => q.coherence))).toBeCloseTo(merged.quality.coherence, 12);
  });

  it("shows them in the text, Markdown and HTML reports", () => {
    const [first] = result.quality.topics;
    const figures = `silhouette ${first?.silhouette?.toFixed(3)}, coherence ${first?.coherence?.toFixed(3)}`;
    expect(toText(result)).toContain(`(11 documents; ${figures})`);
    expect(toMarkdown(result)).toContain("| # | Topic | Size | Silhouette | Coherence | Keywords |");
    expect(toMarkdown(result)).toContain(
      `| ${result.topics[0]?.size} | ${first?.silhouette?.toFixed(3)} | ${first?.coherence?.toFixed(3)} |`,
    );
    expect(toHTML(result)).toContain(`<span class="tl-fit">· ${figures}</span>`);
  });

  it("reports a result restored from JSON written before them without the figures", () => {
    const { topics: _dropped, ...older } = result.quality;
    const restored = { ...result, quality: older } as unknown as TopicsResult;
    expect(toText(restored)).toContain("(11 documents)\n");
    expect(toMarkdown(restored)).toContain(`| ${result.topics[0]?.size} | – | – |`);
  });
});
