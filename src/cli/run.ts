import { readFile, stat } from "node:fs/promises";
import { gunzipSync, gzipSync } from "node:zlib";
import { hierarchicalTopics } from "../analysis/hierarchy.js";
import { reduceTopics } from "../analysis/mergeTopics.js";
import { topicDistribution } from "../analysis/topicDistribution.js";
import { topicsOverTime } from "../analysis/topicsOverTime.js";
import { TopiclensError } from "../core/errors.js";
import { createWordVectorEmbedder, type Embedder, type WordVectorTable } from "../embed/wordVectors.js";
import { adjustedRandIndex, normalizedMutualInfo, vMeasure } from "../evaluate/external.js";
import { decodeText, isGzip } from "../io/decodeText.js";
import { readDocuments } from "../io/readDocuments.js";
import { readRecords } from "../io/readJsonLines.js";
import { readVectors } from "../io/readVectors.js";
import type { DocumentRecord } from "../io/records.js";
import { systemReason } from "../io/systemReason.js";
import { createWorkerPool } from "../node/workerPool.js";
import { type ClusterTopicsOptions, clusterTopics, clusterTopicsStream } from "../pipeline/clusterTopics.js";
import { topicModelFromJSON } from "../pipeline/topicModel.js";
import type { TopicsResult } from "../pipeline/types.js";
import { csvField } from "../report/csv.js";
import type { ReportViews } from "../report/formats.js";
import {
  oneInput,
  parse,
  readingOptions,
  reportFormatOf,
  type Streams,
  streamableFormat,
  UsageError,
  writeReport,
} from "./common.js";
import {
  FlagValueError,
  helpText,
  INPUT_FLAGS,
  mainFlags,
  OUTPUT_FLAGS,
  PREDICT_FLAGS,
  topicsOptionsOf,
} from "./flags.js";
import { flagOfArgument, inFlagWords } from "./messages.js";
import { progressBar } from "./progress.js";
import { runSparkTopics, runSparkVectors } from "./spark.js";
import { writeFileAtomically } from "./writeFile.js";

/** Runs the CLI with `args`; resolves to the exit code (0 success, 1 run-time failure, 2 usage). */
export async function run(args: readonly string[], streams: Streams): Promise<number> {
  const say = (text: string) => streams.stderr.write(`topiclens: ${text}\n`);
  try {
    if (args[0] === "predict") return await runPredict(args.slice(1), streams, say);
    if (args[0] === "spark-vectors") return await runSparkVectors(args.slice(1), streams, say);
    if (args[0] === "spark-topics") return await runSparkTopics(args.slice(1), streams, say);
    return await runTopics(args, streams, say);
  } catch (error) {
    return reportError(error, say);
  }
}

function reportError(error: unknown, say: (text: string) => void): number {
  if (error instanceof UsageError || error instanceof FlagValueError) {
    say(error.message);
    return 2;
  }
  if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    say(`${(error as Error).message.split("\n")[0]} (see --help)`);
    return 2;
  }
  if (error instanceof TopiclensError) {
    say(inFlagWords(error));
    // An option's value the library refuses is a usage error; what is wrong with a file is not.
    const option = flagOfArgument(error.argument);
    return option !== undefined && !/Field$/.test(error.argument ?? "") ? 2 : 1;
  }
  const e = error as NodeJS.ErrnoException;
  say(e.code ? `${e.code}: ${e.message}` : `unexpected error: ${e.message ?? String(error)}`);
  return 1;
}

function parseSize(flag: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmMgG]?)$/.exec(value.trim());
  if (!m) throw new UsageError(`${flag} must be a size in bytes, e.g. 500M or 2G; got "${value}"`);
  const unit = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] as string).toLowerCase()] as number;
  return Number(m[1]) * unit;
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return -1; // not streamed: the reader then says what is wrong with the path
  }
}

/** The stop-word flags as the library's `stopWords`: `--stop-words FILE|none` over `--lang`. */
async function stopWordsOf(
  values: Record<string, unknown>,
  options: ClusterTopicsOptions,
): Promise<ClusterTopicsOptions> {
  const file = values["stop-words"];
  if (typeof file !== "string") return options;
  if (values.lang !== undefined)
    throw new UsageError("--stop-words and --lang both choose the stop words; give one of them");
  let stopWords: false | string[] = false;
  if (file !== "none") {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new UsageError(`--stop-words: cannot read ${file}: ${systemReason(error)}`);
    }
    stopWords = decodeText("--stop-words", file, bytes)
      .split(/\r?\n/)
      .map((w) => w.trim())
      .filter((w) => w !== "" && !w.startsWith("#"));
  }
  return { ...options, vectorizer: { ...options.vectorizer, stopWords } };
}

