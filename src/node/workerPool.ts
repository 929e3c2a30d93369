import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { accumulateCenters, assignRows, createAssignScratch, paddedK, prepareCenters } from "../cluster/assign.js";
import type { AssignSession, ParallelAssigner } from "../cluster/parallel.js";
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
  type SharedRun,
  STOP,
  viewRun,
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
        return startError === null ? null : singleThreaded(p, xSquaredNorms, weights, k, startError);
      }
      return startSession(live, p, xSquaredNorms, weights, k, timeoutMs);
    },
    async close() {
      await Promise.all(workers.map((w) => w?.terminate()));
      workers.fill(null);
    },
  };
}

function sharedCopy(source: ArrayLike<number>, type: "float64" | "int32"): SharedArrayBuffer {
  // Arrays already in shared memory (e.g. fitTransformTfidfStream(..., { shared: true })) are used in place.
  const view = source as Float64Array | Int32Array;
  const Expected = type === "float64" ? Float64Array : Int32Array;
  if (view instanceof Expected && view.buffer instanceof SharedArrayBuffer && view.byteOffset === 0) return view.buffer;
  const bytes = type === "float64" ? 8 : 4;
  const buffer = new SharedArrayBuffer(Math.max(1, source.length) * bytes);
  (type === "float64" ? new Float64Array(buffer) : new Int32Array(buffer)).set(source);
  return buffer;
}

function singleThreaded(
  p: Points,
  xSquaredNorms: Float64Array,
  weights: Float64Array | null,
  k: number,
  warning: string,
): AssignSession {
  const scratch = createAssignScratch(p, k);
  return {
    warning,
    assign(centers, labels, distances) {
      prepareCenters(p, centers, k, scratch);
      return assignRows(p, xSquaredNorms, weights, k, scratch, labels, distances);
    },
    end() {},
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
  const shared: SharedRun = {
    kind: p.kind,
    rows: n,
    cols: d,
    k,
    indptr: p.kind === "sparse" ? sharedCopy(p.indptr, "int32") : null,
    indices: p.kind === "sparse" ? sharedCopy(p.indices, "int32") : null,
    data: sharedCopy(p.data, "float64"),
    xSquaredNorms: sharedCopy(xSquaredNorms, "float64"),
    weights: weights === null ? null : sharedCopy(weights, "float64"),
    centerSquaredNorms: new SharedArrayBuffer(k * 8),
    centersT: new SharedArrayBuffer(Math.max(1, p.kind === "sparse" ? paddedK(k) * d : 0) * 8),
    centers: new SharedArrayBuffer(Math.max(1, p.kind === "dense" ? k * d : 0) * 8),
    labels: new SharedArrayBuffer(n * 4),
    sums: new SharedArrayBuffer(Math.max(1, k * d) * 8),
    clusterWeights: new SharedArrayBuffer(k * 8),
    owner: new SharedArrayBuffer(k * 4),
    subsetIds: new SharedArrayBuffer(n * 4),
    subsetLabels: new SharedArrayBuffer(n * 4),
    subsetDistances: new SharedArrayBuffer(n * 8),
    threads: workers.length + 1,
    distances: new SharedArrayBuffer(n * 8),
    control: new SharedArrayBuffer((DONE_BASE + workers.length) * 4),
  };
  const views = viewRun(shared);
  const local = views.points;
  const { scratch, labels, sums, clusterWeights, owner, subsetIds, subsetLabels, subsetDistances, distances, control } =
    views;
  const xNorms = views.xSquaredNorms;
  const w = views.weights;
  const rowCost = new Float64Array(k);
  // The calling thread takes the first slice; worker i the (i + 1)-th.
  const bounds = Array.from({ length: workers.length + 2 }, (_, i) => Math.round((i * n) / (workers.length + 1)));
  workers.forEach((worker, i) => {
    worker.postMessage({ type: "run", worker: i, from: bounds[i + 1], to: bounds[i + 2], shared });
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
      while (Atomics.load(control, DONE_BASE + i) !== generation) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        Atomics.wait(control, DONE_BASE + i, Atomics.load(control, DONE_BASE + i), Math.min(left, 1000));
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
      prepareCenters(local, centers, k, scratch);
      if (healthy) {
        run(
          ASSIGN,
          () => assignRows(local, xNorms, w, k, scratch, labels, distances, 0, bounds[1]),
          (i) => assignRows(local, xNorms, w, k, scratch, labels, distances, bounds[i + 1], bounds[i + 2]),
        );
      } else {
        assignRows(local, xNorms, w, k, scratch, labels, distances, 0, n);
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
      prepareCenters(local, centers, k, scratch);
      subsetIds.set(ids.subarray(0, count));
      const part = (t: number) => Math.round((t * count) / (workers.length + 1));
      if (healthy) {
        Atomics.store(control, COUNT, count);
        run(
          ASSIGN_SUBSET,
          () => assignRows(local, xNorms, w, k, scratch, subsetLabels, subsetDistances, 0, part(1), subsetIds),
          (i) =>
            assignRows(
              local,
              xNorms,
              w,
              k,
              scratch,
              subsetLabels,
              subsetDistances,
              part(i + 1),
              part(i + 2),
              subsetIds,
            ),
        );
      } else {
        assignRows(local, xNorms, w, k, scratch, subsetLabels, subsetDistances, 0, count, subsetIds);
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
        accumulateCenters(local, w, labels, outSums, outWeights);
        return;
      }
      // Clusters go to threads greedily by their number of stored entries.
      rowCost.fill(0);
      for (let i = 0; i < n; i++) {
        const j = labels[i] as number;
        rowCost[j] =
          (rowCost[j] as number) +
          1 +
          (local.kind === "sparse" ? (local.indptr[i + 1] as number) - (local.indptr[i] as number) : d);
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
        () => accumulateCenters(local, w, labels, sums, clusterWeights, owner, 0),
        (i) => accumulateCenters(local, w, labels, sums, clusterWeights, owner, i + 1),
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
