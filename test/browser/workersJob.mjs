// Runs in a module Worker of test/browser/workers.html (bundled by the test, since a Worker
// has no import map): k-means on 2 and 3 threads of createWebWorkerPool against one thread.
import * as lib from "../../dist/index.js";
import { compareWithOneThread } from "../helpers/workerCases.mjs";

self.onmessage = async () => {
  self.postMessage(await compareWithOneThread(lib, { workerUrl: "/dist/web-worker.js" }));
};