async function runTopics(args: readonly string[], streams: Streams, say: (text: string) => void): Promise<number> {
  const { values, positionals } = parse(args, mainFlags());
  if (values.help) {
    streams.stdout.write(helpText());
    return 0;
  }
  if (values.version) {
    streams.stdout.write(`${__VERSION__}\n`);
    return 0;
  }
  const input = oneInput(positionals);
  const out = values.out as string | undefined;
  const report = reportFormatOf(values.format, out);
  const reading = readingOptions(values);
  const streamFrom = parseSize("--stream-from", (values["stream-from"] as string | undefined) ?? "64M");
  const quiet = values.quiet === true;
  const bar = !quiet && streams.stderr.isTTY ? progressBar(streams.stderr) : null;
  let options: ClusterTopicsOptions = {
    ...(await stopWordsOf(values, topicsOptionsOf(values))),
    ...(await seedTopicsOf(values["seed-topics"])),
    ...(await zeroShotOf(values["zero-shot"])),
    ...(values.outliers === true ? { outliers: "auto" as const } : {}),
    ...(bar ? { onProgress: bar.update } : {}),
  };

  // JSON-lines, CSV, TSV, Parquet and Arrow files and SQLite queries above --stream-from (or any, with --stream) are read one
  // record at a time and never held: the result is the same as reading them whole.
  const format = streamableFormat(input, reading.inputFormat);
  const streamable = format !== null;
  if (values.stream && !streamable)
    throw new UsageError(
      `--stream reads JSON-lines, CSV, TSV, Parquet, Arrow and SQLite files one record at a time; ${input} is not one (name it .jsonl, .csv, .tsv, .parquet, .arrow or .sqlite, or give --input-format)`,
    );
  if (values.stream && (values.recursive || values.ext !== undefined))
    throw new UsageError("--recursive and --ext are for directories, which --stream does not read");
  const streamed = streamable && (values.stream === true || (await fileSize(input)) >= streamFrom);
  const embeddingsFile = values.embeddings as string | undefined;
  const wordVectorsFile = values["word-vectors"] as string | undefined;
  if (wordVectorsFile !== undefined && embeddingsFile !== undefined)
    throw new UsageError("--word-vectors and --embeddings both give the vectors to cluster; give one of them");
  if (wordVectorsFile !== undefined && streamed)
    throw new UsageError(
      `--word-vectors weighs each word by its share of all the texts, which a streamed file does not keep; read ${input} whole (raise --stream-from), or give --embeddings`,
    );
  if (wordVectorsFile !== undefined) options = { ...options, embed: await wordVectorEmbedderOf(wordVectorsFile) };
  if (embeddingsFile !== undefined && streamed && !/\.npy$/i.test(embeddingsFile))
    throw new UsageError(
      `--embeddings ${embeddingsFile}: a raw .f32 file's width comes from the number of documents, which a streamed file gives only at its end; save the vectors as .npy (its header holds the shape)`,
    );
  const labels: (string | undefined)[] = [];
  const times: (string | number | undefined)[] = [];
  const keepLabel = (doc: DocumentRecord) => {
    labels.push(doc.label);
    times.push(doc.time);
    return doc;
  };
  if (values.bins !== undefined && values["time-field"] === undefined)
    throw new UsageError("--bins groups the times of --time-field; give --time-field too");
  if (values["min-similarity"] !== undefined && values.distribution !== true)
    throw new UsageError("--min-similarity sets how --distribution counts a passage; give --distribution too");
  const minSimilarity = minSimilarityOf(values["min-similarity"]);
  const wantsDocuments =
    values["time-field"] !== undefined ||
    values.hierarchy === true ||
    values.distribution === true ||
    values["reduce-to"] !== undefined;
  if (streamed && wantsDocuments)
    throw new UsageError(
      `--time-field, --hierarchy, --distribution and --reduce-to count the documents' words again, which a streamed file does not keep; read ${input} whole (raise --stream-from)`,
    );
  let documents: DocumentRecord[] = [];
  const pool = createWorkerPool();
  let result: TopicsResult;
  try {
    if (streamed) {
      if (!quiet && !bar) say(`streaming ${input}`);
      const records = readRecords(input, { format, ...reading.fields });
      const embeddings = embeddingsFile === undefined ? {} : { embeddings: await vectorsOf(embeddingsFile) };
      result = await clusterTopicsStream(mapAsync(records, keepLabel), { ...options, ...embeddings, parallel: pool });
    } else {
      ({ documents } = await readDocuments(input, {
        format: reading.inputFormat,
        ...reading.fields,
        ...reading.directory,
      }));
      documents.forEach(keepLabel);
      const embeddings =
        embeddingsFile === undefined ? {} : { embeddings: await vectorsOf(embeddingsFile, documents.length) };
      result = clusterTopics(documents, { ...options, ...embeddings, parallel: pool });
    }
  } finally {
    await pool.close();
  }
  bar?.done();
  const n = result.parameters.documents;
  if (reading.skipped.count > 0 && !quiet)
    say(
      `read ${n} documents; skipped ${reading.skipped.count} bad record(s) of ${input} (the first, line ${reading.skipped.first}, ${reading.skipped.why})`,
    );
  const reduceTo = values["reduce-to"] as string | undefined;
  if (reduceTo !== undefined) {
    const n = Number(reduceTo);
    if (reduceTo !== "auto" && (!/^\d+$/.test(reduceTo) || n < 1 || n > result.topics.length))
      throw new UsageError(
        `--reduce-to must be auto or an integer from 1 to ${result.topics.length} (the number of topics); got ${reduceTo}`,
      );
    result = reduceTopics(result, documents, reduceTo === "auto" ? "auto" : n);
  }
  const views: ReportViews = {
    ...(values["time-field"] !== undefined
      ? { overTime: topicsOverTime(result, documents, times, binsOf(values.bins)) }
      : {}),
    ...(values.hierarchy === true ? { hierarchy: hierarchicalTopics(result, documents) } : {}),
    ...(values.distribution === true ? { distribution: topicDistribution(result, documents, minSimilarity) } : {}),
  };
  // A file read whole gives the HTML explorer each document's excerpt; a streamed one kept none.
  const kept = documents.length === result.assignments.length ? documents : undefined;
  await writeReport(report, report.render(result, views, kept), result, out, streams.stdout);
  if (out !== undefined && !quiet) say(`wrote ${result.topics.length} topics for ${n} documents to ${out}`);
  const saveModel = values["save-model"] as string | undefined;
  if (saveModel !== undefined) {
    const json = JSON.stringify(result.model);
    await writeFileAtomically(saveModel, /\.gz$/i.test(saveModel) ? gzipSync(json) : json);
    if (!quiet) say(`saved the model to ${saveModel}`);
  }
  if (reading.fields.labelField !== undefined)
    say(labelAgreement(reading.fields.labelField, labels, result.assignments));
  if (!quiet) for (const w of result.warnings) say(`warning: ${w.message}`);
  return 0;
}

