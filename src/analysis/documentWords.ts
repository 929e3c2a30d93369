import { InvalidArgumentError } from "../core/errors.js";
import { type DocumentInput, excerpt, normalizeDocuments } from "../pipeline/documents.js";
import type { CorpusAbbreviations } from "../pipeline/stages/represent.js";
import { keywordReading } from "../pipeline/stages/vectorize.js";
import type { TopicsResult } from "../pipeline/types.js";
import { countGlyphCodeWords } from "../text/glyphCodes.js";
import { analyzeDocument } from "../vectorize/analyze.js";
import { type Analyzer, resolveTfidfOptions } from "../vectorize/options.js";
import { createTfidfScan } from "../vectorize/tfidf.js";
import type { TokenDocuments } from "../vectorize/vocabulary.js";

/**
 * The words of the documents a result was fitted on, as its keywords counted them (the
 * default tokenizer with the model's text options, its stop words): what every analysis view counts from, so
 * none of them re-clusters. The documents must be those of the fit, in the same order;
 * their number and the representatives' excerpts are checked, so a wrong list is an
 * error rather than a silently wrong view.
 * @throws InvalidArgumentError naming `docs`.
 */
export function documentWords(fn: string, result: TopicsResult, docs: readonly DocumentInput[]): DocumentWords {
  const { texts } = normalizeDocuments(fn, docs);
  const n = result.assignments.length;
  if (texts.length !== n) {
    throw new InvalidArgumentError(
      `${fn}: docs must be the ${n} documents the result was fitted on, in order; got ${texts.length}`,
      "docs",
    );
  }
  for (const topic of result.topics) {
    for (const r of topic.representatives) {
      if (excerpt(texts[r.index] as string) !== r.excerpt) {
        throw new InvalidArgumentError(
          `${fn}: docs[${r.index}] is not the document the result was fitted on (its representative of topic ${topic.id} differs); pass the same documents in the same order`,
          "docs",
        );
      }
    }
  }
  const words = {
    stopWords: [...result.model.vectorizer.stopWords],
    ...keywordReading(result.model.vectorizer.options),
  };
  const scan = createTfidfScan(fn, words);
  const glyphCodeWords = new Map<string, number>();
  for (const text of texts) {
    scan.add(text);
    countGlyphCodeWords(text, glyphCodeWords);
  }
  const analyzer = resolveTfidfOptions(fn, words);
  return {
    tokens: scan.fit({ minDf: 1, maxDf: 1 }).tokens as TokenDocuments,
    texts,
    analyzer,
    abbreviations: {
      found: result.abbreviations,
      wordsOf: (text) => analyzeDocument(analyzer, text),
      tokensOf: (text) => analyzer.tokenizer(text),
      glyphCodeWords,
    },
  };
}

/** The documents' words, their texts, and the fit's abbreviations (merged into every view's keywords as into the topics'). */
export interface DocumentWords {
  readonly tokens: TokenDocuments;
  readonly texts: readonly string[];
  /** How the words were read: the tokenizer and the model's stop words. */
  readonly analyzer: Analyzer;
  readonly abbreviations: CorpusAbbreviations;
}
