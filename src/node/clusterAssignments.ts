import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseCsvStream } from "csv-parse";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { InvalidArgumentError } from "../core/errors.js";
import { isParquetFile, topLevelColumns } from "../io/readParquet.js";

export interface ReadClusterAssignmentsOptions {
  /** Column of the document id. @defaultValue "id" */
  readonly idField?: string;
  /** Column of the cluster; by default the first of "prediction" (Spark's), "cluster", "topic" that exists. */
  readonly clusterField?: string;
}

const CLUSTER_FIELDS = ["prediction", "cluster", "topic"];

/**
 * Reads a table of (document id, cluster) as a Spark job writes it: a Parquet file, a
 * folder of Parquet part files (`df.write.parquet(path)`), or CSV with a header (a file
 * or a folder of part files). Parquet is read a row group at a time.
 * @throws InvalidArgumentError naming the fields present when a field is missing, or a row
 *   whose cluster is not an integer.
 */
export async function readClusterAssignments(
  path: string,
  options: ReadClusterAssignmentsOptions = {},
): Promise<Map<string, number>> {
  const fn = "readClusterAssignments";
  const files = await partFiles(fn, path);
  const out = new Map<string, number>();
  for (const file of files) {
    // Parquet files start with "PAR1"; anything else is read as CSV.
    if (!(await isParquetFile(file))) await readCsv(fn, file, options, out);
    else await readParquet(fn, file, options, out);
  }
  return out;
}

async function partFiles(fn: string, path: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new InvalidArgumentError(`${fn}: ${path} does not exist`, "path");
  }
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((f) => !f.startsWith(".") && !f.startsWith("_")).sort();
  const parts = names.filter((f) => f.endsWith(".parquet") || f.endsWith(".csv"));
  if (parts.length === 0) throw new InvalidArgumentError(`${fn}: ${path} holds no .parquet or .csv part file`, "path");
  return parts.map((f) => join(path, f));
}

function fieldsOf(fn: string, file: string, present: readonly string[], options: ReadClusterAssignmentsOptions) {
  const idField = options.idField ?? "id";
  const clusterField = options.clusterField ?? CLUSTER_FIELDS.find((f) => present.includes(f));
  for (const [name, field] of [
    ["idField", idField],
    ["clusterField", clusterField],
  ] as const)
    if (field === undefined || !present.includes(field))
      throw new InvalidArgumentError(
        `${fn}: ${file} has no ${field === undefined ? `cluster column (${CLUSTER_FIELDS.join(", ")})` : `column "${field}"`}; its columns are ${present.join(", ")}`,
        `options.${name}`,
      );
  return { idField, clusterField: clusterField as string };
}

function add(fn: string, where: string, id: unknown, cluster: unknown, out: Map<string, number>): void {
  if (id === null || id === undefined || id === "") return;
  const c = typeof cluster === "bigint" ? Number(cluster) : typeof cluster === "string" ? Number(cluster) : cluster;
  if (typeof c !== "number" || !Number.isInteger(c) || c < -1)
    throw new InvalidArgumentError(
      `${fn}: ${where}: the cluster of "${String(id)}" must be an integer; got ${String(cluster)}`,
      "path",
    );
  out.set(String(id), c);
}

async function readParquet(fn: string, file: string, options: ReadClusterAssignmentsOptions, out: Map<string, number>) {
  const buffer = await asyncBufferFromFile(file);
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (e) {
    throw new InvalidArgumentError(`${fn}: ${file} is neither Parquet nor CSV (${(e as Error).message})`, "path");
  }
  const present = topLevelColumns(metadata.schema);
  const { idField, clusterField } = fieldsOf(fn, file, present, options);
  let start = 0;
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows);
    const rows = (await parquetReadObjects({
      file: buffer,
      metadata,
      columns: [idField, clusterField],
      rowStart: start,
      rowEnd: end,
    })) as Record<string, unknown>[];
    for (const r of rows) add(fn, file, r[idField], r[clusterField], out);
    start = end;
  }
}

async function readCsv(fn: string, file: string, options: ReadClusterAssignmentsOptions, out: Map<string, number>) {
  const parser = createReadStream(file).pipe(parseCsvStream({ columns: true, skip_empty_lines: true, bom: true }));
  let fields: { idField: string; clusterField: string } | null = null;
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    fields ??= fieldsOf(fn, file, Object.keys(record), options);
    add(fn, file, record[fields.idField], record[fields.clusterField], out);
  }
}
