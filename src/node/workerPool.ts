import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { createThreadPool, type PoolOptions, resolvePoolOptions, type WorkerPool } from "../cluster/threadPool.js";

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
    worker.on("error", gone);
    worker.on("exit", gone);
    // The worker script says "ready" once it listens; failing or exiting also settles.
    const started = new Promise<void>((resolve) => {
      const done = () => resolve();
      worker.once("message", done);
      worker.once("error", done);
      worker.once("exit", done);
    });
    return { thread: { post: (m) => worker.postMessage(m), terminate: () => worker.terminate() }, started };
  });
}
