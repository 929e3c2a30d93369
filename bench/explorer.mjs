// The explorer page at scale: the HTML report of N real abstracts (conf-abstracts-full, the
// first N; default 20,000 and 100,000), its file size, and in headless Chromium the time from
// navigation to interactive (DOMContentLoaded, with the page's script run) and to the load
// event, then the time a search takes to mark the map. Each document's excerpt is embedded
// (toHTML's documents option, as the CLI does). Also saves a screenshot.
//   node bench/explorer.mjs [N ...]   (needs `npm run build` and Debian's chromium)
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { clusterTopics } from "../dist/index.js";
import { ROOT, readCorpus } from "./lib/corpus.mjs";
import { table } from "./lib/run.mjs";

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const out = join(ROOT, "test-output");
mkdirSync(out, { recursive: true });
const rows = [];
for (const n of sizes.length > 0 ? sizes : [20_000, 100_000]) {
  const records = readCorpus("conf-abstracts-full.jsonl.gz", n);
  const docs = records.map((r) => {
    const dot = r.text.indexOf(". ");
    return { id: r.id, title: dot > 0 && dot < 300 ? r.text.slice(0, dot) : undefined, text: r.text };
  });
  const result = clusterTopics(docs, { k: 30, stabilitySeeds: 1 });
  const html = result.toHTML({ title: `${docs.length} abstracts`, documents: docs });
  const server = createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
  await page.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: "load" });
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return { interactive: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
  });
  const t0 = Date.now();
  await page.locator(".tl-search").fill("graph neural");
  await page.waitForFunction(() => document.querySelectorAll("circle.tl-hit").length > 0, undefined, {
    timeout: 30_000,
  });
  const searchMs = Date.now() - t0;
  await page.screenshot({ path: join(out, `explorer-${n}.png`) });
  await browser.close();
  server.close();
  writeFileSync(join(out, `explorer-${n}.html`), html);
  rows.push([
    docs.length.toLocaleString("en"),
    (Buffer.byteLength(html) / 2 ** 20).toFixed(2),
    Math.round(timing.interactive),
    Math.round(timing.load),
    searchMs,
  ]);
}
console.log(
  table(["documents", "file MB", "interactive ms", "load ms", "search to marks ms (incl. 150 ms debounce)"], rows),
);
