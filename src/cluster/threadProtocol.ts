import type { ElkanLayout } from "../cluster/elkan.js";
import type { WorkspaceLayout } from "../cluster/workspace.js";
import type { AnalyzedBatch, AnalyzeSpec } from "../vectorize/analyzeBatch.js";

/** Slots of the shared control array that the pool and its workers synchronise on. */
export const GENERATION = 0;
export const STOP = 1;
/** What the current generation asks for: ASSIGN or ACCUMULATE. */
export const PHASE = 2;
export const ASSIGN = 0;
export const ACCUMULATE = 1;
export const ASSIGN_SUBSET = 2;
export const ELKAN_INIT = 3;
export const ELKAN_ASSIGN = 4;
export const ELKAN_SHIFT = 5;
/** Number of row ids in the current subset. */
export const COUNT = 3;
/** Slot `DONE_BASE + w` is the generation worker `w` last finished. */
export const DONE_BASE = 4;
/** What a worker leaves in its DONE slot as it stops (a crash, process.exit): never a generation. */
export const WORKER_GONE = -1;

/** How threads share Lloyd's update step (see `startSession`). */
export type UpdateMode = "blocks" | "columns";

export interface RunMessage {
  readonly type: "run";
  readonly worker: number;
  readonly from: number;
  readonly to: number;
  /** The columns this worker sums in the update step (mode "columns"). */
  readonly columns: readonly [number, number];
  readonly mode: UpdateMode;
  /** The run's shared workspace (see `createWorkspace`) and the control array. */
  readonly layout: WorkspaceLayout;
  readonly control: SharedArrayBuffer;
}

/** Elkan's state (see `runElkan`) for a worker's rows [from, to). */
export interface ElkanMessage {
  readonly type: "elkan";
  readonly worker: number;
  readonly from: number;
  readonly to: number;
  readonly layout: ElkanLayout;
  readonly control: SharedArrayBuffer;
}

/**
 * A batch of documents for a worker to read (see `analyzeBatch`): "analyze" is answered to
 * the pool's event loop, "read" on the worker's reading port (see `SyncReader`).
 */
export interface AnalyzeMessage {
  readonly type: "analyze" | "read";
  readonly request: number;
  readonly spec: AnalyzeSpec;
  readonly texts: readonly string[];
}

/** A worker's answer to an {@link AnalyzeMessage}. */
export interface AnalyzedMessage {
  readonly type: "analyzed";
  readonly request: number;
  readonly batch: AnalyzedBatch;
}

/**
 * The port a worker answers "read" {@link AnalyzeMessage}s on, and the control array: slot
 * READ_ANSWERS counts the answers posted, READER_GONE is set as the worker stops.
 */
export interface ReaderMessage {
  readonly type: "reader";
  readonly port: { postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void };
  readonly control: SharedArrayBuffer;
}
export const READ_ANSWERS = 0;
export const READER_GONE = 1;
