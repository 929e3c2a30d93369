import { readFile } from "node:fs/promises";
import { TopiclensError } from "../core/errors.js";
import { readDocuments } from "../io/readDocuments.js";
import { readRecords } from "../io/readJsonLines.js";
import type { DocumentRecord } from "../io/records.js";
import { systemReason } from "../io/systemReason.js";
import { readClusterAssignments } from "../node/clusterAssignments.js";
import { readSparkModel } from "../node/sparkModel.js";
import { createSparkVectorWriter } from "../node/sparkVectorWriter.js";
import { normalizeDocument } from "../pipeline/documents.js";
import { type ClusterSource, nameClusters } from "../pipeline/givenClusters.js";
import { createSparkHashingTF, type SparkHashingOptions, type SparkHashingTF } from "../spark/hashingTF.js";
import { addDocumentFrequencies, applySparkIdf, sparkIdfOf } from "../spark/idf.js";
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
  type CliFlag,
  helpText,
  INPUT_FLAGS,
  SPARK_HASHING_FLAGS,
  SPARK_TOPICS_FLAGS,
  SPARK_VECTORS_FLAGS,
} from "./flags.js";

/** Documents are hashed and written a block at a time. */
const BLOCK = 4096;

const COMMON_FLAGS: readonly CliFlag[] = [
  ...INPUT_FLAGS.filter((f) => f.predict),
  { flag: "quiet", help: "no notes" },
  { flag: "help", short: "h", help: "show this help" },
];

/** `topiclens spark-vectors input --out FILE`: Spark's HashingTF (and IDF) vectors of every document. */
export async function runSparkVectors(
  args: readonly string[],
  streams: Streams,
  say: (text: string) => void,
): Promise<number> {
  const { values, positionals } = parse(args, [...SPARK_VECTORS_FLAGS, ...SPARK_HASHING_FLAGS, ...COMMON_FLAGS]);
  if (values.help) {
    streams.stdout.write(helpText());
    return 0;
  }
  const input = oneInput(positionals);
  const out = values.out as string | undefined;
  if (out === undefined) throw new UsageError("spark-vectors needs --out FILE (.parquet or .libsvm)");
  const format = (values.format as string | undefined) ?? (/\.(libsvm|svm|txt)$/i.test(out) ? "libsvm" : "parquet");
  if (format !== "parquet" && format !== "libsvm")
    throw new UsageError(`--format of spark-vectors must be parquet or libsvm; got "${format}"`);
  const tf = createSparkHashingTF(await hashingOptionsOf(values));
  const minDocFreq = integerFlag(values, "min-doc-freq", 0, 0);
  if (values["min-doc-freq"] !== undefined && values.idf !== true)
    throw new UsageError("--min-doc-freq is IDF's; give --idf too");
  const reading = readingOptions(values);
  const source = () => documentsOf(input, reading);
  const idf = values.idf === true ? await idfOver(tf, source(), minDocFreq) : null;
  const writer = createSparkVectorWriter(out, {
    format,
    numFeatures: tf.numFeatures,
    ...(values["id-column"] !== undefined ? { idColumn: values["id-column"] as string } : {}),
    ...(values["vector-column"] !== undefined ? { vectorColumn: values["vector-column"] as string } : {}),
  });
  try {
    await forBlocks(source(), (texts, ids) => {
      const counts = tf.transform(texts);
      writer.write(ids, idf === null ? counts : applySparkIdf(counts, idf));
    });
    writer.close();
  } catch (error) {
    writer.abort();
    throw error;
  }
  if (values.quiet !== true)
    say(
      `wrote ${writer.rows} vectors of ${tf.numFeatures} features (${idf === null ? "term counts" : "TF-IDF"}) to ${out}`,
    );
  return 0;
}

