import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { checkStringArray } from "../core/validate.js";
import type { TfidfOptions } from "../vectorize/options.js";
import { fitTransformTfidf } from "../vectorize/tfidf.js";
import { type ClusterKeywords, type ClusterKeywordsOptions, clusterKeywords } from "./clusterKeywords.js";

/**
 * Names clusters straight from their documents' texts: counts 1–3-grams over `texts`
 * (or a sample of each cluster's texts) and runs {@link clusterKeywords}. This recovers
 * readable keywords when the clustering used vectors without a vocabulary: hashed
 * features, or embeddings computed elsewhere.
 * @example clusterKeywordsFromTexts(sample, sampleLabels, { k: 50 })
 * @throws InvalidArgumentError when texts and labels differ in length.
 */
export function clusterKeywordsFromTexts(
  texts: readonly string[],
  labels: Int32Array | readonly number[],
  options: ClusterKeywordsOptions & { readonly k?: number; readonly vectorizer?: TfidfOptions } = {},
): ClusterKeywords[] {
  const fn = "clusterKeywordsFromTexts";
  checkStringArray(fn, "texts", texts);
  if (labels === null || typeof labels !== "object" || typeof labels.length !== "number")
    throw new InvalidArgumentError(
      `${fn}: labels must be an array of integers; got ${describeValue(labels)}`,
      "labels",
    );
  if (labels.length !== texts.length) {
    throw new InvalidArgumentError(
      `${fn}: labels must have one entry per text (${texts.length}); got ${labels.length}`,
      "labels",
    );
  }
  const { k, vectorizer, ...keywordOptions } = options;
  const phrases = fitTransformTfidf(texts, { ngramRange: [1, 3], minDf: texts.length >= 20 ? 2 : 1, ...vectorizer });
  return clusterKeywords(
    {
      counts: phrases.counts,
      labels,
      vocabulary: phrases.model.vocabulary,
      displayTerms: phrases.model.displayTerms,
      ...(k === undefined ? {} : { k }),
    },
    keywordOptions,
  );
}
