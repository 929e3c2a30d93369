import type { TokenDocuments } from "../vectorize/vocabulary.js";
import { evenSample, indexForms } from "./termDocuments.js";

/**
 * Words around a term that make a repeated passage: a term with the same five words about
 * it (before, after, or some on each side; a document's start or end counts as a word) in
 * most of its documents sits in a passage of six words or more copied from one document to
 * the next: a signature, a disclaimer, a table row.
 */
export const PASSAGE_CONTEXT_WORDS = 5;

/** Share of a term's documents (in its cluster) that must hold the same passage around it. */
export const PASSAGE_SHARE = 0.5;

/**
 * A passage in this share of its cluster's documents or more is what the cluster is about
 * (texts made from one template: a mailing list's footer, a results table), not a copy
 * beside each document's own words: its terms stay keywords, marked as the template's.
 */
export const PASSAGE_MAX_CLUSTER_SHARE = 0.5;

/** Per cluster, the candidate columns inside repeated passages (see {@link repeatedPassageTerms}). */
export interface RepeatedPassages {
  /** In a passage copied into some of the cluster's documents: not the topic's words. */
  readonly copied: Set<number>[];
  /** In a passage copied into {@link PASSAGE_MAX_CLUSTER_SHARE} of the cluster's documents or more: its template. */
  readonly template: Set<number>[];
  /**
   * The share of each cluster's words (distinct documents, read through the sample) that are
   * occurrences of its template's terms: a mailing list's footer makes a tenth of its posts,
   * an earnings table a third of its reports (see {@link FORM_SHARE}).
   */
  readonly templateShare: Float64Array;
}

/**
 * A template whose terms make this share of its cluster's words or more is the form the
 * documents are written in (an earnings table: "shr cts vs cts net mln"), and its terms are
 * what the topic is about; under it, the template is a footer beside each document's own
 * words (a mailing list's: "to unsubscribe from this group send an email"). Measured, seed
 * 0: the footers of SpamAssassin's mailing lists (k 20) make 0.07–0.13 of their topics'
 * words, Reuters R8's earnings table (k 8) 0.35 and the use Perl news digest's fixed lines 0.33.
 */
export const FORM_SHARE = 0.25;

/** Documents of its cluster a passage must be copied into (a news formula in three or four is not). */
export const PASSAGE_MIN_DOCUMENTS = 5;

/**
 * Which of each cluster's candidate terms sit in a passage repeated word for word: the
 * {@link PASSAGE_CONTEXT_WORDS} words about the term (before it, after it, or some on
 * each side) are the same in at least {@link PASSAGE_SHARE} of the cluster's documents
 * holding it, in {@link PASSAGE_MIN_DOCUMENTS} documents or more, and in fewer than
 * {@link PASSAGE_MAX_CLUSTER_SHARE} of all the cluster's documents (`copied`; in more, the
 * cluster's `template`). Posters' signatures
 * ("cheers kent alink ksand private activities net"), copied header lines and boilerplate
 * rows name the documents' authors or formats, not their theme. A document whose words
 * another of its cluster has, word for word, is read once. The words are those of
 * `tokens` (stop words removed); a term is present where one of `formsOf(column)` occurs.
 * Corpora larger than the co-occurrence sample are read through it.
 * O(tokens read · forms per word).
 * @returns per cluster, the candidate columns that sit in copied passages and in templates.
 */
