import type { Region } from "./wasm/kernel.js";

// Types shared by the k-means runs and the thread pool contract, in a module of their own
// so that neither imports the other.

/** The arrays of Elkan's state, in the order they are laid out in memory. */
export const ELKAN_ARRAYS = [
  "x",
  "weights",
  "centers",
  "labels",
  "upper",
  "lower",
  "half",
  "nearest",
  "shift",
  "sums",
  "partial",
  "clusterWeights",
] as const;
export type ElkanArrayName = (typeof ELKAN_ARRAYS)[number];

/** Elkan's state in one (shared) WebAssembly memory, as posted to worker threads. */
export interface ElkanLayout {
  readonly rows: number;
  readonly cols: number;
  readonly k: number;
  readonly weighted: boolean;
  readonly memory: WebAssembly.Memory;
  readonly module: WebAssembly.Module;
  readonly regions: Readonly<Record<ElkanArrayName, Region>>;
}

/** The phases of one Elkan iteration; threads split the rows (`accumulate`: its blocks). */
export type ElkanPhase = "init" | "assign" | "shift" | "accumulate";
