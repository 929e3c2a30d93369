import { stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { TopiclensError } from "../core/errors.js";
import { type InputFormat, readDocuments } from "../io/readDocuments.js";
import { readJsonRecords } from "../io/readJsonLines.js";
import { createWorkerPool } from "../node/workerPool.js";
import {
  CLUSTER_TOPICS_DEFAULTS,
  type ClusterTopicsOptions,
  clusterTopics,
  clusterTopicsStream,
} from "../pipeline/clusterTopics.js";
import { toText } from "../report/summarize.js";
import { progressBar } from "./progress.js";
import { clusterJsonlStream, streamedToText } from "./stream.js";
import { writeFileAtomically } from "./writeFile.js";

const HELP = `Usage: topiclens <file|dir> [options]

Finds the themes in a collection of texts and names them with keywords.

Input (by extension, or --input-format):
  a saved abstracts page     title line, blank line, abstract paragraph, ...
  .jsonl                     one JSON object per line (see --text-field)
  .csv, .tsv                 a header row, then one document per row
  .txt                       an abstracts page, else one document per line
  a directory                every .txt file is one document

Options:
  --k auto|N              number of topics (default: auto, chosen by a k sweep)
  --k-range MIN-MAX       range searched by --k auto (default: 2 to min(20, sqrt(n) + 2))
  --seed N                random seed (default: 0)
  --format FORMAT         text, md, json, csv or html (default: text)
  --out FILE              write the report to FILE instead of standard output
  --text-field F          field holding the text in .jsonl/.csv (default: text, else abstract)
  --title-field F         field holding the title (default: title when present)
  --id-field F            field holding the document id (default: id when present)
  --input-format F        auto, page, lines, jsonl, csv, tsv or dir (default: auto)
  --lang CODE             stop-word language, e.g. en, de, fr (default: en)
  --ngram MIN-MAX         n-gram sizes used for clustering (default: 1-1)
  --min-df N              ignore terms in fewer documents (count, or fraction < 1; default: 2)
  --max-df F              ignore terms in more documents (fraction <= 1, or count; default: 0.5)
  --metric M              cosine or euclidean (default: cosine)
  --reduce auto|N|none    LSA dimensions before clustering (default: auto, as the library:
                          100 from 500 documents on, none below)
  --n-init N              k-means restarts (default: 10)
  --sample-size N         above N documents, LSA components, restarts, stability, the k sweep
                          and coherence are computed on a seeded sample of N (default: 20000)
  --path P                auto, full-batch or mini-batch k-means (default: auto: mini-batch
                          from --mini-batch-from documents on)
  --mini-batch-from N     where --path auto switches to mini-batches (default: 200000)
  --stream-from SIZE      .jsonl/.jsonl.gz files of at least SIZE bytes (k, M, G allowed) are read
                          one line at a time and never held, with the same result (default: 64M)
  --top N                 keywords per topic (default: 10)
  --stream                for huge .jsonl/.jsonl.gz files: one streamed pass, mini-batch k-means
                          on all cores, topics and keywords only (needs --k N; text, md or json)
  --skip-bad-lines        leave out .jsonl lines that are not JSON records with the text field,
                          and say how many (default: stop at the first, naming its line)
  --quiet                 no progress bar
  -h, --help              show this help
  -v, --version           show the version

Examples:
  topiclens abstracts.txt
  topiclens papers.jsonl --k 12 --format html --out topics.html
  topiclens reviews.csv --text-field body --lang de --format csv
`;

interface Streams {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WriteStream;
}

class UsageError extends Error {}

function parseRange(flag: string, value: string): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(value);
  if (!m) throw new UsageError(`${flag} must look like MIN-MAX, e.g. 1-2; got "${value}"`);
  const lo = Number(m[1]);
  return [lo, m[2] === undefined ? lo : Number(m[2])];
}

const DEFAULT_STREAM_FROM = "64M";

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

function parseNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || value.trim() === "") throw new UsageError(`${flag} must be a number; got "${value}"`);
  return n;
}

