import type { Points } from "../core/points.js";
import type { AnalyzedBatch, AnalyzeSpec } from "../vectorize/analyzeBatch.js";
import type { ElkanLayout, ElkanPhase } from "./types.js";

/**
 * Runs k-means' steps (assignment, update, Elkan's passes, mini-batch labelling) on several
 * threads. The core library never creates
 * threads itself (it has no runtime-specific code); `topiclens/node` provides one for
 * Node (`createWorkerPool`). Any implementation must produce exactly the labels,
 * distances and total of the single-threaded kernel, whatever its thread count.
 */
export interface ParallelAssigner {
  /** Threads used, the calling thread included. */
  readonly threads: number;
  /** Prepares to assign the rows of `p`; null means "run single-threaded". */
  start(p: Points, xSquaredNorms: Float64Array, weights: Float64Array | null, k: number): AssignSession | null;
  /** Prepares to run Elkan's passes over a state in shared memory; null means "run single-threaded". Optional. */
  startElkan?(layout: ElkanLayout): ElkanSession | null;
  /**
   * Reads a batch of documents on a worker (tokens, local word ids, abbreviations), for a
   * streamed vectorize pass: the same batch the calling thread would make. Optional.
   */
  analyzeTexts?(spec: AnalyzeSpec, texts: readonly string[]): Promise<AnalyzedBatch>;
  /**
   * Reads all of `texts` (as {@link analyzeTexts} reads a batch) on the workers and the
   * calling thread, and returns once `onBatch` has had every batch, in order; false when
   * the pool cannot (no worker able to answer a synchronous caller, or too few texts), and
   * then nothing was read. Optional.
   */
  readTexts?(spec: AnalyzeSpec, texts: readonly string[], onBatch: (batch: AnalyzedBatch) => void): boolean;
  /** Frees what the workers hold after reading documents (fresh workers where the runtime allows). Optional. */
  afterReading?(): void;
}

/** One Elkan run's use of a {@link ParallelAssigner}. */
export interface ElkanSession {
  /** Runs one phase on every thread (rows split among them; `accumulate` splits clusters). */
  run(phase: ElkanPhase): void;
  end(): void;
  readonly warning: string | null;
}

/** One k-means run's use of a {@link ParallelAssigner}. */
export interface AssignSession {
  /** Assigns every row to the nearest of `centers`; returns the weighted sum of squared distances. */
  assign(centers: Float64Array, labels: Int32Array, distances: Float64Array): number;
  /**
   * Like `assign`, for the rows `ids[0..count)` only (a mini-batch of the prepared
   * matrix): output position t is row ids[t]. Optional.
   */
  assignSubset?(
    ids: Int32Array,
    count: number,
    centers: Float64Array,
    labels: Int32Array,
    distances: Float64Array,
  ): number;
  /**
   * The update step's sums for the labels of the last `assign` (same contract as
   * `accumulateCenters`); optional.
   */
  accumulate?(sums: Float64Array, clusterWeights: Float64Array): void;
  /** Releases the threads. */
  end(): void;
  /** Set when the session fell back to a single thread (a worker failed or did not answer). */
  readonly warning: string | null;
}

export function isParallelAssigner(x: unknown): x is ParallelAssigner {
  return x !== null && typeof x === "object" && typeof (x as ParallelAssigner).start === "function";
}
