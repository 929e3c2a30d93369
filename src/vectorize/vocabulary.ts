import { describeValue } from "../core/describe.js";
import { EmptyInputError, InvalidArgumentError } from "../core/errors.js";
import { GrowableInt32 } from "../core/growable.js";
import { IntPairMap } from "../core/pairMap.js";
import { detachString } from "../core/strings.js";
import { compareCodePoints } from "../text/compare.js";
import { PHRASE_BREAK } from "../text/tokenize.js";
import type { AnalyzedBatch } from "./analyzeBatch.js";
import { type Analyzer, documentCountLimits } from "./options.js";
import { type PhraseBreaks, phraseBreaksAt } from "./phraseBreaks.js";
import { createGapCollector, UNKNOWN_GAP, WRITTEN_GAP_DOCUMENTS, type WrittenGaps } from "./writtenGaps.js";

/** Documents as word ids, as one tokenizing pass leaves them (see `ScannedCorpus`). */
export interface TokenDocuments {
  /** The word of every id. */
  readonly terms: readonly string[];
  /** Word ids, document after document (stop words already removed). */
  readonly stream: Int32Array;
  /** `documents + 1` offsets into `stream`. */
  readonly offsets: Int32Array;
  /** Documents holding each word. */
  readonly documentFrequency: Int32Array;
  /** The stop words written between the words, for the first documents (see `WrittenGaps`). */
  readonly gaps?: WrittenGaps;
  /** Where phrases stop (see `PhraseBreaks`); none recorded: phrases run across every word. */
  readonly breaks?: PhraseBreaks;
}

/** What one pass over the corpus learns: provisional term ids per document and statistics. */
export interface ScannedCorpus {
  /** Provisional term strings, in first-seen order. */
  readonly terms: string[];
  /** Provisional term id of every term occurrence, document after document. */
  readonly stream: Int32Array;
  /** `documents + 1` offsets into `stream`. */
  readonly offsets: Int32Array;
  readonly documentFrequency: Int32Array;
  readonly termFrequency: Float64Array;
  /** Most frequent surface form of each provisional term (only when stemming). */
  readonly surfaces: string[] | null;
  /** The stop words written between words (unigram, unstemmed scans only). */
  readonly gaps: WrittenGaps | null;
  /** Where phrases stop in `stream` (unigram, unstemmed scans only). */
  readonly breaks: PhraseBreaks | null;
}

// n-gram ids are found by the pair (id of the (n-1)-gram prefix, id of the last word), so
// the hot loop never builds or hashes an n-gram string; a term's string is made once,
// when it is first seen.

/** Feeds documents one at a time (from an array or a stream) into one vocabulary pass. */
export interface Scanner {
  add(text: string): void;
  /**
   * Adds documents another thread has read ({@link AnalyzedBatch}), with the ids, counts and
   * vocabulary bound a single thread would give. Unigram, unstemmed scans only.
   */
  addAnalyzed(batch: AnalyzedBatch): void;
  /** Documents added so far. */
  readonly documents: number;
  /** Terms first seen after `maxTerms` was reached, and therefore not counted. */
  readonly droppedTerms: number;
  finish(): ScannedCorpus;
}

/**
 * One pass: analyze each document, assign provisional ids, count df and tf, and keep
 * only the ids of each document's terms (never its text). With `maxTerms`, the
 * vocabulary stops growing at that many distinct terms: later new terms are not counted
 * (frequent terms appear early, so this bounds memory at a small cost to rare terms).
 * O(total terms) time; O(distinct terms + total terms) memory.
 */
/** The word map's ids of stop words (never terms): STOP - i for the i-th stop word. */
const STOP = -2;

