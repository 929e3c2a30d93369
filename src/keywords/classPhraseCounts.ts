import type { CsrMatrix } from "../core/csr.js";
import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { GrowableInt32 } from "../core/growable.js";
import { IntPairMap } from "../core/pairMap.js";
import { checkInteger, checkLimit, checkOptions } from "../core/validate.js";
import { breaksBefore, phraseBreaksOf } from "../vectorize/phraseBreaks.js";
import type { TokenDocuments } from "../vectorize/vocabulary.js";
import { checkTokenDocuments } from "../vectorize/vocabulary.js";

export type { TokenDocuments } from "../vectorize/vocabulary.js";

/** Per-cluster counts of words and phrases: what class-based keywords are computed from. */
export interface ClassTermTable {
  /** Words and phrases (words as first seen, then phrases); column `j` is `vocabulary[j]`. */
  readonly vocabulary: readonly string[];
  /** k x terms: occurrences of each term in each cluster. */
  readonly termCounts: CsrMatrix;
  /** k x terms: documents of each cluster holding the term. */
  readonly documentCounts: CsrMatrix;
  /** Documents per cluster. */
  readonly sizes: Int32Array;
  /** How to show each term (e.g. `federated learning (FL)`); defaults to `vocabulary`. */
  readonly displayTerms?: readonly string[];
  /** For each term merged with a corpus-defined abbreviation, its long form as counted (stop words out). */
  readonly countedLongForms?: ReadonlyMap<number, readonly string[]>;
  /** Words that are markup in this corpus (PDF glyph codes, see `markupWordsOf`): no term holding one is a keyword. */
  readonly markupWords?: ReadonlySet<string>;
}

export interface ClassPhraseOptions {
  /** Smallest and largest n-gram size. */
  readonly ngramRange: readonly [number, number];
  /** A term must occur in at least this many documents of the corpus. */
  readonly minDf: number;
  /** A phrase is a candidate where it occurs in at least this many of a cluster's documents (fewer for tiny clusters, as keywords do). */
  readonly minDocuments: number;
  /**
   * A phrase is counted in a cluster only when each of its words is among the cluster's
   * `phraseWords` most widespread words (by documents of the cluster holding them).
   */
  readonly phraseWords: number;
}

export const CLASS_PHRASE_DEFAULTS = Object.freeze({ phraseWords: 400 });

/**
 * Counts words and phrases per cluster straight from the word ids of one tokenizing pass:
 * no second pass over the text, and phrases only where a topic can use them. A phrase
 * can name a cluster only if it is widespread there, and then so is each of its words;
 * phrase candidates are therefore the n-grams whose words are all among the cluster's
 * `phraseWords` most widespread words and that occur in at least `minDocuments` of its
 * documents. The candidates of all clusters are then counted exactly in every document,
 * so their counts, the corpus totals behind c-TF-IDF, and the `minDf` rule are exact.
 * Words are counted exactly as a unigram vectorizer with the same `minDf` would.
 * O(tokens · n-gram span).
 */
