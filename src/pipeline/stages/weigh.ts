import type { TokenDocuments } from "../../vectorize/vocabulary.js";

/** How documents weigh in k-means' centres: the option, and what "auto" resolved to. */
export type DocumentWeightsOption = "auto" | "words" | "equal";
export type DocumentWeighting = "words" | "equal" | "given";

/**
 * A document weighs by its words up to this many: past it, more words add no evidence of
 * the document's theme, and a long FAQ or listing would otherwise pull a centre to itself.
 */
export const WORD_WEIGHT_CAP = 200;

/**
 * `"auto"` weighs by words when the longest tenth of the documents holds at least this many
 * times the words of the shortest tenth (90th / 10th percentile): short replies beside long
 * posts (all 20 Newsgroups, 11; 20ng-4cat, 18; Reuters R8, 8.5), where a reply of a dozen
 * words says little of its theme. Not so abstracts of even length (conf-abstracts, 2.0; the
 * seed corpus, 1.2), whose themes weighing by words blurred, nor corpora of 3 to 3.5 (BBC
 * News, OHSUMED, keyphrase abstracts), where it moved V-measure by +0.02 at most and cost the
 * keyphrase abstracts' keywords NPMI (see README).
 */
export const WORDS_SPREAD = 4;

/** Words (stop words out) of each document, from the word ids the vectorize stage kept. */
export function documentWordCounts(tokens: TokenDocuments): Int32Array {
  const n = tokens.offsets.length - 1;
  const counts = new Int32Array(n);
  for (let d = 0; d < n; d++) counts[d] = (tokens.offsets[d + 1] as number) - (tokens.offsets[d] as number);
  return counts;
}

/**
 * How widely the documents' lengths spread: the 90th percentile of their word counts over
 * the 10th (a document of no word counts as one). 1 for fewer than two documents.
 */
export function lengthSpread(counts: ArrayLike<number>): number {
  const n = counts.length;
  if (n < 2) return 1;
  const sorted = Float64Array.from(counts, (c) => Math.max(1, c)).sort();
  return (sorted[Math.floor(0.9 * (n - 1))] as number) / (sorted[Math.floor(0.1 * (n - 1))] as number);
}

/**
 * Each document's weight in k-means: its words, from one up to {@link WORD_WEIGHT_CAP},
 * scaled to a mean of 1 over `rows` (the documents clustered; all when null). A document
 * outside `rows` keeps its unscaled share, so any subset can be weighed from this array.
 */
export function wordWeights(counts: ArrayLike<number>, rows: ArrayLike<number> | null): Float64Array {
  const weights = Float64Array.from(counts, (c) => Math.min(Math.max(1, c), WORD_WEIGHT_CAP));
  return scaledToMeanOne(weights, rows) ?? weights;
}

/**
 * `weights` (a new array) scaled to a mean of 1 over `rows` (all when null), or null when
 * those rows weigh nothing at all.
 */
export function scaledToMeanOne(weights: ArrayLike<number>, rows: ArrayLike<number> | null): Float64Array | null {
  const out = Float64Array.from(weights);
  const m = rows === null ? out.length : rows.length;
  let total = 0;
  for (let r = 0; r < m; r++) total += out[rows === null ? r : (rows[r] as number)] as number;
  if (!(total > 0)) return null;
  const scale = m / total;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * scale;
  return out;
}

/** `"auto"` resolved: words when the clustered documents' lengths spread by {@link WORDS_SPREAD} or more. */
export function resolveDocumentWeights(option: DocumentWeightsOption, spread: number): "words" | "equal" {
  if (option !== "auto") return option;
  return spread >= WORDS_SPREAD ? "words" : "equal";
}