export function createScanner(analyzer: Analyzer, maxTerms = Number.POSITIVE_INFINITY): Scanner {
  const stop = analyzer.stopWords.words;
  const stemmer = analyzer.stemmer;
  const [minN, maxN] = analyzer.options.ngramRange;
  const wordIds = new Map<string, number>();
  const gramIds = new IntPairMap();
  const terms: string[] = [];
  const stream = new GrowableInt32(1 << 16);
  const offsets = new GrowableInt32(1024);
  offsets.push(0);
  let d = 0;
  let dropped = 0;
  const df = new GrowableInt32(1 << 12);
  const lastDoc = new GrowableInt32(1 << 12);
  const tf = new GrowableInt32(1 << 12);
  const surfaceCounts: Map<string, number>[] | null = stemmer === null ? null : [];
  let words = new Int32Array(1024);
  let prefix = new Int32Array(1024);
  const stopWords = [...stop];
  // Word scans keep the stop words written between words, for showing phrases as written,
  // and where a dropped number (or a word a full vocabulary leaves out) stops a phrase.
  const wordScan = stemmer === null && minN === 1 && maxN === 1;
  const gaps = wordScan ? createGapCollector(stopWords) : null;
  const breakPositions = new GrowableInt32(wordScan ? 1 << 12 : 16);
  // Whether a word was dropped since the document's last counted word.
  let broken = false;
  /** Counts a word of a word scan, noting a break before it. */
  const countWord = (id: number, d: number): void => {
    if (broken) breakPositions.push(stream.length);
    broken = false;
    count(id, d, null);
  };

  const newTerm = (term: string): number => {
    const id = terms.length;
    terms.push(term);
    df.push(0);
    lastDoc.push(-1);
    tf.push(0);
    surfaceCounts?.push(new Map());
    return id;
  };
  const count = (id: number, d: number, surface: string | null): void => {
    stream.push(id);
    tf.set(id, tf.get(id) + 1);
    if (lastDoc.get(id) !== d) {
      lastDoc.set(id, d);
      df.set(id, df.get(id) + 1);
    }
    if (surface !== null && surfaceCounts !== null) {
      const counts = surfaceCounts[id] as Map<string, number>;
      const seen = counts.get(surface);
      if (seen === undefined) counts.set(detachString(surface), 1);
      else counts.set(surface, seen + 1);
    }
  };

  /** The id of a word, a new id for a new word, or -1 once the vocabulary is full (not counted as dropped). */
  const insert = (key: string): number => {
    const id = wordIds.get(key);
    if (id !== undefined) return id;
    if (terms.length >= maxTerms) return -1;
    const term = detachString(key);
    const fresh = newTerm(term);
    wordIds.set(term, fresh);
    return fresh;
  };
  /** {@link insert}, counting a word left out of a full vocabulary. */
  const idOf = (key: string): number => {
    const id = insert(key);
    if (id === -1) dropped++;
    return id;
  };
  // Without a stemmer, stop words sit in the word map with ids from STOP down: one lookup a token.
  if (stemmer === null) for (const [i, w] of stopWords.entries()) wordIds.set(w, STOP - i);

  const add = (text: string): void => {
    const raw = analyzer.markingTokenizer(text);
    if (raw.length > words.length) {
      words = new Int32Array(2 * raw.length);
      prefix = new Int32Array(2 * raw.length);
    }
    // The words kept (stop words out), as keys (stemmed) and as written.
    let tokens: string[];
    let keys: string[];
    let n = 0;
    if (stemmer === null) {
      tokens = keys = maxN > 1 ? [] : raw;
      const gapsHere = gaps !== null && d < WRITTEN_GAP_DOCUMENTS;
      if (gapsHere) gaps.startDocument();
      for (const t of raw) {
        if (t === PHRASE_BREAK) {
          broken = true;
          if (gapsHere) gaps.leftOut();
          if (maxN > 1) {
            // No n-gram runs through a dropped number.
            tokens.push(t);
            words[n] = -1;
            prefix[n] = -1;
            n++;
          }
          continue;
        }
        const known = wordIds.get(t);
        if (known !== undefined && known <= STOP) {
          if (gapsHere) gaps.stopWord(STOP - known);
          continue;
        }
        const id = known ?? idOf(t);
        if (maxN > 1) tokens.push(t);
        words[n] = id;
        prefix[n] = id;
        n++;
        if (wordScan) {
          if (id >= 0) countWord(id, d);
          else broken = true;
        } else if (minN === 1 && id >= 0) count(id, d, null);
        if (gapsHere) {
          if (id >= 0) gaps.word();
          else gaps.leftOut();
        }
      }
    } else {
      tokens = [];
      for (const t of raw) if (!stop.has(t)) tokens.push(t);
      keys = tokens.map((t) => (t === PHRASE_BREAK ? t : stemmer(t)));
      n = tokens.length;
      for (let i = 0; i < n; i++) {
        // No n-gram runs through a dropped number.
        const id = tokens[i] === PHRASE_BREAK ? -1 : idOf(keys[i] as string);
        words[i] = id;
        prefix[i] = id;
        if (minN === 1 && id >= 0) count(id, d, tokens[i] as string);
      }
    }
    // No n-gram is longer than its document (an ngramRange of 10^10 must not loop 10^10 times).
    for (let size = 2; size <= Math.min(maxN, n); size++) {
      for (let i = 0; i + size <= n; i++) {
        const head = prefix[i] as number;
        const last = words[i + size - 1] as number;
        if (head < 0 || last < 0) {
          prefix[i] = -1;
          continue;
        }
        let id = gramIds.get(head, last);
        if (id < 0) {
          if (terms.length >= maxTerms) {
            dropped++;
            prefix[i] = -1;
            continue;
          }
          id = newTerm(`${terms[head] as string} ${keys[i + size - 1] as string}`);
          gramIds.set(head, last, id);
        }
        prefix[i] = id;
        if (size >= minN) count(id, d, stemmer === null ? null : tokens.slice(i, i + size).join(" "));
      }
    }
    d++;
    offsets.push(stream.length);
    broken = false;
  };
  const addAnalyzed = (batch: AnalyzedBatch): void => {
    if (stemmer !== null || minN !== 1 || maxN !== 1)
      throw new Error("addAnalyzed: only unigram, unstemmed scans take analyzed batches");
    // Global ids in the batch's order of first appearance: the order one thread meets them.
    const remap = new Int32Array(batch.terms.length);
    for (let l = 0; l < remap.length; l++) remap[l] = insert(batch.terms[l] as string);
    const gapOf = Int32Array.from(batch.gapForms, (form) => (gaps === null ? UNKNOWN_GAP : gaps.codeOfForm(form)));
    const { ids, offsets: starts, breaks } = batch;
    let nextBreak = 0;
    for (let doc = 0; doc + 1 < starts.length; doc++) {
      const gapsHere = gaps !== null && d < WRITTEN_GAP_DOCUMENTS;
      if (gapsHere) gaps.startDocument();
      for (let p = starts[doc] as number; p < (starts[doc + 1] as number); p++) {
        while (nextBreak < breaks.length && (breaks[nextBreak] as number) < p) nextBreak++;
        if (breaks[nextBreak] === p) broken = true;
        const id = remap[ids[p] as number] as number;
        // A word first met once the vocabulary is full is not counted, each time, as in add.
        if (id >= 0) countWord(id, d);
        else {
          broken = true;
          if (id === -1) dropped++;
        }
        if (gapsHere) {
          const local = batch.gaps[p] as number;
          if (id >= 0) gaps.word(local === UNKNOWN_GAP ? UNKNOWN_GAP : (gapOf[local] as number));
          else gaps.leftOut();
        }
      }
      d++;
      offsets.push(stream.length);
      broken = false;
    }
  };
  return {
    add,
    addAnalyzed,
    get documents() {
      return d;
    },
    get droppedTerms() {
      return dropped;
    },
    finish: () => ({
      terms,
      // Views, not copies: the scan is over, and a copy would double the peak for a moment
      // (measured at a million abstracts: an exact copy raised the peak from 2.2 to 2.6 GB).
      stream: stream.view(),
      offsets: offsets.view(),
      documentFrequency: df.toArray(),
      termFrequency: Float64Array.from(tf.view()),
      surfaces: surfaceCounts === null ? null : surfaceCounts.map(mostFrequent),
      gaps: gaps?.finish(Math.min(d, WRITTEN_GAP_DOCUMENTS)) ?? null,
      breaks: wordScan ? phraseBreaksAt(breakPositions.view(), stream.length) : null,
    }),
  };
}

