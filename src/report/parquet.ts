import { parquetWriteBuffer } from "hyparquet-writer";
import { checkReportable } from "../pipeline/checkResult.js";
import type { TopicsResult } from "../pipeline/types.js";
import { topicQualityOf } from "./summarize.js";

/** The result as two Parquet tables a data scientist joins back: documents and topics. */
export interface ParquetTables {
  /** One row per document: document (its index), id, title, topic (-1: outlier), name, label. */
  readonly documents: Uint8Array;
  /**
   * One row per topic: topic, size, name, label, keywords and their scores, the given
   * cluster, and the topic's silhouette and coherence (`quality.topics`).
   */
  readonly topics: Uint8Array;
}

const optionalString = (name: string) => ({
  name,
  type: "BYTE_ARRAY" as const,
  converted_type: "UTF8" as const,
  repetition_type: "OPTIONAL" as const,
});
const optionalDouble = (name: string) => ({ name, type: "DOUBLE" as const, repetition_type: "OPTIONAL" as const });
const requiredInt = (name: string) => ({ name, type: "INT32" as const, repetition_type: "REQUIRED" as const });
const list = (name: string, element: object) => [
  { name, repetition_type: "OPTIONAL" as const, converted_type: "LIST" as const, num_children: 1 },
  { name: "list", repetition_type: "REPEATED" as const, num_children: 1 },
  { name: "element", repetition_type: "REQUIRED" as const, ...element },
];

/**
 * The documents' topics and the topics' keywords as Parquet (snappy), for pandas, DuckDB,
 * Spark or Arrow to join back on `id` or `document`. Written in memory, in any runtime.
 */
export function toParquet(result: TopicsResult): ParquetTables {
  checkReportable("toParquet", result);
  return { documents: documentsParquet(result), topics: topicsParquet(result) };
}

/** The documents table of {@link toParquet}. */
export function documentsParquet(result: TopicsResult): Uint8Array {
  const byId = new Map(result.topics.map((t) => [t.id, t]));
  const n = result.assignments.length;
  const topicOf = Array.from(result.assignments);
  const documents = parquetWriteBuffer({
    columnData: [
      { name: "document", data: Array.from({ length: n }, (_, i) => i) },
      { name: "id", data: Array.from({ length: n }, (_, i) => result.ids[i] ?? null) },
      { name: "title", data: Array.from({ length: n }, (_, i) => result.titles[i] ?? null) },
      { name: "topic", data: topicOf },
      { name: "name", data: topicOf.map((t) => byId.get(t)?.name ?? null) },
      { name: "label", data: topicOf.map((t) => byId.get(t)?.label ?? null) },
    ],
    schema: [
      { name: "root", num_children: 6 },
      requiredInt("document"),
      optionalString("id"),
      optionalString("title"),
      requiredInt("topic"),
      optionalString("name"),
      optionalString("label"),
    ],
  });
  return new Uint8Array(documents);
}

/** The topics table of {@link toParquet}. */
export function topicsParquet(result: TopicsResult): Uint8Array {
  const t = result.topics;
  const fit = t.map((x) => topicQualityOf(result, x.id));
  const topics = parquetWriteBuffer({
    columnData: [
      { name: "topic", data: t.map((x) => x.id) },
      { name: "size", data: t.map((x) => x.size) },
      { name: "name", data: t.map((x) => x.name) },
      { name: "label", data: t.map((x) => x.label) },
      { name: "keywords", data: t.map((x) => x.keywords.map((k) => k.term)) },
      { name: "scores", data: t.map((x) => x.keywords.map((k) => k.score)) },
      { name: "cluster", data: t.map((x) => x.cluster ?? null) },
      { name: "silhouette", data: fit.map((q) => q?.silhouette ?? null) },
      { name: "coherence", data: fit.map((q) => q?.coherence ?? null) },
    ],
    schema: [
      { name: "root", num_children: 9 },
      requiredInt("topic"),
      requiredInt("size"),
      optionalString("name"),
      optionalString("label"),
      ...list("keywords", { type: "BYTE_ARRAY", converted_type: "UTF8" }),
      ...list("scores", { type: "DOUBLE" }),
      { name: "cluster", type: "INT32" as const, repetition_type: "OPTIONAL" as const },
      optionalDouble("silhouette"),
      optionalDouble("coherence"),
    ],
  });
  return new Uint8Array(topics);
}
