import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { log } from "../core/math.js";
import { checkInteger, checkOptions } from "../core/validate.js";
import type { TokenDocuments } from "../vectorize/vocabulary.js";
import { checkTokenDocuments } from "../vectorize/vocabulary.js";

/** A topic as its ranked terms; a term may be a phrase ("federated learning"). */
export type TopicTerms = readonly string[];

const EPSILON = 1e-12;

function checkInputs(fn: string, topics: readonly TopicTerms[], texts: readonly (readonly string[])[]): void {
  if (!Array.isArray(topics) || topics.some((t) => !Array.isArray(t) || t.some((w) => typeof w !== "string"))) {
    throw new InvalidArgumentError(
      `${fn}: topics must be an array of arrays of terms; got ${describeValue(topics)}`,
      "topics",
    );
  }
  if (!Array.isArray(texts) || texts.some((t) => !Array.isArray(t))) {
    throw new InvalidArgumentError(
      `${fn}: texts must be an array of token arrays; got ${describeValue(texts)}`,
      "texts",
    );
  }
}

/** The topic terms' words as small integer ids, and which terms hold each word. */
interface TermWords {
  /** Id of each distinct word of the terms. */
  readonly wordIds: Map<string, number>;
  /** Word ids of each term (a phrase has several). */
  readonly termWords: readonly (readonly number[])[];
  /** Terms holding each word id. */
  readonly termsOfWord: readonly (readonly number[])[];
}

function termWordsOf(terms: readonly string[]): TermWords {
  const wordIds = new Map<string, number>();
  const termWords: number[][] = [];
  const termsOfWord: number[][] = [];
  for (let t = 0; t < terms.length; t++) {
    const ids: number[] = [];
    for (const w of (terms[t] as string).split(" ")) {
      let id = wordIds.get(w);
      if (id === undefined) {
        id = termsOfWord.length;
        wordIds.set(w, id);
        termsOfWord.push([]);
      }
      ids.push(id);
      (termsOfWord[id] as number[]).push(t);
    }
    termWords.push(ids);
  }
  return { wordIds, termWords, termsOfWord };
}

/**
 * Counts, over "virtual documents" (windows or documents), how many contain each term
 * and each pair of terms. A phrase is present when all its words are. Units are given
 * by `forEachUnit`, which calls `unit(words, count)` with the ids of the topic words in
 * the unit (repeats allowed) in `words[0..count)`.
 */
function cooccurrence(
  nTerms: number,
  tw: TermWords,
  forEachUnit: (unit: (words: Int32Array, count: number) => void) => void,
): { single: Float64Array; pair: Float64Array; total: number } {
  const n = nTerms;
  // Flat typed views of which words each term has and which terms each word is in.
  const termStart = new Int32Array(n + 1);
  tw.termWords.forEach((ws, t) => {
    termStart[t + 1] = (termStart[t] as number) + ws.length;
  });
  const termWord = Int32Array.from(tw.termWords.flat());
  const nWords = tw.termsOfWord.length;
  const wordStart = new Int32Array(nWords + 1);
  tw.termsOfWord.forEach((ts, w) => {
    wordStart[w + 1] = (wordStart[w] as number) + ts.length;
  });
  const wordTerm = Int32Array.from(tw.termsOfWord.flat());
  const single = new Float64Array(n);
  const pair = new Float64Array(n * n);
  // Stamps instead of clearing: a word is in the current unit when mark[id] === unit number.
  const mark = new Int32Array(nWords);
  const seen = new Int32Array(n);
  const words = new Int32Array(nWords);
  const hits = new Int32Array(n);
  let total = 0;
  forEachUnit((unitWords, count) => {
    total++;
    let nw = 0;
    for (let i = 0; i < count; i++) {
      const id = unitWords[i] as number;
      if (mark[id] !== total) {
        mark[id] = total;
        words[nw++] = id;
      }
    }
    // A term (a phrase: all its words) is present when every word is; only terms sharing a
    // word with the unit can be.
    let nh = 0;
    for (let i = 0; i < nw; i++) {
      const id = words[i] as number;
      for (let q = wordStart[id] as number; q < (wordStart[id + 1] as number); q++) {
        const t = wordTerm[q] as number;
        if (seen[t] === total) continue;
        seen[t] = total;
        let all = true;
        for (let r = termStart[t] as number; r < (termStart[t + 1] as number); r++) {
          if (mark[termWord[r] as number] !== total) {
            all = false;
            break;
          }
        }
        if (all) hits[nh++] = t;
      }
    }
    for (let i = 0; i < nh; i++) {
      const a = hits[i] as number;
      single[a] = (single[a] as number) + 1;
      for (let j = 0; j < nh; j++) {
        const at = a * n + (hits[j] as number);
        pair[at] = (pair[at] as number) + 1;
      }
    }
  });
  return { single, pair, total };
}

