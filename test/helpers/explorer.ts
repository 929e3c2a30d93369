import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { TopicDistribution } from "../../src/analysis/topicDistribution.js";
import type { TopicsResult } from "../../src/pipeline/types.js";
import { ROOT } from "./data.js";

/** A document as the explorer tests give it. */
export interface ExplorerDoc {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

/**
 * Walks an explorer page as a reader would, asserting each step against the result: a theme
 * opened from the legend (keywords, closest documents, its list and its filter), a search
 * marked on the map, the hover card and a click on a point, the map's zoom by wheel and by
 * keyboard, and Escape. Screenshots go to test-output/explorer-NAME-*.png.
 */
export async function exploreReport(
  page: Page,
  result: TopicsResult,
  docs: readonly ExplorerDoc[],
  name: string,
  query: string,
  distribution?: TopicDistribution,
): Promise<void> {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const shot = (what: string) => page.screenshot({ path: join(ROOT, "test-output", `explorer-${name}-${what}.png`) });
  const embedded = Math.min(20_000, docs.length);

  // A theme from the legend: its keywords with scores, the documents closest to its centre,
  // and every (embedded) document of it, 50 a page, with a filter.
  const biggest = result.topics[0] as TopicsResult["topics"][number];
  await page.locator(".tl-legend button").first().click();
  const panel = page.locator(".tl-panel");
  await expect.poll(() => panel.locator("h2").textContent()).toContain(`${biggest.id}. ${biggest.label}`);
  expect(await panel.locator(".tl-chip").count()).toBe(biggest.keywords.length);
  // Its own silhouette and coherence, as the text report gives them.
  const fit = result.quality.topics[0];
  expect(await panel.locator(".tl-fit").textContent()).toBe(
    `silhouette ${fit?.silhouette?.toFixed(3)}, coherence ${fit?.coherence?.toFixed(3)}`,
  );
  expect(await panel.locator(".tl-chip").first().textContent()).toContain(biggest.keywords[0]?.term as string);
  const closest = docs[biggest.documents[0] as number] as ExplorerDoc;
  expect(await panel.locator("ul li").first().textContent()).toBe(closest.title);
  const listed = Math.min(50, Math.ceil(biggest.size * Math.min(1, embedded / docs.length)));
  await expect.poll(() => panel.locator(".tl-list li").count()).toBe(listed);
  // Each entry gives title, id and excerpt.
  const entry = await panel.locator(".tl-list li").first().textContent();
  expect(entry).toContain(closest.title);
  expect(entry).toContain(closest.id);
  expect(entry).toContain(closest.text.slice(0, 40).replace(/\s+/g, " ").trim().slice(0, 30));
  // Its points are marked on the map, the others dimmed.
  const ofTheme = await page.locator(`circle[data-topic="${biggest.id}"]`).count();
  expect(ofTheme).toBeGreaterThan(0);
  expect(await page.locator("circle.tl-hit").count()).toBe(ofTheme);
  await shot("theme");
  // The filter keeps the documents whose title, id or excerpt hold every word.
  const word = (closest.title.split(/\s+/).find((w) => w.length > 6) ?? closest.title).toLowerCase();
  await panel.locator(".tl-filter").fill(word);
  await expect
    .poll(async () =>
      (await panel.locator(".tl-list li").allTextContents()).every((t) => t.toLowerCase().includes(word)),
    )
    .toBe(true);
  expect(await panel.locator(".tl-list li").count()).toBeGreaterThan(0);
  // Escape closes the panel.
  await page.keyboard.press("Escape");
  await expect.poll(() => panel.isHidden()).toBe(true);
  expect(await page.locator("circle.tl-hit").count()).toBe(0);

  // "/" goes to the search; the matches are listed and marked on the map, the rest dimmed.
  await page.locator("h1").click();
  await page.keyboard.press("/");
  expect(await page.evaluate(() => document.activeElement?.className)).toBe("tl-search");
  await page.keyboard.type(query);
  await expect.poll(() => panel.locator("h2").textContent()).toMatch(/documents match/);
  const words = query.toLowerCase().split(/\s+/);
  // The search reads titles, ids and excerpts (a text's start): at most the documents whose
  // first 400 characters hold every word.
  const expected = docs.filter((d) =>
    words.every((w) => `${d.title} ${d.id} ${d.text.slice(0, 400)}`.toLowerCase().includes(w)),
  );
  const heading = (await panel.locator("h2").textContent()) as string;
  const found = Number(heading.split(" ")[0]);
  expect(found).toBeGreaterThan(0);
  if (docs.length <= 20_000) expect(found).toBeLessThanOrEqual(expected.length);
  const marked = await page.locator("circle.tl-hit").count();
  expect(marked).toBeGreaterThan(0);
  expect(marked).toBeLessThanOrEqual(found);
  await shot("search");
  await page.locator(".tl-search").fill("");
  await expect.poll(() => page.locator("circle.tl-hit").count()).toBe(0);

  // Hovering a point shows its title and theme; a click opens it.
  // The last point is drawn on top of the others: the pointer reaches it.
  const dot = page.locator("circle[data-i]").last();
  const index = Number(await dot.getAttribute("data-i"));
  const doc = docs[index] as ExplorerDoc;
  await dot.hover({ force: true });
  const card = page.locator(".tl-card");
  await expect.poll(() => card.isVisible()).toBe(true);
  expect(await card.textContent()).toContain(doc.title);
  expect(await card.textContent()).toContain(`topic ${result.assignments[index]}`);
  await shot("hover");
  await dot.click({ force: true });
  await expect.poll(() => panel.locator("h2").textContent()).toBe(doc.title);
  expect(await panel.textContent()).toContain(doc.id);
  expect(await page.locator("circle.tl-focus").count()).toBe(1);
  if (distribution !== undefined) {
    // Its themes with their shares (from the report's topic distribution), each a way to the theme.
    const shares = distribution.shares(index);
    const chips = panel.locator(".tl-themes .tl-chip");
    expect(await chips.count()).toBe(shares.length);
    const [first] = shares;
    if (first !== undefined) expect(await chips.first().textContent()).toContain(first.share.toFixed(2));
    await shot("document");
  }

  // The map: the wheel zooms around the pointer, a double click resets; + and 0 from the keyboard.
  const map = page.locator(".tl-map svg");
  const home = (await map.getAttribute("viewBox")) as string;
  const width = async () => Number((await map.getAttribute("viewBox"))?.split(" ")[2]);
  const box = (await map.boundingBox()) as { x: number; y: number; width: number; height: number };
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await expect.poll(width).toBeLessThan(Number(home.split(" ")[2]));
  await map.dblclick({ position: { x: 3, y: 3 } });
  await expect.poll(() => map.getAttribute("viewBox")).toBe(home);
  await map.focus();
  await page.keyboard.press("+");
  await page.keyboard.press("ArrowRight");
  await expect.poll(width).toBeLessThan(Number(home.split(" ")[2]));
  await page.keyboard.press("0");
  await expect.poll(() => map.getAttribute("viewBox")).toBe(home);
  expect(errors).toEqual([]);
}
