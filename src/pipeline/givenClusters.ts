import { describeValue } from "../core/describe.js";
import { EmptyInputError, InvalidArgumentError } from "../core/errors.js";
import { createRandom } from "../core/random.js";
import { checkInteger } from "../core/validate.js";
import { warning } from "../core/warnings.js";
import { type ClusterTopicsOptions, clusterTopics } from "./clusterTopics.js";
import { type DocumentInput, normalizeDocument } from "./documents.js";
import { topicsResult } from "./result.js";
import { CLUSTERING_SPACE, type TopicsResult } from "./types.js";

/** How each document's cluster is known: by its id, or by a function of a block of texts. */
export type ClusterSource = ReadonlyMap<string, number> | ((texts: readonly string[]) => ArrayLike<number>);

export interface NameClustersOptions extends Omit<ClusterTopicsOptions, "clusters" | "k" | "kRange"> {
  /** Documents kept per cluster (a seeded uniform sample of each); memory is bounded by clusters × this. @defaultValue 1000 */
  readonly perCluster?: number;
}

/** Named clusters, and what the sample stands for. */
export interface NamedClusters {
  /** Topics of the sampled documents; each topic's `cluster` is the given number. */
  readonly result: TopicsResult;
  /** Documents in each given cluster, all of them counted (not only the sample). */
  readonly clusterSizes: ReadonlyMap<number, number>;
  /** Documents read. */
  readonly documents: number;
  /** Documents with no cluster (id not found, or -1). */
  readonly unassigned: number;
}

const BLOCK = 1024;

/**
 * Names clusters that another system made (a Spark KMeans job over millions of documents):
 * streams the documents once, learns each one's cluster from `clusters` (a map from
 * document id, or a function that predicts a block of texts), keeps a seeded uniform
 * sample of at most `perCluster` documents per cluster (reservoir sampling), and runs
 * {@link clusterTopics} on the sample with the clusters given: keywords, phrases, labels,
 * quality and every report, in memory bounded by the sample, not the corpus.
 * @throws EmptyInputError when no document has a cluster.
 * @throws InvalidArgumentError for an invalid document, option or cluster number.
 */
export async function nameClusters(
  source: Iterable<DocumentInput> | AsyncIterable<DocumentInput>,
  clusters: ClusterSource,
  options: NameClustersOptions = {},
): Promise<NamedClusters> {
  const fn = "nameClusters";
  if (source === null || typeof source !== "object" || !(Symbol.asyncIterator in source || Symbol.iterator in source))
    throw new InvalidArgumentError(
      `${fn}: source must be an iterable or async iterable of documents; got ${describeValue(source)}`,
      "source",
    );
  if (!(clusters instanceof Map) && typeof clusters !== "function")
    throw new InvalidArgumentError(
      `${fn}: clusters must be a Map from document id to cluster, or a function of texts`,
      "clusters",
    );
  const { perCluster: perOption, ...rest } = options;
  const perCluster = checkInteger(fn, "options.perCluster", perOption ?? 1000, 1);
  const random = createRandom(options.seed ?? 42);
  type Kept = { index: number; cluster: number; doc: DocumentInput };
  const reservoirs = new Map<number, Kept[]>();
  const sizes = new Map<number, number>();
  let n = 0;
  let unassigned = 0;
  const keep = (cluster: number, index: number, doc: DocumentInput) => {
    if (!Number.isInteger(cluster) || cluster < -1)
      throw new InvalidArgumentError(
        `${fn}: the cluster of document ${index} must be an integer from -1 up; got ${describeValue(cluster)}`,
        "clusters",
      );
    if (cluster < 0) {
      unassigned++;
      return;
    }
    const seen = (sizes.get(cluster) ?? 0) + 1;
    sizes.set(cluster, seen);
    let kept = reservoirs.get(cluster);
    if (kept === undefined) reservoirs.set(cluster, (kept = []));
    if (kept.length < perCluster) kept.push({ index, cluster, doc });
    else {
      const slot = random.nextInt(seen);
      if (slot < perCluster) kept[slot] = { index, cluster, doc };
    }
  };
  let block: { index: number; doc: DocumentInput; text: string }[] = [];
  const flush = () => {
    if (block.length === 0) return;
    const predicted = (clusters as (texts: readonly string[]) => ArrayLike<number>)(block.map((b) => b.text));
    if (predicted === null || typeof predicted !== "object" || predicted.length !== block.length)
      throw new InvalidArgumentError(`${fn}: clusters(texts) must return one cluster per text`, "clusters");
    block.forEach((b, j) => {
      keep(predicted[j] as number, b.index, b.doc);
    });
    block = [];
  };
  for await (const doc of source as AsyncIterable<DocumentInput>) {
    const one = normalizeDocument(fn, doc, n);
    if (clusters instanceof Map) {
      const c = one.id === undefined ? undefined : clusters.get(one.id);
      keep(c ?? -1, n, doc);
    } else {
      block.push({ index: n, doc, text: one.text });
      if (block.length === BLOCK) flush();
    }
    n++;
  }
  flush();
  if (sizes.size === 0)
    throw new EmptyInputError(
      `${fn}: none of the ${n} documents has a cluster${clusters instanceof Map ? " (no document id is in the map)" : ""}`,
      "clusters",
    );
  // The sample in reading order, so equal inputs and seeds give equal bytes.
  const kept = [...reservoirs.values()].flat().sort((a, b) => a.index - b.index);
  const given = kept.map((k) => k.cluster);
  const result = clusterTopics(
    kept.map((k) => k.doc),
    { ...rest, clusters: given },
  );
  const warnings = [...result.warnings];
  if (unassigned > 0)
    warnings.push(warning("clusters-unassigned", `${unassigned} of ${n} documents had no cluster and were left out`));
  if (kept.length < n - unassigned)
    warnings.push(
      warning(
        "clusters-sampled",
        `topics were named from a sample of ${kept.length} of ${n - unassigned} documents (at most ${perCluster} per cluster)`,
      ),
    );
  const { points, sample } = result[CLUSTERING_SPACE]();
  const { warnings: _w, ...data } = result;
  return { result: topicsResult({ ...data, warnings }, points, sample), clusterSizes: sizes, documents: n, unassigned };
}
