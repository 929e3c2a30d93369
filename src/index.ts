export type { TopicMatch } from "./analysis/findTopics.js";
export { findTopics } from "./analysis/findTopics.js";
export type { HierarchyOptions, TopicHierarchy, TopicMerge } from "./analysis/hierarchy.js";
export { hierarchicalTopics } from "./analysis/hierarchy.js";
export type { LinkageMethod } from "./analysis/linkage.js";
export type { ReduceOutliersOptions } from "./analysis/mergeTopics.js";
export { mergeTopics, reduceOutliers, reduceTopics } from "./analysis/mergeTopics.js";
export type { OutlierDocument } from "./analysis/outliers.js";
export { outlierDocuments } from "./analysis/outliers.js";
export type { BinningOptions, TimeBin, TimeInput } from "./analysis/timeBins.js";
export type {
  MixedDocument,
  TokenDistribution,
  TopicDistribution,
  TopicDistributionData,
  TopicDistributionOptions,
  TopicShare,
} from "./analysis/topicDistribution.js";
export { topicDistribution } from "./analysis/topicDistribution.js";
export { setTopicLabels } from "./analysis/topicLabels.js";
export type { TopicInGroup } from "./analysis/topicsByGroup.js";
export type { TopicInBin, TopicsOverTime, TopicsOverTimeOptions } from "./analysis/topicsOverTime.js";
export { topicsOverTime } from "./analysis/topicsOverTime.js";
export type { TopicInClass, TopicsPerClass, TopicsPerClassOptions } from "./analysis/topicsPerClass.js";
export { topicsPerClass } from "./analysis/topicsPerClass.js";
export type { Clusterer, ClusterFit, ClusterPoints } from "./cluster/clusterer.js";
export type {
  KMeansAlgorithm,
  KMeansIterationState,
  KMeansMetric,
  KMeansOptions,
  KMeansResult,
} from "./cluster/kmeans.js";
export { chooseKMeansAlgorithm, KMEANS_DEFAULTS, kmeans } from "./cluster/kmeans.js";
export type { MiniBatchKMeans, MiniBatchKMeansOptions } from "./cluster/miniBatch.js";
export { createMiniBatchKMeans, MINI_BATCH_DEFAULTS, miniBatchKMeans } from "./cluster/miniBatch.js";
export type { AssignSession, ParallelAssigner } from "./cluster/parallel.js";
export type { KMeansCentroids, KMeansJSON } from "./cluster/predict.js";
export { KMEANS_FORMAT, kmeansFromJSON, kmeansToJSON, predict } from "./cluster/predict.js";
export type {
  PresenceMixture,
  PresenceMixtureFit,
  PresenceMixtureOptions,
  TermSets,
} from "./cluster/presenceMixture.js";
export { fitPresenceMixture, mostProbableTopics, PRESENCE_MIXTURE_DEFAULTS } from "./cluster/presenceMixture.js";
export type { WorkerPool } from "./cluster/threadPool.js";
export type { WebWorkerPoolOptions } from "./cluster/webWorkerPool.js";
export { createWebWorkerPool } from "./cluster/webWorkerPool.js";
export type { CsrMatrix } from "./core/csr.js";
export { assertCsr, isCsrMatrix } from "./core/csr.js";
export type { DenseMatrix } from "./core/dense.js";
export { denseFromRows, isDenseMatrix } from "./core/dense.js";
export * from "./core/errors.js";
export { csrNormalizeRows, csrRowNorms, csrSelectRows, denseNormalizeRows } from "./core/matrixApi.js";
export type { Vectors } from "./core/points.js";
export type { Random } from "./core/random.js";
export { createRandom } from "./core/random.js";
export type { Warning, WarningCode } from "./core/warnings.js";
export type { Paper } from "./corpus/parseAbstractsPage.js";
export { parseAbstractsPage } from "./corpus/parseAbstractsPage.js";
export type { Embedder, WordVectorEmbedderOptions, WordVectorTable } from "./embed/wordVectors.js";
export { createWordVectorEmbedder, WORD_VECTOR_EMBEDDER_DEFAULTS } from "./embed/wordVectors.js";
export type { ContingencyTable } from "./evaluate/contingency.js";
export { contingencyTable } from "./evaluate/contingency.js";
export type { HomogeneityCompleteness } from "./evaluate/external.js";
export {
  adjustedMutualInfo,
  adjustedRandIndex,
  completeness,
  homogeneity,
  homogeneityCompletenessVMeasure,
  normalizedMutualInfo,
  purity,
  vMeasure,
} from "./evaluate/external.js";
export type { SilhouetteOptions } from "./evaluate/internal.js";
export { calinskiHarabasz, daviesBouldin, silhouetteSamples, silhouetteScore } from "./evaluate/internal.js";
export type { Labels } from "./evaluate/labels.js";
export type { ClusteringReport } from "./evaluate/report.js";
export { clusteringReport } from "./evaluate/report.js";
export type { SweepKOptions, SweepKResult, SweepKRow } from "./evaluate/sweepK.js";
export { defaultKRange, SWEEP_K_DEFAULTS, sweepK } from "./evaluate/sweepK.js";
export type { InputFormatSpec, ParseDocumentsOptions, ParsedDocuments, TextFormat } from "./io/inputFormats.js";
export { formatOfName, INPUT_FORMATS, parseDocuments } from "./io/inputFormats.js";
export type { ClassPhraseOptions, ClassTermTable, TokenDocuments } from "./keywords/classPhraseCounts.js";
export { CLASS_PHRASE_DEFAULTS, classPhraseCounts } from "./keywords/classPhraseCounts.js";
export type {
  ClusterKeywords,
  ClusterKeywordsOptions,
  Keyword,
  KeywordInput,
  KeywordScorer,
} from "./keywords/clusterKeywords.js";
export {
  CLUSTER_KEYWORDS_DEFAULTS,
  clusterKeywords,
  clusterKeywordsFromClassCounts,
} from "./keywords/clusterKeywords.js";
export type { TopicTerms } from "./keywords/coherence.js";
export {
  npmiCoherence,
  npmiCoherenceOfTokens,
  npmiCoherencePerTopic,
  topicDiversity,
  umassCoherence,
} from "./keywords/coherence.js";
export type { ClassTfidf, ClassTfidfOptions } from "./keywords/ctfidf.js";
export { classTermCounts, classTfidf, repetitionDampedCounts } from "./keywords/ctfidf.js";
export type { DocumentKeywordsOptions } from "./keywords/documentKeywords.js";
export { documentKeywords, documentKeywordsBatch } from "./keywords/documentKeywords.js";
export type { KeywordedTopic } from "./keywords/keywordOverlap.js";
export { keywordOverlap } from "./keywords/keywordOverlap.js";
export { clusterKeywordsFromTexts } from "./keywords/keywordsFromTexts.js";
export type { YakeOptions } from "./keywords/yake.js";
export { levenshteinRatio, YAKE_DEFAULTS, yakeKeywords } from "./keywords/yake.js";
export type { ClusterTopicsOptions, ClusterTopicsStreamOptions, RefineChoice } from "./pipeline/clusterTopics.js";
export {
  autoLsaDimensions,
  CLUSTER_TOPICS_DEFAULTS,
  CLUSTER_TOPICS_VECTORIZER,
  clusterTopics,
  clusterTopicsStream,
  LSA_MIN_DOCUMENTS,
  ZERO_SHOT_MIN_SIMILARITY,
  zeroShotMinSimilarityFor,
} from "./pipeline/clusterTopics.js";
export type { DocumentInput } from "./pipeline/documents.js";
export type { ClusterSource, NameClustersOptions, NamedClusters } from "./pipeline/givenClusters.js";
export { nameClusters } from "./pipeline/givenClusters.js";
export type { OptionKind, TopicsOptionSpec } from "./pipeline/optionSpec.js";
export { TOPICS_OPTION_SPECS } from "./pipeline/optionSpec.js";
export type { NmfTopics, TopicModel, TopicModelJSON, TopicSummary } from "./pipeline/topicModel.js";
export { TOPICS_FORMAT, topicModelFromJSON } from "./pipeline/topicModel.js";
export type {
  ClusteringPath,
  Representative,
  Topic,
  TopicQuality,
  TopicsAlgorithm,
  TopicsMeasuredOn,
  TopicsParameters,
  TopicsPhase,
  TopicsProgress,
  TopicsQuality,
  TopicsResult,
} from "./pipeline/types.js";
export type { NmfInit, NmfOptions, NmfResult } from "./reduce/nmf.js";
export { NMF_DEFAULTS, nmf, nmfTransform } from "./reduce/nmf.js";
export type { TruncatedSvdOptions, TruncatedSvdResult } from "./reduce/truncatedSvd.js";
export { projectOnComponents, TRUNCATED_SVD_DEFAULTS, truncatedSvd } from "./reduce/truncatedSvd.js";
export { compactLabel } from "./report/compactLabel.js";
export { toCSV } from "./report/csv.js";
export type { ReportFormatSpec, ReportViews } from "./report/formats.js";
export { REPORT_FORMATS, reportFormatOfName } from "./report/formats.js";
export type { HtmlOptions } from "./report/html.js";
export { toHTML } from "./report/html.js";
export { toJSONReport } from "./report/json.js";
export { JUPYTER_DISPLAY } from "./report/jupyter.js";
export { toMarkdown } from "./report/markdown.js";
export { TOPIC_COLORS } from "./report/palette.js";
export type { ParquetTables } from "./report/parquet.js";
export { toParquet } from "./report/parquet.js";
export type { ScatterOptions } from "./report/scatter.js";
export { scatterSvg } from "./report/scatter.js";
export { toText } from "./report/summarize.js";
export type { SparkHash, SparkHashingOptions, SparkHashingTF } from "./spark/hashingTF.js";
export { createSparkHashingTF, SPARK_HASHING_DEFAULTS } from "./spark/hashingTF.js";
export type { SparkIdf } from "./spark/idf.js";
export { applySparkIdf, fitSparkIdf } from "./spark/idf.js";
export type { SparkDistance } from "./spark/predict.js";
export type { SparkRegexTokenizerOptions } from "./spark/tokenizer.js";
export { SPARK_REGEX_TOKENIZER_DEFAULTS, sparkRegexTokenizer, sparkTokenizer } from "./spark/tokenizer.js";
export type { SparkVectorValue } from "./spark/vectorColumn.js";
export type { Abbreviation, AbbreviationDefinition } from "./text/abbreviations.js";
export { corpusAbbreviations, findAbbreviations } from "./text/abbreviations.js";
export { wordNgrams } from "./text/ngrams.js";
export { normalizeText } from "./text/normalize.js";
export type { Stemmer } from "./text/stem.js";
export { porter2Stemmer } from "./text/stem.js";
export type { StopWordsSpec } from "./text/stopwords/index.js";
export { resolveStopWords, SKLEARN_ENGLISH_STOP_WORDS, STOP_WORD_LANGUAGES } from "./text/stopwords/index.js";
export type { TokenizeOptions, Tokenizer } from "./text/tokenize.js";
export { createTokenizer, SKLEARN_TOKEN_PATTERN, TOKENIZE_DEFAULTS, tokenize } from "./text/tokenize.js";
export type { HashingOptions, HashingVectorizer } from "./vectorize/hashing.js";
export { createHashingVectorizer, HASHING_DEFAULTS, tfidfFromCounts } from "./vectorize/hashing.js";
export { murmurhash3 } from "./vectorize/murmur.js";
export type { ResolvedTfidfOptions, TfidfOptions } from "./vectorize/options.js";
export { TFIDF_DEFAULTS } from "./vectorize/options.js";
export type { TfidfFit, TfidfModel, TfidfModelJSON, TfidfStreamOptions } from "./vectorize/tfidf.js";
export {
  fitTfidf,
  fitTransformTfidf,
  fitTransformTfidfStream,
  fitTransformTfidfWithTokens,
  TFIDF_FORMAT,
  tfidfFromJSON,
} from "./vectorize/tfidf.js";
