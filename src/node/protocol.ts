import type { WorkspaceLayout } from "../cluster/workspace.js";

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

export interface RunMessage {
  readonly type: "run";
  readonly worker: number;
  readonly from: number;
  readonly to: number;
  /** The run's shared workspace (see `createWorkspace`) and the control array. */
  readonly layout: WorkspaceLayout;
  readonly control: SharedArrayBuffer;
}
