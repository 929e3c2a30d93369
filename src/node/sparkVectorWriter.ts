import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileWriter, ParquetWriter } from "hyparquet-writer";
import { assertCsr, type CsrMatrix } from "../core/csr.js";
import { InvalidArgumentError } from "../core/errors.js";
import { checkInteger, checkOneOf, checkOptions, checkString } from "../core/validate.js";
import { systemReason } from "../io/systemReason.js";
import { sparkRowMetadata, sparkVectorSchema, sparseVectorOfRow } from "../spark/vectorColumn.js";

/** Where rows of vectors go, a block at a time; nothing is at `path` until `close`. */
export interface SparkVectorWriter {
  readonly path: string;
  /** Rows written so far. */
  readonly rows: number;
  /** Appends a block of rows: their ids (one per row) and their vectors. */
  write(ids: readonly (string | undefined)[], vectors: CsrMatrix): void;
  /** Finishes the file and moves it into place. */
  close(): void;
  /** Removes the unfinished file. */
  abort(): void;
}

export interface SparkVectorWriterOptions {
  /** `"parquet"`: an id column and a Spark ML Vector column; `"libsvm"`: Spark's libsvm text. @defaultValue "parquet" */
  readonly format?: "parquet" | "libsvm";
  /** Number of features (the vectors' size). */
  readonly numFeatures: number;
  /** Parquet: name of the id column. @defaultValue "id" */
  readonly idColumn?: string;
  /** Parquet: name of the vector column. @defaultValue "features" */
  readonly vectorColumn?: string;
  /** Parquet: rows per row group. @defaultValue 20_000 */
  readonly rowGroupSize?: number;
}

/**
 * A streamed writer of sparse vectors that Spark reads as they are:
 * - Parquet with the id column and the vector column in VectorUDT's layout, and Spark's
 *   schema metadata, so `spark.read.parquet(path)` yields an ML Vector column;
 * - libsvm text (`label index:value ...`, indices from 1, ascending), which
 *   `spark.read.format("libsvm").option("numFeatures", n)` reads; the label is 0 and rows
 *   keep the order written (libsvm has no id column).
 * Rows are written block by block, so memory holds one block; the file is written under a
 * temporary name and renamed when closed, so a failed run leaves no half file.
 * @throws InvalidArgumentError for invalid options or rows.
 */
export function createSparkVectorWriter(path: string, options: SparkVectorWriterOptions): SparkVectorWriter {
  const fn = "createSparkVectorWriter";
  checkString(fn, "path", path);
  const o = checkOptions(fn, options, ["format", "numFeatures", "idColumn", "vectorColumn", "rowGroupSize"]);
  const format = checkOneOf(fn, "options.format", o.format ?? "parquet", ["parquet", "libsvm"]);
  const numFeatures = checkInteger(fn, "options.numFeatures", o.numFeatures, 1, 2 ** 31 - 1);
  const idColumn = checkString(fn, "options.idColumn", o.idColumn ?? "id");
  const vectorColumn = checkString(fn, "options.vectorColumn", o.vectorColumn ?? "features");
  if (idColumn === vectorColumn)
    throw new InvalidArgumentError(`${fn}: options.idColumn and options.vectorColumn must differ`, "options.idColumn");
  const rowGroupSize = checkInteger(fn, "options.rowGroupSize", o.rowGroupSize ?? 20_000, 1);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let sink: Sink;
  try {
    sink = format === "parquet" ? parquetSink(temporary, idColumn, vectorColumn, rowGroupSize) : libsvmSink(temporary);
  } catch (error) {
    const folder = dirname(path);
    const why =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? `the folder ${folder} does not exist` : systemReason(error);
    throw new InvalidArgumentError(`${fn}: cannot write ${path}: ${why}`, "path");
  }
  let rows = 0;
  let open = true;
  const check = (ids: readonly (string | undefined)[], vectors: CsrMatrix) => {
    if (!open) throw new InvalidArgumentError(`SparkVectorWriter.write: ${path} is already closed`, "path");
    assertCsr(vectors, "SparkVectorWriter.write", "vectors");
    if (vectors.cols !== numFeatures)
      throw new InvalidArgumentError(
        `SparkVectorWriter.write: vectors must have ${numFeatures} columns (numFeatures); got ${vectors.cols}`,
        "vectors",
      );
    if (!Array.isArray(ids) || ids.length !== vectors.rows)
      throw new InvalidArgumentError(
        `SparkVectorWriter.write: ids must have one entry per row (${vectors.rows}); got ${Array.isArray(ids) ? ids.length : typeof ids}`,
        "ids",
      );
  };
  return {
    path,
    get rows() {
      return rows;
    },
    write(ids, vectors) {
      check(ids, vectors);
      sink.write(ids, vectors);
      rows += vectors.rows;
    },
    close() {
      if (!open) return;
      open = false;
      try {
        sink.close();
        renameSync(temporary, path);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
      }
    },
    abort() {
      open = false;
      sink.abort();
      rmSync(temporary, { force: true });
    },
  };
}

interface Sink {
  write(ids: readonly (string | undefined)[], vectors: CsrMatrix): void;
  close(): void;
  abort(): void;
}

function parquetSink(file: string, idColumn: string, vectorColumn: string, rowGroupSize: number): Sink {
  const writer = new ParquetWriter({
    writer: fileWriter(file),
    schema: sparkVectorSchema(idColumn, vectorColumn),
    kvMetadata: [sparkRowMetadata(idColumn, vectorColumn)],
    createdBy: "topiclens",
  });
  // Rows wait here until a row group is full, so small blocks still make large groups.
  let ids: (string | null)[] = [];
  let vectors: ReturnType<typeof sparseVectorOfRow>[] = [];
  const flush = () => {
    if (ids.length === 0) return;
    writer.write({
      columnData: [
        { name: idColumn, data: ids },
        { name: vectorColumn, data: vectors },
      ],
      rowGroupSize,
    });
    ids = [];
    vectors = [];
  };
  return {
    write(blockIds, m) {
      for (let i = 0; i < m.rows; i++) {
        ids.push(blockIds[i] ?? null);
        vectors.push(sparseVectorOfRow(m, i));
        if (ids.length === rowGroupSize) flush();
      }
    },
    close() {
      flush();
      writer.finish();
    },
    abort() {},
  };
}

function libsvmSink(file: string): Sink {
  const fd = openSync(file, "w");
  let closed = false;
  return {
    write(_ids, m) {
      const lines: string[] = [];
      for (let i = 0; i < m.rows; i++) {
        let line = "0";
        for (let p = m.indptr[i] as number; p < (m.indptr[i + 1] as number); p++)
          line += ` ${(m.indices[p] as number) + 1}:${m.data[p] as number}`;
        lines.push(line);
      }
      if (lines.length > 0) writeSync(fd, `${lines.join("\n")}\n`);
    },
    close() {
      closed = true;
      closeSync(fd);
    },
    abort() {
      if (!closed) closeSync(fd);
      closed = true;
    },
  };
}
