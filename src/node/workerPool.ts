import { availableParallelism } from "node:os";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import {
  createThreadPool,
  type PoolOptions,
  type ReadAnswer,
  resolvePoolOptions,
  type SyncReader,
  type WorkerPool,
} from "../cluster/threadPool.js";
import type { AnalyzedMessage, AnalyzeMessage, ReaderMessage } from "../cluster/threadProtocol.js";
import { READ_ANSWERS, READER_GONE } from "../cluster/threadProtocol.js";
import type { AnalyzedBatch, AnalyzeSpec } from "../vectorize/analyzeBatch.js";

export type { WorkerPool } from "../cluster/threadPool.js";

/** Options of {@link createWorkerPool}; `threads` defaults to the machine's available parallelism, `workerUrl` to the packaged `assign-worker.js`. */
export type WorkerPoolOptions = PoolOptions;

/**
 * Creates worker threads that share k-means with the calling thread. Data is copied once
 * per run into shared memory; each iteration the calling thread publishes the centres,
 * every thread labels its slice of rows with the same kernel, and the update step's sums
 * are split so that each one still runs over the rows in the same order: results do not
 * depend on the number of threads. A worker that cannot start
 * or does not answer within `timeoutMs` is replaced by the calling thread (same result,
 * with a warning). The workers do not keep the process alive.
 * @example const pool = createWorkerPool(); kmeans(X, 50, { parallel: pool }); await pool.close();
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const { threads, timeoutMs, workerUrl } = resolvePoolOptions("createWorkerPool", options, availableParallelism());
  return createThreadPool(threads, timeoutMs, (_, gone) => {
    const worker = new Worker(workerUrl ?? new URL("./assign-worker.js", import.meta.url));
    worker.unref();
    // Batches of documents out for reading, by request number; a worker that stops fails them.
    const pending = new Map<number, { resolve: (batch: AnalyzedBatch) => void; reject: (error: Error) => void }>();
    let requests = 0;
    const stopped = (error: unknown) => {
      for (const p of pending.values()) p.reject(error instanceof Error ? error : new Error("worker stopped"));
      pending.clear();
      gone();
    };
    worker.on("error", stopped);
    worker.on("exit", stopped);
    worker.on("message", (message: AnalyzedMessage | { type: "ready" }) => {
      if (message.type !== "analyzed") return;
      pending.get(message.request)?.resolve(message.batch);
      pending.delete(message.request);
    });
    const analyze = (spec: AnalyzeSpec, texts: readonly string[]) =>
      new Promise<AnalyzedBatch>((resolve, reject) => {
        const request = requests++;
        pending.set(request, { resolve, reject });
        // A waiting request keeps the process alive until its answer comes.
        if (pending.size === 1) worker.ref();
        worker.postMessage({ type: "analyze", request, spec, texts } satisfies AnalyzeMessage);
      }).finally(() => {
        if (pending.size === 0) worker.unref();
      });
    // The worker script says "ready" once it listens; failing or exiting also settles.
    const started = new Promise<void>((resolve) => {
      const done = () => resolve();
      worker.once("message", done);
      worker.once("error", done);
      worker.once("exit", done);
    });
    return {
      thread: {
        post: (m) => worker.postMessage(m),
        terminate: () => worker.terminate(),
        analyze,
        reader: syncReader(worker),
      },
      started,
    };
  });
}

/**
 * A worker's reading for a synchronous caller: batches go out as messages; answers come
 * back on a port of their own, which the calling thread reads with `receiveMessageOnPort`
 * after sleeping on a shared counter the worker bumps with each answer (the event loop
 * never runs during a synchronous call). The port is set up on first use.
 */
function syncReader(worker: Worker): SyncReader {
  let channel: { port: MessagePort; control: Int32Array } | null = null;
  return {
    send(request, spec, texts) {
      if (channel === null) {
        const { port1, port2 } = new MessageChannel();
        port1.unref();
        const control = new Int32Array(new SharedArrayBuffer(8));
        worker.postMessage({ type: "reader", port: port2, control: control.buffer } satisfies ReaderMessage, [port2]);
        channel = { port: port1, control };
      }
      worker.postMessage({ type: "read", request, spec, texts } satisfies AnalyzeMessage);
    },
    take(ms) {
      if (channel === null) return "timeout";
      const { port, control } = channel;
      const deadline = Date.now() + ms;
      for (;;) {
        // Read the counter before looking: an answer posted after the look changes it, so
        // the wait below cannot sleep through it.
        const seen = Atomics.load(control, READ_ANSWERS);
        const received = receiveMessageOnPort(port);
        if (received !== undefined) return received.message as ReadAnswer;
        if (Atomics.load(control, READER_GONE) !== 0) return "gone";
        const left = deadline - Date.now();
        if (left <= 0) return "timeout";
        Atomics.wait(control, READ_ANSWERS, seen, Math.min(left, 1000));
      }
    },
  };
}
