import { describeValue } from "../core/describe.js";
import { EmptyInputError, InvalidArgumentError } from "../core/errors.js";

/** Cluster or class labels: integers or strings, one per document. */
export type Labels = Int32Array | readonly number[] | readonly string[];

/** Labels re-coded as 0..n-1 in order of first appearance, with the number of distinct values. */
export interface EncodedLabels {
  readonly codes: Int32Array;
  readonly count: number;
}

export function encodeLabels(fn: string, name: string, labels: Labels): EncodedLabels {
  if (!(labels instanceof Int32Array) && !Array.isArray(labels)) {
    throw new InvalidArgumentError(
      `${fn}: ${name} must be an array of integers or strings; got ${describeValue(labels)}`,
      name,
    );
  }
  const ids = new Map<number | string, number>();
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i] as number | string;
    if (typeof v === "number" ? !Number.isInteger(v) : typeof v !== "string") {
      throw new InvalidArgumentError(
        `${fn}: ${name} must hold integers or strings; got ${describeValue(v)} at ${i}`,
        name,
      );
    }
    let id = ids.get(v);
    if (id === undefined) {
      id = ids.size;
      ids.set(v, id);
    }
    codes[i] = id;
  }
  return { codes, count: ids.size };
}

/** Encodes two labelings of the same documents, checking that their lengths agree. */
export function encodePair(fn: string, labelsTrue: Labels, labelsPred: Labels): [EncodedLabels, EncodedLabels] {
  const a = encodeLabels(fn, "labelsTrue", labelsTrue);
  const b = encodeLabels(fn, "labelsPred", labelsPred);
  if (a.codes.length !== b.codes.length) {
    throw new InvalidArgumentError(
      `${fn}: labelsTrue and labelsPred must have the same length; got ${a.codes.length} and ${b.codes.length}`,
      "labelsPred",
    );
  }
  return [a, b];
}

/** Requires 2 <= number of clusters <= n - 1, as scikit-learn's internal metrics do. */
export function checkClusterCount(fn: string, count: number, n: number): void {
  if (n === 0) throw new EmptyInputError(`${fn}: labels must not be empty`, "labels");
  if (count < 2 || count > n - 1) {
    throw new InvalidArgumentError(
      `${fn}: number of clusters is ${count}; valid values are 2 to n_samples - 1 = ${n - 1} (inclusive)`,
      "labels",
    );
  }
}
