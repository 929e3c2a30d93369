import type { CsrMatrix } from "../core/csr.js";
import { withMethods } from "../core/methods.js";
import { checkBoolean, checkInteger, checkNumber, checkOptions } from "../core/validate.js";
import { withDisplay } from "../evaluate/display.js";
import { CLASS_PHRASE_DEFAULTS, classPhraseCounts } from "../keywords/classPhraseCounts.js";
import { classTfidf } from "../keywords/ctfidf.js";
import { checkTopicsResult } from "../pipeline/checkResult.js";
import type { DocumentInput } from "../pipeline/documents.js";
import { normalizeDocuments } from "../pipeline/documents.js";
import type { TopicsResult } from "../pipeline/types.js";
import { csvField } from "../report/csv.js";
import { type TokenWeights, tokenTableHtml, tokenTableText } from "../report/tokenTable.js";
import { documentWords } from "./documentWords.js";

export interface TopicDistributionOptions {
  /** Tokens in each window (tokenset). @defaultValue 4 */
  readonly window?: number;
  /** Tokens the window moves at each step. @defaultValue 1 */
  readonly stride?: number;
  /** A window's similarity to a topic below this counts as 0. @defaultValue 0.1 */
  readonly minSimilarity?: number;
  /** Whether windows also start before the text, holding its first tokens only. @defaultValue false */
  readonly padding?: boolean;
  /** Texts to give distributions for, instead of the fitted documents (new texts). */
  readonly texts?: readonly DocumentInput[];
}

/** How much of each topic every document holds. */
export interface TopicDistributionData {
  /** The topic of each column (the result's topic ids, in order). */
  readonly topics: readonly number[];
  /** How many rows (documents) there are. */
  readonly documents: number;
  /**
   * documents x topics, row after row; each row sums to 1, or is all 0 for a text of which no
   * window is at least `minSimilarity` similar to any topic.
   */
  readonly values: Float64Array;
  /**
   * How many rows are all 0. Many on a large corpus means `minSimilarity` is too high for
   * it: on 87,242 abstracts at k 50, BERTopic's 0.1 leaves 48% of them empty, 0.05 leaves 71.
   */
  readonly empty: number;
}

/** Each token's weight for every topic, in one document. */
export interface TokenDistribution extends TokenWeights {
  /** A table of the tokens against the topics they weigh for, shaded (BERTopic's `visualize_approximate_distribution`). */
  toHTML(): string;
  /** For each topic weighed, its tokens of largest weight. */
  toString(): string;
}

/** A topic's share of a document. */
export interface TopicShare {
  readonly topic: number;
  readonly share: number;
}

/** A document that holds more than one theme, and its largest shares. */
export interface MixedDocument {
  readonly index: number;
  /** Its topics of a share of 0.05 or more, largest first. */
  readonly shares: readonly TopicShare[];
}

export interface TopicDistribution extends TopicDistributionData {
  /** Document i's share of each topic (a view into `values`). */
  row(i: number): Float64Array;
  /**
   * How much each of document i's tokens (stop words included, as windows read them) adds to
   * every topic: the summed similarities of the windows holding it, tokens x topics, as
   * BERTopic's `approximate_distribution(..., calculate_tokens=True)` gives them.
   */
  tokens(i: number): TokenDistribution;
  /** Document i's topics with a share of at least `min` (default 0.05), largest first. */
  shares(i: number, min?: number): TopicShare[];
  /**
   * The documents whose second-largest share is at least `minShare` (default 0.25, at most
   * 0.5): those holding more than one theme, the most even first.
   */
  mixed(minShare?: number): MixedDocument[];
  /** CSV: `document` then one column per topic (`topic_0`, ...). */
  toCSV(): string;
  /** Plain data (values as an array of rows). */
  toJSON(): { topics: number[]; documents: number; empty: number; values: number[][] };
}

