import type { KMeansResult } from "../cluster/kmeans.js";
import { createPredictor, type KMeansJSON, kmeansFromJSON, kmeansToJSON } from "../cluster/predict.js";
import { mostProbableTopicsUnchecked, type PresenceMixture } from "../cluster/presenceMixture.js";
import type { CsrMatrix } from "../core/csr.js";
import type { DenseMatrix } from "../core/dense.js";
import { denseNormalizeRows } from "../core/dense.js";
import { describeValue } from "../core/describe.js";
import { IncompatibleModelError, InvalidArgumentError } from "../core/errors.js";
import { withMethods } from "../core/methods.js";
import { type PackedFloats, packFloats, unpackFloats } from "../core/packedFloats.js";
import { asPoints, toPoints, type Vectors, zeroRows } from "../core/points.js";
import type { Keyword } from "../keywords/clusterKeywords.js";
import { createNmfTransformer } from "../reduce/nmf.js";
import { projectOnComponents } from "../reduce/truncatedSvd.js";
import type { Stemmer } from "../text/stem.js";
import { type TfidfModel, type TfidfModelJSON, tfidfFromJSON } from "../vectorize/tfidf.js";
import { type DocumentInput, normalizeDocuments } from "./documents.js";
import { heaviestComponents } from "./stages/factorize.js";

export const TOPICS_FORMAT = "topiclens/topics";
/** 2: the arrays of floats packed as float64 base64 (version 1, plain numbers, is still read). */
export const TOPICS_FORMAT_VERSION = 2;

/** What a fitted model knows of each topic. */
export interface TopicSummary {
  readonly id: number;
  readonly label: string;
  readonly keywords: readonly Keyword[];
}

/** A fitted topic model: assigns new documents to the topics it found. */
export interface TopicModel {
  readonly vectorizer: TfidfModel;
  /** LSA components when the pipeline reduced dimensions, else null. */
  readonly components: DenseMatrix | null;
  readonly kmeans: KMeansResult;
  /** Topic id of every k-means cluster (topics are numbered by decreasing size). */
  readonly topicOfCluster: Int32Array;
  readonly topics: readonly TopicSummary[];
  /** What was clustered: the texts' vectors, or precomputed embeddings (then use `predictEmbeddings`). */
  readonly input: "text" | "embeddings";
  /** With `algorithm: "nmf"`: the components, and the topic of each (−1: no document's heaviest); else null. */
  readonly nmf: NmfTopics | null;
  /**
   * When the topics were refined by a mixture (`refine: "mixture"`, or `"auto"` up to
   * `sampleSize` documents): the mixture of multinomials over each document's words whose
   * most probable topic `predict` gives (clusters as in `kmeans`); else null.
   */
  readonly mixture: PresenceMixture | null;
  /** Topic id of each new document (with NMF: its heaviest component's topic). O(tokens + nnz·k). */
  predict(docs: readonly DocumentInput[]): Int32Array;
  /** A text's vector in the clustering space (TF-IDF, or LSA projected and unit length), as `predict` computes it. */
  embedText(text: string): Float64Array;
  /** Topic id of each new document given by its embedding (same model and width as in training). */
  predictEmbeddings(vectors: DenseMatrix | readonly (readonly number[])[]): Int32Array;
  /** A plain, versioned object; {@link topicModelFromJSON} restores identical predictions. */
  toJSON(): TopicModelJSON;
}

/** The NMF behind a model's topics: `predict` sends a document to its heaviest component's topic. */
export interface NmfTopics {
  /** k x vocabulary (scikit-learn's `components_`). */
  readonly components: DenseMatrix;
  /** Topic id of each component; −1 for a component that is no document's heaviest. */
  readonly componentTopics: Int32Array;
}

export interface TopicModelJSON {
  readonly format: typeof TOPICS_FORMAT;
  readonly version: number;
  readonly vectorizer: TfidfModelJSON;
  readonly components: { rows: number; cols: number; data: PackedFloats | number[] } | null;
  readonly kmeans: KMeansJSON;
  readonly topicOfCluster: number[];
  readonly topics: readonly TopicSummary[];
  /** Absent before embeddings existed: "text". */
  readonly input?: "text" | "embeddings";
  /** Absent for k-means models. */
  readonly nmf?: {
    readonly components: { rows: number; cols: number; data: PackedFloats | number[] };
    readonly componentTopics: number[];
  };
  /** Absent unless the topics were refined by a mixture (`parameters.refine` "mixture"). */
  readonly mixture?: {
    readonly temperature: number;
    readonly logShare: PackedFloats | number[];
    /** vocabulary × k, term-major. */
    readonly logTermGivenTopic: PackedFloats | number[];
  };
}

/**
 * Texts in a model's clustering space, as training documents were: TF-IDF rows, or their
 * LSA projection scaled to unit length. `dense` gives TF-IDF rows as a dense matrix too.
 */
