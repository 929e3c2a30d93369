/**
 * Worker thread of `createWorkerPool`: does its share of a k-means run (Lloyd's workspace
 * or Elkan's state) each time the pool bumps the shared generation counter, with the same
 * kernels as the calling thread.
 */
import { parentPort } from "node:worker_threads";
import { openElkan } from "../cluster/elkan.js";
import { openWorkspace } from "../cluster/workspace.js";
import {
  ACCUMULATE,
  ASSIGN_SUBSET,
  COUNT,
  DONE_BASE,
  ELKAN_INIT,
  ELKAN_SHIFT,
  type ElkanMessage,
  GENERATION,
  PHASE,
  type RunMessage,
  STOP,
  WORKER_GONE,
} from "./protocol.js";

// A worker that stops mid-run (an uncaught error, process.exit) says so at once, so the
// calling thread redoes its share instead of waiting for the deadline.
let current: { control: Int32Array; worker: number } | null = null;
process.on("exit", () => {
  if (current === null) return;
  Atomics.store(current.control, DONE_BASE + current.worker, WORKER_GONE);
  Atomics.notify(current.control, DONE_BASE + current.worker);
});

parentPort?.on("message", (message: RunMessage | ElkanMessage) => {
  const control = new Int32Array(message.control);
  const { worker, from, to } = message;
  current = { control, worker };
  let work: (phase: number) => void;
  if (message.type === "elkan") {
    const { passes } = openElkan(message.layout);
    work = (phase) => {
      if (phase === ACCUMULATE) {
        if (worker === 0) passes.sumBlock(1);
      } else if (phase === ELKAN_INIT) passes.init(from, to);
      else if (phase === ELKAN_SHIFT) passes.shift(from, to);
      else passes.assign(from, to);
    };
  } else {
    const ws = openWorkspace(message.layout, worker + 1);
    const threads = message.layout.threads;
    work = (phase) => {
      if (phase === ACCUMULATE) {
        if (message.mode === "columns") ws.accumulate(message.columns);
        else if (worker === 0) ws.sumBlock(1);
      } else if (phase === ASSIGN_SUBSET) {
        // Position t of a mini-batch is row subsetIds[t]; each thread takes an equal slice.
        const count = Atomics.load(control, COUNT);
        ws.assignSubset(Math.round(((worker + 1) * count) / threads), Math.round(((worker + 2) * count) / threads));
      } else ws.assign(from, to);
    };
  }
  let seen = 0;
  for (;;) {
    Atomics.wait(control, GENERATION, seen);
    if (Atomics.load(control, STOP) === 1) break;
    seen = Atomics.load(control, GENERATION);
    work(Atomics.load(control, PHASE));
    Atomics.store(control, DONE_BASE + worker, seen);
    Atomics.notify(control, DONE_BASE + worker);
  }
  current = null;
});

parentPort?.postMessage({ type: "ready" });
