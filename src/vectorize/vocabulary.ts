import { EmptyInputError } from "../core/errors.js";
import { GrowableInt32 } from "../core/growable.js";
import { compareCodePoints } from "../text/compare.js";
import { analyzeDocument } from "./analyze.js";
import { type Analyzer, documentCountLimits } from "./options.js";

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
}

/** One pass: analyze every document, assign provisional ids, count df and tf. O(total terms). */
export function scanCorpus(analyzer: Analyzer, docs: readonly string[]): ScannedCorpus {
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const stream = new GrowableInt32(1 << 16);
  const offsets = new Int32Array(docs.length + 1);
  const df = new GrowableInt32(1 << 12);
  const lastDoc = new GrowableInt32(1 << 12);
  const tf = new GrowableInt32(1 << 12);
  const stemming = analyzer.stemmer !== null;
  const surfaceCounts: Map<string, number>[] = [];
  for (let d = 0; d < docs.length; d++) {
    const surfaces: string[] | undefined = stemming ? [] : undefined;
    const grams = analyzeDocument(analyzer, docs[d] as string, surfaces);
    for (let g = 0; g < grams.length; g++) {
      const gram = grams[g] as string;
      let id = ids.get(gram);
      if (id === undefined) {
        id = terms.length;
        ids.set(gram, id);
        terms.push(gram);
        df.push(0);
        lastDoc.push(-1);
        tf.push(0);
        if (stemming) surfaceCounts.push(new Map());
      }
      stream.push(id);
      tf.set(id, tf.get(id) + 1);
      if (lastDoc.get(id) !== d) {
        lastDoc.set(id, d);
        df.set(id, df.get(id) + 1);
      }
      if (surfaces !== undefined) {
        const counts = surfaceCounts[id] as Map<string, number>;
        const s = surfaces[g] as string;
        counts.set(s, (counts.get(s) ?? 0) + 1);
      }
    }
    offsets[d + 1] = stream.length;
  }
  return {
    terms,
    stream: stream.toArray(),
    offsets,
    documentFrequency: df.toArray(),
    termFrequency: Float64Array.from(tf.view()),
    surfaces: stemming ? surfaceCounts.map(mostFrequent) : null,
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
  const { min, max } = documentCountLimits(fn, analyzer.options, nDocs);
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
      "options.minDf",
    );
  }
  kept.sort(byTerm);
  const columnOf = new Int32Array(n).fill(-1);
  for (let c = 0; c < kept.length; c++) columnOf[kept[c] as number] = c;
  return {
    vocabulary: kept.map((t) => scanned.terms[t] as string),
    columnOf,
    provisionalOf: Int32Array.from(kept),
  };
}
