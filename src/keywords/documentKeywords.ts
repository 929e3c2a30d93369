import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import {
  checkInteger,
  checkNumber,
  checkOneOf,
  checkOptions,
  checkString,
  checkStringArray,
} from "../core/validate.js";
import type { TfidfModel } from "../vectorize/tfidf.js";
import type { Keyword } from "./clusterKeywords.js";
import { fixedExpressionsOf } from "./fixedExpressions.js";
import { isJunkTerm } from "./junk.js";
import { selectDiverse } from "./mmr.js";
import { yakeKeywords } from "./yake.js";

export interface DocumentKeywordsOptions {
  /**
   * `"yake"` (needs nothing but the text) or `"tfidf"` (the document's highest TF-IDF
   * terms against a fitted model's idf; pass `model`). YAKE is the default because it
   * scored higher against gold keyphrases (bench/keyphrases.mjs: F1@10 0.147 vs 0.109).
   * @defaultValue "yake"
   */
  readonly method?: "yake" | "tfidf";
  /** A fitted model (ideally with `ngramRange: [1, 3]`) for `method: "tfidf"`. */
  readonly model?: TfidfModel;
  /** Keyphrases per document. @defaultValue 10 */
  readonly top?: number;
  /** MMR diversity for `"tfidf"`. @defaultValue 0.3 */
  readonly diversity?: number;
}

const NAMES = ["method", "model", "top", "diversity"] as const;

/**
 * Keyphrases of one document, best first; `score` is higher-is-better for both methods
 * (YAKE's own, lower-is-better score is kept as `yake`).
 * @throws InvalidArgumentError for a non-string text, `"tfidf"` without a model, or bad options.
 */
export function documentKeywords(text: string, options: DocumentKeywordsOptions = {}): Keyword[] {
  checkString("documentKeywords", "text", text);
  return documentKeywordsBatch([text], options, "documentKeywords")[0] as Keyword[];
}

/** The model's fixed expressions, found once per model (a scan of its whole vocabulary). */
const fixedByModel = new WeakMap<TfidfModel, Uint8Array>();
function fixedExpressionsOfModel(model: TfidfModel): Uint8Array {
  let fixed = fixedByModel.get(model);
  if (fixed === undefined) {
    fixed = fixedExpressionsOf(model.vocabulary, model.documentFrequency);
    fixedByModel.set(model, fixed);
  }
  return fixed;
}

/** {@link documentKeywords} for many documents (one pass of the model over all of them). */
export function documentKeywordsBatch(
  docs: readonly string[],
  options: DocumentKeywordsOptions = {},
  fn = "documentKeywordsBatch",
): Keyword[][] {
  checkStringArray(fn, "docs", docs);
  const o = checkOptions(fn, options, NAMES);
  const method = checkOneOf(fn, "options.method", o.method ?? "yake", ["yake", "tfidf"]);
  const top = checkInteger(fn, "options.top", o.top ?? 10, 1);
  const diversity = checkNumber(fn, "options.diversity", o.diversity ?? 0.3, { min: 0, max: 1 });
  if (method === "yake") return docs.map((d) => yakeKeywords(d, { top }));
  const model = o.model;
  if (model === undefined || typeof model.transform !== "function") {
    throw new InvalidArgumentError(
      `${fn}: options.model must be a fitted TfidfModel for method "tfidf"; got ${describeValue(model)}`,
      "options.model",
    );
  }
  const stop = new Set(model.stopWords);
  const fixed = fixedExpressionsOfModel(model);
  const matrix = model.transform(docs);
  return docs.map((_, i) => {
    const candidates = [];
    for (let p = matrix.indptr[i] as number; p < (matrix.indptr[i + 1] as number); p++) {
      const t = matrix.indices[p] as number;
      const term = model.vocabulary[t] as string;
      if (!isJunkTerm(term, stop, fixed[t] === 1))
        candidates.push({ term: model.displayTerms[t] as string, score: matrix.data[p] as number, id: t });
    }
    candidates.sort((a, b) => b.score - a.score || a.id - b.id);
    return selectDiverse(candidates.slice(0, 4 * top), top, diversity).map(({ term, score }) => ({ term, score }));
  });
}