/** The lines of a themes file, trimmed, without blank lines and # comments. */
async function themeLines(flag: string, file: string): Promise<string[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${file}: ${systemReason(error)}`);
  }
  return decodeText(flag, file, bytes)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/** --word-vectors FILE: the library's SIF embedder over a JSON table of word vectors. */
async function wordVectorEmbedderOf(file: string): Promise<Embedder> {
  let table: unknown;
  try {
    table = JSON.parse(decodeText("--word-vectors", file, await readFile(file)));
  } catch (error) {
    if (error instanceof TopiclensError) throw error;
    throw new UsageError(
      `--word-vectors: cannot read ${file} as a JSON table of word vectors: ${error instanceof SyntaxError ? error.message : systemReason(error)}`,
    );
  }
  try {
    return createWordVectorEmbedder(table as WordVectorTable);
  } catch (error) {
    throw new UsageError(
      `--word-vectors: ${file}: ${(error as Error).message.replace(/^createWordVectorEmbedder: /, "")}`,
    );
  }
}

/** --zero-shot FILE as the library's zeroShotTopics: a topic name or description per line. */
async function zeroShotOf(file: unknown): Promise<{ zeroShotTopics?: string[] }> {
  if (typeof file !== "string") return {};
  const zeroShotTopics = await themeLines("--zero-shot", file);
  if (zeroShotTopics.length === 0)
    throw new UsageError(`--zero-shot: ${file} lists no topics (one name or description per line)`);
  return { zeroShotTopics };
}

/** --seed-topics FILE as the library's seedTopics: a line per theme, words separated by commas. */
async function seedTopicsOf(file: unknown): Promise<{ seedTopics?: string[][] }> {
  if (typeof file !== "string") return {};
  const seedTopics = (await themeLines("--seed-topics", file)).map((line) =>
    line
      .split(",")
      .map((w) => w.trim())
      .filter(Boolean),
  );
  if (seedTopics.length === 0)
    throw new UsageError(`--seed-topics: ${file} lists no themes (one per line, words separated by commas)`);
  return { seedTopics };
}

/** --min-similarity as topicDistribution's option. */
function minSimilarityOf(value: unknown): { minSimilarity?: number } {
  if (value === undefined) return {};
  const x = typeof value === "string" && /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
  if (!(x >= 0 && x <= 1))
    throw new UsageError(`--min-similarity must be a number from 0 to 1; got "${String(value)}"`);
  return { minSimilarity: x };
}

/** --bins as the over-time view's binning. */
function binsOf(value: unknown): { bins?: number; binBy?: "year" | "month" } {
  if (value === undefined) return {};
  if (value === "year" || value === "month") return { binBy: value };
  if (typeof value === "string" && /^\d+$/.test(value) && Number(value) >= 1) return { bins: Number(value) };
  throw new UsageError(`--bins must be a number of bins, year or month; got "${String(value)}"`);
}

/** The --embeddings file's vectors; its faults are the flag's. */
async function vectorsOf(path: string, rows?: number) {
  try {
    return await readVectors(path, rows);
  } catch (error) {
    if (!(error instanceof TopiclensError)) throw error;
    throw new TopiclensError(error.code, `--embeddings: ${inFlagWords(error)}`, "embeddings");
  }
}

async function* mapAsync<T, U>(source: AsyncIterable<T>, f: (x: T) => U): AsyncGenerator<U> {
  for await (const x of source) yield f(x);
}

/** V-measure, ARI and NMI of the topics against the labelled documents. */
function labelAgreement(field: string, labels: readonly (string | undefined)[], topics: Int32Array): string {
  const gold: string[] = [];
  const found: number[] = [];
  labels.forEach((label, i) => {
    if (label === undefined) return;
    gold.push(label);
    found.push(topics[i] as number);
  });
  if (gold.length === 0) throw new UsageError(`--label-field ${field}: no document has a value in that field`);
  const f = (x: number) => x.toFixed(3);
  const classes = new Set(gold).size;
  const missing = labels.length - gold.length;
  return `agreement with --label-field ${field} (${gold.length} documents, ${classes} classes${missing ? `; ${missing} without a label left out` : ""}): V-measure ${f(vMeasure(gold, found))}, ARI ${f(adjustedRandIndex(gold, found))}, NMI ${f(normalizedMutualInfo(gold, found))}`;
}

/** `topiclens predict --model FILE input`: the topic of every document, by a saved model. */
async function runPredict(args: readonly string[], streams: Streams, say: (text: string) => void): Promise<number> {
  const flags = [...PREDICT_FLAGS, ...INPUT_FLAGS.filter((f) => f.predict), ...OUTPUT_FLAGS.filter((f) => f.predict)];
  const { values, positionals } = parse(args, flags);
  if (values.help) {
    streams.stdout.write(helpText());
    return 0;
  }
  const modelPath = values.model as string | undefined;
  if (modelPath === undefined) throw new UsageError("predict needs a saved model: --model FILE (from --save-model)");
  const input = oneInput(positionals);
  const out = values.out as string | undefined;
  const format =
    (values.format as string | undefined) ??
    (out ? /\.(jsonl?|csv)$/i.exec(out)?.[1]?.toLowerCase() : undefined) ??
    "csv";
  if (!["csv", "json", "jsonl"].includes(format))
    throw new UsageError(`--format of predict must be csv, json or jsonl; got "${format}"`);
  const json = await readModel(modelPath);
  let model: ReturnType<typeof topicModelFromJSON>;
  try {
    model = topicModelFromJSON(json);
  } catch (error) {
    if (!(error instanceof TopiclensError)) throw error;
    throw new TopiclensError(error.code, `--model ${modelPath}: ${inFlagWords(error)}`, "model");
  }
  const reading = readingOptions(values);
  const { documents } = await readDocuments(input, {
    format: reading.inputFormat,
    ...reading.fields,
    ...reading.directory,
  });
  const topics = model.predict(documents);
  const labelOf = new Map(model.topics.map((t) => [t.id, t.label]));
  const rows = documents.map((d, i) => ({
    document: i,
    id: d.id ?? null,
    topic: topics[i] as number,
    label: labelOf.get(topics[i] as number) ?? "",
  }));
  const text =
    format === "json"
      ? `${JSON.stringify(rows, null, 2)}\n`
      : format === "jsonl"
        ? rows.map((r) => `${JSON.stringify(r)}\n`).join("")
        : `document,id,topic,label\n${rows.map((r) => [r.document, csvField(r.id ?? ""), r.topic, csvField(r.label)].join(",")).join("\n")}\n`;
  if (out !== undefined) {
    await writeFileAtomically(out, text);
    if (values.quiet !== true) say(`wrote the topics of ${rows.length} documents to ${out}`);
  } else streams.stdout.write(text);
  return 0;
}

/** A saved model's JSON (gzipped or not); a truncated or edited file is one clear error. */
async function readModel(path: string): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
    if (isGzip(bytes)) bytes = gunzipSync(bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code?.startsWith("Z_")
        ? `--model ${path} is not a valid gzip file; it may be truncated`
        : `--model: cannot read ${path}: ${systemReason(error)}`,
    );
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new TopiclensError(
      "INCOMPATIBLE_MODEL",
      `--model ${path} is not valid JSON (${(error as Error).message}); it may be truncated or edited: save it again with --save-model`,
      "model",
    );
  }
}

declare const __VERSION__: string;
