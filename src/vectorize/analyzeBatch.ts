import { GrowableInt32 } from "../core/growable.js";
import { type AbbreviationDefinition, findAbbreviations } from "../text/abbreviations.js";
import { countGlyphCodeWords } from "../text/glyphCodes.js";
import { createTokenizer, PHRASE_BREAK, type Tokenizer } from "../text/tokenize.js";
import { type Analyzer, type TokenizerSettings, tokenizerSettings } from "./options.js";
import { createGapCollector } from "./writtenGaps.js";

/**
 * What another thread needs to read documents exactly as the vectorizer does: the resolved
 * tokenizer options, the stop words, and whether to find abbreviation definitions. Plain
 * data, so it can be posted to a worker.
 */
export interface AnalyzeSpec {
  readonly tokenizer: TokenizerSettings;
  readonly stopWords: readonly string[];
  readonly abbreviations: boolean;
  /** Whether a dropped number ends a phrase (see `numbersBreakPhrases`). */
  readonly numbersBreakPhrases: boolean;
}

/**
 * A batch of documents read on some thread: their words (stop words removed) as ids local
 * to the batch, numbered in order of first appearance, so that the vocabulary pass can
 * give them global ids in the order a single thread would have met them.
 */
export interface AnalyzedBatch {
  /** The batch's words, in order of first appearance. */
  readonly terms: string[];
  /** Local word ids, document after document. */
  readonly ids: Int32Array;
  /** `documents + 1` offsets into `ids`. */
  readonly offsets: Int32Array;
  /** The positions in `ids`, ascending, of the words before which the tokenizer dropped a number (see `PhraseBreaks`). */
  readonly breaks: Int32Array;
  /** The code of the stop words written before each word (see `WrittenGaps`), local to the batch. */
  readonly gaps: Uint16Array;
  /** The stop words of each local gap code ("" for 0). */
  readonly gapForms: readonly string[];
  /** Each document's abbreviation definitions (null when not asked for). */
  readonly found: AbbreviationDefinition[][] | null;
  /** The batch's glyph-code words (see `countGlyphCodeWords`) and their occurrences. */
  readonly glyphCodeWords: [string, number][];
}

/** The spec of an analyzer whose words come from its tokenizer alone (no stemming, unigrams). */
export function analyzeSpecOf(analyzer: Analyzer, abbreviations: boolean): AnalyzeSpec {
  return {
    tokenizer: tokenizerSettings(analyzer.options),
    stopWords: [...analyzer.stopWords.words],
    abbreviations,
    numbersBreakPhrases: analyzer.options.numbersBreakPhrases,
  };
}

// A worker reads many batches with one spec: its tokenizer is built once.
let cachedKey = "";
let cached: { tokenizer: Tokenizer } | null = null;

function readerOf(spec: AnalyzeSpec): { tokenizer: Tokenizer } {
  const key = JSON.stringify(spec);
  if (cached === null || key !== cachedKey) {
    const { tokenPattern, ...flags } = spec.tokenizer;
    const pattern = tokenPattern === null ? {} : { tokenPattern: new RegExp(tokenPattern.source, tokenPattern.flags) };
    const options = { ...flags, ...pattern };
    cached = { tokenizer: createTokenizer(options, "analyzeBatch", "options", spec.numbersBreakPhrases) };
    cachedKey = key;
  }
  return cached;
}

/** Reads a batch of documents as the vectorizer would (see {@link AnalyzedBatch}). */
export function analyzeBatch(spec: AnalyzeSpec, texts: readonly string[]): AnalyzedBatch {
  const { tokenizer } = readerOf(spec);
  const local = new Map<string, number>();
  // Stop words sit in the map as -1 - i, i their index in the spec's list.
  for (const [i, w] of spec.stopWords.entries()) local.set(w, -1 - i);
  const terms: string[] = [];
  let ids = new Int32Array(1 << 14);
  let n = 0;
  const offsets = new Int32Array(texts.length + 1);
  const found: AbbreviationDefinition[][] | null = spec.abbreviations ? [] : null;
  const glyphCodeWords = new Map<string, number>();
  const gaps = createGapCollector(spec.stopWords);
  const breaks = new GrowableInt32(1 << 10);
  for (let d = 0; d < texts.length; d++) {
    const text = texts[d] as string;
    const tokens = tokenizer(text);
    if (n + tokens.length > ids.length) {
      const grown = new Int32Array(Math.max(2 * ids.length, n + tokens.length));
      grown.set(ids.subarray(0, n));
      ids = grown;
    }
    gaps.startDocument();
    let broken = false;
    for (const t of tokens) {
      if (t === PHRASE_BREAK) {
        broken = true;
        gaps.leftOut();
        continue;
      }
      let id = local.get(t);
      if (id === undefined) {
        id = terms.length;
        terms.push(t);
        local.set(t, id);
      }
      if (id < 0) {
        gaps.stopWord(-1 - id);
        continue;
      }
      if (broken) breaks.push(n);
      broken = false;
      ids[n++] = id;
      gaps.word();
    }
    offsets[d + 1] = n;
    found?.push(text.indexOf("(") < 0 ? [] : findAbbreviations(text).map(({ short, long }) => ({ short, long })));
    countGlyphCodeWords(text, glyphCodeWords);
  }
  const written = gaps.finish(texts.length);
  return {
    terms,
    ids: ids.slice(0, n),
    offsets,
    breaks: breaks.toArray(),
    gaps: written.codes,
    gapForms: written.forms,
    found,
    glyphCodeWords: [...glyphCodeWords],
  };
}
