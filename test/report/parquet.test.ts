import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { toParquet } from "../../src/report/parquet.js";
import { cli, SEED } from "../helpers/cli.js";

const work = mkdtempSync(join(tmpdir(), "topiclens-parquet-out-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function duck<T>(sql: string): Promise<T[]> {
  const db = await (await DuckDBInstance.create()).connect();
  return (await db.runAndReadAll(sql)).getRowObjectsJson() as T[];
}

describe("Parquet output, read back by DuckDB", () => {
  const docs = seedCorpus().map((p, i) => ({ id: `paper-${i}`, title: p.title, text: p.abstract }));
  // TF-IDF space, where a cosine of 0.3 to its centre leaves some documents out.
  const result = clusterTopics(docs, { k: 6, reduce: "none", outliers: { threshold: 0.3 }, stabilitySeeds: 1 });

  it("documents: index, id, title, topic (-1 for outliers), the topic's name and label", async () => {
    const path = join(work, "documents.parquet");
    writeFileSync(path, toParquet(result).documents);
    const rows = await duck<{ document: number; id: string; title: string; topic: number; label: string | null }>(
      `SELECT * FROM '${path}' ORDER BY document`,
    );
    expect(rows.length).toBe(docs.length);
    const byId = new Map(result.topics.map((t) => [t.id, t]));
    rows.forEach((r, i) => {
      expect([r.document, r.id, r.title, r.topic]).toEqual([i, `paper-${i}`, docs[i]?.title, result.assignments[i]]);
      expect(r.label).toBe(byId.get(r.topic)?.label ?? null);
    });
    expect(rows.some((r) => r.topic === -1)).toBe(true);
  });

  it("topics: size, name, label, keywords with their scores, silhouette and coherence", async () => {
    const path = join(work, "topics.parquet");
    writeFileSync(path, toParquet(result).topics);
    const rows = await duck<{
      topic: number;
      size: number;
      name: string;
      keywords: string[];
      scores: number[];
      silhouette: number | null;
      coherence: number | null;
    }>(`SELECT * FROM '${path}' ORDER BY topic`);
    expect(rows.map((r) => [r.topic, r.size, r.name])).toEqual(result.topics.map((t) => [t.id, t.size, t.name]));
    rows.forEach((r, i) => {
      expect(r.keywords).toEqual(result.topics[i]?.keywords.map((k) => k.term));
      expect(r.scores).toEqual(result.topics[i]?.keywords.map((k) => k.score));
      expect([r.silhouette, r.coherence]).toEqual([
        result.quality.topics[i]?.silhouette,
        result.quality.topics[i]?.coherence,
      ]);
    });
    expect(rows.every((r) => typeof r.silhouette === "number")).toBe(true);
  });

  it("the CLI writes FILE.parquet and FILE.topics.parquet, and refuses Parquet on standard output", async () => {
    const out = join(work, "seed.parquet");
    const run = await cli(SEED, "--k", "5", "--out", out, "--quiet");
    expect(run.code).toBe(0);
    expect(existsSync(join(work, "seed.topics.parquet"))).toBe(true);
    const [count] = await duck<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM '${out}'`);
    expect(count?.n).toBe(70);
    const refused = await cli(SEED, "--format", "parquet");
    expect([refused.code, refused.stderr]).toEqual([
      2,
      expect.stringMatching(/--format parquet is binary: name a file with --out/),
    ]);
  });
});
