import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topicDistribution } from "../src/analysis/topicDistribution.js";
import { seedCorpus } from "../src/corpus/seed.js";
import { clusterTopics } from "../src/pipeline/clusterTopics.js";
import { ROOT, readFixture } from "./helpers/data.js";
import { exploreReport } from "./helpers/explorer.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".map": "application/json" };
// Only what the page needs is served, from loopback.
const ALLOWED = [
  "/dist/",
  "/node_modules/stopword/",
  "/node_modules/entities/dist/esm/",
  "/node_modules/csv-parse/dist/esm/",
  "/node_modules/hyparquet-writer/src/",
  "/node_modules/hyparquet/src/",
  "/test/browser/",
  "/test-output/workers-job.js",
  "/test-output/explorer.html",
];

let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    const file = join(ROOT, path);
    if (!ALLOWED.some((p) => path.startsWith(p)) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    // Cross-origin isolated, as a page must be for SharedArrayBuffer (createWebWorkerPool).
    res
      .writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-embedder-policy": "require-corp",
      })
      .end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the ESM build in headless Chromium", () => {
  it("clusters the seed corpus and renders the HTML report", async () => {
    expect(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install chromium`).toBe(true);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${base}/test/browser/index.html`);
      await page.waitForFunction(() => document.body.dataset.state !== undefined, undefined, { timeout: 60_000 });
      expect(await page.evaluate(() => document.body.dataset.state)).toBe("done");
      expect(errors).toEqual([]);
      expect(JSON.parse((await page.evaluate(() => document.body.dataset.csv)) as string)).toEqual([
        { title: "A, quoted title", text: "first text" },
        { title: "Second", text: "second text" },
      ]);
      // Words of scripts written without spaces, by Chromium's Intl.Segmenter: the words Node's gives.
      const { cases } = readFixture<{ cases: [string, string[]][] }>("segmented-words.json");
      // A string, not a function: the test runner would rewrite a function's import().
      const segmented = await page.evaluate(
        `import("/dist/index.js").then(({ tokenize }) => ${JSON.stringify(cases.map(([text]) => text))}.map((t) => tokenize(t)))`,
      );
      expect(segmented).toEqual(cases.map(([, words]) => words));
      const topics = Number(await page.evaluate(() => document.body.dataset.topics));
      expect(await page.locator(".tl-topic").count()).toBe(topics);
      expect(await page.locator("svg circle").count()).toBe(70);
      expect(await page.locator(".tl-legend li").count()).toBe(topics);
      expect(await page.locator(".tl-topic h2").allTextContents()).toContainEqual(
        expect.stringContaining("federated learning"),
      );
      mkdirSync(join(ROOT, "test-output"), { recursive: true });
      await page.screenshot({ path: join(ROOT, "test-output", "browser-report.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it("renders the analysis sections (time, hierarchy, map, heatmap, outliers) with no overlapping text in the charts", async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${base}/test/browser/views.html`);
      await page.waitForFunction(() => document.body.dataset.state !== undefined, undefined, { timeout: 60_000 });
      expect(await page.evaluate(() => document.body.dataset.state)).toBe("done");
      expect(errors).toEqual([]);
      for (const id of ["over-time", "hierarchy", "outliers"]) expect(await page.locator(`#${id}`).count()).toBe(1);
      expect(await page.locator("#hierarchy svg").count()).toBe(3);
      // Every pair of labels in the time chart and the dendrogram is drawn apart.
      const overlaps = await page.evaluate(() => {
        const found: string[] = [];
        for (const svg of Array.from(document.querySelectorAll("#over-time > svg, #hierarchy > svg"))) {
          const boxes = Array.from(svg.querySelectorAll("text")).map((t) => ({
            text: t.textContent ?? "",
            box: t.getBBox(),
          }));
          for (let a = 0; a < boxes.length; a++) {
            for (let b = a + 1; b < boxes.length; b++) {
              const [p, q] = [boxes[a]?.box as DOMRect, boxes[b]?.box as DOMRect];
              const apart =
                p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y;
              if (!apart) found.push(`${boxes[a]?.text} / ${boxes[b]?.text}`);
            }
          }
        }
        return found;
      });
      expect(overlaps).toEqual([]);
      mkdirSync(join(ROOT, "test-output"), { recursive: true });
      await page.screenshot({ path: join(ROOT, "test-output", "browser-views.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it("shares k-means with Web Workers in a cross-origin isolated page's Worker, with the one-thread bytes", async () => {
    // A Worker has no import map: the job is bundled, the pool's own worker script needs none.
    mkdirSync(join(ROOT, "test-output"), { recursive: true });
    await build({
      entryPoints: [join(ROOT, "test", "browser", "workersJob.mjs")],
      bundle: true,
      format: "esm",
      outfile: join(ROOT, "test-output", "workers-job.js"),
      // The browser builds, as the pages' import map gives them.
      alias: { "csv-parse/sync": join(ROOT, "node_modules", "csv-parse", "dist", "esm", "sync.js") },
      logLevel: "error",
    });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${base}/test/browser/workers.html`);
      await page.waitForFunction(() => document.body.dataset.state !== undefined, undefined, { timeout: 120_000 });
      expect(await page.evaluate(() => document.body.dataset.state)).toBe("done");
      expect(errors).toEqual([]);
      expect(await page.evaluate(() => document.body.dataset.isolated)).toBe("true");
      const mainWarnings = JSON.parse((await page.evaluate(() => document.body.dataset.mainWarnings)) as string);
      expect(mainWarnings.map((w: { message: string }) => w.message).join()).toMatch(
        /may not block.*run clusterTopics in a Worker/,
      );
      const cases = JSON.parse((await page.evaluate(() => document.body.dataset.result)) as string) as {
        threads: number;
        name: string;
        identical: boolean;
        sessions: number;
      }[];
      expect(cases).toHaveLength(6);
      for (const c of cases) {
        expect(c.identical, `${c.name} on ${c.threads} threads`).toBe(true);
        expect(c.sessions, `${c.name} on ${c.threads} threads`).toBeGreaterThan(0);
      }
    } finally {
      await browser.close();
    }
  }, 180_000);
  it("explores a report: a theme's keywords and documents, a search marked on the map, a point's card and document", async () => {
    const docs = seedCorpus().map((p, i) => ({ id: `paper-${i}`, title: p.title, text: p.abstract }));
    const result = clusterTopics(docs, { k: 8, stabilitySeeds: 1 });
    mkdirSync(join(ROOT, "test-output"), { recursive: true });
    const distribution = topicDistribution(result, docs);
    writeFileSync(
      join(ROOT, "test-output", "explorer.html"),
      result.toHTML({ title: "Seed abstracts", documents: docs, views: { distribution } }),
    );
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
      await page.goto(`${base}/test-output/explorer.html`);
      await exploreReport(page, result, docs, "seed", "federated learning", distribution);
      // A document of two themes shows both, and each opens its theme.
      const [mixed] = distribution.mixed();
      expect(mixed?.shares.length).toBeGreaterThanOrEqual(2);
      await page.locator(`circle[data-i="${mixed?.index}"]`).click({ force: true });
      const panel = page.locator(".tl-panel");
      await expect.poll(() => panel.locator("h2").textContent()).toBe(docs[mixed?.index as number]?.title);
      const chips = panel.locator(".tl-themes .tl-chip");
      expect(await chips.count()).toBe(mixed?.shares.length);
      const second = mixed?.shares[1] as { topic: number; share: number };
      expect(await chips.nth(1).textContent()).toContain(second.share.toFixed(2));
      await chips.nth(1).click();
      await expect
        .poll(() => panel.locator("h2").textContent())
        .toContain(`${second.topic}. ${result.topics[second.topic]?.label}`);
      await page.keyboard.press("Escape");
      // Printed: no search, panel or buttons; themes are not split across pages; colours kept.
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".tl-tools").isVisible()).toBe(false);
      expect(await page.locator(".tl-open").first().isVisible()).toBe(false);
      expect(await page.locator(".tl-topic").first().isVisible()).toBe(true);
      const printed = await page
        .locator(".tl-topic")
        .first()
        .evaluate((el) => [getComputedStyle(el).breakInside, getComputedStyle(el).printColorAdjust]);
      expect(printed).toEqual(["avoid", "exact"]);
      await page.pdf({ path: join(ROOT, "test-output", "explorer-print.pdf") });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
