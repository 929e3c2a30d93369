import { createThreadPool, type PoolOptions, resolvePoolOptions, type WorkerPool } from "./threadPool.js";

/** Options of {@link createWebWorkerPool}; `threads` defaults to `navigator.hardwareConcurrency`, `workerUrl` to the packaged `web-worker.js`. */
export type WebWorkerPoolOptions = PoolOptions;

/**
 * {@link createWorkerPool} for Deno and browsers: Web Workers share k-means with the
 * calling thread through SharedArrayBuffer and Atomics, with results byte-identical to one
 * thread. It needs what the runtime may withhold: shared memory (Deno always; a browser
 * page only when cross-origin isolated, served with `Cross-Origin-Opener-Policy:
 * same-origin` and `Cross-Origin-Embedder-Policy: require-corp`) and a calling thread that
 * may block (Deno, or a browser Worker: run `clusterTopics` in a Worker, not in the page's
 * main thread). Without them the pool runs k-means on the calling thread, with a warning
 * saying why. `await pool.ready()` before the first run: workers take part once started.
 * @example const pool = createWebWorkerPool(); await pool.ready(); clusterTopics(docs, { parallel: pool });
 */
export function createWebWorkerPool(options: WebWorkerPoolOptions = {}): WorkerPool {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  const { threads, timeoutMs, workerUrl } = resolvePoolOptions("createWebWorkerPool", options, cores ?? 1);
  const unavailable = whyNoThreads();
  return createThreadPool(
    threads,
    timeoutMs,
    (_, gone) => {
      const worker = new Worker(workerUrl ?? new URL("./web-worker.js", import.meta.url), { type: "module" });
      worker.addEventListener("error", gone);
      // Sessions go through a channel's port: Chromium holds a Worker's own postMessage to a
      // nested Worker until the sender returns to its event loop, which k-means never does
      // while it waits for the workers; a port delivers at once.
      const channel = new MessageChannel();
      worker.postMessage({ type: "port", port: channel.port2 }, [channel.port2]);
      // The worker script says "ready" once it listens on the port; failing also settles.
      const started = new Promise<void>((resolve) => {
        worker.addEventListener("message", () => resolve(), { once: true });
        worker.addEventListener("error", () => resolve(), { once: true });
      });
      return { thread: { post: (m) => channel.port1.postMessage(m), terminate: () => worker.terminate() }, started };
    },
    true,
    unavailable === null ? null : `${unavailable}; k-means ran on one thread`,
  );
}

/** Why this runtime cannot share k-means with Web Workers, or null when it can. */
function whyNoThreads(): string | null {
  if (typeof Worker === "undefined") return "Web Workers are unavailable here";
  if (typeof SharedArrayBuffer === "undefined")
    return "SharedArrayBuffer is unavailable (a browser page must be cross-origin isolated: COOP same-origin and COEP require-corp)";
  try {
    // A thread that may not block says so before comparing the value.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
  } catch {
    return "this thread may not block (a browser page's main thread): run clusterTopics in a Worker";
  }
  return null;
}