/** `topiclens spark-topics input (--model DIR | --assignments FILE)`: names the clusters a Spark job made. */
export async function runSparkTopics(
  args: readonly string[],
  streams: Streams,
  say: (text: string) => void,
): Promise<number> {
  const { values, positionals } = parse(args, [...SPARK_TOPICS_FLAGS, ...SPARK_HASHING_FLAGS, ...COMMON_FLAGS]);
  if (values.help) {
    streams.stdout.write(helpText());
    return 0;
  }
  const input = oneInput(positionals);
  const modelDir = values.model as string | undefined;
  const assignments = values.assignments as string | undefined;
  if ((modelDir === undefined) === (assignments === undefined))
    throw new UsageError(
      "spark-topics needs one of --model DIR (a saved Spark model) or --assignments FILE (id, cluster)",
    );
  const out = values.out as string | undefined;
  const report = reportFormatOf(values.format, out);
  const reading = readingOptions(values);
  let clusters: ClusterSource;
  if (assignments !== undefined) {
    clusters = await readClusterAssignments(assignments, {
      ...(values["cluster-field"] !== undefined ? { clusterField: values["cluster-field"] as string } : {}),
    });
  } else {
    const read = await readSparkModel(modelDir as string);
    if (read.kind === "pipeline") clusters = (texts) => read.model.predict(texts);
    else {
      const tf = createSparkHashingTF(await hashingOptionsOf(values));
      clusters = (texts) => read.model.predict(tf.transform(texts));
    }
  }
  const named = await nameClusters(documentsOf(input, reading), clusters, {
    perCluster: integerFlag(values, "per-cluster", 1000, 1),
    seed: integerFlag(values, "seed", 42, 0),
  });
  await writeReport(report, report.render(named.result, {}), named.result, out, streams.stdout);
  if (values.quiet !== true) {
    const sizes = [...named.clusterSizes].sort((a, b) => a[0] - b[0]);
    say(`named ${sizes.length} clusters of ${named.documents} documents${out ? ` in ${out}` : ""}`);
    for (const t of named.result.topics)
      say(`cluster ${t.cluster}: ${named.clusterSizes.get(t.cluster as number)} documents, topic ${t.id}: ${t.label}`);
    for (const w of named.result.warnings) say(`warning: ${w.message}`);
  }
  return 0;
}

async function hashingOptionsOf(values: Record<string, unknown>): Promise<SparkHashingOptions> {
  const options: { -readonly [K in keyof SparkHashingOptions]: SparkHashingOptions[K] } = {};
  if (values["num-features"] !== undefined) options.numFeatures = integerFlag(values, "num-features", 0, 1);
  if (values.binary === true) options.binary = true;
  if (values["spark2-hash"] === true) options.hash = "murmur3-spark2";
  if (typeof values.pattern === "string") options.tokenizer = { pattern: values.pattern };
  if (values.ngram !== undefined) options.ngram = integerFlag(values, "ngram", 1, 1);
  const file = values["spark-stop-words"];
  if (typeof file === "string") {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new UsageError(`--spark-stop-words: cannot read ${file}: ${systemReason(error)}`);
    }
    options.stopWords = text
      .split(/\r?\n/)
      .map((w) => w.trim())
      .filter(Boolean);
  }
  return options;
}

function integerFlag(values: Record<string, unknown>, flag: string, fallback: number, min: number): number {
  const text = values[flag];
  if (text === undefined) return fallback;
  const n = Number(text);
  if (typeof text !== "string" || !/^\d+$/.test(text) || n < min || n > 2 ** 31 - 1)
    throw new UsageError(`--${flag} must be an integer from ${min}; got "${String(text)}"`);
  return n;
}

type Reading = ReturnType<typeof readingOptions>;

/**
 * The input's documents one at a time (streamed when the format allows, else read whole),
 * each with an id: its own, else its position from 0, the id spark-vectors writes.
 */
async function* documentsOf(input: string, reading: Reading): AsyncGenerator<DocumentRecord & { id: string }> {
  const format = streamableFormat(input, reading.inputFormat);
  const docs =
    format !== null
      ? readRecords(input, { format, ...reading.fields })
      : (await readDocuments(input, { format: reading.inputFormat, ...reading.fields, ...reading.directory }))
          .documents;
  let n = 0;
  for await (const doc of docs) {
    yield { ...doc, id: doc.id ?? String(n) };
    n++;
  }
}

/** Texts as Spark's pipeline sees them (title and text joined as the library joins them) and ids, a block at a time. */
async function forBlocks(
  docs: AsyncIterable<DocumentRecord & { id: string }>,
  each: (texts: string[], ids: string[]) => void,
): Promise<number> {
  let texts: string[] = [];
  let ids: string[] = [];
  let n = 0;
  for await (const doc of docs) {
    texts.push(normalizeDocument("spark-vectors", doc, n).text);
    ids.push(doc.id);
    n++;
    if (texts.length === BLOCK) {
      each(texts, ids);
      texts = [];
      ids = [];
    }
  }
  if (texts.length > 0) each(texts, ids);
  if (n === 0) throw new TopiclensError("EMPTY_INPUT", "the input holds no documents", "input");
  return n;
}

/** Spark's IDF over every document: one pass counting the documents of each feature. */
async function idfOver(
  tf: SparkHashingTF,
  docs: AsyncIterable<DocumentRecord & { id: string }>,
  minDocFreq: number,
): Promise<Float64Array> {
  const docFreq = new Float64Array(tf.numFeatures);
  const n = await forBlocks(docs, (texts) => {
    addDocumentFrequencies(tf.transform(texts), docFreq);
  });
  return sparkIdfOf(docFreq, n, minDocFreq);
}