export function textVectors(
  vectorizer: TfidfModel,
  components: DenseMatrix | null,
  texts: readonly string[],
  dense = false,
): CsrMatrix | DenseMatrix {
  const matrix = vectorizer.transform(texts);
  if (components !== null) return denseNormalizeRows(projectOnComponents(matrix, components));
  if (!dense) return matrix;
  const data = new Float64Array(matrix.rows * matrix.cols);
  for (let r = 0; r < matrix.rows; r++)
    for (let p = matrix.indptr[r] as number; p < (matrix.indptr[r + 1] as number); p++)
      data[r * matrix.cols + (matrix.indices[p] as number)] = matrix.data[p] as number;
  return { rows: matrix.rows, cols: matrix.cols, data };
}

export function createTopicModel(
  vectorizer: TfidfModel,
  components: DenseMatrix | null,
  kmeans: KMeansResult,
  topicOfCluster: Int32Array,
  topics: readonly TopicSummary[],
  input: "text" | "embeddings" = "text",
  nmf: NmfTopics | null = null,
  mixture: PresenceMixture | null = null,
): TopicModel {
  // A cluster outside the map (an outlier, -1) stays -1: never topic 0 by accident.
  const toTopics = (clusters: Int32Array) =>
    clusters.map((c) => (c >= 0 && c < topicOfCluster.length ? (topicOfCluster[c] as number) : -1));
  // Made on the first prediction, then reused: they hold the centroids' norms, and H·Hᵀ.
  let nearest: ((Y: Vectors) => Int32Array) | null = null;
  const predict = (Y: Vectors) => {
    nearest ??= createPredictor(kmeans);
    return nearest(Y);
  };
  let transformNmf: ((X: CsrMatrix) => DenseMatrix) | null = null;
  const model: TopicModel = withMethods(
    { vectorizer, components, kmeans, topicOfCluster, topics, input, nmf, mixture },
    {
      predict(docs: readonly DocumentInput[]): Int32Array {
        if (input === "embeddings") {
          throw new InvalidArgumentError(
            "TopicModel.predict: this model clustered precomputed embeddings; embed the new documents with the same model and call predictEmbeddings(vectors)",
            "docs",
          );
        }
        const { texts } = normalizeDocuments("TopicModel.predict", docs);
        if (nmf !== null) {
          const { components: H, componentTopics } = nmf;
          transformNmf ??= createNmfTransformer("TopicModel.predict", H);
          const heaviest = heaviestComponents(transformNmf(vectorizer.transform(texts)).data, texts.length, H.rows);
          return heaviest.map((c) => (c < 0 ? -1 : (componentTopics[c] as number)));
        }
        if (mixture !== null) return toTopics(mostProbableTopicsUnchecked(vectorizer.transform(texts), mixture));
        // A text with no term of the vocabulary is in no topic, as the fit left such documents.
        const vectors = textVectors(vectorizer, components, texts);
        const blank = zeroRows(asPoints(vectors));
        return toTopics(predict(vectors)).map((t, i) => (blank[i] === 1 ? -1 : t));
      },
      embedText(text: string): Float64Array {
        const fn = "TopicModel.embedText";
        if (input === "embeddings") {
          throw new InvalidArgumentError(
            `${fn}: this model clustered precomputed embeddings; embed the text with the same model`,
            "text",
          );
        }
        return Float64Array.from(textVectors(vectorizer, components, [text], true).data);
      },
      predictEmbeddings(vectors: DenseMatrix | readonly (readonly number[])[]): Int32Array {
        const fn = "TopicModel.predictEmbeddings";
        if (input !== "embeddings") {
          throw new InvalidArgumentError(
            `${fn}: this model clustered the texts' vectors; call predict(docs)`,
            "vectors",
          );
        }
        const p = toPoints(vectors as Vectors, fn, "vectors");
        if (p.kind === "sparse") throw new InvalidArgumentError(`${fn}: vectors must be dense`, "vectors");
        const dense = { rows: p.rows, cols: p.cols, data: p.data };
        return toTopics(predict(kmeans.metric === "cosine" ? denseNormalizeRows(dense) : dense));
      },
      toJSON: (): TopicModelJSON => ({
        format: TOPICS_FORMAT,
        version: TOPICS_FORMAT_VERSION,
        vectorizer: vectorizer.toJSON(),
        components:
          components === null
            ? null
            : { rows: components.rows, cols: components.cols, data: packFloats(Float64Array.from(components.data)) },
        kmeans: kmeansToJSON(kmeans),
        topicOfCluster: Array.from(topicOfCluster),
        input,
        ...(nmf === null
          ? {}
          : {
              nmf: {
                components: {
                  rows: nmf.components.rows,
                  cols: nmf.components.cols,
                  data: packFloats(Float64Array.from(nmf.components.data)),
                },
                componentTopics: Array.from(nmf.componentTopics),
              },
            }),
        ...(mixture === null
          ? {}
          : {
              mixture: {
                temperature: mixture.temperature,
                logShare: packFloats(Float64Array.from(mixture.logShare)),
                logTermGivenTopic: packFloats(Float64Array.from(mixture.logTermGivenTopic)),
              },
            }),
        topics: topics.map((t) => ({
          id: t.id,
          label: t.label,
          keywords: t.keywords.map((k) => ({ term: k.term, score: k.score })),
        })),
      }),
    },
  );
  return Object.freeze(model);
}