export function classPhraseCounts(
  tokens: TokenDocuments,
  labels: Int32Array,
  k: number,
  options: ClassPhraseOptions,
): ClassTermTable {
  const fn = "classPhraseCounts";
  checkTokenDocuments(fn, "tokens", tokens);
  checkInteger(fn, "k", k, 1);
  if (!(labels instanceof Int32Array) || labels.length !== tokens.offsets.length - 1)
    throw new InvalidArgumentError(
      `${fn}: labels must be an Int32Array with one cluster per document (${tokens.offsets.length - 1}); got ${describeValue(labels)}`,
      "labels",
    );
  const o = checkOptions(fn, options, ["ngramRange", "minDf", "minDocuments", "phraseWords"]);
  const range = o.ngramRange as unknown;
  if (!Array.isArray(range) || range.length !== 2)
    throw new InvalidArgumentError(
      `${fn}: options.ngramRange must be [min, max]; got ${describeValue(range)}`,
      "options.ngramRange",
    );
  checkInteger(fn, "options.ngramRange[0]", range[0], 1);
  checkInteger(fn, "options.ngramRange[1]", range[1], range[0] as number);
  checkInteger(fn, "options.minDf", o.minDf, 1);
  checkInteger(fn, "options.minDocuments", o.minDocuments, 1);
  checkLimit(fn, "options.phraseWords", o.phraseWords, 1);
  const { stream, offsets, documentFrequency: wordDf } = tokens;
  const breaks = phraseBreaksOf(tokens.breaks, stream.length);
  const W = tokens.terms.length;
  const n = offsets.length - 1;
  const [minN, asked] = options.ngramRange;
  // No phrase is longer than the longest document: a range of 10^10 must not loop 10^10 times.
  let longest = 0;
  for (let d = 0; d < n; d++) longest = Math.max(longest, (offsets[d + 1] as number) - (offsets[d] as number));
  const maxN = Math.min(asked, Math.max(1, longest));
  const { order, start } = documentsByClass(labels, k);
  const sizes = new Int32Array(k);
  for (let c = 0; c < k; c++) sizes[c] = (start[c + 1] as number) - (start[c] as number);

  // n-gram ids live above the word ids: the key of an n-gram is (id of its first n-1
  // words, id of its last word), so the id space of a key's first half holds both. Each
  // cluster grows its n-grams in a map of its own, dropped after it; the n-grams widespread
  // in some cluster (the candidates, and the prefixes their keys chain through) go to one
  // compact global map, in an order where a prefix precedes its extensions.
  const lookup = new IntPairMap(1 << 12);
  const headOf = new GrowableInt32(1 << 12);
  const lastOf = new GrowableInt32(1 << 12);
  const isCandidate = new GrowableInt32(1 << 12);
  const wordStamp = new Int32Array(W).fill(-1);
  const wordClassDocs = new Int32Array(W);
  const phraseWord = new Uint8Array(W);
  // Gram ids by position within the current cluster's documents (sized to the largest cluster).
  let chainAt = new Int32Array(1024);
  let chain = new Int32Array(256);

  // Pass 1, cluster by cluster: the cluster's widespread words, then its phrase candidates.
  for (let c = 0; c < k; c++) {
    const from = start[c] as number;
    const to = start[c + 1] as number;
    const needed = Math.min(options.minDocuments, Math.max(1, Math.floor((to - from) / 2)));
    const touchedWords: number[] = [];
    for (let q = from; q < to; q++) {
      const d = order[q] as number;
      for (let p = offsets[d] as number, end = offsets[d + 1] as number; p < end; p++) {
        const w = stream[p] as number;
        if (wordStamp[w] === d) continue;
        wordStamp[w] = d;
        if (wordClassDocs[w] === 0) touchedWords.push(w);
        wordClassDocs[w] = (wordClassDocs[w] as number) + 1;
      }
    }
    const threshold = Math.max(needed, nthLargest(touchedWords, wordClassDocs, options.phraseWords));
    for (const w of touchedWords) {
      if ((wordClassDocs[w] as number) >= threshold && (wordDf[w] as number) >= options.minDf) phraseWord[w] = 1;
    }
    // Size by size, Apriori-style: an n-gram is formed only where its first n-1 words form
    // an (n-1)-gram already widespread enough in the cluster, since it cannot be more so.
    // chainAt[at] holds the id of the gram starting at the cluster's token `at` (its
    // documents' tokens one after the other).
    let classTokens = 0;
    for (let q = from; q < to; q++) {
      const d = order[q] as number;
      classTokens += (offsets[d + 1] as number) - (offsets[d] as number);
    }
    if (classTokens > chainAt.length) chainAt = new Int32Array(classTokens);
    for (let q = from, at = 0; q < to; q++) {
      const d = order[q] as number;
      for (let p = offsets[d] as number, end = offsets[d + 1] as number; p < end; p++, at++) {
        const w = stream[p] as number;
        chainAt[at] = phraseWord[w] === 1 ? w : -1;
      }
    }
    const grams = new IntPairMap(1 << 10);
    const gramHead = new GrowableInt32(1 << 10);
    const gramLast = new GrowableInt32(1 << 10);
    const gramSize = new GrowableInt32(1 << 10);
    const gramStamp = new GrowableInt32(1 << 10);
    const gramClassDocs = new GrowableInt32(1 << 10);
    const gramFrequent = new GrowableInt32(1 << 10);
    for (let size = 2; size <= maxN; size++) {
      const touchedGrams: number[] = [];
      let base = 0;
      for (let q = from; q < to; q++) {
        const d = order[q] as number;
        const first = offsets[d] as number;
        const end = offsets[d + 1] as number;
        const stop = end - size + 1;
        for (let p = first; p < stop; p++) {
          const at = base + p - first;
          const head = chainAt[at] as number;
          const last = stream[p + size - 1] as number;
          if (
            head < 0 ||
            phraseWord[last] === 0 ||
            (size > 2 && gramFrequent.get(head - W) === 0) ||
            breaksBefore(breaks, p + size - 1)
          ) {
            chainAt[at] = -1;
            continue;
          }
          let g = grams.get(head, last);
          if (g < 0) {
            g = gramHead.length;
            grams.set(head, last, g + W);
            gramHead.push(head);
            gramLast.push(last);
            gramSize.push(size);
            gramStamp.push(-1);
            gramClassDocs.push(0);
            gramFrequent.push(0);
          } else g -= W;
          chainAt[at] = g + W;
          if (gramStamp.get(g) === d) continue;
          gramStamp.set(g, d);
          if (gramClassDocs.get(g) === 0) touchedGrams.push(g);
          gramClassDocs.set(g, gramClassDocs.get(g) + 1);
        }
        // The last size-1 positions of the document start no gram of this size.
        for (let p = Math.max(first, stop); p < end; p++) chainAt[base + p - first] = -1;
        base += end - first;
      }
      for (const g of touchedGrams) if (gramClassDocs.get(g) >= needed) gramFrequent.set(g, 1);
    }
    // The cluster's widespread n-grams into the global map (creation order: prefixes first).
    const globalOf = new Int32Array(gramHead.length);
    for (let g = 0; g < gramHead.length; g++) {
      if (gramFrequent.get(g) === 0) continue;
      const head = gramHead.get(g);
      const globalHead = head < W ? head : W + (globalOf[head - W] as number);
      let id = lookup.get(globalHead, gramLast.get(g));
      if (id < 0) {
        id = W + headOf.length;
        lookup.set(globalHead, gramLast.get(g), id);
        headOf.push(globalHead);
        lastOf.push(gramLast.get(g));
        isCandidate.push(0);
      }
      globalOf[g] = id - W;
      if (gramSize.get(g) >= minN) isCandidate.set(id - W, 1);
    }
    for (const w of touchedWords) {
      wordClassDocs[w] = 0;
      phraseWord[w] = 0;
    }
  }

  // Pass 2, every document (outliers too, for the corpus-wide minDf): exact counts of the
  // words and of every candidate, summed per cluster. Only ids that begin some
  // candidate's chain of (prefix, word) keys are looked up.
  const total = W + headOf.length; // words 0..W-1, kept n-grams W..
  const counted = new Uint8Array(total);
  const isPrefix = new Uint8Array(total);
  const endsGram = new Uint8Array(W);
  if (minN <= 1) for (let w = 0; w < W; w++) if ((wordDf[w] as number) >= options.minDf) counted[w] = 1;
  for (let j = 0; j < headOf.length; j++) {
    if (isCandidate.get(j) === 1) counted[W + j] = 1;
    isPrefix[headOf.get(j)] = 1;
    endsGram[lastOf.get(j)] = 1;
  }
  const docFreq = new Int32Array(total);
  const stamp = new Int32Array(total).fill(-1);
  const tf = new Float64Array(total);
  const df = new Float64Array(total);
  const touched = new GrowableInt32(1 << 14);
  const rows: ClassRow[] = [];
  const visit = (d: number, inClass: boolean): void => {
    const first = offsets[d] as number;
    const len = (offsets[d + 1] as number) - first;
    if (len > chain.length) chain = new Int32Array(2 * len);
    for (let size = 1; size <= maxN; size++) {
      for (let i = 0; i + size <= len; i++) {
        let id: number;
        if (size === 1) id = stream[first + i] as number;
        else {
          const head = chain[i] as number;
          const last = stream[first + i + size - 1] as number;
          id =
            head >= 0 && isPrefix[head] === 1 && endsGram[last] === 1 && !breaksBefore(breaks, first + i + size - 1)
              ? lookup.get(head, last)
              : -1;
        }
        chain[i] = id;
        if (id < 0 || counted[id] === 0) continue;
        if (stamp[id] !== d) {
          stamp[id] = d;
          docFreq[id] = (docFreq[id] as number) + 1;
          if (inClass) {
            if (tf[id] === 0) touched.push(id);
            df[id] = (df[id] as number) + 1;
          }
        }
        if (inClass) tf[id] = (tf[id] as number) + 1;
      }
    }
  };
  for (let c = 0; c < k; c++) {
    touched.length = 0;
    for (let q = start[c] as number; q < (start[c + 1] as number); q++) visit(order[q] as number, true);
    const terms = touched.toArray();
    const rowTf = new Int32Array(terms.length);
    const rowDf = new Int32Array(terms.length);
    terms.forEach((t, i) => {
      rowTf[i] = tf[t] as number;
      rowDf[i] = df[t] as number;
      tf[t] = 0;
      df[t] = 0;
    });
    rows.push({ terms, tf: rowTf, df: rowDf });
  }
  for (let d = 0; d < n; d++) if (!((labels[d] as number) >= 0 && (labels[d] as number) < k)) visit(d, false);

  // The vocabulary: words and candidates in at least minDf documents, in id order (words
  // as first seen, then phrases as first formed); keywords order equal scores by term.
  const column = new Int32Array(total).fill(-1);
  const vocabulary: string[] = [];
  for (let t = 0; t < total; t++) {
    if ((docFreq[t] as number) < options.minDf) continue;
    column[t] = vocabulary.length;
    vocabulary.push(t < W ? (tokens.terms[t] as string) : gramString(t - W));
  }
  const { termCounts, documentCounts } = toClassCsr(rows, column, vocabulary.length);
  return { vocabulary, termCounts, documentCounts, sizes };

  function gramString(j: number): string {
    const head = headOf.get(j);
    const left = head < W ? (tokens.terms[head] as string) : gramString(head - W);
    return `${left} ${tokens.terms[lastOf.get(j)] as string}`;
  }
}

