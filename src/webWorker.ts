/**
 * Web Worker of `createWebWorkerPool` (Deno and browsers): serves k-means sessions as
 * Node's worker threads do, with the same kernels.
 */
import type { ElkanMessage, RunMessage } from "./cluster/threadProtocol.js";
import { leaveSession, serveSession } from "./cluster/threadWorker.js";

const scope = globalThis as unknown as {
  addEventListener(type: string, listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
};
// The pool sends a port first, then every session through it (see createWebWorkerPool).
scope.addEventListener("message", (event) => {
  const { port } = event.data as { port: MessagePort };
  port.onmessage = (message) => serveSession(message.data as RunMessage | ElkanMessage);
  scope.postMessage({ type: "ready" });
});
scope.addEventListener("unload", () => leaveSession());
