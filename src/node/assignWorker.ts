/**
 * Worker thread of `createWorkerPool`: does its share of a k-means run (Lloyd's workspace
 * or Elkan's state) each time the pool bumps the shared generation counter, with the same
 * kernels as the calling thread; between runs, reads batches of documents for a streamed
 * vectorize pass.
 */
import { parentPort } from "node:worker_threads";
import {
  type AnalyzedMessage,
  type AnalyzeMessage,
  type ElkanMessage,
  READ_ANSWERS,
  READER_GONE,
  type ReaderMessage,
  type RunMessage,
} from "../cluster/threadProtocol.js";
import { leaveSession, serveSession } from "../cluster/threadWorker.js";
import { analyzeBatch } from "../vectorize/analyzeBatch.js";

// Where answers to a synchronous caller's batches go (see `SyncReader`).
let reader: { port: ReaderMessage["port"]; control: Int32Array } | null = null;

// A worker that stops mid-run (an uncaught error, process.exit) says so at once, so the
// calling thread redoes its share instead of waiting for the deadline.
process.on("exit", () => {
  leaveSession();
  if (reader === null) return;
  Atomics.store(reader.control, READER_GONE, 1);
  Atomics.notify(reader.control, READ_ANSWERS);
});

parentPort?.on("message", (message: RunMessage | ElkanMessage | AnalyzeMessage | ReaderMessage) => {
  if (message.type === "reader") {
    reader = { port: message.port, control: new Int32Array(message.control) };
  } else if (message.type === "run" || message.type === "elkan") {
    serveSession(message);
  } else {
    const batch = analyzeBatch(message.spec, message.texts);
    const transfer = [batch.ids.buffer, batch.offsets.buffer, batch.breaks.buffer, batch.gaps.buffer] as ArrayBuffer[];
    if (message.type === "analyze") {
      const answer: AnalyzedMessage = { type: "analyzed", request: message.request, batch };
      parentPort?.postMessage(answer, transfer);
    } else if (reader !== null) {
      reader.port.postMessage({ request: message.request, batch }, transfer);
      Atomics.add(reader.control, READ_ANSWERS, 1);
      Atomics.notify(reader.control, READ_ANSWERS);
    }
  }
});

parentPort?.postMessage({ type: "ready" });