/**
 * Restores a topic model saved with `toJSON()`; pass the stemmer again if the model
 * was fitted with a custom one.
 * @throws IncompatibleModelError for a foreign, newer or inconsistent model.
 */
export function topicModelFromJSON(json: unknown, restore: { readonly stem?: Stemmer } = {}): TopicModel {
  const fn = "topicModelFromJSON";
  const bad = (what: string): never => {
    throw new IncompatibleModelError(`${fn}: ${what}`, "json");
  };
  if (json === null || typeof json !== "object") bad(`expected a saved topic model; got ${describeValue(json)}`);
  const j = json as Partial<TopicModelJSON>;
  if (j.format !== TOPICS_FORMAT) bad(`format must be "${TOPICS_FORMAT}"; got ${describeValue(j.format)}`);
  if (typeof j.version !== "number" || j.version < 1 || j.version > TOPICS_FORMAT_VERSION) {
    bad(
      `version ${describeValue(j.version)} is not supported (this library reads version ${TOPICS_FORMAT_VERSION}); upgrade topiclens`,
    );
  }
  const vectorizer = tfidfFromJSON(j.vectorizer, restore);
  const kmeans = kmeansFromJSON(j.kmeans);
  let components: DenseMatrix | null = null;
  if (j.components !== null && j.components !== undefined) {
    const c = j.components;
    if (c.cols !== vectorizer.vocabulary.length || c.rows !== kmeans.centroids.cols) {
      bad("components do not match the vectorizer and centroids");
    }
    components = { rows: c.rows, cols: c.cols, data: unpackFloats("components.data", c.data, c.rows * c.cols, bad) };
  } else if (j.input !== "embeddings" && kmeans.centroids.cols !== vectorizer.vocabulary.length) {
    bad("centroid width does not match the vocabulary size");
  }
  if (j.input !== undefined && j.input !== "text" && j.input !== "embeddings")
    bad(`input must be "text" or "embeddings"; got ${describeValue(j.input)}`);
  const map = j.topicOfCluster;
  if (
    !Array.isArray(map) ||
    map.length !== kmeans.k ||
    map.some((t) => !Number.isInteger(t) || t < 0 || t >= kmeans.k)
  ) {
    bad(`topicOfCluster must map ${kmeans.k} clusters to topic ids`);
  }
  if (!Array.isArray(j.topics)) bad("topics must be an array");
  return createTopicModel(
    vectorizer,
    components,
    kmeans,
    Int32Array.from(map as number[]),
    j.topics as TopicSummary[],
    j.input ?? "text",
    j.nmf === undefined ? null : nmfFromJSON(j.nmf, vectorizer.vocabulary.length, (j.topics as unknown[]).length, bad),
    j.mixture === undefined ? null : mixtureFromJSON(j.mixture, vectorizer.vocabulary.length, kmeans.k, bad),
  );
}

function mixtureFromJSON(value: unknown, terms: number, k: number, bad: (what: string) => never): PresenceMixture {
  const v = value as Partial<NonNullable<TopicModelJSON["mixture"]>> | null;
  const temperature = v?.temperature;
  if (typeof temperature !== "number" || !Number.isFinite(temperature) || temperature <= 0)
    bad("mixture.temperature must be a finite number > 0");
  const logShare = unpackFloats("mixture.logShare", v?.logShare as PackedFloats | number[], k, bad);
  const logTermGivenTopic = unpackFloats(
    "mixture.logTermGivenTopic",
    v?.logTermGivenTopic as PackedFloats | number[],
    terms * k,
    bad,
  );
  return { k, terms, temperature: temperature as number, logShare, logTermGivenTopic };
}

function nmfFromJSON(value: unknown, vocabulary: number, topics: number, bad: (what: string) => never): NmfTopics {
  const v = value as Partial<NonNullable<TopicModelJSON["nmf"]>> | null;
  const c = v?.components;
  if (c === undefined || c === null || !Number.isInteger(c.rows) || c.rows < 1 || c.cols !== vocabulary)
    bad("nmf.components must be k x the vocabulary size");
  const { rows, cols } = c as { rows: number; cols: number };
  const map = v?.componentTopics;
  if (!Array.isArray(map) || map.length !== rows || map.some((t) => !Number.isInteger(t) || t < -1 || t >= topics))
    bad(`nmf.componentTopics must map ${rows} components to topic ids or -1`);
  const data = unpackFloats("nmf.components.data", (c as { data: PackedFloats | number[] }).data, rows * cols, bad);
  return { components: { rows, cols, data }, componentTopics: Int32Array.from(map as number[]) };
}
