import type { Points } from "../core/points.js";
import { checkInteger, checkOptions } from "../core/validate.js";
import { type AnalyzedBatch, type AnalyzeSpec, analyzeBatch } from "../vectorize/analyzeBatch.js";
import { balancedColumns } from "./assign.js";
import { type ElkanLayout, type ElkanPhase, openElkan, runPhaseHere } from "./elkan.js";
import type { AssignSession, ElkanSession, ParallelAssigner } from "./parallel.js";
import {
  ACCUMULATE,
  ASSIGN,
  ASSIGN_SUBSET,
  COUNT,
  DONE_BASE,
  ELKAN_ASSIGN,
  ELKAN_INIT,
  ELKAN_SHIFT,
  type ElkanMessage,
  GENERATION,
  PHASE,
  type RunMessage,
  STOP,
  type UpdateMode,
  WORKER_GONE,
} from "./threadProtocol.js";
import { createWorkspace, localSession, totalDistance } from "./workspace.js";

/** A pool of threads for k-means; pass it as `options.parallel`. */
export interface WorkerPool extends ParallelAssigner {
  /**
   * Resolves once every worker has started (or failed to), so that the first k-means run
   * does not wait for threads to boot. Optional in Node; in Deno and browsers only the
   * workers that have started take part.
   */
  ready(): Promise<void>;
  /** Stops the workers. The pool falls back to one thread if used afterwards. */
  close(): Promise<void>;
}

/** Options of a worker pool (`createWorkerPool` in Node, `createWebWorkerPool` elsewhere). */
export interface PoolOptions {
  /** Threads in all, the calling thread included. @defaultValue the machine's cores */
  readonly threads?: number;
  /** Longest wait for a worker's share before computing it on the calling thread, in ms. @defaultValue 30000 */
  readonly timeoutMs?: number;
  /** Where the worker script is, for bundlers that move files. @defaultValue the packaged worker script */
  readonly workerUrl?: URL | string;
}

/** A pool's options checked, with the defaults applied. */
export function resolvePoolOptions(
  fn: string,
  options: PoolOptions,
  cores: number,
): { threads: number; timeoutMs: number; workerUrl: URL | string | undefined } {
  const o = checkOptions(fn, options, ["threads", "timeoutMs", "workerUrl"]);
  return {
    threads: checkInteger(fn, "options.threads", o.threads ?? Math.max(1, cores), 1, 256),
    timeoutMs: checkInteger(fn, "options.timeoutMs", o.timeoutMs ?? 30_000, 1),
    workerUrl: o.workerUrl,
  };
}

/** One worker thread, as the pool sees it in any runtime. */
export interface PoolThread {
  post(message: RunMessage | ElkanMessage): void;
  terminate(): Promise<unknown> | undefined | void;
  /** Reads a batch of documents on the worker; rejects if the worker stops first. Optional. */
  analyze?(spec: AnalyzeSpec, texts: readonly string[]): Promise<AnalyzedBatch>;
  /** Reads batches with answers taken without the event loop (Node's worker threads can). Optional. */
  readonly reader?: SyncReader;
}

/** A worker reading batches of documents for a synchronous caller. */
export interface SyncReader {
  /** Posts batch number `request` to the worker. */
  send(request: number, spec: AnalyzeSpec, texts: readonly string[]): void;
  /** The worker's next answer, waiting up to `ms`: "timeout" when none came, "gone" when the worker stopped. */
  take(ms: number): ReadAnswer | "timeout" | "gone";
}

/** A batch read by a {@link SyncReader}. */
export interface ReadAnswer {
  readonly request: number;
  readonly batch: AnalyzedBatch;
}

/** A worker as started by a runtime's pool: its thread, when it is listening, and a way to hear it stop. */
export interface SpawnedThread {
  readonly thread: PoolThread;
  /** Settles once the worker listens (or has failed to start). */
  readonly started: Promise<void>;
}

// Rows below which a thread is not worth its synchronisation.
const MIN_ROWS_PER_THREAD = 1024;

/**
 * A session's shared memory is freed only once every thread has dropped it, and an idle
 * worker never collects its garbage: after a session over this many values, the workers
 * are replaced by fresh ones (a few tens of milliseconds), or each would hold every large
 * run's copy of the data (measured on 87,242 abstracts: 837 MB peak with the pool before,
 * 740-781 MB with fresh workers, 688 MB without a pool).
 */
