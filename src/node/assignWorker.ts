/**
 * Worker thread of `createWorkerPool`: assigns its share of rows each time the pool
 * bumps the shared generation counter, using the same kernel as the calling thread.
 */
import { parentPort } from "node:worker_threads";
import { accumulateCenters, assignRows } from "../cluster/assign.js";
import type { Points } from "../core/points.js";
import { ACCUMULATE, ASSIGN_SUBSET, COUNT, DONE_BASE, GENERATION, PHASE, type RunMessage, STOP } from "./protocol.js";

parentPort?.on("message", (message: RunMessage) => {
  if (message.type !== "run") return;
  const { shared: s, worker, from, to } = message;
  const p: Points =
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
  const scratch = {
    centerSquaredNorms: new Float64Array(s.centerSquaredNorms),
    dots: new Float64Array(s.k),
    centersT: new Float64Array(s.centersT),
    centers: new Float64Array(s.centers),
  };
  const xSquaredNorms = new Float64Array(s.xSquaredNorms);
  const weights = s.weights === null ? null : new Float64Array(s.weights);
  const labels = new Int32Array(s.labels);
  const distances = new Float64Array(s.distances);
  const control = new Int32Array(s.control);
  const sums = new Float64Array(s.sums);
  const clusterWeights = new Float64Array(s.clusterWeights);
  const owner = new Int32Array(s.owner);
  const subsetIds = new Int32Array(s.subsetIds);
  const subsetLabels = new Int32Array(s.subsetLabels);
  const subsetDistances = new Float64Array(s.subsetDistances);
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
