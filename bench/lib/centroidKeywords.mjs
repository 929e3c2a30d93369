// scikit-learn's example keywords: the top terms of each k-means centroid in the example's
// TF-IDF (min_df 5, max_df 0.5, English stop words), argsort. Shared by bench/coherence.mjs
// and bench/repetition.mjs.
const { clusterKeywords, createTokenizer, fitTransformTfidf, resolveStopWords, SKLEARN_TOKEN_PATTERN } = await import(
  "../../dist/index.js"
);

/**
 * The example's reading of `docs`: `texts`, each document's words as its tokenizer and stop
 * words leave them (to score its keywords on), and `keywordsOf(labels, k, topN)`, the
 * centroid keywords of a clustering.
 */
export function centroidKeywords(docs) {
  const sk = fitTransformTfidf(docs, {
    tokenPattern: SKLEARN_TOKEN_PATTERN,
    stopWords: "sklearn",
    minDf: 5,
    maxDf: 0.5,
  });
  const stop = resolveStopWords("sklearn", "bench").words;
  const tokenize = createTokenizer({ tokenPattern: SKLEARN_TOKEN_PATTERN });
  const texts = docs.map((d) => tokenize(d).filter((w) => !stop.has(w)));
  const keywordsOf = (labels, k, topN = 10) =>
    clusterKeywords(
      { counts: sk.counts, labels, vocabulary: sk.model.vocabulary, tfidf: sk.matrix, k },
      {
        representation: "centroid",
        diversity: 0,
        coherence: 0,
        preferPhrases: false,
        maxClusterShare: 1,
        minDocuments: 1,
        topN,
        exclusiveAfter: Number.POSITIVE_INFINITY,
        stopWords: false,
      },
    ).map((t) => t.keywords.map((x) => x.term));
  return { texts, keywordsOf };
}
