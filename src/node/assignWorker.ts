/**
 * Worker thread of `createWorkerPool`: assigns its share of rows each time the pool
 * bumps the shared generation counter, using the same kernel as the calling thread.
 */
import { parentPort } from "node:worker_threads";
import { accumulateCenters, assignRows } from "../cluster/assign.js";
import {
  ACCUMULATE,
  ASSIGN_SUBSET,
  COUNT,
  DONE_BASE,
  GENERATION,
  PHASE,
  type RunMessage,
  STOP,
  viewRun,
} from "./protocol.js";

parentPort?.on("message", (message: RunMessage) => {
  if (message.type !== "run") return;
  const { shared: s, worker, from, to } = message;
  const {
    points: p,
    scratch,
    xSquaredNorms,
    weights,
    labels,
    distances,
    control,
    sums,
    clusterWeights,
    owner,
    subsetIds,
    subsetLabels,
    subsetDistances,
  } = viewRun(s);
  let seen = 0;
  for (;;) {
    Atomics.wait(control, GENERATION, seen);
    if (Atomics.load(control, STOP) === 1) break;
    seen = Atomics.load(control, GENERATION);
    const phase = Atomics.load(control, PHASE);
    if (phase === ACCUMULATE) accumulateCenters(p, weights, labels, sums, clusterWeights, owner, worker + 1);
    else if (phase === ASSIGN_SUBSET) {
      // Position t of a mini-batch is row subsetIds[t]; each thread takes an equal slice.
      const count = Atomics.load(control, COUNT);
      const lo = Math.round(((worker + 1) * count) / s.threads);
      const hi = Math.round(((worker + 2) * count) / s.threads);
      assignRows(p, xSquaredNorms, weights, s.k, scratch, subsetLabels, subsetDistances, lo, hi, subsetIds);
    } else assignRows(p, xSquaredNorms, weights, s.k, scratch, labels, distances, from, to);
    Atomics.store(control, DONE_BASE + worker, seen);
    Atomics.notify(control, DONE_BASE + worker);
  }
});