const RECYCLE_VALUES = 4 << 20;

/**
 * Workers that stopped or missed a deadline: later sessions leave them out at once (the
 * calling thread is busy in k-means, so their "exit" event may not have been heard yet).
 */
const failedThreads = new WeakMap<PoolThread, string>();

/**
 * The pool behind `createWorkerPool` (Node's worker threads) and `createWebWorkerPool`
 * (Web Workers): `threads - 1` workers from `spawn(w, gone)`, where `gone()` is to be called
 * when worker w stops. Data is copied once per run into shared memory; each iteration the
 * calling thread publishes the centres, every thread labels its slice of rows with the
 * same kernel, and the update step's sums are split so that each one still runs over the
 * rows in the same order: results do not depend on the number of threads. A worker that
 * cannot start or does not answer within `timeoutMs` is replaced by the calling thread
 * (same result, with a warning). With `onlyStarted`, workers take part only once they have
 * started (runtimes whose workers boot on the calling thread's event loop).
 */
export function createThreadPool(
  threads: number,
  timeoutMs: number,
  spawn: (w: number, gone: () => void) => SpawnedThread,
  onlyStarted = false,
  unavailable: string | null = null,
): WorkerPool {
  const workers: (PoolThread | null)[] = [];
  const isStarted: boolean[] = [];
  const started: Promise<void>[] = [];
  let startError: string | null = unavailable;
  const launch = (w: number): void => {
    const spawned = spawn(w, () => {
      if (workers[w] === spawned.thread) workers[w] = null;
    });
    workers[w] = spawned.thread;
    isStarted[w] = false;
    started[w] = spawned.started.then(() => {
      if (workers[w] === spawned.thread) isStarted[w] = true;
    });
  };
  for (let w = 0; startError === null && w < threads - 1; w++) {
    try {
      launch(w);
    } catch (error) {
      startError = `worker threads unavailable (${(error as Error).message}); k-means ran on one thread`;
    }
  }
  /** Replaces the live workers by fresh ones. */
  const recycle = (): void => {
    workers.forEach((w, i) => {
      if (w === null || failedThreads.has(w)) return;
      void w.terminate();
      try {
        launch(i);
      } catch {
        workers[i] = null;
      }
    });
  };
  /**
   * What follows a session over `values` values: fresh workers after a large one (see
   * RECYCLE_VALUES). Web Workers take part only once started, which needs the calling
   * thread's event loop: fresh ones would leave the rest of a synchronous run to one thread.
   */
  const afterSession = (values: number): (() => void) => (onlyStarted || values < RECYCLE_VALUES ? () => {} : recycle);
  /** The workers still usable, and the warning of the first that failed (every later run repeats it). */
  const liveWorkers = () => {
    let fallback: string | null = null;
    const live: PoolThread[] = [];
    workers.forEach((w, i) => {
      if (w === null || (onlyStarted && !isStarted[i])) return;
      const failed = failedThreads.get(w);
      if (failed === undefined) live.push(w);
      else fallback ??= failed;
    });
    return { live, fallback };
  };
  let nextReader = 0;
  return {
    threads,
    analyzeTexts(spec, texts) {
      // Batches go round the live workers; without one, or when one fails, this thread reads
      // the batch itself: the same batch either way.
      const readers = startError === null ? liveWorkers().live.filter((w) => w.analyze !== undefined) : [];
      if (readers.length === 0) return Promise.resolve(analyzeBatch(spec, texts));
      const reader = readers[nextReader++ % readers.length] as PoolThread;
      return (reader.analyze as NonNullable<PoolThread["analyze"]>)(spec, texts).catch(() => analyzeBatch(spec, texts));
    },
    readTexts(spec, texts, onBatch) {
      const readers = startError === null ? liveWorkers().live.filter((w) => w.reader !== undefined) : [];
      if (readers.length === 0 || texts.length < MIN_READ_DOCUMENTS) return false;
      readTextsNow(readers, spec, texts, onBatch, timeoutMs);
      return true;
    },
    afterReading() {
      // A worker that read a corpus keeps the heap it grew (an idle worker never collects it).
      if (!onlyStarted) recycle();
    },
    startElkan(layout) {
      const { live, fallback } = liveWorkers();
      if (startError !== null) return localElkanSession(layout, startError);
      if (live.length === 0 || layout.rows / (live.length + 1) < MIN_ROWS_PER_THREAD)
        return fallback === null ? null : localElkanSession(layout, fallback);
      return startElkanSession(live, layout, timeoutMs, fallback, afterSession(layout.rows * layout.cols));
    },
    start(p, xSquaredNorms, weights, k) {
      const { live, fallback } = liveWorkers();
      const share = Math.floor(p.rows / (live.length + 1));
      if (startError !== null) return localSession(p, xSquaredNorms, weights, k, startError);
      if (live.length === 0 || share < MIN_ROWS_PER_THREAD)
        return fallback === null ? null : localSession(p, xSquaredNorms, weights, k, fallback);
      const values = p.kind === "sparse" ? (p.indptr[p.rows] as number) : p.rows * p.cols;
      return startSession(live, p, xSquaredNorms, weights, k, timeoutMs, fallback, afterSession(values));
    },
    async ready() {
      await Promise.all(started);
    },
    async close() {
      await Promise.all(workers.map((w) => w?.terminate()));
      workers.fill(null);
    },
  };
}

