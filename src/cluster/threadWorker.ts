import { openElkan } from "./elkan.js";
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
} from "./threadProtocol.js";
import { openWorkspace } from "./workspace.js";

// The session being served, so that a worker that stops mid-run can say so.
let current: { control: Int32Array; worker: number } | null = null;

/**
 * A worker's side of a pool session (Node's worker threads and Web Workers alike): opens
 * the shared workspace or Elkan's state, then does its share each time the calling thread
 * bumps the generation counter, with the same kernels, until told to stop.
 */
export function serveSession(message: RunMessage | ElkanMessage): void {
  current = { control: new Int32Array(message.control), worker: message.worker };
  const control = current.control;
  const { worker, from, to } = message;
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
}

/** Marks the current session's share as never coming (the worker is stopping), so the calling thread redoes it at once. */
export function leaveSession(): void {
  if (current === null) return;
  Atomics.store(current.control, DONE_BASE + current.worker, WORKER_GONE);
  Atomics.notify(current.control, DONE_BASE + current.worker);
}
