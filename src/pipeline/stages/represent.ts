import { type Warning, warning } from "../../core/warnings.js";
import { CLASS_PHRASE_DEFAULTS, classPhraseCounts } from "../../keywords/classPhraseCounts.js";
import {
  CLUSTER_KEYWORDS_DEFAULTS,
  type ClusterKeywords,
  type ClusterKeywordsOptions,
  clusterKeywordsFromClassCounts,
} from "../../keywords/clusterKeywords.js";
import { markGlyphCodeWords } from "../../keywords/glyphCodeWords.js";
import { type CorpusAbbreviations, mergeAbbreviations } from "../../keywords/mergeAbbreviations.js";

export type { CorpusAbbreviations } from "../../keywords/mergeAbbreviations.js";

import type { TokenDocuments } from "../../vectorize/vocabulary.js";

/**
 * The phrase counting of the topics' keywords for n documents: 1-3-grams, in at least 2
 * documents (1 below 20 documents), phrases from each cluster's most widespread words.
 * The pipeline and every view that names groups of documents count this way.
 */
export function phraseSettings(n: number): Omit<RepresentSettings, "keywords"> {
  return { ngramRange: [1, 3], minDf: n >= 20 ? 2 : 1, phraseWords: CLASS_PHRASE_DEFAULTS.phraseWords };
}

export interface RepresentSettings {
  readonly ngramRange: readonly [number, number];
  readonly minDf: number;
  readonly phraseWords: number;
  readonly keywords: ClusterKeywordsOptions;
}

/**
 * Keywords of every cluster: words and phrases counted per cluster from the documents'
 * word ids (see `classPhraseCounts`), then scored, cleaned, absorbed and diversified by
 * `clusterKeywordsFromClassCounts`. A corpus whose phrases all fall under `minDf` is
 * counted again with every term kept.
 */
export function representStage(
  tokens: TokenDocuments,
  labels: Int32Array,
  k: number,
  settings: RepresentSettings,
  warnings: Warning[],
  abbreviations?: CorpusAbbreviations,
): ClusterKeywords[] {
  const count = (minDf: number) =>
    classPhraseCounts(tokens, labels, k, {
      ngramRange: settings.ngramRange,
      minDf,
      minDocuments: settings.keywords.minDocuments ?? CLUSTER_KEYWORDS_DEFAULTS.minDocuments,
      phraseWords: settings.phraseWords,
    });
  let table = count(settings.minDf);
  if (table.vocabulary.length === 0 && settings.minDf > 1) {
    warnings.push(warning("keywords-kept", `no keyword survived minDf ${settings.minDf}; kept every term instead`));
    table = count(1);
  }
  if (abbreviations !== undefined)
    table = markGlyphCodeWords(mergeAbbreviations(table, tokens, labels, abbreviations), tokens, abbreviations);
  return clusterKeywordsFromClassCounts(table, settings.keywords, tokens, labels);
}
