/**
 * Worker thread of `createWorkerPool`: does its share of a k-means run (Lloyd's workspace
 * or Elkan's state) each time the pool bumps the shared generation counter, with the same
 * kernels as the calling thread; between runs, reads batches of documents for a streamed
 * vectorize pass.
 */
import { parentPort } from "node:worker_threads";
import type { AnalyzedMessage, AnalyzeMessage, ElkanMessage, RunMessage } from "../cluster/threadProtocol.js";
import { leaveSession, serveSession } from "../cluster/threadWorker.js";
import { analyzeBatch } from "../vectorize/analyzeBatch.js";

// A worker that stops mid-run (an uncaught error, process.exit) says so at once, so the
// calling thread redoes its share instead of waiting for the deadline.
process.on("exit", leaveSession);

parentPort?.on("message", (message: RunMessage | ElkanMessage | AnalyzeMessage) => {
  if (message.type !== "analyze") {
    serveSession(message);
    return;
  }
  const batch = analyzeBatch(message.spec, message.texts);
  const answer: AnalyzedMessage = { type: "analyzed", request: message.request, batch };
  parentPort?.postMessage(answer, [batch.ids.buffer as ArrayBuffer, batch.offsets.buffer as ArrayBuffer]);
});

parentPort?.postMessage({ type: "ready" });
