import { encodePair, type Labels } from "./labels.js";

/** Counts of documents per (class, cluster) pair; rows are classes, columns clusters. */
export interface ContingencyTable {
  readonly rows: number;
  readonly cols: number;
  /** rows x cols counts, row-major. */
  readonly counts: Float64Array;
  /** Documents per class. */
  readonly rowSums: Float64Array;
  /** Documents per cluster. */
  readonly colSums: Float64Array;
  readonly total: number;
}

/**
 * The contingency table of two labelings (scikit-learn's `contingency_matrix`), with
 * classes and clusters numbered in order of first appearance. O(n + classes·clusters).
 * @throws InvalidArgumentError when the labelings differ in length or hold non-labels.
 */
export function contingencyTable(labelsTrue: Labels, labelsPred: Labels, fn = "contingencyTable"): ContingencyTable {
  const [a, b] = encodePair(fn, labelsTrue, labelsPred);
  const rows = a.count;
  const cols = b.count;
  const counts = new Float64Array(rows * cols);
  const rowSums = new Float64Array(rows);
  const colSums = new Float64Array(cols);
  for (let i = 0; i < a.codes.length; i++) {
    const r = a.codes[i] as number;
    const c = b.codes[i] as number;
    counts[r * cols + c] = (counts[r * cols + c] as number) + 1;
    rowSums[r] = (rowSums[r] as number) + 1;
    colSums[c] = (colSums[c] as number) + 1;
  }
  return { rows, cols, counts, rowSums, colSums, total: a.codes.length };
}