// Documents below which reading stays on the calling thread, and the batch sizes' bounds.
const MIN_READ_DOCUMENTS = 1000;
const MIN_READ_BATCH = 100;
const MAX_READ_BATCH = 1000;
/** Batches each reader holds at once: enough that it never waits for the calling thread. */
const READ_AHEAD = 3;

/**
 * Reads `texts` in batches on the calling thread and the readers, handing them to
 * `onBatch` in order. Each reader is kept READ_AHEAD batches ahead; the calling thread reads
 * the next batch nobody holds, merges answers as they come, and waits only when every batch
 * is out. A reader that stops or misses the deadline has its batches read here (the same
 * batches) and is left out of later runs, with a warning there.
 */
function readTextsNow(
  workers: PoolThread[],
  spec: AnalyzeSpec,
  texts: readonly string[],
  onBatch: (batch: AnalyzedBatch) => void,
  timeoutMs: number,
): void {
  const readers = workers.map((w) => w.reader as SyncReader);
  const threads = readers.length + 1;
  const size = Math.min(MAX_READ_BATCH, Math.max(MIN_READ_BATCH, Math.ceil(texts.length / (threads * 16))));
  const batches = Math.ceil(texts.length / size);
  const slice = (b: number) => texts.slice(b * size, Math.min(texts.length, (b + 1) * size));
  const read: (AnalyzedBatch | undefined)[] = new Array(batches);
  // The batches each reader has been sent and not yet answered, oldest first.
  const held = readers.map(() => new Set<number>());
  const fail = (r: number, why: "timeout" | "gone") => {
    failedThreads.set(
      workers[r] as PoolThread,
      why === "gone"
        ? "a worker thread stopped while reading documents; the pool continued without it (same result)"
        : `a worker thread did not answer within ${timeoutMs} ms while reading documents; the pool continued without it (same result)`,
    );
    for (const b of held[r] as Set<number>) read[b] = analyzeBatch(spec, slice(b));
    (held[r] as Set<number>).clear();
  };
  const live = (r: number) => !failedThreads.has(workers[r] as PoolThread);
  const keep = (r: number, answer: ReadAnswer) => {
    read[answer.request] = answer.batch;
    (held[r] as Set<number>).delete(answer.request);
  };
  let next = 0;
  let merged = 0;
  while (merged < batches) {
    // Every answer already in, without waiting.
    readers.forEach((reader, r) => {
      while (live(r) && (held[r] as Set<number>).size > 0) {
        const answer = reader.take(0);
        if (answer === "timeout") break;
        if (answer === "gone") fail(r, answer);
        else keep(r, answer);
      }
    });
    while (merged < batches && read[merged] !== undefined) {
      onBatch(read[merged] as AnalyzedBatch);
      read[merged++] = undefined;
    }
    if (merged === batches) break;
    readers.forEach((reader, r) => {
      const mine = held[r] as Set<number>;
      while (live(r) && mine.size < READ_AHEAD && next < batches) {
        reader.send(next, spec, slice(next));
        mine.add(next++);
      }
    });
    if (next < batches) {
      read[next] = analyzeBatch(spec, slice(next));
      next++;
    } else if (read[merged] === undefined) {
      // A reader answers in the order it was sent, so its next answer is this batch.
      const r = held.findIndex((mine) => mine.has(merged));
      const answer = (readers[r] as SyncReader).take(timeoutMs);
      if (typeof answer === "string") fail(r, answer);
      else keep(r, answer);
    }
  }
}

