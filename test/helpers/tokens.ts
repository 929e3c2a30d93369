import type { TokenDocuments } from "../../src/vectorize/vocabulary.js";

/** Word ids of whitespace-separated texts, as the pipeline's tokens hold them. */
export function whitespaceTokens(texts: readonly string[]): TokenDocuments {
  const terms: string[] = [];
  const ids = new Map<string, number>();
  const stream: number[] = [];
  const offsets = [0];
  for (const text of texts) {
    for (const w of text.split(" ")) {
      if (w === "") continue;
      if (!ids.has(w)) {
        ids.set(w, terms.length);
        terms.push(w);
      }
      stream.push(ids.get(w) as number);
    }
    offsets.push(stream.length);
  }
  const documentFrequency = new Int32Array(terms.length);
  for (let d = 0; d + 1 < offsets.length; d++) {
    for (const id of new Set(stream.slice(offsets[d], offsets[d + 1])))
      documentFrequency[id] = (documentFrequency[id] as number) + 1;
  }
  return { terms, stream: Int32Array.from(stream), offsets: Int32Array.from(offsets), documentFrequency };
}
