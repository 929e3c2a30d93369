import type { CsrMatrix } from "../core/csr.js";
import type { TokenDocuments } from "../vectorize/vocabulary.js";
import type { ClassTermTable } from "./classPhraseCounts.js";

/** Columns of a table counted as one: `from` columns add into `into`, whose documents are counted again. */
export interface ColumnMerge {
  readonly into: number;
  readonly from: readonly number[];
  /** Every word-id sequence that stands for the merged term; a document holding any of them counts. */
  readonly forms: readonly Int32Array[];
}

/**
 * The table with each merge's columns counted as its `into` column: occurrences add up,
 * documents are counted again exactly from the word ids (a document with two forms counts
 * once), and the `from` columns are left empty. O(tokens + nnz).
 */
export function mergeColumns(
  table: ClassTermTable,
  tokens: TokenDocuments,
  labels: Int32Array,
  merges: readonly ColumnMerge[],
): ClassTermTable {
  if (merges.length === 0) return table;
  const target = Int32Array.from({ length: table.vocabulary.length }, (_, t) => t);
  for (const m of merges) for (const f of m.from) target[f] = m.into;
  const documents = documentsWithAny(
    tokens,
    labels,
    table.sizes.length,
    merges.map((m) => m.forms),
  );
  const g = merges.length;
  return {
    ...table,
    termCounts: remapColumns(table.termCounts, target, null),
    documentCounts: remapColumns(
      table.documentCounts,
      target,
      new Map(merges.map((m, i) => [m.into, (c: number) => documents[c * g + i] as number])),
    ),
  };
}

/** The sum of each column. */
export function columnSums(m: CsrMatrix): Float64Array {
  const sums = new Float64Array(m.cols);
  const nnz = m.indptr[m.rows] as number;
  for (let p = 0; p < nnz; p++)
    sums[m.indices[p] as number] = (sums[m.indices[p] as number] as number) + (m.data[p] as number);
  return sums;
}

/** Documents of each cluster holding any form of each group (k x groups). */
function documentsWithAny(
  tokens: TokenDocuments,
  labels: Int32Array,
  k: number,
  groups: readonly (readonly Int32Array[])[],
): Float64Array {
  const g = groups.length;
  const out = new Float64Array(k * g);
  // Forms chained by their first word: one typed-array test per word before any lookup.
  const byFirst = new Map<number, { group: number; form: Int32Array }[]>();
  groups.forEach((forms, group) => {
    for (const form of forms) {
      const first = form[0] as number;
      byFirst.set(first, [...(byFirst.get(first) ?? []), { group, form }]);
    }
  });
  const marked = new Uint8Array(tokens.terms.length);
  for (const id of byFirst.keys()) marked[id] = 1;
  const stamp = new Int32Array(g).fill(-1);
  const { stream, offsets } = tokens;
  for (let d = 0; d < labels.length; d++) {
    const c = labels[d] as number;
    if (c < 0) continue;
    const end = offsets[d + 1] as number;
    let found = false;
    for (let p = offsets[d] as number; p < end; p++) {
      const id = stream[p] as number;
      if (marked[id] === 0) continue;
      for (const { group, form } of byFirst.get(id) as { group: number; form: Int32Array }[]) {
        if (stamp[group] === d || p + form.length > end) continue;
        let j = 1;
        while (j < form.length && stream[p + j] === form[j]) j++;
        if (j === form.length) {
          stamp[group] = d;
          found = true;
        }
      }
    }
    if (found) for (let i = 0; i < g; i++) if (stamp[i] === d) out[c * g + i] = (out[c * g + i] as number) + 1;
  }
  return out;
}

/**
 * Each entry moved to column `target[col]` (entries meeting in a column add up), or, for
 * the columns in `replace`, set to the given value of the row.
 */
function remapColumns(
  m: CsrMatrix,
  target: Int32Array,
  replace: ReadonlyMap<number, (row: number) => number> | null,
): CsrMatrix {
  const sums = new Float64Array(m.cols);
  const touched = new Uint8Array(m.cols);
  const extra = replace?.size ?? 0;
  let widest = 0;
  for (let r = 0; r < m.rows; r++) widest = Math.max(widest, (m.indptr[r + 1] as number) - (m.indptr[r] as number));
  const rowCols = new Int32Array(widest + extra);
  const capacity = (m.indptr[m.rows] as number) + extra * m.rows;
  const indptr = new Int32Array(m.rows + 1);
  const indices = new Int32Array(capacity);
  const data = new Float64Array(capacity);
  let q = 0;
  for (let r = 0; r < m.rows; r++) {
    let count = 0;
    for (let p = m.indptr[r] as number; p < (m.indptr[r + 1] as number); p++) {
      const col = target[m.indices[p] as number] as number;
      if (touched[col] === 0) {
        touched[col] = 1;
        rowCols[count++] = col;
      }
      sums[col] = (sums[col] as number) + (m.data[p] as number);
    }
    if (replace !== null)
      for (const [col, value] of replace) {
        if (touched[col] === 0) {
          touched[col] = 1;
          rowCols[count++] = col;
        }
        sums[col] = value(r);
      }
    const row = rowCols.subarray(0, count).sort();
    for (const col of row) {
      if ((sums[col] as number) !== 0) {
        indices[q] = col;
        data[q++] = sums[col] as number;
      }
      sums[col] = 0;
      touched[col] = 0;
    }
    indptr[r + 1] = q;
  }
  return { rows: m.rows, cols: m.cols, indptr, indices: indices.slice(0, q), data: data.slice(0, q) };
}
