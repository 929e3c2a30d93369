import { mkdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clusterTopics } from "../../src/pipeline/clusterTopics.js";
import { ROOT } from "../helpers/data.js";
import { type ExplorerDoc, exploreReport } from "../helpers/explorer.js";
import { readSharedCorpus } from "./shared.js";

// The explorer on 20,000 real abstracts (conf-abstracts-full): the same walk as the seed
// page's test, in headless Chromium, with the documents' excerpts embedded.
describe("the explorer on 20,000 real abstracts", () => {
  it("opens a theme, filters it, searches, shows a point's card and document, zooms", async () => {
    const docs: ExplorerDoc[] = readSharedCorpus("conf-abstracts-full.jsonl.gz", 20_000).map((r, i) => {
      const dot = r.text.indexOf(". ");
      return {
        id: r.id ?? `doc-${i}`,
        title: dot > 0 && dot < 300 ? r.text.slice(0, dot) : r.text.slice(0, 80),
        text: r.text,
      };
    });
    expect(docs.length).toBe(20_000);
    const result = clusterTopics(docs, { k: 30, stabilitySeeds: 1 });
    const html = result.toHTML({ title: "20,000 abstracts", documents: docs });
    expect(Buffer.byteLength(html)).toBeLessThan(10 * 2 ** 20);
    mkdirSync(join(ROOT, "test-output"), { recursive: true });
    const server = createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await exploreReport(page, result, docs, "20k", "graph neural");
    } finally {
      await browser.close();
      server.close();
    }
  }, 600_000);
});