export function repeatedPassageTerms(
  tokens: TokenDocuments,
  labels: Int32Array,
  candidates: readonly (readonly number[])[],
  formsOf: (column: number) => readonly (readonly string[])[],
): RepeatedPassages {
  const k = candidates.length;
  // Every (cluster, candidate) pair is an entry.
  const entryCluster: number[] = [];
  const entryColumn: number[] = [];
  const entryForms: (readonly (readonly string[])[])[] = [];
  candidates.forEach((columns, c) => {
    for (const column of columns) {
      entryCluster.push(c);
      entryColumn.push(column);
      entryForms.push(formsOf(column));
    }
  });
  const forms = indexForms(tokens, entryForms);
  const entries = entryCluster.length;
  const { stream, offsets } = tokens;
  const sample = evenSample(offsets.length - 1);
  // A document read twice (a story filed twice) is one document: its words are no copy.
  const distinct = distinctDocuments(tokens, sample, labels);
  // Documents and words of each cluster, each distinct document counted once.
  const clusterSize = new Int32Array(k);
  const clusterWords = new Float64Array(k);
  for (let s = 0; s < sample.length; s++) {
    const d = sample[s] as number;
    const c = labels[d] as number;
    if (distinct[s] === 1 && c >= 0) {
      clusterSize[c] = (clusterSize[c] as number) + 1;
      clusterWords[c] = (clusterWords[c] as number) + (offsets[d + 1] as number) - (offsets[d] as number);
    }
  }
  /** Calls `visit` at every occurrence of an entry (`only` set, when given) in its cluster's sampled documents. */
  const eachOccurrence = (only: Uint8Array | null, visit: Visit) => {
    for (let s = 0; s < sample.length; s++) {
      if (distinct[s] === 0) continue;
      const d = sample[s] as number;
      const c = labels[d] as number;
      const start = offsets[d] as number;
      const end = offsets[d + 1] as number;
      const atMatch = (entry: number, p: number, length: number) => {
        if (entryCluster[entry] === c && (only === null || only[entry] === 1))
          visit(entry, s, start, end, p, p + length);
      };
      for (let p = start; p < end; p++) forms.eachMatch(p, end, atMatch);
    }
  };
  // First the words right beside each occurrence: a passage about a term fixes the word
  // before it or the word after it (the document's edge counting as one), so only terms
  // with a neighbour in half their documents are read further.
  const holders = new Int32Array(entries);
  const lastSample = new Int32Array(entries).fill(-1);
  const edge = tokens.terms.length;
  const neighbours = new DocumentCounts<number>();
  eachOccurrence(null, (entry, s, start, end, p, after) => {
    if (lastSample[entry] !== s) {
      lastSample[entry] = s;
      holders[entry] = (holders[entry] as number) + 1;
    }
    const base = entry * 2 * (edge + 1);
    neighbours.add(base + (p > start ? (stream[p - 1] as number) : edge), s);
    neighbours.add(base + edge + 1 + (after < end ? (stream[after] as number) : edge), s);
  });
  const mostBeside = neighbours.most((key) => Math.floor(key / (2 * (edge + 1))), entries);
  const read = new Uint8Array(entries);
  for (let e = 0; e < entries; e++) {
    const held = holders[e] as number;
    const beside = mostBeside[e] as number;
    if (beside >= PASSAGE_MIN_DOCUMENTS && beside >= PASSAGE_SHARE * held) read[e] = 1;
  }
  // Then every split of the passage's words between the two sides, for those terms alone.
  const passages = new DocumentCounts<string>();
  eachOccurrence(read, (entry, s, start, end, p, after) => {
    for (let left = 0; left <= PASSAGE_CONTEXT_WORDS; left++) {
      const key = passageKey(stream, start, end, p, after, left, PASSAGE_CONTEXT_WORDS - left);
      if (key !== null) passages.add(`${entry}:${left}:${key}`, s);
    }
  });
  const most = passages.most((key) => Number.parseInt(key, 10), entries);
  const copied = Array.from({ length: k }, () => new Set<number>());
  const template = Array.from({ length: k }, () => new Set<number>());
  const inTemplate = new Uint8Array(entries);
  for (let e = 0; e < entries; e++) {
    const held = holders[e] as number;
    const copies = most[e] as number;
    const size = clusterSize[entryCluster[e] as number] as number;
    if (copies < PASSAGE_MIN_DOCUMENTS || copies < PASSAGE_SHARE * held) continue;
    const isCopy = copies < PASSAGE_MAX_CLUSTER_SHARE * size;
    if (!isCopy) inTemplate[e] = 1;
    ((isCopy ? copied : template)[entryCluster[e] as number] as Set<number>).add(entryColumn[e] as number);
  }
  const templateShare = inTemplate.includes(1)
    ? wordShares((visit) => eachOccurrence(inTemplate, visit), entryCluster, clusterWords)
    : new Float64Array(k);
  return { copied, template, templateShare };
}