/**
 * How much of each topic every document holds, as BERTopic's `approximate_distribution`
 * computes it with its c-TF-IDF (not its embedding model): each text's tokens (stop words
 * included) are cut into windows of `window` tokens every `stride` tokens; a window's words
 * are weighed as c-TF-IDF with the topics' idf (BERTopic's `ctfidf_model.transform`:
 * L1-normalised counts, square-rooted, times idf) and compared (cosine) with every topic's
 * c-TF-IDF row, built from the fitted documents' words as the analysis views build theirs;
 * similarities under `minSimilarity` count as 0, a text's windows are summed, and the sum is
 * L1-normalised. A document is then seen to hold several themes, which its one topic hides.
 * Words are the model's (its stop words; single words, as BERTopic's default vectorizer).
 * @throws InvalidArgumentError for documents other than the fitted ones, bad texts or bad options.
 */
export function topicDistribution(
  result: TopicsResult,
  docs: readonly DocumentInput[],
  options: TopicDistributionOptions = {},
): TopicDistribution {
  const fn = "topicDistribution";
  checkTopicsResult(fn, result);
  const o = checkOptions(fn, options, ["window", "stride", "minSimilarity", "padding", "texts"]);
  const window = checkInteger(fn, "options.window", o.window ?? 4, 1);
  const stride = checkInteger(fn, "options.stride", o.stride ?? 1, 1);
  const minSimilarity = checkNumber(fn, "options.minSimilarity", o.minSimilarity ?? 0.1, { min: 0, max: 1 });
  const padding = checkBoolean(fn, "options.padding", o.padding ?? false);
  const words = documentWords(fn, result, docs);
  const texts = o.texts === undefined ? words.texts : normalizeDocuments(fn, o.texts, "options.texts").texts;
  const ids = result.topics.map((t) => t.id);
  const K = ids.length;
  const { tokens } = words;
  // Documents in no topic are one more class of the idf, as BERTopic's outlier topic is, and
  // no column of the distribution.
  const outliers = result.assignments.includes(-1);
  const labels = outliers ? Int32Array.from(result.assignments, (t) => (t < 0 ? K : t)) : result.assignments;
  // Single words, counted as a unigram vectorizer counts them (BERTopic's default).
  const table = classPhraseCounts(tokens, labels, outliers ? K + 1 : K, {
    ngramRange: [1, 1],
    minDf: 1,
    minDocuments: 1,
    phraseWords: CLASS_PHRASE_DEFAULTS.phraseWords,
  });
  const topicRows = classTfidf(table.termCounts, { reduceFrequentWords: true });
  const columns = topicColumns(topicRows.matrix, K);
  const wordId = new Map(table.vocabulary.map((w, i) => [w, i]));
  const { analyzer } = words;
  const stop = analyzer.stopWords.words;
  const scratch = windowScratch(table.vocabulary.length, window);
  const similarity = new Float64Array(K);
  /** Each window of a text, with its similarity to every topic (0 under `minSimilarity`); returns the text's tokens. */
  const eachWindow = (text: string, visit: (start: number, end: number, similarity: Float64Array) => void) => {
    const textTokens = analyzer.tokenizer(text);
    // Each token's word id; −1 for a stop word or a word the fitted documents lack.
    const wordIds = Int32Array.from(textTokens, (t) => (stop.has(t) ? -1 : (wordId.get(t) ?? -1)));
    eachTokenSet(wordIds.length, window, stride, padding, (start, end) => {
      windowSimilarity(wordIds, start, end, topicRows.idf, columns, scratch, similarity);
      for (let c = 0; c < K; c++) if ((similarity[c] as number) < minSimilarity) similarity[c] = 0;
      visit(start, end, similarity);
    });
    return textTokens;
  };
  const values = new Float64Array(texts.length * K);
  let empty = 0;
  for (let d = 0; d < texts.length; d++) {
    const row = values.subarray(d * K, (d + 1) * K);
    eachWindow(texts[d] as string, (_start, _end, sim) => {
      for (let c = 0; c < K; c++) row[c] = (row[c] as number) + (sim[c] as number);
    });
    let sum = 0;
    for (let c = 0; c < K; c++) sum += Math.abs(row[c] as number);
    if (sum > 0) for (let c = 0; c < K; c++) row[c] = (row[c] as number) / sum;
    else empty++;
  }
  const data: TopicDistributionData = { topics: ids, documents: texts.length, values, empty };
  const row = (method: string, i: number) => {
    checkInteger(`TopicDistribution.${method}`, "i", i, 0, texts.length - 1, "the number of documents minus 1");
    return values.subarray(i * K, (i + 1) * K);
  };
  const sharesOf = (method: string, i: number, min: number): TopicShare[] =>
    Array.from(row(method, i), (share, c) => ({ topic: ids[c] as number, share }))
      .filter((x) => x.share > 0 && x.share >= min)
      .sort((a, b) => b.share - a.share || a.topic - b.topic);
  return withMethods(data, {
    row: (i: number) => row("row", i),
    tokens: (i: number) => {
      row("tokens", i);
      const perToken: number[][] = [];
      const tokenList = eachWindow(texts[i] as string, (start, end, sim) => {
        for (let t = start; t < end; t++) {
          const at = (perToken[t] ??= new Array(K).fill(0)) as number[];
          for (let c = 0; c < K; c++) at[c] = (at[c] as number) + (sim[c] as number);
        }
      });
      const out = new Float64Array(tokenList.length * K);
      perToken.forEach((at, t) => {
        out.set(at, t * K);
      });
      const name = (topic: number) => result.topics[topic]?.name ?? `topic ${topic}`;
      const table = { tokens: tokenList, topics: ids, values: out };
      return withDisplay(
        withMethods(table, {
          toHTML: () => tokenTableHtml(table, name),
          toString: () => tokenTableText(table, name),
        }),
        () => ({ "text/html": tokenTableHtml(table, name), "text/plain": tokenTableText(table, name) }),
      );
    },
    shares: (i: number, min = 0.05) =>
      sharesOf("shares", i, checkNumber("TopicDistribution.shares", "min", min, { min: 0, max: 1 })),
    mixed: (minShare = 0.25) => {
      checkNumber("TopicDistribution.mixed", "minShare", minShare, { min: 0, minExclusive: true, max: 0.5 });
      const out: MixedDocument[] = [];
      for (let i = 0; i < texts.length; i++) {
        const shares = sharesOf("mixed", i, 0.05);
        if ((shares[1]?.share ?? 0) >= minShare) out.push({ index: i, shares });
      }
      return out.sort((a, b) => (b.shares[1]?.share as number) - (a.shares[1]?.share as number) || a.index - b.index);
    },
    toCSV: () => {
      const lines = [["document", ...ids.map((t) => `topic_${t}`)].join(",")];
      for (let d = 0; d < texts.length; d++)
        lines.push([d, ...Array.from(values.subarray(d * K, (d + 1) * K))].map(csvField).join(","));
      return `${lines.join("\r\n")}\r\n`;
    },
    toJSON: () => ({
      topics: [...ids],
      documents: texts.length,
      empty,
      values: Array.from({ length: texts.length }, (_, d) => Array.from(values.subarray(d * K, (d + 1) * K))),
    }),
  });
}