function startSession(
  workers: PoolThread[],
  p: Points,
  xSquaredNorms: Float64Array,
  weights: Float64Array | null,
  k: number,
  timeoutMs: number,
  fallback: string | null,
  afterEnd: () => void,
): AssignSession {
  const n = p.rows;
  const threads = workers.length + 1;
  const ws = createWorkspace(p, xSquaredNorms, weights, k, threads);
  const { labels, distances, sums, clusterWeights, subsetIds, subsetLabels, subsetDistances } = ws;
  const w = ws.weights;
  // The calling thread takes the first slice; worker i the (i + 1)-th.
  const bounds = rowBounds(n, threads);
  // How the update step is shared (its sums never depend on it; see updateBlocks): with two
  // blocks, the calling thread and the first worker sum one each; with one, every thread
  // sums its share of the columns. (Summing during the assignment pass measured slower: the
  // sums and the centres then compete for the cache.)
  const mode: UpdateMode = ws.blocks.length === 3 ? "blocks" : "columns";
  const columns = balancedColumns(p, threads);
  const columnShares = Array.from({ length: threads }, (_, t) => [columns[t], columns[t + 1]] as [number, number]);
  const c = createCoordinator(workers, timeoutMs, fallback, afterEnd, (worker, control) => ({
    type: "run",
    worker,
    from: bounds[worker + 1] as number,
    to: bounds[worker + 2] as number,
    columns: columnShares[worker + 1] as [number, number],
    mode,
    layout: ws.layout,
    control,
  }));
  const { control, run } = c;
  // Each thread's part of each phase, made once for the session.
  const assignShare = (t: number) => ws.assign(bounds[t] as number, bounds[t + 1] as number);
  let subsetCount = 0;
  const subsetShare = (t: number) =>
    ws.assignSubset(Math.round((t * subsetCount) / threads), Math.round(((t + 1) * subsetCount) / threads));
  const blockShare = (t: number) => {
    if (t < 2) ws.sumBlock(t);
  };
  const columnShare = (t: number) => ws.accumulate(columnShares[t] as [number, number]);
  return {
    get warning() {
      return c.warning;
    },
    assign(centers, outLabels, outDistances) {
      ws.prepare(centers);
      if (!c.healthy) ws.assign(0, n);
      else run(ASSIGN, assignShare);
      outLabels.set(labels);
      outDistances.set(distances);
      return totalDistance(ws);
    },
    assignSubset(ids, count, centers, outLabels, outDistances) {
      ws.prepare(centers);
      subsetIds.set(ids.subarray(0, count));
      if (c.healthy) {
        subsetCount = count;
        Atomics.store(control, COUNT, count);
        run(ASSIGN_SUBSET, subsetShare);
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
      if (!c.healthy) for (let b = 0; b + 1 < ws.blocks.length; b++) ws.sumBlock(b);
      else run(ACCUMULATE, mode === "blocks" ? blockShare : columnShare);
      ws.finishSums();
      outSums.set(sums);
      outWeights.set(clusterWeights);
    },
    end: c.end,
  };
}

/** The first row of each thread's slice, and n: the calling thread first, then worker i. */
function rowBounds(n: number, threads: number): number[] {
  return Array.from({ length: threads + 1 }, (_, i) => Math.round((i * n) / threads));
}

/**
 * Posts each worker its first message and runs generations of work: `run` publishes a
 * phase, does the calling thread's part, then waits for every worker; a worker that misses
 * the deadline has its part redone on the calling thread (same result) and the session
 * continues on one thread with a warning. `afterEnd` runs once the workers are told to stop.
 */
function createCoordinator(
  workers: PoolThread[],
  timeoutMs: number,
  fallback: string | null,
  afterEnd: () => void,
  message: (worker: number, control: SharedArrayBuffer) => RunMessage | ElkanMessage,
) {
  const controlBuffer = new SharedArrayBuffer((DONE_BASE + workers.length) * 4);
  const control = new Int32Array(controlBuffer);
  workers.forEach((worker, i) => {
    worker.post(message(i, controlBuffer));
  });
  let generation = 0;
  const state = {
    control,
    healthy: true,
    warning: fallback,
    /** `share(t)` does thread t's part (0 = the calling thread, t = worker t - 1). */
    run(phase: number, share: (thread: number) => void): void {
      generation++;
      Atomics.store(control, PHASE, phase);
      Atomics.store(control, GENERATION, generation);
      Atomics.notify(control, GENERATION);
      share(0);
      const deadline = Date.now() + timeoutMs;
      for (let i = 0; i < workers.length; i++) {
        for (;;) {
          // Wait on the value just checked: re-reading it could see the worker's store and
          // then sleep through the notification that followed it.
          const done = Atomics.load(control, DONE_BASE + i);
          const left = deadline - Date.now();
          if (done === generation || done === WORKER_GONE || left <= 0) break;
          Atomics.wait(control, DONE_BASE + i, done, Math.min(left, 1000));
        }
        const done = Atomics.load(control, DONE_BASE + i);
        if (done !== generation) {
          state.healthy = false;
          state.warning =
            done === WORKER_GONE
              ? "a worker thread stopped; k-means continued on one thread (same result)"
              : `a worker thread did not answer within ${timeoutMs} ms; k-means continued on one thread (same result)`;
          failedThreads.set(workers[i] as PoolThread, state.warning);
          share(i + 1);
        }
      }
    },
    end(): void {
      Atomics.store(control, STOP, 1);
      Atomics.store(control, GENERATION, generation + 1);
      Atomics.notify(control, GENERATION);
      afterEnd();
    },
  };
  return state;
}

const ELKAN_PHASES: Record<ElkanPhase, number> = {
  init: ELKAN_INIT,
  assign: ELKAN_ASSIGN,
  shift: ELKAN_SHIFT,
  accumulate: ACCUMULATE,
};

/** Elkan's passes on the calling thread only, reporting why. */
function localElkanSession(layout: ElkanLayout, warning: string): ElkanSession {
  const { passes } = openElkan(layout);
  return {
    warning,
    run: (phase) => runPhaseHere(passes, phase, layout.rows),
    end() {},
  };
}

/** Elkan's passes on all threads, rows split as for Lloyd's (the sums stay on the calling thread). */
function startElkanSession(
  workers: PoolThread[],
  layout: ElkanLayout,
  timeoutMs: number,
  fallback: string | null,
  afterEnd: () => void,
): ElkanSession {
  const n = layout.rows;
  const threads = workers.length + 1;
  const bounds = rowBounds(n, threads);
  const { passes } = openElkan(layout);
  // One block of rows per thread for the sums (the calling thread and the first worker);
  // rows split as for Lloyd's for the other phases.
  const blockShare = (t: number) => {
    if (t < 2) passes.sumBlock(t);
  };
  let rowPhase: Exclude<ElkanPhase, "accumulate"> = "init";
  const rowShare = (t: number) => passes[rowPhase](bounds[t] as number, bounds[t + 1] as number);
  const c = createCoordinator(workers, timeoutMs, fallback, afterEnd, (worker, control) => ({
    type: "elkan",
    worker,
    from: bounds[worker + 1] as number,
    to: bounds[worker + 2] as number,
    layout,
    control,
  }));
  return {
    get warning() {
      return c.warning;
    },
    run(phase) {
      if (!c.healthy || (phase === "accumulate" && passes.blocks.length !== 3)) {
        runPhaseHere(passes, phase, n);
        return;
      }
      if (phase === "accumulate") {
        c.run(ACCUMULATE, blockShare);
        passes.finishSums();
        return;
      }
      rowPhase = phase;
      c.run(ELKAN_PHASES[phase], rowShare);
    },
    end: c.end,
  };
}