function mostFrequent(counts: Map<string, number>): string {
  let best = "";
  let bestCount = -1;
  for (const [s, c] of counts) {
    if (c > bestCount || (c === bestCount && compareCodePoints(s, best) < 0)) {
      best = s;
      bestCount = c;
    }
  }
  return best;
}

/** The pruned, sorted vocabulary and the map from provisional ids to columns. */
export interface PrunedVocabulary {
  readonly vocabulary: readonly string[];
  /** Column of each provisional id, or -1 when pruned. */
  readonly columnOf: Int32Array;
  /** Provisional id of each column. */
  readonly provisionalOf: Int32Array;
}

/**
 * Applies minDf/maxDf, then maxFeatures (top corpus frequency, ties broken by term
 * order), then sorts terms by code point as scikit-learn does.
 * @throws EmptyInputError when no term survives.
 */
export function pruneVocabulary(
  fn: string,
  analyzer: Analyzer,
  scanned: ScannedCorpus,
  nDocs: number,
): PrunedVocabulary {
  const { min, max } = documentCountLimits(fn, analyzer.options, nDocs, analyzer.name);
  const n = scanned.terms.length;
  let kept: number[] = [];
  for (let t = 0; t < n; t++) {
    const df = scanned.documentFrequency[t] as number;
    if (df >= min && df <= max) kept.push(t);
  }
  const byTerm = (a: number, b: number) => compareCodePoints(scanned.terms[a] as string, scanned.terms[b] as string);
  const limit = analyzer.options.maxFeatures;
  if (limit !== null && kept.length > limit) {
    const tf = scanned.termFrequency;
    kept.sort((a, b) => (tf[b] as number) - (tf[a] as number) || byTerm(a, b));
    kept = kept.slice(0, limit);
  }
  if (kept.length === 0) {
    if (n === 0) {
      throw new EmptyInputError(`${fn}: docs hold no terms; every document is empty or only stop words`, "docs");
    }
    throw new EmptyInputError(
      `${fn}: no terms left after pruning (minDf ${analyzer.options.minDf}, maxDf ${analyzer.options.maxDf}); lower minDf or raise maxDf`,
      `${analyzer.name}.minDf`,
    );
  }
  sortByTerm(kept, scanned.terms);
  const columnOf = new Int32Array(n).fill(-1);
  for (let c = 0; c < kept.length; c++) columnOf[kept[c] as number] = c;
  return {
    vocabulary: kept.map((t) => scanned.terms[t] as string),
    columnOf,
    provisionalOf: Int32Array.from(kept),
  };
}