/** Document indices grouped by class (in document order within a class). */
function documentsByClass(labels: Int32Array, k: number): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(k + 1);
  for (const l of labels) if (l >= 0 && l < k) start[l + 1] = (start[l + 1] as number) + 1;
  for (let c = 0; c < k; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const fill = start.slice(0, k);
  const order = new Int32Array(start[k] as number);
  for (let d = 0; d < labels.length; d++) {
    const l = labels[d] as number;
    if (l >= 0 && l < k) {
      order[fill[l] as number] = d;
      fill[l] = (fill[l] as number) + 1;
    }
  }
  return { order, start };
}

/** The `rank`-th largest value of `values[i]` over `ids` (0 when there are fewer ids). */
function nthLargest(ids: readonly number[], values: Int32Array, rank: number): number {
  if (ids.length < rank) return 0;
  const v = Int32Array.from(ids, (i) => values[i] as number).sort();
  return v[v.length - rank] as number;
}

/** One cluster's terms (provisional ids) with their occurrences and documents. */
interface ClassRow {
  readonly terms: Int32Array;
  readonly tf: Int32Array;
  readonly df: Int32Array;
}

/** The k x terms count matrices, sharing one sparsity structure (rows sorted by column). */
function toClassCsr(
  rows: readonly ClassRow[],
  column: Int32Array,
  cols: number,
): { termCounts: CsrMatrix; documentCounts: CsrMatrix } {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((r, c) => {
    let m = 0;
    for (const t of r.terms) if ((column[t] as number) >= 0) m++;
    indptr[c + 1] = (indptr[c] as number) + m;
  });
  const nnz = indptr[rows.length] as number;
  const indices = new Int32Array(nnz);
  const tf = new Float64Array(nnz);
  const df = new Float64Array(nnz);
  const tfOf = new Int32Array(cols);
  const dfOf = new Int32Array(cols);
  rows.forEach((r, c) => {
    const from = indptr[c] as number;
    let p = from;
    r.terms.forEach((t, i) => {
      const col = column[t] as number;
      if (col < 0) return;
      indices[p++] = col;
      tfOf[col] = r.tf[i] as number;
      dfOf[col] = r.df[i] as number;
    });
    const row = indices.subarray(from, p);
    row.sort();
    for (let i = 0; i < row.length; i++) {
      tf[from + i] = tfOf[row[i] as number] as number;
      df[from + i] = dfOf[row[i] as number] as number;
    }
  });
  const shape = { rows: rows.length, cols, indptr, indices };
  return { termCounts: { ...shape, data: tf }, documentCounts: { ...shape, data: df } };
}
