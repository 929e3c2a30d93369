import type { CsrMatrix } from "../core/csr.js";
import type { TokenDocuments } from "../vectorize/vocabulary.js";
import type { ClassTermTable } from "./classPhraseCounts.js";

/** Columns of a table counted as one: `from` columns add into `into`, whose documents are counted again. */
export interface ColumnMerge {
  readonly into: number;
  readonly from: readonly number[];
  /** Every word-id sequence that stands for the merged term; a document holding any of them counts. */
  readonly forms: readonly Int32Array[];
  /** A form that is no column of the table (a long form longer than its phrases): its occurrences add to `into`'s. */
  readonly uncounted?: Int32Array;
  /**
   * Columns that may be pieces of `uncounted` (its words and phrases, "human feedback rlhf"):
   * those written no more often than it is leave the table.
   */
  readonly pieces?: readonly number[];
}

/**
 * The table with each merge's columns counted as its `into` column: occurrences add up
 * (with those of its `uncounted` form), documents are counted again exactly from the word
 * ids (a document with two forms counts once), and the `from` columns and the pieces never
 * written outside the `uncounted` form are left empty. One pass over the tokens; O(tokens + nnz).
 */
export function mergeColumns(
  table: ClassTermTable,
  tokens: TokenDocuments,
  labels: Int32Array,
  merges: readonly ColumnMerge[],
): ClassTermTable {
  if (merges.length === 0) return table;
  const k = table.sizes.length;
  const g = merges.length;
  const { documents, occurrences } = scanForms(
    tokens,
    labels,
    k,
    merges.map((m) => m.forms),
    merges.map((m) => m.uncounted ?? null),
  );
  const target = Int32Array.from({ length: table.vocabulary.length }, (_, t) => t);
  const totals = merges.some((m) => (m.pieces?.length ?? 0) > 0) ? columnSums(table.termCounts) : null;
  merges.forEach((m, i) => {
    for (const f of m.from) target[f] = m.into;
    let written = 0;
    for (let c = 0; c < k; c++) written += occurrences[c * g + i] as number;
    for (const f of m.pieces ?? []) if (((totals as Float64Array)[f] as number) <= written) target[f] = -1;
  });
  const added = merges.flatMap((m, i) => (m.uncounted === undefined ? [] : [[m.into, i] as const]));
  return {
    ...table,
    termCounts: remapColumns(
      table.termCounts,
      target,
      new Map(added.map(([into, i]) => [into, (c: number, sum: number) => sum + (occurrences[c * g + i] as number)])),
    ),
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

/**
 * Per cluster and group (k x groups): the documents holding any of the group's forms, and
 * the occurrences of its counted form (if it has one).
 */
function scanForms(
  tokens: TokenDocuments,
  labels: Int32Array,
  k: number,
  groups: readonly (readonly Int32Array[])[],
  counted: readonly (Int32Array | null)[],
): { documents: Float64Array; occurrences: Float64Array } {
  const g = groups.length;
  const documents = new Float64Array(k * g);
  const occurrences = new Float64Array(k * g);
  // One-word forms by their word; longer forms by their first two words, so that a common
  // first word ("deep" opens hundreds of long forms) costs one lookup, not a walk of them all.
  const V = tokens.terms.length;
  const byWord = new Map<number, { group: number; counted: boolean }[]>();
  const byPair = new Map<number, { group: number; form: Int32Array; counted: boolean }[]>();
  const marked = new Uint8Array(V);
  const add = (group: number, form: Int32Array, isCounted: boolean) => {
    const first = form[0] as number;
    marked[first] = 1;
    if (form.length === 1) pushTo(byWord, first, { group, counted: isCounted });
    else pushTo(byPair, first * V + (form[1] as number), { group, form, counted: isCounted });
  };
  groups.forEach((forms, group) => {
    const countedForm = counted[group] ?? null;
    for (const form of forms) add(group, form, form === countedForm);
    if (countedForm !== null && !forms.includes(countedForm)) add(group, countedForm, true);
  });
  const stamp = new Int32Array(g).fill(-1);
  const hit = new Int32Array(g);
  const { stream, offsets } = tokens;
  let hits = 0;
  // The forms of `list` found at position p of document d (cluster c), its end at `end`.
  const visit = (
    list: readonly { group: number; form?: Int32Array; counted: boolean }[],
    p: number,
    end: number,
    c: number,
    d: number,
  ) => {
    for (const m of list) {
      if (m.form !== undefined) {
        if (p + m.form.length > end) continue;
        let j = 2;
        while (j < m.form.length && stream[p + j] === m.form[j]) j++;
        if (j !== m.form.length) continue;
      }
      if (m.counted) occurrences[c * g + m.group] = (occurrences[c * g + m.group] as number) + 1;
      if (stamp[m.group] !== d) hit[hits++] = m.group;
      stamp[m.group] = d;
    }
  };
  for (let d = 0; d < labels.length; d++) {
    const c = labels[d] as number;
    if (c < 0) continue;
    const end = offsets[d + 1] as number;
    hits = 0;
    for (let p = offsets[d] as number; p < end; p++) {
      const id = stream[p] as number;
      if (marked[id] === 0) continue;
      const words = byWord.get(id);
      if (words !== undefined) visit(words, p, end, c, d);
      const pairs = p + 1 < end ? byPair.get(id * V + (stream[p + 1] as number)) : undefined;
      if (pairs !== undefined) visit(pairs, p, end, c, d);
    }
    for (let i = 0; i < hits; i++) {
      const at = c * g + (hit[i] as number);
      documents[at] = (documents[at] as number) + 1;
    }
  }
  return { documents, occurrences };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Each entry moved to column `target[col]` (entries meeting in a column add up; none for a
 * negative target), or, for the columns in `replace`, set to the value it gives for the row
 * and that sum.
 */
function remapColumns(
  m: CsrMatrix,
  target: Int32Array,
  replace: ReadonlyMap<number, (row: number, sum: number) => number> | null,
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
      if (col < 0) continue;
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
        sums[col] = value(r, sums[col] as number);
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
