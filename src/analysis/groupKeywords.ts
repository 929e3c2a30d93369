import type { CsrMatrix } from "../core/csr.js";
import { type ClassTermTable, classPhraseCounts } from "../keywords/classPhraseCounts.js";
import {
  CLUSTER_KEYWORDS_DEFAULTS,
  type ClusterKeywords,
  type ClusterKeywordsOptions,
  clusterKeywordsFromClassCounts,
} from "../keywords/clusterKeywords.js";
import { classTfidf } from "../keywords/ctfidf.js";
import { markGlyphCodeWords } from "../keywords/glyphCodeWords.js";
import { mergeAbbreviations } from "../keywords/mergeAbbreviations.js";
import { phraseSettings } from "../pipeline/stages/represent.js";
import type { TokenDocuments } from "../vectorize/vocabulary.js";
import type { DocumentWords } from "./documentWords.js";

/** Keyword settings of the analysis views: the pipeline's defaults, with the caller's options over them. */
export interface GroupKeywordSettings {
  readonly keywords?: ClusterKeywordsOptions;
}

/** Per-group word and phrase counts, as the pipeline counts its topics (1-3-grams, phrases where a group can use them). */
export function groupTable(
  { tokens, abbreviations }: Pick<DocumentWords, "tokens" | "abbreviations">,
  labels: Int32Array,
  groups: number,
): ClassTermTable {
  const table = classPhraseCounts(tokens, labels, groups, {
    ...phraseSettings(tokens.offsets.length - 1),
    minDocuments: CLUSTER_KEYWORDS_DEFAULTS.minDocuments,
  });
  return markGlyphCodeWords(mergeAbbreviations(table, tokens, labels, abbreviations), tokens, abbreviations);
}

/** Row-wise L1-normalised c-TF-IDF of a table (BERTopic's settings: square-rooted tf). */
export function normalizedClassTfidf(table: ClassTermTable): CsrMatrix {
  return l1Rows(classTfidf(table.termCounts, { reduceFrequentWords: true }).matrix);
}

/** Rows scaled to sum 1 (an all-zero row stays zero). */
export function l1Rows(m: CsrMatrix): CsrMatrix {
  const data = Float64Array.from(m.data);
  for (let r = 0; r < m.rows; r++) {
    let sum = 0;
    for (let p = m.indptr[r] as number; p < (m.indptr[r + 1] as number); p++) sum += Math.abs(data[p] as number);
    if (sum > 0)
      for (let p = m.indptr[r] as number; p < (m.indptr[r + 1] as number); p++) data[p] = (data[p] as number) / sum;
  }
  return { ...m, data };
}

/** Each row's scores by term string, for aligning tables with different vocabularies. */
export function scoresByTerm(m: CsrMatrix, vocabulary: readonly string[], row: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let p = m.indptr[row] as number; p < (m.indptr[row + 1] as number); p++)
    out.set(vocabulary[m.indices[p] as number] as string, m.data[p] as number);
  return out;
}

/**
 * Keywords of every group from `scores` (k x terms of the table's vocabulary, higher is
 * better): the pipeline's chain after its scorer (junk filter, phrase absorption, MMR,
 * label), with phrases shown as `tokens`' texts write them, as the topics' are. Ranked by
 * the scores alone, as BERTopic's views are, unless the caller's `coherence` asks for the
 * co-occurrence order too.
 */
export function keywordsFromScores(
  table: ClassTermTable,
  scores: CsrMatrix,
  settings: GroupKeywordSettings,
  tokens: TokenDocuments,
): ClusterKeywords[] {
  return clusterKeywordsFromClassCounts(
    table,
    { ...settings.keywords, representation: () => scores, coherence: settings.keywords?.coherence ?? 0 },
    tokens,
  );
}

/** Rebuilds a CSR matrix of the table's shape from one score map per row (terms outside the vocabulary dropped). */
export function matrixFromRows(rows: readonly Map<string, number>[], vocabulary: readonly string[]): CsrMatrix {
  const index = new Map(vocabulary.map((t, i) => [t, i]));
  const indptr = new Int32Array(rows.length + 1);
  const indices: number[] = [];
  const data: number[] = [];
  rows.forEach((row, r) => {
    const entries = [...row].map(([t, v]) => [index.get(t), v] as const).filter(([i, v]) => i !== undefined && v !== 0);
    entries.sort((a, b) => (a[0] as number) - (b[0] as number));
    for (const [i, v] of entries) {
      indices.push(i as number);
      data.push(v);
    }
    indptr[r + 1] = indices.length;
  });
  return {
    rows: rows.length,
    cols: vocabulary.length,
    indptr,
    indices: Int32Array.from(indices),
    data: Float64Array.from(data),
  };
}