/**
 * Boolean sliding windows as gensim's `WordOccurrenceAccumulator` forms them: the first
 * window of a text holds its distinct words; each slide then drops the word leaving at
 * the left edge (even when another occurrence of it is still inside the window) and
 * adds the entering word. Reproducing that rule keeps `c_npmi` values identical.
 * `text` holds topic-word ids, -1 for any other token; `inWindow` is all zeros on entry
 * and on exit. The window's topic words are kept as a list, updated at its two edges.
 */
function slidingWindows(
  text: Int32Array,
  size: number,
  inWindow: Uint8Array,
  present: Int32Array,
  unit: (words: Int32Array, count: number) => void,
): void {
  const len = text.length;
  let count = 0;
  const enter = (w: number) => {
    if (w < 0 || inWindow[w] === 1) return;
    inWindow[w] = 1;
    present[count++] = w;
  };
  const leave = (w: number) => {
    if (w < 0 || inWindow[w] === 0) return;
    inWindow[w] = 0;
    for (let i = 0; i < count; i++) {
      if (present[i] === w) {
        present[i] = present[--count] as number;
        break;
      }
    }
  };
  const first = Math.min(len, size);
  for (let i = 0; i < first; i++) enter(text[i] as number);
  unit(present, count);
  for (let i = size; i < len; i++) {
    leave(text[i - size] as number);
    enter(text[i] as number);
    unit(present, count);
  }
  for (let i = 0; i < count; i++) inWindow[present[i] as number] = 0;
}

/**
 * The sliding windows of `count` texts, text `i` given as topic-word ids by `textOf(i)`,
 * for {@link cooccurrence}.
 */
function windowsOf(tw: TermWords, size: number, count: number, textOf: (i: number) => Int32Array) {
  return (unit: (words: Int32Array, count: number) => void) => {
    const inWindow = new Uint8Array(tw.termsOfWord.length);
    const present = new Int32Array(size + 1);
    for (let i = 0; i < count; i++) slidingWindows(textOf(i), size, inWindow, present, unit);
  };
}

function vocabularyOf(topics: readonly TopicTerms[]): { terms: string[]; index: Map<string, number> } {
  const index = new Map<string, number>();
  const terms: string[] = [];
  for (const t of topics) {
    for (const w of t) {
      if (index.has(w)) continue;
      index.set(w, terms.length);
      terms.push(w);
    }
  }
  return { terms, index };
}

/**
 * NPMI topic coherence as gensim's `c_npmi` (Bouma, 2009; Röder et al., 2015): boolean
 * sliding windows of `windowSize` tokens over the reference texts (a text shorter than
 * the window is one window), `NPMI = ln((P(a,b) + ε) / (P(a)P(b))) / -ln(P(a,b) + ε)`
 * with ε = 1e-12, averaged over the ordered pairs of each topic's terms, then over
 * topics. Ranges over [-1, 1]; higher is more coherent.
 * O(total tokens · topic terms).
 * @param texts tokenised reference documents (e.g. `model.analyze(doc)` per document).
 */
