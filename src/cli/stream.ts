import { miniBatchKMeans } from "../cluster/miniBatch.js";
import { readJsonLines } from "../io/readJsonLines.js";
import { clusterKeywords } from "../keywords/clusterKeywords.js";
import type { WorkerPool } from "../node/workerPool.js";
import type { TfidfOptions } from "../vectorize/options.js";
import { fitTransformTfidfStream } from "../vectorize/tfidf.js";

/** What `--stream` writes: topics with sizes and keywords (no per-document rows are kept). */
export interface StreamedTopics {
  readonly documents: number;
  readonly vocabularySize: number;
  readonly topics: { id: number; label: string; size: number; keywords: { term: string; score: number }[] }[];
}

/**
 * Clusters a JSONL file too large to hold: one streamed pass keeps only term ids, the
 * TF-IDF matrix lives in shared memory, mini-batch k-means runs on the worker pool, and
 * keywords come from the clusters' term counts. `progress` hears documents read and steps.
 */
export async function clusterJsonlStream(
  path: string,
  options: { k: number; seed: number; textField: string; vectorizer: TfidfOptions; topN: number; pool: WorkerPool },
  progress: (message: string, done: number, total: number) => void,
): Promise<StreamedTopics> {
  const { matrix, counts, model } = await fitTransformTfidfStream(
    readJsonLines(path, options.textField),
    { minDf: 5, maxDf: 0.5, sublinearTf: true, ...options.vectorizer },
    { shared: true, progressEvery: 5000, onProgress: (n) => progress("reading", n, 0) },
  );
  const km = miniBatchKMeans(matrix, options.k, {
    metric: "cosine",
    batchSize: 4096,
    seed: options.seed,
    parallel: options.pool,
    onIteration: (s) => {
      if (s.step % 10 === 0) progress("clustering", s.step, 0);
    },
  });
  const keywords = clusterKeywords(
    { counts, labels: km.labels, vocabulary: model.vocabulary, k: options.k },
    { topN: options.topN },
  );
  const topics = keywords
    .map((t) => ({
      id: 0,
      label: t.label,
      size: t.size,
      keywords: t.keywords.map((k) => ({ term: k.term, score: k.score })),
    }))
    .sort((a, b) => b.size - a.size)
    .map((t, i) => ({ ...t, id: i }));
  return { documents: matrix.rows, vocabularySize: model.vocabulary.length, topics };
}

export function streamedToText(r: StreamedTopics, format: string): string {
  if (format === "json") return `${JSON.stringify(r, null, 2)}\n`;
  if (format === "md") {
    return `# Topics\n\n${r.documents} documents · ${r.topics.length} topics\n\n| # | Topic | Size | Keywords |\n|---:|---|---:|---|\n${r.topics
      .map((t) => `| ${t.id} | ${t.label} | ${t.size} | ${t.keywords.map((k) => k.term).join(", ")} |`)
      .join("\n")}\n`;
  }
  return `${r.documents} documents, ${r.topics.length} topics (streamed)\n\n${r.topics
    .map((t) => `[${t.id}] ${t.label} (${t.size} documents)\n    keywords: ${t.keywords.map((k) => k.term).join(", ")}`)
    .join("\n\n")}\n`;
}