/**
 * Sorts term ids in place by their strings (`terms[id]`) in code-point order. The engine's
 * native string sort (code-unit order) agrees with code-point order unless a surrogate
 * pair is involved, so it is used whenever no term holds one.
 */
export function sortByTerm(ids: number[], terms: readonly string[]): void {
  const strings = ids.map((t) => terms[t] as string);
  if (strings.some((s) => /[\uD800-\uDFFF]/.test(s))) {
    ids.sort((a, b) => compareCodePoints(terms[a] as string, terms[b] as string));
    return;
  }
  const idOf = new Map<string, number>();
  ids.forEach((t, i) => {
    idOf.set(strings[i] as string, t);
  });
  strings.sort();
  strings.forEach((s, i) => {
    ids[i] = idOf.get(s) as number;
  });
}

/**
 * Checks the shape of documents held as word ids, in O(words): a `terms` array, an Int32Array
 * `stream` of ids below its length, `documents + 1` increasing `offsets` into it, and a
 * `documentFrequency` per term. What `fitTransformTfidfWithTokens` returns passes. An object
 * that passed is not read again: the one call hands the same documents to several stages.
 * @throws InvalidArgumentError naming `name`.
 */
export function checkTokenDocuments(fn: string, name: string, tokens: unknown): asserts tokens is TokenDocuments {
  if (checkedTokens.has(tokens as object)) return;
  const bad = (what: string): never => {
    throw new InvalidArgumentError(
      `${fn}: ${name} must be documents as word ids ({terms, stream, offsets, documentFrequency}, as fitTransformTfidfWithTokens gives them): ${what}`,
      name,
    );
  };
  if (tokens === null || typeof tokens !== "object") bad(`got ${describeValue(tokens)}`);
  const t = tokens as Partial<TokenDocuments>;
  if (!Array.isArray(t.terms)) bad("terms is not an array");
  if (
    !(t.stream instanceof Int32Array) ||
    !(t.offsets instanceof Int32Array) ||
    !(t.documentFrequency instanceof Int32Array)
  )
    bad("stream, offsets and documentFrequency must be Int32Arrays");
  const { stream, offsets, terms, documentFrequency } = t as TokenDocuments;
  if (offsets.length < 1 || offsets[0] !== 0 || offsets[offsets.length - 1] !== stream.length)
    bad(`offsets must run from 0 to the stream's length (${stream.length})`);
  for (let d = 1; d < offsets.length; d++)
    if ((offsets[d] as number) < (offsets[d - 1] as number)) bad(`offsets decrease at document ${d - 1}`);
  if (documentFrequency.length !== terms.length)
    bad(`documentFrequency holds ${documentFrequency.length} values for ${terms.length} terms`);
  const { breaks } = t as TokenDocuments;
  if (breaks !== undefined && (!(breaks instanceof Uint32Array) || breaks.length !== Math.ceil(stream.length / 32)))
    bad(`breaks must be a Uint32Array of one bit a word (${Math.ceil(stream.length / 32)} values)`);
  for (let p = 0; p < stream.length; p++) {
    const id = stream[p] as number;
    if (id < 0 || id >= terms.length) bad(`stream[${p}] is ${id}, not a term id below ${terms.length}`);
  }
  checkedTokens.add(tokens as object);
}

/** Token documents already checked (their typed arrays are not expected to be rewritten). */
const checkedTokens = new WeakSet<object>();
