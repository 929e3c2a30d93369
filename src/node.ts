/**
 * Node-only helpers (file system). The core entry `topiclens` never imports `node:*`.
 */
import { readFile } from "node:fs/promises";
import { describeValue } from "./core/describe.js";
import { InvalidArgumentError } from "./core/errors.js";
import { type Paper, parseAbstractsPage } from "./corpus/parseAbstractsPage.js";
import { systemReason } from "./io/systemReason.js";

/** Path of the packaged seed corpus file. */
export const SEED_CORPUS_URL: URL = new URL("../seeds/abstracts-page.txt", import.meta.url);

/** Reads and parses the packaged seed corpus (70 papers) from disk. */
export async function loadSeedCorpus(): Promise<Paper[]> {
  return parseAbstractsPage(await readFile(SEED_CORPUS_URL, "utf8"));
}

/** Reads and parses a saved abstracts page from `path`. */
export async function loadAbstractsPage(path: string | URL): Promise<Paper[]> {
  const fn = "loadAbstractsPage";
  if (typeof path !== "string" && !(path instanceof URL))
    throw new InvalidArgumentError(`${fn}: path must be a file path or URL; got ${describeValue(path)}`, "path");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new InvalidArgumentError(`${fn}: cannot read ${String(path)}: ${systemReason(error)}`, "path");
  }
  return parseAbstractsPage(text);
}

export type { InputFormat, ReadDocumentsOptions, ReadDocumentsResult } from "./io/readDocuments.js";
export { readDocuments } from "./io/readDocuments.js";
export type { ReadRecordsOptions } from "./io/readJsonLines.js";
export { readJsonLines, readJsonRecords, readRecords } from "./io/readJsonLines.js";
export { readVectors } from "./io/readVectors.js";
export type { DocumentRecord, RecordFields } from "./io/records.js";
export type { ReadClusterAssignmentsOptions } from "./node/clusterAssignments.js";
export { readClusterAssignments } from "./node/clusterAssignments.js";
export type { SparkKMeansModel, SparkPipelineModel } from "./node/sparkModel.js";
export { readSparkKMeansModel, readSparkPipelineModel } from "./node/sparkModel.js";
export type { SparkVectorWriter, SparkVectorWriterOptions } from "./node/sparkVectorWriter.js";
export { createSparkVectorWriter } from "./node/sparkVectorWriter.js";
export type { WorkerPool, WorkerPoolOptions } from "./node/workerPool.js";
export { createWorkerPool } from "./node/workerPool.js";
