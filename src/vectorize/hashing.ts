import { type CsrMatrix, checkCsrShape } from "../core/csr.js";
import { InvalidArgumentError } from "../core/errors.js";
import { checkBoolean, checkInteger, checkOneOf, checkOptions, checkStringArray } from "../core/validate.js";
import { applySparkIdf, fitSparkIdf } from "../spark/idf.js";
import { analyzeDocument } from "./analyze.js";
import { CountMatrixBuilder } from "./counts.js";
import { murmurhash3 } from "./murmur.js";
import { resolveTfidfOptions, TFIDF_OPTION_NAMES, type TfidfOptions } from "./options.js";
import { columnDocumentFrequency, inverseDocumentFrequency, normalizeCsrRows, weightCounts } from "./weighting.js";

export interface HashingOptions
  extends Omit<TfidfOptions, "minDf" | "maxDf" | "maxFeatures" | "sublinearTf" | "smoothIdf" | "useIdf"> {
  /** Number of columns. @defaultValue 2 ** 20 (scikit-learn's) */
  readonly nFeatures?: number;
  /** Give half the terms a negative sign so collisions cancel on average (scikit-learn's `alternate_sign`). @defaultValue true */
  readonly alternateSign?: boolean;
}

export const HASHING_DEFAULTS = Object.freeze({ nFeatures: 2 ** 20, alternateSign: true, norm: "l2" as const });

/** A stateless vectorizer: terms go to columns by hash, so no vocabulary is kept. */
export interface HashingVectorizer {
  readonly nFeatures: number;
  /** Column of a term (before the sign). */
  columnOf(term: string): number;
  /** Hashed term counts (signed when alternateSign), normalised by `norm`. O(tokens). */
  transform(docs: readonly string[]): CsrMatrix;
}

/**
 * scikit-learn's `HashingVectorizer`: each term (an n-gram after stop-word removal) is
 * hashed with signed 32-bit MurmurHash3 of its UTF-8 bytes; the column is |h| mod
 * nFeatures and, with `alternateSign`, the value's sign is h's. Memory does not grow
 * with the vocabulary, so one pass over any stream suffices; recover readable keywords
 * afterwards from the clusters' documents. Defaults follow scikit-learn (2^20 columns,
 * alternate signs, l2 norm), except the tokenizer and stop words, which are this library's.
 * @throws InvalidArgumentError for invalid options.
 */
export function createHashingVectorizer(options: HashingOptions = {}): HashingVectorizer {
  const fn = "createHashingVectorizer";
  const o = checkOptions(fn, options, [...TFIDF_OPTION_NAMES, "nFeatures", "alternateSign"]);
  const nFeatures = checkInteger(fn, "options.nFeatures", o.nFeatures ?? HASHING_DEFAULTS.nFeatures, 1, 2 ** 31 - 1);
  const alternateSign = checkBoolean(fn, "options.alternateSign", o.alternateSign ?? HASHING_DEFAULTS.alternateSign);
  const norm = checkOneOf(fn, "options.norm", o.norm === undefined ? HASHING_DEFAULTS.norm : o.norm, [
    "l2",
    "l1",
    null,
  ]);
  const { nFeatures: _n, alternateSign: _a, ...rest } = o;
  const analyzer = resolveTfidfOptions(fn, { ...rest, norm });
  // scikit-learn's rule: |h| mod n, with the one hash whose |h| overflows mapped apart.
  const columnOfHash = (h: number): number =>
    h === -2147483648 ? (2147483647 - (nFeatures - 1)) % nFeatures : Math.abs(h) % nFeatures;
  const columnOf = (term: string): number => columnOfHash(murmurhash3(term, 0));
  return {
    nFeatures,
    columnOf,
    transform(docs) {
      checkStringArray("HashingVectorizer.transform", "docs", docs);
      const builder = new CountMatrixBuilder(nFeatures, false);
      for (const doc of docs) {
        for (const term of analyzeDocument(analyzer, doc)) {
          const h = murmurhash3(term, 0);
          builder.add(columnOfHash(h), alternateSign && h < 0 ? -1 : 1);
        }
        builder.endRow();
      }
      const m = builder.build();
      if (analyzer.options.binary) m.data.fill(1);
      if (norm !== null) normalizeCsrRows(m, norm);
      return m;
    },
  };
}

/**
 * TF-IDF weights from any count matrix (e.g. hashed counts). By default as scikit-learn's
 * `TfidfTransformer`: idf from the column document frequencies, optional 1 + ln(tf), row
 * normalisation. With `idf: "spark"`, as Spark ML's `IDF` (ln((m + 1) / (df + 1)), 0 below
 * `minDocFreq`), and then rows are left unnormalised unless `norm` is given, as a Spark
 * pipeline leaves them. Returns the weights and the idf (for transforming new rows).
 */
export function tfidfFromCounts(
  counts: CsrMatrix,
  options: {
    readonly idf?: "sklearn" | "spark";
    readonly minDocFreq?: number;
    readonly smoothIdf?: boolean;
    readonly sublinearTf?: boolean;
    readonly norm?: "l2" | "l1" | null;
  } = {},
): { readonly matrix: CsrMatrix; readonly idf: Float64Array } {
  const fn = "tfidfFromCounts";
  checkCsrShape(fn, "counts", counts);
  const o = checkOptions(fn, options, ["idf", "minDocFreq", "smoothIdf", "sublinearTf", "norm"]);
  const flavor = checkOneOf(fn, "options.idf", o.idf ?? "sklearn", ["sklearn", "spark"]);
  if (flavor === "spark") {
    for (const name of ["smoothIdf", "sublinearTf"] as const)
      if (o[name] !== undefined)
        throw new InvalidArgumentError(
          `${fn}: options.${name} is scikit-learn's; Spark's IDF has no such setting`,
          `options.${name}`,
        );
    const minDocFreq = checkInteger(fn, "options.minDocFreq", o.minDocFreq ?? 0, 0);
    const norm = checkOneOf(fn, "options.norm", o.norm === undefined ? null : o.norm, ["l2", "l1", null]);
    const { idf } = fitSparkIdf(counts, minDocFreq);
    const matrix = applySparkIdf(counts, idf);
    if (norm !== null) normalizeCsrRows(matrix, norm);
    return { matrix, idf };
  }
  if (o.minDocFreq !== undefined)
    throw new InvalidArgumentError(
      `${fn}: options.minDocFreq is Spark's; use it with idf: "spark"`,
      "options.minDocFreq",
    );
  const smooth = checkBoolean(fn, "options.smoothIdf", o.smoothIdf ?? true);
  const sublinear = checkBoolean(fn, "options.sublinearTf", o.sublinearTf ?? false);
  const norm = checkOneOf(fn, "options.norm", o.norm === undefined ? "l2" : o.norm, ["l2", "l1", null]);
  const idf = inverseDocumentFrequency(columnDocumentFrequency(counts), counts.rows, smooth);
  const matrix = weightCounts(counts, idf, { sublinearTf: sublinear, useIdf: true, norm });
  return { matrix, idf };
}
