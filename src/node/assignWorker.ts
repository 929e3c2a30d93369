/**
 * Worker thread of `createWorkerPool`: assigns its share of rows each time the pool
 * bumps the shared generation counter, using the same kernel as the calling thread.
 */
import { parentPort } from "node:worker_threads";
import { openWorkspace } from "../cluster/workspace.js";
import { ACCUMULATE, ASSIGN_SUBSET, COUNT, DONE_BASE, GENERATION, PHASE, type RunMessage, STOP } from "./protocol.js";

parentPort?.on("message", (message: RunMessage) => {
  if (message.type !== "run") return;
  const { layout, worker, from, to } = message;
  const control = new Int32Array(message.control);
  const ws = openWorkspace(layout, worker + 1);
  let seen = 0;
  for (;;) {
    Atomics.wait(control, GENERATION, seen);
    if (Atomics.load(control, STOP) === 1) break;
    seen = Atomics.load(control, GENERATION);
    const phase = Atomics.load(control, PHASE);
    if (phase === ACCUMULATE) ws.accumulate(worker + 1);
    else if (phase === ASSIGN_SUBSET) {
      // Position t of a mini-batch is row subsetIds[t]; each thread takes an equal slice.
      const count = Atomics.load(control, COUNT);
      ws.assignSubset(
        Math.round(((worker + 1) * count) / layout.threads),
        Math.round(((worker + 2) * count) / layout.threads),
      );
    } else ws.assign(from, to);
    Atomics.store(control, DONE_BASE + worker, seen);
    Atomics.notify(control, DONE_BASE + worker);
  }
});