export function npmiCoherence(
  topics: readonly TopicTerms[],
  texts: readonly (readonly string[])[],
  options: { windowSize?: number } = {},
): number {
  return meanTopicCoherence(npmiPerTopicOfTexts("npmiCoherence", topics, texts, options));
}

/**
 * {@link npmiCoherence} of each topic, as gensim's `get_coherence_per_topic()`: null for a
 * topic of fewer than two terms (no pair to score; `npmiCoherence` leaves it out of its mean).
 */
export function npmiCoherencePerTopic(
  topics: readonly TopicTerms[],
  texts: readonly (readonly string[])[],
  options: { windowSize?: number } = {},
): (number | null)[] {
  return npmiPerTopicOfTexts("npmiCoherencePerTopic", topics, texts, options);
}

function npmiPerTopicOfTexts(
  fn: string,
  topics: readonly TopicTerms[],
  texts: readonly (readonly string[])[],
  options: { windowSize?: number },
): (number | null)[] {
  checkInputs(fn, topics, texts);
  const o = checkOptions(fn, options, ["windowSize"]);
  const windowSize = checkInteger(fn, "options.windowSize", o.windowSize ?? 10, 1);
  const { terms, index } = vocabularyOf(topics);
  const tw = termWordsOf(terms);
  const windows = windowsOf(tw, windowSize, texts.length, (i) =>
    Int32Array.from(texts[i] as readonly string[], (w) => tw.wordIds.get(w) ?? -1),
  );
  return npmiFromCounts(topics, index, cooccurrence(terms.length, tw, windows));
}

/** The mean over the topics that have a value (0 when none has), as gensim averages them. */
export function meanTopicCoherence(perTopic: readonly (number | null)[]): number {
  let sum = 0;
  let count = 0;
  for (const v of perTopic) {
    if (v === null) continue;
    sum += v;
    count++;
  }
  return count === 0 ? 0 : sum / count;
}

/**
 * {@link npmiCoherence} over documents held as word ids (one tokenizing pass, see
 * `fitTransformTfidfWithTokens`), optionally only over the documents listed in `subset`:
 * the same value as `npmiCoherence` on those documents' token strings, without building
 * them.
 */
export function npmiCoherenceOfTokens(
  topics: readonly TopicTerms[],
  tokens: TokenDocuments,
  subset: Int32Array | null = null,
  windowSize = 10,
): number {
  const fn = "npmiCoherenceOfTokens";
  checkTokenDocuments(fn, "tokens", tokens);
  checkInputs(fn, topics, []);
  const n = tokens.offsets.length - 1;
  if (subset !== null && (!(subset instanceof Int32Array) || subset.some((d) => d < 0 || d >= n)))
    throw new InvalidArgumentError(
      `${fn}: subset must be null or an Int32Array of document numbers from 0 to ${n - 1}; got ${describeValue(subset)}`,
      "subset",
    );
  checkInteger(fn, "windowSize", windowSize, 1);
  return meanTopicCoherence(npmiPerTopicOfTokens(topics, tokens, subset, windowSize));
}

/** {@link npmiCoherencePerTopic} over documents held as word ids, as {@link npmiCoherenceOfTokens}. */
export function npmiPerTopicOfTokens(
  topics: readonly TopicTerms[],
  tokens: TokenDocuments,
  subset: Int32Array | null = null,
  windowSize = 10,
): (number | null)[] {
  const { terms, index } = vocabularyOf(topics);
  const tw = termWordsOf(terms);
  // Topic-word id of every word id of the tokens (-1 for words no topic uses).
  const local = new Int32Array(tokens.terms.length).fill(-1);
  tokens.terms.forEach((w, id) => {
    const t = tw.wordIds.get(w);
    if (t !== undefined) local[id] = t;
  });
  const count = subset === null ? tokens.offsets.length - 1 : subset.length;
  let text = new Int32Array(256);
  const windows = windowsOf(tw, windowSize, count, (i) => {
    const d = subset === null ? i : (subset[i] as number);
    const from = tokens.offsets[d] as number;
    const len = (tokens.offsets[d + 1] as number) - from;
    if (len > text.length) text = new Int32Array(2 * len);
    for (let p = 0; p < len; p++) text[p] = local[tokens.stream[from + p] as number] as number;
    return text.subarray(0, len);
  });
  return npmiFromCounts(topics, index, cooccurrence(terms.length, tw, windows));
}

