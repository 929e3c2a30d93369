/**
 * Worker thread of `createWorkerPool`: does its share of a k-means run (Lloyd's workspace
 * or Elkan's state) each time the pool bumps the shared generation counter, with the same
 * kernels as the calling thread.
 */
import { parentPort } from "node:worker_threads";
import type { ElkanMessage, RunMessage } from "../cluster/threadProtocol.js";
import { leaveSession, serveSession } from "../cluster/threadWorker.js";

// A worker that stops mid-run (an uncaught error, process.exit) says so at once, so the
// calling thread redoes its share instead of waiting for the deadline.
process.on("exit", leaveSession);

parentPort?.on("message", (message: RunMessage | ElkanMessage) => serveSession(message));

parentPort?.postMessage({ type: "ready" });
