import type { ClassTermTable } from "../../src/keywords/classPhraseCounts.js";

/** A table of the given terms' occurrences and documents per cluster, counted by brute force. */
export function tableOf(
  texts: readonly string[],
  labels: Int32Array,
  k: number,
  vocabulary: readonly string[],
): ClassTermTable {
  const occurrences = vocabulary.map((term) =>
    Array.from({ length: k }, (_, c) => texts.reduce((n, text, d) => n + (labels[d] === c ? count(text, term) : 0), 0)),
  );
  const documents = vocabulary.map((term) =>
    Array.from({ length: k }, (_, c) => texts.filter((text, d) => labels[d] === c && count(text, term) > 0).length),
  );
  const sizes = new Int32Array(k);
  for (const c of labels) sizes[c] = (sizes[c] as number) + 1;
  return { vocabulary, termCounts: csr(occurrences, k), documentCounts: csr(documents, k), sizes };
}

/** Occurrences of a phrase in a text, as consecutive words. */
export function count(text: string, phrase: string): number {
  const words = text.split(" ").filter(Boolean);
  const form = phrase.split(" ");
  let n = 0;
  for (let i = 0; i + form.length <= words.length; i++) if (form.every((w, j) => words[i + j] === w)) n++;
  return n;
}

function csr(columns: readonly number[][], k: number) {
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (let c = 0; c < k; c++) {
    columns.forEach((perCluster, t) => {
      if ((perCluster[c] as number) > 0) {
        indices.push(t);
        data.push(perCluster[c] as number);
      }
    });
    indptr.push(indices.length);
  }
  return {
    rows: k,
    cols: columns.length,
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    data: Float64Array.from(data),
  };
}

/** Column t of a k x terms CSR matrix, dense. */
export function column(m: ClassTermTable["termCounts"], t: number): number[] {
  return Array.from({ length: m.rows }, (_, r) => {
    for (let p = m.indptr[r] as number; p < (m.indptr[r + 1] as number); p++)
      if (m.indices[p] === t) return m.data[p] as number;
    return 0;
  });
}
