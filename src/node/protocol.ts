import type { Points } from "../core/points.js";

/** Slots of the shared control array that the pool and its workers synchronise on. */
export const GENERATION = 0;
export const STOP = 1;
/** What the current generation asks for: ASSIGN or ACCUMULATE. */
export const PHASE = 2;
export const ASSIGN = 0;
export const ACCUMULATE = 1;
export const ASSIGN_SUBSET = 2;
/** Number of row ids in the current subset. */
export const COUNT = 3;
/** Slot `DONE_BASE + w` is the generation worker `w` last finished. */
export const DONE_BASE = 4;

/** The shared buffers of one k-means run, as posted to every worker. */
export interface SharedRun {
  readonly kind: "dense" | "sparse";
  readonly rows: number;
  readonly cols: number;
  readonly k: number;
  readonly indptr: SharedArrayBuffer | null;
  readonly indices: SharedArrayBuffer | null;
  readonly data: SharedArrayBuffer;
  readonly xSquaredNorms: SharedArrayBuffer;
  readonly weights: SharedArrayBuffer | null;
  readonly centerSquaredNorms: SharedArrayBuffer;
  readonly centersT: SharedArrayBuffer;
  readonly centers: SharedArrayBuffer;
  readonly labels: SharedArrayBuffer;
  /** k x d sums and k weights of the update step, and the thread owning each cluster. */
  readonly sums: SharedArrayBuffer;
  readonly clusterWeights: SharedArrayBuffer;
  readonly owner: SharedArrayBuffer;
  /** Row ids of a mini-batch and their labels and distances. */
  readonly subsetIds: SharedArrayBuffer;
  readonly subsetLabels: SharedArrayBuffer;
  readonly subsetDistances: SharedArrayBuffer;
  /** Threads sharing the work, the calling thread included. */
  readonly threads: number;
  readonly distances: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
}

export interface RunMessage {
  readonly type: "run";
  readonly worker: number;
  readonly from: number;
  readonly to: number;
  readonly shared: SharedRun;
}

/** Typed-array views over a run's shared buffers, the same on the calling thread and in workers. */
export function viewRun(s: SharedRun) {
  const points: Points =
    s.kind === "sparse"
      ? {
          kind: "sparse",
          rows: s.rows,
          cols: s.cols,
          indptr: new Int32Array(s.indptr as SharedArrayBuffer),
          indices: new Int32Array(s.indices as SharedArrayBuffer),
          data: new Float64Array(s.data),
        }
      : { kind: "dense", rows: s.rows, cols: s.cols, data: new Float64Array(s.data) };
  return {
    points,
    scratch: {
      centerSquaredNorms: new Float64Array(s.centerSquaredNorms),
      dots: new Float64Array(Math.ceil(s.k / 8) * 8),
      centersT: new Float64Array(s.centersT),
      centers: new Float64Array(s.centers),
    },
    xSquaredNorms: new Float64Array(s.xSquaredNorms),
    weights: s.weights === null ? null : new Float64Array(s.weights),
    labels: new Int32Array(s.labels),
    distances: new Float64Array(s.distances),
    control: new Int32Array(s.control),
    sums: new Float64Array(s.sums),
    clusterWeights: new Float64Array(s.clusterWeights),
    owner: new Int32Array(s.owner),
    subsetIds: new Int32Array(s.subsetIds),
    subsetLabels: new Int32Array(s.subsetLabels),
    subsetDistances: new Float64Array(s.subsetDistances),
  };
}