/** The topics' rows by word (compressed columns): for word w, topics `topic[p]` and weights over each row's length `weight[p]`, p from `start[w]` to `start[w + 1]`. */
interface TopicColumns {
  readonly start: Int32Array;
  readonly topic: Int32Array;
  readonly weight: Float64Array;
}

/** The first `K` rows (topics) of `m` by column, each row scaled to unit length. */
function topicColumns(m: CsrMatrix, K: number): TopicColumns {
  const start = new Int32Array(m.cols + 1);
  const norms = new Float64Array(K);
  for (let c = 0; c < K; c++) {
    let norm = 0;
    for (let p = m.indptr[c] as number; p < (m.indptr[c + 1] as number); p++) norm += (m.data[p] as number) ** 2;
    norms[c] = Math.sqrt(norm);
    if (norms[c] === 0) continue;
    for (let p = m.indptr[c] as number; p < (m.indptr[c + 1] as number); p++) {
      const w = m.indices[p] as number;
      start[w + 1] = (start[w + 1] as number) + 1;
    }
  }
  for (let w = 0; w < m.cols; w++) start[w + 1] = (start[w + 1] as number) + (start[w] as number);
  const fill = start.slice(0, m.cols);
  const topic = new Int32Array(start[m.cols] as number);
  const weight = new Float64Array(start[m.cols] as number);
  for (let c = 0; c < K; c++) {
    const norm = norms[c] as number;
    if (norm === 0) continue;
    for (let p = m.indptr[c] as number; p < (m.indptr[c + 1] as number); p++) {
      const w = m.indices[p] as number;
      const at = fill[w] as number;
      topic[at] = c;
      weight[at] = (m.data[p] as number) / norm;
      fill[w] = at + 1;
    }
  }
  return { start, topic, weight };
}

