import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/data.js";

// Worker threads need the built worker script, so these tests use the build in dist/.
const lib = await import(pathToFileURL(join(ROOT, "dist", "index.js")).href);
const node = await import(pathToFileURL(join(ROOT, "dist", "node.js")).href);
const { readCorpus } = await import("../helpers/data.js");

const docs = readCorpus("20newsgroups-bydate.jsonl.gz", 6000).map((d) => d.text);
const X = lib.fitTransformTfidf(docs, { minDf: 5, maxDf: 0.5 }).matrix;
const pool = node.createWorkerPool({ threads: 2 });
afterAll(() => pool.close());

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe("createWorkerPool()", () => {
  it("ready() resolves once the workers listen, also for a pool whose workers cannot run", async () => {
    await pool.ready();
    const dir = mkdtempSync(join(tmpdir(), "topiclens-worker-"));
    const missing = node.createWorkerPool({ threads: 2, workerUrl: pathToFileURL(join(dir, "missing.mjs")) });
    await missing.ready();
    await missing.close();
  });

  it("gives k-means results identical to one thread on sparse input", () => {
    const one = lib.kmeans(X, 12, { seed: 4, maxIter: 30 });
    const two = lib.kmeans(X, 12, { seed: 4, maxIter: 30, parallel: pool });
    expect(bytes(two.labels)).toEqual(bytes(one.labels));
    expect(bytes(two.centroids.data)).toEqual(bytes(one.centroids.data));
    expect(two.inertia).toBe(one.inertia);
    expect(two.warnings).toEqual(one.warnings);
  });

  it.each(["lloyd", "elkan"] as const)(
    "gives identical results on dense input (%s), in cosine mode and weighted, with 2 and 3 threads",
    async (algorithm) => {
      const dense = lib.truncatedSvd(X, 20).embedding;
      const three = node.createWorkerPool({ threads: 3 });
      const sampleWeight = Array.from({ length: dense.rows }, (_, i) => 1 + (i % 3));
      for (const options of [
        { metric: "cosine", seed: 1, algorithm },
        { seed: 2, algorithm, sampleWeight, nInit: 2 },
      ]) {
        const one = lib.kmeans(dense, 8, options);
        for (const parallel of [pool, three]) {
          const many = lib.kmeans(dense, 8, { ...options, parallel });
          expect(many.algorithm).toBe(algorithm);
          expect(bytes(many.labels)).toEqual(bytes(one.labels));
          expect(bytes(many.centroids.data)).toEqual(bytes(one.centroids.data));
          expect(many.inertia).toBe(one.inertia);
          expect(many.iterations).toBe(one.iterations);
          expect(many.warnings).toEqual(one.warnings);
        }
      }
      await three.close();
    },
  );

  it("falls back to one thread with a warning when a worker never answers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "topiclens-worker-"));
    const silent = join(dir, "silent-worker.mjs");
    writeFileSync(silent, "// receives work and never answers\n");
    const broken = node.createWorkerPool({ threads: 2, timeoutMs: 200, workerUrl: pathToFileURL(silent) });
    const dense = lib.truncatedSvd(X, 10).embedding;
    for (const [data, algorithm] of [
      [X, "lloyd"],
      [dense, "elkan"],
    ] as const) {
      const one = lib.kmeans(data, 6, { seed: 2, maxIter: 5, algorithm });
      const fallback = lib.kmeans(data, 6, { seed: 2, maxIter: 5, algorithm, parallel: broken });
      expect(bytes(fallback.labels)).toEqual(bytes(one.labels));
      expect(fallback.inertia).toBe(one.inertia);
      expect(fallback.warnings.map((w: { message: string }) => w.message).join(" ")).toMatch(
        /worker thread did not answer within 200 ms; k-means continued on one thread/,
      );
    }
    await broken.close();
  });

  it("falls back with a warning when workers cannot start", () => {
    const missing = node.createWorkerPool({
      threads: 2,
      workerUrl: pathToFileURL(join(tmpdir(), "no-such-worker.mjs")),
      timeoutMs: 300,
    });
    const one = lib.kmeans(X, 5, { seed: 3, maxIter: 3 });
    const r = lib.kmeans(X, 5, { seed: 3, maxIter: 3, parallel: missing });
    expect(bytes(r.labels)).toEqual(bytes(one.labels));
    expect(r.warnings.map((w: { code: string; message: string }) => `${w.code} ${w.message}`).join(" ")).toMatch(
      /parallel-fallback .*one thread/,
    );
    return missing.close();
  });

  it("clusters a TF-IDF matrix built in shared memory in place, with the same result", async () => {
    const fit = await lib.fitTransformTfidfStream(docs.slice(0, 3000), { minDf: 5, maxDf: 0.5 }, { shared: true });
    expect(fit.matrix.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(fit.matrix.indices.buffer).toBeInstanceOf(SharedArrayBuffer);
    const plain = lib.fitTransformTfidf(docs.slice(0, 3000), { minDf: 5, maxDf: 0.5 });
    expect(Array.from(fit.matrix.data)).toEqual(Array.from(plain.matrix.data));
    const one = lib.kmeans(plain.matrix, 7, { seed: 1, metric: "cosine" });
    const two = lib.kmeans(fit.matrix, 7, { seed: 1, metric: "cosine", parallel: pool });
    expect(bytes(two.labels)).toEqual(bytes(one.labels));
  });

  it("gives mini-batch k-means results identical to one thread (batches and final labelling)", () => {
    const one = lib.miniBatchKMeans(X, 9, { seed: 6, batchSize: 2048, maxIter: 3, metric: "cosine" });
    const two = lib.miniBatchKMeans(X, 9, { seed: 6, batchSize: 2048, maxIter: 3, metric: "cosine", parallel: pool });
    expect(bytes(two.labels)).toEqual(bytes(one.labels));
    expect(bytes(two.centroids.data)).toEqual(bytes(one.centroids.data));
    expect(two.iterations).toBe(one.iterations);
  });

  it("keeps float32 rows float32 in the kernels' memory, with the bits of a float64 copy, on every path", () => {
    const d64 = lib.truncatedSvd(X, 16).embedding;
    const d32 = { rows: d64.rows, cols: d64.cols, data: Float32Array.from(d64.data) };
    // The float64 copy of the float32 values: what the kernels computed on before.
    const widened = { rows: d32.rows, cols: d32.cols, data: Float64Array.from(d32.data) };
    const three = node.createWorkerPool({ threads: 3 });
    for (const run of [
      (data: unknown, parallel?: unknown) =>
        lib.kmeans(data, 7, { seed: 3, algorithm: "lloyd", ...(parallel ? { parallel } : {}) }),
      (data: unknown, parallel?: unknown) =>
        lib.kmeans(data, 7, { seed: 3, metric: "cosine", algorithm: "lloyd", ...(parallel ? { parallel } : {}) }),
      (data: unknown, parallel?: unknown) =>
        lib.miniBatchKMeans(data, 7, { seed: 5, batchSize: 1024, maxIter: 3, ...(parallel ? { parallel } : {}) }),
    ]) {
      const reference = run(widened);
      for (const result of [run(d32), run(d32, pool), run(d32, three)]) {
        expect(bytes(result.labels)).toEqual(bytes(reference.labels));
        expect(bytes(result.centroids.data)).toEqual(bytes(reference.centroids.data));
        expect(result.inertia).toBe(reference.inertia);
      }
    }
    void three.close();
  });

  it("rejects invalid options and non-pools", () => {
    expect(() => node.createWorkerPool({ threads: 0 })).toThrow(
      /options.threads must be an integer in \[1, 256\]; got 0/,
    );
    expect(() => lib.kmeans(X, 3, { parallel: {} })).toThrow(/options.parallel must be a worker pool/);
  });

  it("gives clusterTopics the same topics, assignments and scores with and without the pool", () => {
    // Enough documents for the pool to split them (it keeps small inputs on one thread).
    const sample = docs.slice(0, 2400);
    for (const options of [{ k: 7 }, { k: "auto", kRange: [4, 6] }] as const) {
      const one = lib.clusterTopics(sample, { ...options, seed: 3 });
      let sessions = 0;
      const counted = {
        threads: pool.threads,
        start: (...args: unknown[]) => {
          const session = pool.start(...args);
          if (session !== null) sessions++;
          return session;
        },
        startElkan: (layout: unknown) => {
          const session = pool.startElkan(layout);
          if (session !== null) sessions++;
          return session;
        },
      };
      const two = lib.clusterTopics(sample, { ...options, seed: 3, parallel: counted });
      expect(sessions).toBeGreaterThan(0);
      expect(bytes(two.assignments)).toEqual(bytes(one.assignments));
      expect(JSON.stringify(two.toJSON())).toBe(JSON.stringify(one.toJSON()));
    }
  });

  it("gives clusterTopics the same bytes on 1, 2 and 3 threads on both paths, sampled or not", async () => {
    const sample = docs.slice(0, 2400);
    const three = node.createWorkerPool({ threads: 3 });
    await three.ready();
    try {
      for (const options of [
        { k: 6, sampleSize: 800, path: "full-batch" },
        { k: 6, sampleSize: 800, miniBatchFrom: 2000 },
        { k: 6, path: "mini-batch" },
        { k: "auto", kRange: [3, 5], sampleSize: 900 },
      ] as const) {
        const one = lib.clusterTopics(sample, { ...options, seed: 1 });
        for (const parallel of [pool, three]) {
          const many = lib.clusterTopics(sample, { ...options, seed: 1, parallel });
          expect(bytes(many.assignments)).toEqual(bytes(one.assignments));
          expect(JSON.stringify(many.toJSON())).toBe(JSON.stringify(one.toJSON()));
        }
      }
    } finally {
      await three.close();
    }
  }, 150_000);

  it("reads a streamed corpus on its workers, with the bytes of one thread; a worker that stops is replaced", async () => {
    // Seed abstracts (abbreviations defined) and newsgroup posts, in more than one batch.
    const seed = await import(pathToFileURL(join(ROOT, "dist", "seed.js")).href);
    const texts = [...seed.seedCorpus().map((p: { abstract: string }) => p.abstract), ...docs.slice(0, 4500)];
    const one = lib.clusterTopics(texts, { k: 8, sampleSize: 2000 });
    const three = node.createWorkerPool({ threads: 3 });
    await three.ready();
    try {
      for (const parallel of [pool, three]) {
        const streamed = await lib.clusterTopicsStream(texts, { k: 8, sampleSize: 2000, parallel });
        expect(bytes(streamed.assignments)).toEqual(bytes(one.assignments));
        expect(JSON.stringify(streamed.toJSON())).toBe(JSON.stringify(one.toJSON()));
        expect(streamed.abbreviations).toEqual(one.abbreviations);
      }
    } finally {
      await three.close();
    }
    // Workers that exit on their first batch: the calling thread reads it instead.
    const dir = mkdtempSync(join(tmpdir(), "topiclens-worker-"));
    const dying = join(dir, "dying.mjs");
    writeFileSync(
      dying,
      `import { parentPort } from "node:worker_threads";\nparentPort.on("message", (m) => { if (m.type === "analyze") process.exit(3); });\nparentPort.postMessage({ type: "ready" });\n`,
    );
    const broken = node.createWorkerPool({ threads: 2, workerUrl: pathToFileURL(dying) });
    await broken.ready();
    try {
      const streamed = await lib.clusterTopicsStream(texts, { k: 8, sampleSize: 2000, parallel: broken });
      expect(bytes(streamed.assignments)).toEqual(bytes(one.assignments));
    } finally {
      await broken.close();
    }
  }, 150_000);

  it("reads an array of documents on its workers for the synchronous call, with the bytes of one thread", async () => {
    // Seed abstracts (abbreviations defined) and newsgroup posts: more than the pool's minimum.
    const seed = await import(pathToFileURL(join(ROOT, "dist", "seed.js")).href);
    const texts = [...seed.seedCorpus().map((p: { abstract: string }) => p.abstract), ...docs.slice(0, 2500)];
    const one = lib.clusterTopics(texts, { k: 8, sampleSize: 2000 });
    const reading = (parallel: typeof pool) => {
      const read: boolean[] = [];
      const counted = {
        threads: parallel.threads,
        start: parallel.start,
        startElkan: parallel.startElkan,
        afterReading: parallel.afterReading,
        readTexts: (...args: unknown[]) => {
          read.push(parallel.readTexts(...args));
          return read.at(-1);
        },
      };
      const result = lib.clusterTopics(texts, { k: 8, sampleSize: 2000, parallel: counted });
      return { result, read };
    };
    const three = node.createWorkerPool({ threads: 3 });
    await three.ready();
    try {
      for (const parallel of [pool, three]) {
        const { result, read } = reading(parallel);
        expect(read).toEqual([true]);
        expect(bytes(result.assignments)).toEqual(bytes(one.assignments));
        expect(JSON.stringify(result.toJSON())).toBe(JSON.stringify(one.toJSON()));
        expect(result.abbreviations).toEqual(one.abbreviations);
        expect(result.warnings).toEqual(one.warnings);
      }
    } finally {
      await three.close();
    }
    // A worker that stops on its second batch (it says so as it exits), and one that never
    // answers: their batches are read on the calling thread, and the run says why.
    const dir = mkdtempSync(join(tmpdir(), "topiclens-reader-"));
    const worker = pathToFileURL(join(ROOT, "dist", "assign-worker.js")).href;
    const stopping = join(dir, "stopping.mjs");
    writeFileSync(
      stopping,
      `import { parentPort } from "node:worker_threads";\nlet reads = 0;\nparentPort.on("message", (m) => { if (m.type === "read" && ++reads === 2) process.exit(3); });\nawait import(${JSON.stringify(worker)});\n`,
    );
    const silent = join(dir, "silent.mjs");
    writeFileSync(
      silent,
      `import { parentPort } from "node:worker_threads";\nparentPort.on("message", () => {});\nparentPort.postMessage({ type: "ready" });\n`,
    );
    for (const [script, why] of [
      [stopping, /a worker thread stopped while reading documents/],
      [silent, /did not answer within 500 ms while reading documents/],
    ] as const) {
      const broken = node.createWorkerPool({ threads: 2, timeoutMs: 500, workerUrl: pathToFileURL(script) });
      await broken.ready();
      try {
        const { result, read } = reading(broken);
        expect(read).toEqual([true]);
        expect(bytes(result.assignments)).toEqual(bytes(one.assignments));
        expect(JSON.stringify(result.topics)).toBe(JSON.stringify(one.topics));
        expect(result.warnings.map((w: { message: string }) => w.message).join("\n")).toMatch(why);
      } finally {
        await broken.close();
      }
    }
  }, 150_000);
});
