import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { readVectors } from "../../src/io/readVectors.js";
import { clusterTopics, clusterTopicsStream } from "../../src/pipeline/clusterTopics.js";
import { topicModelFromJSON } from "../../src/pipeline/topicModel.js";
import { cli, SEED } from "../helpers/cli.js";
import { ROOT } from "../helpers/data.js";

const DIR = join(ROOT, "test", "fixtures", "embeddings");
// Vectors made by NumPy/scikit-learn (see the fixture's README), read back as JSON numbers.
const rows = JSON.parse(readFileSync(join(DIR, "seed-lsa8.json"), "utf8")) as number[][];
const docs = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));

describe("readVectors(path)", () => {
  it("reads NumPy .npy (float32 C order, float64 Fortran order) and raw .f32 to the same vectors", async () => {
    const expected = Float64Array.from(rows.flat());
    for (const [file, n] of [
      ["seed-lsa8-f32.npy", undefined],
      ["seed-lsa8-f64-fortran.npy", undefined],
      ["seed-lsa8.f32", 70],
    ] as const) {
      const m = await readVectors(join(DIR, file), n);
      expect([m.rows, m.cols]).toEqual([70, 8]);
      expect(Array.from(m.data)).toEqual(Array.from(expected));
    }
    await expect(readVectors(join(DIR, "seed-lsa8.f32"), 69)).rejects.toThrow(
      /not a whole number of float32 rows for 69/,
    );
    await expect(readVectors(join(DIR, "seed-lsa8.json"))).rejects.toThrow(
      /neither a NumPy \.npy file .* nor a raw \.f32/,
    );
  });
});

describe("clusterTopics(docs, { embeddings })", () => {
  const result = clusterTopics(docs, { k: 4, embeddings: rows, stabilitySeeds: 1 });
  it("clusters the given vectors and names the clusters from the texts", () => {
    expect(result.parameters.embeddings).toBe(8);
    expect(result.parameters.reduce).toBe("none");
    expect(result.topics).toHaveLength(4);
    expect(result.topics.every((t) => t.keywords.length > 0 && t.label.length > 0)).toBe(true);
    // the clusters are those of the vectors: the same as k-means on them alone
    const again = clusterTopics(
      docs.map((d) => d.text),
      { k: 4, embeddings: { rows: 70, cols: 8, data: Float64Array.from(rows.flat()) }, stabilitySeeds: 1 },
    );
    expect(Array.from(again.assignments)).toEqual(Array.from(result.assignments));
  });
  it("predicts new documents by their vectors, also after a JSON round trip, and says so for texts", () => {
    expect(Array.from(result.model.predictEmbeddings(rows))).toEqual(Array.from(result.assignments));
    const restored = topicModelFromJSON(JSON.parse(JSON.stringify(result.model)));
    expect(restored.input).toBe("embeddings");
    expect(Array.from(restored.predictEmbeddings(rows.slice(0, 10)))).toEqual(
      Array.from(result.assignments.slice(0, 10)),
    );
    expect(() => result.model.predict(["a text"])).toThrow(/clustered precomputed embeddings; .* predictEmbeddings/);
  });
  it("is the same through clusterTopicsStream", async () => {
    const streamed = await clusterTopicsStream(docs, { k: 4, embeddings: rows, stabilitySeeds: 1 });
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(result));
  });
  it("refuses ragged, non-finite, mis-sized embeddings and reduce with them, naming the option", () => {
    const cases: [unknown, RegExp][] = [
      [rows.slice(1), /options.embeddings must have one row per document \(70\); got 69 rows/],
      [[...rows.slice(0, 69), [1, 2]], /options.embeddings/],
      [
        [...rows.slice(0, 69), [Number.NaN, 0, 0, 0, 0, 0, 0, 0]],
        /options.embeddings must hold finite numbers; got NaN at row 69/,
      ],
    ];
    for (const [embeddings, message] of cases) {
      let error: unknown;
      try {
        clusterTopics(docs, { k: 3, embeddings: embeddings as number[][] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(message);
    }
    expect(() => clusterTopics(docs, { k: 3, embeddings: rows, reduce: 20 })).toThrow(
      /options.reduce applies to TF-IDF vectors; leave it out with options.embeddings/,
    );
    const before = JSON.stringify(rows);
    clusterTopics(docs, { k: 3, embeddings: rows, stabilitySeeds: 1 });
    expect(JSON.stringify(rows)).toBe(before);
  });
});

describe("topiclens --embeddings FILE", () => {
  it("clusters the file's vectors as the library does, in both paths; .f32 is refused when streaming", async () => {
    const library = clusterTopics(docs, { k: 4, embeddings: rows });
    for (const file of ["seed-lsa8-f32.npy", "seed-lsa8-f64-fortran.npy", "seed-lsa8.f32"]) {
      const r = await cli(SEED, "--k", "4", "--embeddings", join(DIR, file), "--format", "json", "--quiet");
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.parameters.embeddings).toBe(8);
      expect(report.assignments).toEqual(Array.from(library.assignments));
    }
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const jsonl = join(mkdtempSync(join(tmpdir(), "topiclens-emb-")), "seed.jsonl");
    writeFileSync(jsonl, docs.map((d) => JSON.stringify(d)).join("\n"));
    const npy = join(DIR, "seed-lsa8-f32.npy");
    const streamed = await cli(jsonl, "--stream", "--k", "4", "--embeddings", npy, "--format", "json", "--quiet");
    expect(streamed.code).toBe(0);
    expect(JSON.parse(streamed.stdout).assignments).toEqual(Array.from(library.assignments));
    const raw = await cli(jsonl, "--stream", "--k", "4", "--embeddings", join(DIR, "seed-lsa8.f32"));
    expect(raw.code).toBe(2);
    expect(raw.stderr).toMatch(
      /a raw \.f32 file's width comes from the number of documents, .* save the vectors as \.npy/,
    );
    const wrong = await cli(SEED, "--embeddings", join(DIR, "seed-lsa8.json"));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^topiclens: --embeddings: .*neither a NumPy \.npy file/);
  });
});
