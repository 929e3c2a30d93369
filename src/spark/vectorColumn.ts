import type { CsrMatrix } from "../core/csr.js";

/**
 * Spark ML's `Vector` as Parquet stores it (VectorUDT's sqlType): `type` 0 for sparse and 1
 * for dense, `size` (null when dense), `indices` and `values`.
 */
export interface SparkVectorValue {
  readonly type: number;
  readonly size: number | null;
  readonly indices: readonly number[] | null;
  readonly values: readonly number[];
}

/** VectorUDT's struct in Spark's JSON schema form. */
const VECTOR_SQL_TYPE = {
  type: "struct",
  fields: [
    { name: "type", type: "byte", nullable: false, metadata: {} },
    { name: "size", type: "integer", nullable: true, metadata: {} },
    {
      name: "indices",
      type: { type: "array", elementType: "integer", containsNull: false },
      nullable: true,
      metadata: {},
    },
    {
      name: "values",
      type: { type: "array", elementType: "double", containsNull: false },
      nullable: true,
      metadata: {},
    },
  ],
};

/**
 * The Parquet schema of a file with a string id column and a vector column, laid out as
 * Spark writes it (3-level lists, `type` as INT32 annotated INT_8).
 */
export function sparkVectorSchema(idColumn: string, vectorColumn: string) {
  return [
    { name: "spark_schema", num_children: 2 },
    {
      name: idColumn,
      type: "BYTE_ARRAY" as const,
      converted_type: "UTF8" as const,
      repetition_type: "OPTIONAL" as const,
    },
    { name: vectorColumn, repetition_type: "OPTIONAL" as const, num_children: 4 },
    { name: "type", type: "INT32" as const, converted_type: "INT_8" as const, repetition_type: "REQUIRED" as const },
    { name: "size", type: "INT32" as const, repetition_type: "OPTIONAL" as const },
    { name: "indices", repetition_type: "OPTIONAL" as const, converted_type: "LIST" as const, num_children: 1 },
    { name: "list", repetition_type: "REPEATED" as const, num_children: 1 },
    { name: "element", type: "INT32" as const, repetition_type: "REQUIRED" as const },
    { name: "values", repetition_type: "OPTIONAL" as const, converted_type: "LIST" as const, num_children: 1 },
    { name: "list", repetition_type: "REPEATED" as const, num_children: 1 },
    { name: "element", type: "DOUBLE" as const, repetition_type: "REQUIRED" as const },
  ];
}

/**
 * The key-value metadata Spark writes beside its Parquet schema
 * (`org.apache.spark.sql.parquet.row.metadata`): with it, `spark.read.parquet` gives the
 * column back as an ML Vector (VectorUDT) rather than a plain struct.
 */
export function sparkRowMetadata(idColumn: string, vectorColumn: string): { key: string; value: string } {
  const schema = {
    type: "struct",
    fields: [
      { name: idColumn, type: "string", nullable: true, metadata: {} },
      {
        name: vectorColumn,
        type: {
          type: "udt",
          class: "org.apache.spark.ml.linalg.VectorUDT",
          pyClass: "pyspark.ml.linalg.VectorUDT",
          sqlType: VECTOR_SQL_TYPE,
        },
        nullable: true,
        metadata: {},
      },
    ],
  };
  return { key: "org.apache.spark.sql.parquet.row.metadata", value: JSON.stringify(schema) };
}

/** Row i of a CSR matrix as a sparse Spark vector. */
export function sparseVectorOfRow(m: CsrMatrix, i: number): SparkVectorValue {
  const start = m.indptr[i] as number;
  const end = m.indptr[i + 1] as number;
  return {
    type: 0,
    size: m.cols,
    indices: Array.from(m.indices.subarray(start, end)),
    values: Array.from(m.data.subarray(start, end)),
  };
}

/** A Spark vector read back (sparse or dense) as a dense row of `size` values. */
export function denseOfSparkVector(v: SparkVectorValue, where: string): Float64Array {
  if (v.type === 1) return Float64Array.from(v.values);
  if (v.type !== 0 || v.size === null || v.indices === null)
    throw new Error(`${where}: not a Spark ML vector (type ${String(v.type)})`);
  const out = new Float64Array(v.size);
  v.indices.forEach((j, p) => {
    out[j] = v.values[p] as number;
  });
  return out;
}