/** Runs the CLI with `args`; resolves to the exit code (0 success, 1 failure, 2 usage). */
export async function run(args: readonly string[], streams: Streams): Promise<number> {
  const say = (text: string) => streams.stderr.write(`topiclens: ${text}\n`);
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        k: { type: "string" },
        "k-range": { type: "string" },
        seed: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        "text-field": { type: "string" },
        "title-field": { type: "string" },
        "id-field": { type: "string" },
        "input-format": { type: "string" },
        lang: { type: "string" },
        ngram: { type: "string" },
        "min-df": { type: "string" },
        "max-df": { type: "string" },
        metric: { type: "string" },
        reduce: { type: "string" },
        "n-init": { type: "string" },
        "sample-size": { type: "string" },
        path: { type: "string" },
        "mini-batch-from": { type: "string" },
        "stream-from": { type: "string" },
        top: { type: "string" },
        quiet: { type: "boolean" },
        "skip-bad-lines": { type: "boolean" },
        stream: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
    if (values.help) {
      streams.stdout.write(HELP);
      return 0;
    }
    if (values.version) {
      streams.stdout.write(`${__VERSION__}\n`);
      return 0;
    }
    if (positionals.length !== 1)
      throw new UsageError(`expected one input file or directory; got ${positionals.length} (see --help)`);
    const format = values.format ?? "text";
    if (!["text", "md", "json", "csv", "html"].includes(format))
      throw new UsageError(`--format must be text, md, json, csv or html; got "${format}"`);
    const inputFormat = (values["input-format"] ?? "auto") as InputFormat;
    if (!["auto", "page", "lines", "jsonl", "csv", "tsv", "dir"].includes(inputFormat)) {
      throw new UsageError(`--input-format must be auto, page, lines, jsonl, csv, tsv or dir; got "${inputFormat}"`);
    }
    const k = values.k === undefined || values.k === "auto" ? "auto" : parseNumber("--k", values.k);
    const reduce =
      values.reduce === undefined || values.reduce === "auto"
        ? CLUSTER_TOPICS_DEFAULTS.reduce
        : values.reduce === "none"
          ? "none"
          : parseNumber("--reduce", values.reduce);
    const path = values.path ?? CLUSTER_TOPICS_DEFAULTS.path;
    if (!["auto", "full-batch", "mini-batch"].includes(path))
      throw new UsageError(`--path must be auto, full-batch or mini-batch; got "${path}"`);
    const metric = values.metric ?? "cosine";
    if (metric !== "cosine" && metric !== "euclidean")
      throw new UsageError(`--metric must be cosine or euclidean; got "${metric}"`);

    if (values.stream) {
      if (typeof k !== "number") throw new UsageError("--stream needs a number of topics: --k N");
      if (!["text", "md", "json"].includes(format))
        throw new UsageError(`--stream writes text, md or json; got "${format}"`);
      const vectorizer: Record<string, unknown> = {};
      if (values.lang !== undefined) vectorizer.stopWords = values.lang;
      if (values["min-df"] !== undefined) vectorizer.minDf = parseNumber("--min-df", values["min-df"]);
      if (values["max-df"] !== undefined) vectorizer.maxDf = parseNumber("--max-df", values["max-df"]);
      const tty = !values.quiet && streams.stderr.isTTY;
      const pool = createWorkerPool();
      try {
        const result = await clusterJsonlStream(
          positionals[0] as string,
          {
            k,
            seed: parseNumber("--seed", values.seed) ?? 0,
            textField: values["text-field"] ?? "text",
            vectorizer,
            topN: parseNumber("--top", values.top) ?? 10,
            pool,
          },
          (message, done) => {
            if (tty) streams.stderr.write(`\r${message} ${done.toLocaleString("en")}\x1b[K`);
          },
        );
        if (tty) streams.stderr.write("\r\x1b[K");
        const report = streamedToText(result, format);
        if (values.out !== undefined) await writeFileAtomically(values.out, report);
        else streams.stdout.write(report);
      } finally {
        await pool.close();
      }
      return 0;
    }
    const input = positionals[0] as string;
    const vectorizer: Record<string, unknown> = {};
    if (values.lang !== undefined) vectorizer.stopWords = values.lang;
    if (values.ngram !== undefined) vectorizer.ngramRange = parseRange("--ngram", values.ngram);
    if (values["min-df"] !== undefined) vectorizer.minDf = parseNumber("--min-df", values["min-df"]);
    if (values["max-df"] !== undefined) vectorizer.maxDf = parseNumber("--max-df", values["max-df"]);
    const streamFrom = parseSize("--stream-from", values["stream-from"] ?? DEFAULT_STREAM_FROM);
    const bar = !values.quiet && streams.stderr.isTTY ? progressBar(streams.stderr) : null;
    const options: ClusterTopicsOptions = {
      k: k as number | "auto",
      seed: parseNumber("--seed", values.seed) ?? 0,
      metric,
      reduce: reduce as number | "none" | "auto",
      path: path as ClusterTopicsOptions["path"],
      vectorizer,
      ...(values["n-init"] !== undefined ? { nInit: parseNumber("--n-init", values["n-init"]) as number } : {}),
      ...(values["sample-size"] !== undefined
        ? { sampleSize: parseNumber("--sample-size", values["sample-size"]) as number }
        : {}),
      ...(values["mini-batch-from"] !== undefined
        ? { miniBatchFrom: parseNumber("--mini-batch-from", values["mini-batch-from"]) as number }
        : {}),
      ...(values["k-range"] !== undefined ? { kRange: parseRange("--k-range", values["k-range"]) } : {}),
      ...(values.top !== undefined ? { keywords: { topN: parseNumber("--top", values.top) as number } } : {}),
      ...(bar ? { onProgress: bar.update } : {}),
    };
    let skipped = 0;
    let firstSkipped = 0;
    const fields = {
      textField: values["text-field"],
      titleField: values["title-field"],
      idField: values["id-field"],
      badLines: values["skip-bad-lines"] ? ("skip" as const) : ("error" as const),
      onSkipped: (line: number) => {
        if (skipped++ === 0) firstSkipped = line;
      },
    };
    // A JSON-lines file above --stream-from is read one line at a time and never held: the
    // result is the same as reading it whole.
    const jsonl = inputFormat === "jsonl" || (inputFormat === "auto" && /\.(jsonl|ndjson)(\.gz)?$/i.test(input));
    const streamed = jsonl && (await fileSize(input)) >= streamFrom;
    const pool = createWorkerPool();
    let result: ReturnType<typeof clusterTopics>;
    let count: number;
    try {
      if (streamed) {
        if (!values.quiet && !bar) say(`streaming ${input} (larger than --stream-from)`);
        result = await clusterTopicsStream(readJsonRecords(input, fields), { ...options, parallel: pool });
        count = result.parameters.documents;
      } else {
        const { documents } = await readDocuments(input, { format: inputFormat, ...fields });
        count = documents.length;
        result = clusterTopics(documents, { ...options, parallel: pool });
      }
    } finally {
      await pool.close();
    }
    bar?.done();
    if (skipped > 0 && !values.quiet)
      say(`skipped ${skipped} bad line(s) of ${input} (the first: line ${firstSkipped})`);
    const report =
      format === "md"
        ? result.toMarkdown()
        : format === "json"
          ? `${JSON.stringify(result, null, 2)}\n`
          : format === "csv"
            ? result.toCSV()
            : format === "html"
              ? result.toHTML()
              : `${toText(result, { titles: 5 })}\n`;
    if (values.out !== undefined) {
      await writeFileAtomically(values.out, report);
      if (!values.quiet) say(`wrote ${result.topics.length} topics for ${count} documents to ${values.out}`);
    } else {
      streams.stdout.write(report);
    }
    for (const w of result.warnings) if (!values.quiet) say(`warning: ${w}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      say(`${(error as Error).message.split("\n")[0]}`);
      return 2;
    }
    if (error instanceof TopiclensError) {
      say(error.message);
      return 1;
    }
    const e = error as NodeJS.ErrnoException;
    say(e.code ? `${e.code}: ${e.message}` : `unexpected error: ${e.message ?? String(error)}`);
    return 1;
  }
}

declare const __VERSION__: string;
