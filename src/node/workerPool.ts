import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { AssignSession, ParallelAssigner } from "../cluster/parallel.js";
import { createWorkspace, localSession } from "../cluster/workspace.js";
import type { Points } from "../core/points.js";
import { checkInteger, checkOptions } from "../core/validate.js";
import {
  ACCUMULATE,
  ASSIGN,
  ASSIGN_SUBSET,
  COUNT,
  DONE_BASE,
  GENERATION,
  PHASE,
  type RunMessage,
  STOP,
} from "./protocol.js";

export interface WorkerPoolOptions {
  /** Threads in all, the calling thread included. @defaultValue the machine's available parallelism */
  readonly threads?: number;
  /** Longest wait for a worker's share before computing it on the calling thread, in ms. @defaultValue 30000 */
  readonly timeoutMs?: number;
  /** Where the worker script is, for bundlers that move files. @defaultValue the packaged `assign-worker.js` */
  readonly workerUrl?: URL | string;
}

/** A pool of worker threads for k-means' assignment step; pass it as `options.parallel`. */
export interface WorkerPool extends ParallelAssigner {
  /** Stops the workers. The pool falls back to one thread if used afterwards. */
  close(): Promise<void>;
}

// Rows below which a thread is not worth its synchronisation.
const MIN_ROWS_PER_THREAD = 1024;