function npmiFromCounts(
  topics: readonly TopicTerms[],
  index: Map<string, number>,
  counts: { single: Float64Array; pair: Float64Array; total: number },
): (number | null)[] {
  const { single, pair, total } = counts;
  const n = index.size;
  const perTopic: (number | null)[] = [];
  for (const topic of topics) {
    let sum = 0;
    let count = 0;
    for (const a of topic) {
      for (const b of topic) {
        if (a === b) continue;
        const i = index.get(a) as number;
        const j = index.get(b) as number;
        const pab = (pair[i * n + j] as number) / total;
        const pa = (single[i] as number) / total;
        const pb = (single[j] as number) / total;
        // A term absent from every window has no defined PMI (gensim divides by zero);
        // count the pair as never co-occurring, NPMI's floor of -1.
        if (pa === 0 || pb === 0) sum -= 1;
        else sum += log((pab + EPSILON) / (pa * pb)) / -log(pab + EPSILON);
        count++;
      }
    }
    perTopic.push(count > 0 ? sum / count : null);
  }
  return perTopic;
}

/**
 * UMass topic coherence as gensim's `u_mass` (Mimno et al., 2011): document
 * co-occurrence, `ln((D(a,b)/N + ε) / (D(b)/N))` over pairs where `b` ranks above `a`,
 * averaged per topic, then over topics. Higher (closer to 0) is more coherent.
 * O(total tokens · topic terms).
 */
export function umassCoherence(topics: readonly TopicTerms[], texts: readonly (readonly string[])[]): number {
  const fn = "umassCoherence";
  checkInputs(fn, topics, texts);
  const { terms, index } = vocabularyOf(topics);
  const tw = termWordsOf(terms);
  const { single, pair, total } = cooccurrence(terms.length, tw, (unit) => {
    for (const text of texts) {
      const ids = Int32Array.from(text, (w) => tw.wordIds.get(w) ?? -1).filter((id) => id >= 0);
      unit(ids, ids.length);
    }
  });
  const n = terms.length;
  const perTopic: number[] = [];
  for (const topic of topics) {
    let sum = 0;
    let count = 0;
    for (let x = 1; x < topic.length; x++) {
      for (let y = 0; y < x; y++) {
        const i = index.get(topic[x] as string) as number;
        const j = index.get(topic[y] as string) as number;
        const dj = (single[j] as number) / total;
        if (dj === 0) continue;
        sum += log(((pair[i * n + j] as number) / total + EPSILON) / dj);
        count++;
      }
    }
    if (count > 0) perTopic.push(sum / count);
  }
  return perTopic.length === 0 ? 0 : perTopic.reduce((x, y) => x + y, 0) / perTopic.length;
}

/**
 * Topic diversity (Dieng, Ruiz & Blei, 2020): the share of unique terms among the top
 * `topN` terms of all topics; 1 means no two topics share a term.
 */
export function topicDiversity(topics: readonly TopicTerms[], topN = 25): number {
  checkInputs("topicDiversity", topics, []);
  checkInteger("topicDiversity", "topN", topN, 1);
  const seen = new Set<string>();
  let total = 0;
  for (const t of topics) {
    for (const w of t.slice(0, topN)) {
      seen.add(w);
      total++;
    }
  }
  return total === 0 ? 0 : seen.size / total;
}
