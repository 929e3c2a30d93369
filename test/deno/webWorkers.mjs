// k-means and clusterTopics with createWebWorkerPool in Deno, against one thread: prints, per
// case, whether the results are byte-identical and how many sessions ran on the workers.
import * as lib from "../../dist/index.js";
import { compareWithOneThread } from "../helpers/workerCases.mjs";

const gz = await Deno.readFile(
  new URL("../fixtures/corpora/conf-abstracts-5areas-first-3000.jsonl.gz", import.meta.url),
);
const text = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
const docs = text
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line).text);

const clusterTopics = (parallel) => JSON.stringify(lib.clusterTopics(docs, { k: 8, stabilitySeeds: 1, ...parallel }));
console.log(JSON.stringify(await compareWithOneThread(lib, {}, { clusterTopics })));