/**
 * Creates worker threads that share the assignment step of k-means with the calling
 * thread. Data is copied once per run into shared memory; each iteration the calling
 * thread publishes the centres and every thread labels its slice of rows with the same
 * kernel, so results do not depend on the number of threads. A worker that cannot start
 * or does not answer within `timeoutMs` is replaced by the calling thread (same result,
 * with a warning). The workers do not keep the process alive.
 * @example const pool = createWorkerPool(); kmeans(X, 50, { parallel: pool }); await pool.close();
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const fn = "createWorkerPool";
  const o = checkOptions(fn, options, ["threads", "timeoutMs", "workerUrl"]);
  const threads = checkInteger(fn, "options.threads", o.threads ?? availableParallelism(), 1, 256);
  const timeoutMs = checkInteger(fn, "options.timeoutMs", o.timeoutMs ?? 30_000, 1);
  const workers: (Worker | null)[] = [];
  let startError: string | null = null;
  for (let w = 0; w < threads - 1; w++) {
    try {
      const worker = new Worker(o.workerUrl ?? new URL("./assign-worker.js", import.meta.url));
      worker.unref();
      worker.on("error", () => {
        workers[w] = null;
      });
      workers.push(worker);
    } catch (error) {
      startError = `worker threads unavailable (${(error as Error).message}); k-means ran on one thread`;
      break;
    }
  }
  return {
    threads,
    start(p, xSquaredNorms, weights, k) {
      const live = workers.filter((w): w is Worker => w !== null);
      const share = Math.floor(p.rows / (live.length + 1));
      if (startError !== null || live.length === 0 || share < MIN_ROWS_PER_THREAD) {
        return startError === null ? null : localSession(p, xSquaredNorms, weights, k, startError);
      }
      return startSession(live, p, xSquaredNorms, weights, k, timeoutMs);
    },
    async close() {
      await Promise.all(workers.map((w) => w?.terminate()));
      workers.fill(null);
    },
  };
}

function startSession(
  workers: Worker[],
  p: Points,
  xSquaredNorms: Float64Array,
  weights: Float64Array | null,
  k: number,
  timeoutMs: number,
): AssignSession {
  const n = p.rows;
  const d = p.cols;
  const threads = workers.length + 1;
  const ws = createWorkspace(p, xSquaredNorms, weights, k, threads);
  const { labels, distances, sums, clusterWeights, owner, subsetIds, subsetLabels, subsetDistances } = ws;
  const w = ws.weights;
  const controlBuffer = new SharedArrayBuffer((DONE_BASE + workers.length) * 4);
  const control = new Int32Array(controlBuffer);
  const rowCost = new Float64Array(k);
  // The calling thread takes the first slice; worker i the (i + 1)-th.
  const bounds = Array.from({ length: threads + 1 }, (_, i) => Math.round((i * n) / threads));
  workers.forEach((worker, i) => {
    const message: RunMessage = {
      type: "run",
      worker: i,
      from: bounds[i + 1] as number,
      to: bounds[i + 2] as number,
      layout: ws.layout,
      control: controlBuffer,
    };
    worker.postMessage(message);
  });
  let warning: string | null = null;
  let healthy = true;
  let generation = 0;
  // Publishes one generation of work, does the calling thread's part, then waits for every
  // worker; a worker that misses the deadline has its part redone here (same result).
  const run = (phase: number, mine: () => void, redo: (worker: number) => void): void => {
    generation++;
    Atomics.store(control, PHASE, phase);
    Atomics.store(control, GENERATION, generation);
    Atomics.notify(control, GENERATION);
    mine();
    const deadline = Date.now() + timeoutMs;
    for (let i = 0; i < workers.length; i++) {
      for (;;) {
        // Wait on the value just checked: re-reading it could see the worker's store and
        // then sleep through the notification that followed it.
        const done = Atomics.load(control, DONE_BASE + i);
        const left = deadline - Date.now();
        if (done === generation || left <= 0) break;
        Atomics.wait(control, DONE_BASE + i, done, Math.min(left, 1000));
      }
      if (Atomics.load(control, DONE_BASE + i) !== generation) {
        healthy = false;
        warning = `a worker thread did not answer within ${timeoutMs} ms; k-means continued on one thread (same result)`;
        redo(i);
      }
    }
  };
  return {
    get warning() {
      return warning;
    },
    assign(centers, outLabels, outDistances) {
      ws.prepare(centers);
      if (healthy) {
        run(
          ASSIGN,
          () => ws.assign(0, bounds[1] as number),
          (i) => ws.assign(bounds[i + 1] as number, bounds[i + 2] as number),
        );
      } else {
        ws.assign(0, n);
      }
      outLabels.set(labels);
      outDistances.set(distances);
      // Summed here, in row order, so the total never depends on how rows were split.
      let total = 0;
      for (let i = 0; i < n; i++)
        total += w === null ? (distances[i] as number) : (distances[i] as number) * (w[i] as number);
      return total;
    },
    assignSubset(ids, count, centers, outLabels, outDistances) {
      ws.prepare(centers);
      subsetIds.set(ids.subarray(0, count));
      const part = (t: number) => Math.round((t * count) / threads);
      if (healthy) {
        Atomics.store(control, COUNT, count);
        run(
          ASSIGN_SUBSET,
          () => ws.assignSubset(0, part(1)),
          (i) => ws.assignSubset(part(i + 1), part(i + 2)),
        );
      } else {
        ws.assignSubset(0, count);
      }
      outLabels.set(subsetLabels.subarray(0, count));
      outDistances.set(subsetDistances.subarray(0, count));
      let total = 0;
      for (let t = 0; t < count; t++) {
        const d2 = subsetDistances[t] as number;
        total += w === null ? d2 : d2 * (w[subsetIds[t] as number] as number);
      }
      return total;
    },
    accumulate(outSums, outWeights) {
      if (!healthy) {
        ws.accumulate(null);
        outSums.set(sums);
        outWeights.set(clusterWeights);
        return;
      }
      // Clusters go to threads greedily by their number of stored entries.
      rowCost.fill(0);
      for (let i = 0; i < n; i++) {
        const j = labels[i] as number;
        rowCost[j] =
          (rowCost[j] as number) +
          1 +
          (p.kind === "sparse" ? (p.indptr[i + 1] as number) - (p.indptr[i] as number) : d);
      }
      const load = new Float64Array(workers.length + 1);
      const order = Array.from({ length: k }, (_, j) => j).sort(
        (a, b) => (rowCost[b] as number) - (rowCost[a] as number) || a - b,
      );
      for (const j of order) {
        let t = 0;
        for (let u = 1; u < load.length; u++) if ((load[u] as number) < (load[t] as number)) t = u;
        owner[j] = t;
        load[t] = (load[t] as number) + (rowCost[j] as number);
      }
      run(
        ACCUMULATE,
        () => ws.accumulate(0),
        (i) => ws.accumulate(i + 1),
      );
      outSums.set(sums);
      outWeights.set(clusterWeights);
    },
    end() {
      Atomics.store(control, STOP, 1);
      Atomics.store(control, GENERATION, generation + 1);
      Atomics.notify(control, GENERATION);
    },
  };
}