/** A visit of one occurrence: the entry, the sampled document, its word span, the occurrence's span. */
type Visit = (entry: number, s: number, start: number, end: number, p: number, after: number) => void;

/**
 * Per cluster, the share of its words (`clusterWords`) that the visited occurrences cover,
 * each word counted once. Occurrences arrive document by document.
 */
function wordShares(
  occurrences: (visit: Visit) => void,
  entryCluster: readonly number[],
  clusterWords: Float64Array,
): Float64Array {
  const k = clusterWords.length;
  const covered = new Float64Array(k);
  let current = -1;
  let marks = new Uint8Array(0);
  let first = 0;
  let cluster = -1;
  const count = () => {
    if (cluster >= 0) covered[cluster] = (covered[cluster] as number) + marks.reduce((n, x) => n + x, 0);
  };
  occurrences((entry, s, start, end, p, after) => {
    if (s !== current) {
      count();
      [current, first, cluster] = [s, start, entryCluster[entry] as number];
      marks = new Uint8Array(end - start);
    }
    marks.fill(1, p - first, after - first);
  });
  count();
  return covered.map((n, c) => ((clusterWords[c] as number) > 0 ? n / (clusterWords[c] as number) : 0));
}

/**
 * The `left` words before [p, after) and the `right` words after it as a key; an edge of
 * the document stands for one word and ends that side (null when the side runs out first).
 */
function passageKey(
  stream: Int32Array,
  start: number,
  end: number,
  p: number,
  after: number,
  left: number,
  right: number,
): string | null {
  let key = "";
  for (let i = 1; i <= left; i++) {
    if (p - i >= start) key += `${stream[p - i]},`;
    else if (p - i === start - 1) key += "^,";
    else return null;
  }
  key += "|";
  for (let i = 0; i < right; i++) {
    if (after + i < end) key += `${stream[after + i]},`;
    else if (after + i === end) key += "$,";
    else return null;
  }
  return key;
}

/**
 * 1 for each sampled document in a cluster whose words no earlier sampled document of the
 * cluster has, word for word (two 32-bit hashes of its word ids and its length compared).
 */
function distinctDocuments(tokens: TokenDocuments, sample: Int32Array, labels: Int32Array): Uint8Array {
  const { stream, offsets } = tokens;
  const out = new Uint8Array(sample.length);
  const seen = new Set<string>();
  for (let s = 0; s < sample.length; s++) {
    const d = sample[s] as number;
    const c = labels[d] as number;
    if (c < 0) continue;
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let p = offsets[d] as number; p < (offsets[d + 1] as number); p++) {
      const w = stream[p] as number;
      h1 = Math.imul(h1 ^ w, 0x01000193);
      h2 = Math.imul(h2 ^ w, 0x5bd1e995) ^ (h2 >>> 15);
    }
    const key = `${c}:${(offsets[d + 1] as number) - (offsets[d] as number)}:${h1 >>> 0}:${h2 >>> 0}`;
    if (!seen.has(key)) {
      seen.add(key);
      out[s] = 1;
    }
  }
  return out;
}

/** Documents holding each key, each document counted once (documents arrive in order). */
class DocumentCounts<K> {
  // Documents so far × 2^20 + (last document + 1): the sample's documents are fewer than 2^20.
  private readonly packed = new Map<K, number>();

  add(key: K, document: number): void {
    const value = this.packed.get(key);
    if (value === undefined) this.packed.set(key, ONE_DOCUMENT + document + 1);
    else if (value % ONE_DOCUMENT !== document + 1)
      this.packed.set(key, value - (value % ONE_DOCUMENT) + ONE_DOCUMENT + document + 1);
  }

  /** The most documents any key of each entry holds, `entryOf` telling a key's entry. */
  most(entryOf: (key: K) => number, entries: number): Int32Array {
    const out = new Int32Array(entries);
    for (const [key, value] of this.packed) {
      const e = entryOf(key);
      const documents = Math.floor(value / ONE_DOCUMENT);
      if (documents > (out[e] as number)) out[e] = documents;
    }
    return out;
  }
}

const ONE_DOCUMENT = 2 ** 20;