/**
 * The windows (start and end token) of a text of `length` tokens, as BERTopic cuts them: one
 * window of every token when there are fewer than `window`; else one at every `stride`-th
 * token that holds `window` tokens (with `padding`, the shorter ones at the end too, and
 * windows holding the text's first tokens before the first).
 */
export function tokenSets(length: number, window: number, stride: number, padding: boolean): [number, number][] {
  const sets: [number, number][] = [];
  eachTokenSet(length, window, stride, padding, (start, end) => {
    sets.push([start, end]);
  });
  return sets;
}

/** {@link tokenSets} one window at a time, in the same order, without building the list (a text of n tokens has n windows). */
function eachTokenSet(
  length: number,
  window: number,
  stride: number,
  padding: boolean,
  visit: (start: number, end: number) => void,
): void {
  if (length < window) {
    visit(0, length);
    return;
  }
  if (padding) {
    const t = Math.ceil(window / stride) - 1;
    for (let i = 0; i < t; i++) visit(0, window - (t - i) * stride);
  }
  for (let start = 0; start < length; start += stride) {
    const end = Math.min(length, start + window);
    if (padding || end - start === window) visit(start, end);
  }
}

/** Reused buffers of {@link windowSimilarity}: a window's distinct words, their counts and weights. */
interface WindowScratch {
  readonly words: Int32Array;
  readonly counts: Float64Array;
  /** Which window last saw each word, and at which place of `words`. */
  readonly seenIn: Int32Array;
  readonly place: Int32Array;
  window: number;
}

function windowScratch(vocabulary: number, window: number): WindowScratch {
  // A window holds no more distinct words than it has tokens, nor than the vocabulary has.
  const distinct = Math.min(window, vocabulary);
  return {
    words: new Int32Array(distinct),
    counts: new Float64Array(distinct),
    seenIn: new Int32Array(vocabulary).fill(-1),
    place: new Int32Array(vocabulary),
    window: 0,
  };
}

/**
 * Cosine similarity of the c-TF-IDF of one window (tokens `start` to `end` of `ids`: its words'
 * L1 counts, square-rooted, times the topics' idf) with every topic's row, into `out`.
 */
function windowSimilarity(
  ids: Int32Array,
  start: number,
  end: number,
  idf: Float64Array,
  columns: TopicColumns,
  scratch: WindowScratch,
  out: Float64Array,
): void {
  out.fill(0);
  const { words, counts, seenIn, place } = scratch;
  const stamp = ++scratch.window;
  let distinct = 0;
  let total = 0;
  for (let i = start; i < end; i++) {
    const w = ids[i] as number;
    if (w < 0) continue;
    total++;
    if (seenIn[w] === stamp) {
      const at = place[w] as number;
      counts[at] = (counts[at] as number) + 1;
    } else {
      seenIn[w] = stamp;
      place[w] = distinct;
      words[distinct] = w;
      counts[distinct] = 1;
      distinct++;
    }
  }
  if (total === 0) return;
  let norm = 0;
  for (let j = 0; j < distinct; j++) {
    const weight = Math.sqrt((counts[j] as number) / total) * (idf[words[j] as number] as number);
    counts[j] = weight;
    norm += weight * weight;
  }
  norm = Math.sqrt(norm);
  if (norm === 0) return;
  for (let j = 0; j < distinct; j++) {
    const w = words[j] as number;
    const scaled = (counts[j] as number) / norm;
    for (let p = columns.start[w] as number; p < (columns.start[w + 1] as number); p++) {
      const c = columns.topic[p] as number;
      out[c] = (out[c] as number) + scaled * (columns.weight[p] as number);
    }
  }
}
