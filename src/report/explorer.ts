import { excerpt } from "../pipeline/documents.js";
import type { DocumentThemes, HtmlOptions, TopicsResult } from "../pipeline/types.js";
import { checkReportDocuments } from "./checkOptions.js";
import { documentName, noTopicWords, outlierIndices, topicFitText } from "./summarize.js";

/** Documents embedded in a page at most: the file stays small and the page quick. */
export const EXPLORER_MAX_DOCUMENTS = 20_000;

/** Characters of each document's text embedded for its excerpt and the search. */
export const EXPLORER_EXCERPT_CHARS = 160;

export const EXPLORER_STYLE = `
.tl-report .tl-tools{display:flex;gap:8px;align-items:center;margin:0 0 1em}
.tl-report .tl-search,.tl-report .tl-filter{flex:1;max-width:420px;padding:6px 10px;font:inherit;border:1px solid #bbb;border-radius:6px}
.tl-report .tl-filter{display:block;width:100%;max-width:none;box-sizing:border-box;margin:6px 0;font-size:.9em}
.tl-report .tl-keys{color:#666;font-size:.8em}
.tl-report button{font:inherit;font-size:.85em;padding:3px 10px;border:1px solid #bbb;border-radius:6px;background:#fff;cursor:pointer}
.tl-report :focus-visible{outline:3px solid #0b5cad;outline-offset:1px}
.tl-report .tl-panel{border:1px solid #bbb;border-radius:8px;padding:10px 14px;margin:0 0 1.5em;background:#fcfcfc;max-height:55vh;overflow:auto}
.tl-report .tl-panel-head{display:flex;justify-content:space-between;align-items:flex-start;gap:8px}
.tl-report .tl-panel h2{font-size:1.05em;margin:0 0 6px}
.tl-report .tl-panel h3{font-size:.9em;margin:10px 0 4px;color:#444}
.tl-report .tl-panel ol,.tl-report .tl-panel ul{margin:0;padding-left:3.2em;font-size:.9em}
.tl-report .tl-panel li{margin:2px 0 6px}
.tl-report .tl-panel .tl-doc{border:0;background:none;padding:0;font-size:1em;text-align:left;color:#0b4f91;text-decoration:underline;text-underline-offset:2px}
.tl-report .tl-excerpt{color:#444;font-size:.92em}
.tl-report .tl-id{font-family:ui-monospace,monospace;font-size:.85em;color:#666}
.tl-report .tl-dim{color:#666}
.tl-report .tl-panel .tl-fit{color:#555;font-size:.85em;margin:0 0 6px}
.tl-report .tl-chip{display:inline-block;margin:2px 4px 2px 0;padding:1px 8px;border-radius:10px;background:#eef2f7;font-size:.85em}
.tl-report .tl-pages{display:flex;gap:8px;align-items:center;margin-top:8px;font-size:.85em;color:#555}
.tl-report .tl-legend button{display:flex;align-items:center;gap:8px;border:0;background:none;padding:1px 2px;text-align:left;font-size:1em}
.tl-report.tl-searching circle{opacity:.15}
.tl-report.tl-searching circle.tl-hit{opacity:1;stroke:#000;stroke-width:1.2}
.tl-report circle.tl-focus{opacity:1;stroke:#000;stroke-width:2.5}
.tl-report .tl-topic.tl-hit,.tl-report .tl-legend li.tl-hit{box-shadow:0 0 0 3px #0b5cad}
.tl-report circle{cursor:pointer}
.tl-report .tl-map{position:relative}
.tl-report .tl-card{position:absolute;z-index:2;pointer-events:none;max-width:340px;padding:6px 9px;background:#fff;border:1px solid #999;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.18);font-size:.85em}
`;

/** A document's name: its title, else the start of its text (when given), else its id. */
export function documentLabel(result: TopicsResult, documents: HtmlOptions["documents"], i: number): string {
  const doc = documents?.[i];
  const text = typeof doc === "string" ? doc : doc?.text;
  const title = result.titles[i] ?? (typeof doc === "object" ? doc.title : undefined);
  return title || (text ? excerpt(text, 90) : documentName(result, i));
}

/**
 * The explorer's data, in JSON that cannot close its script element: every document up to
 * {@link EXPLORER_MAX_DOCUMENTS} (beyond, each topic's share closest to its centre) as
 * [index, topic, name, id, excerpt], and each topic's label, keywords with scores, its
 * silhouette and coherence (`fit`, as the text report words them) and its embedded
 * documents, closest to its centre first. Excerpts come from `documents` when given.
 */
export function explorerData(
  result: TopicsResult,
  documents?: HtmlOptions["documents"],
  distribution?: DocumentThemes,
): string {
  const n = result.assignments.length;
  checkReportDocuments(result, documents);
  const share = Math.min(1, EXPLORER_MAX_DOCUMENTS / n);
  const topics = result.topics.map((t) => ({
    id: t.id,
    label: t.label,
    size: t.size,
    keywords: t.keywords.map((k) => [k.term, Number(k.score.toPrecision(4))]),
    fit: topicFitText(result, t.id),
    docs: share === 1 ? t.documents : t.documents.slice(0, Math.ceil(t.documents.length * share)),
  }));
  const chosen =
    share === 1 ? Array.from({ length: n }, (_, i) => i) : topics.flatMap((t) => t.docs).sort((a, b) => a - b);
  if (share === 1) {
    const outliers = outlierIndices(result);
    if (outliers.length > 0)
      topics.push({
        id: -1,
        label: noTopicWords(result).name,
        size: outliers.length,
        keywords: [],
        fit: "",
        docs: outliers,
      });
  }
  const docs = chosen.map((i) => {
    const doc = documents?.[i];
    const text = typeof doc === "string" ? doc : doc?.text;
    const id = result.ids[i] ?? (typeof doc === "object" ? doc.id : undefined) ?? "";
    const name = documentLabel(result, documents, i);
    const entry: unknown[] = [
      i,
      result.assignments[i] as number,
      name,
      id === name ? "" : id,
      text ? excerpt(text, EXPLORER_EXCERPT_CHARS) : "",
    ];
    if (distribution !== undefined)
      entry.push(distribution.shares(i).map((x) => [x.topic, Number(x.share.toFixed(3))]));
    return entry;
  });
  return JSON.stringify({ docs, topics, total: n }).replace(/</g, "\\u003c");
}

/**
 * The page's own script (no network). A theme (legend entry or card button) opens a panel
 * with its keywords and scores, the documents closest to its centre and all its documents a
 * page at a time, with a filter; the search box finds documents (title, id, excerpt) and
 * themes (label, keywords) and marks them on the map; hovering a point shows its title and
 * theme, a click opens it. Keyboard: "/" to search, Escape to close, the map takes + - 0 and
 * the arrows. Scoped to its report, so several reports can share a notebook.
 */
export const EXPLORER_SCRIPT = `(() => {
// In a notebook the script may run without currentScript: then it belongs to the last report.
const root = document.currentScript ? document.currentScript.closest(".tl-report") : [...document.querySelectorAll(".tl-report")].pop();
const data = JSON.parse(root.querySelector(".tl-data").textContent);
const panel = root.querySelector(".tl-panel");
const search = root.querySelector(".tl-search");
const card = root.querySelector(".tl-card");
const PAGE = 50;
const docs = new Map(data.docs.map((d) => [d[0], d]));
const topics = new Map(data.topics.map((t) => [t.id, t]));
const map = root.querySelector(".tl-map svg");
const dots = map ? [...map.querySelectorAll("circle[data-i]")] : [];
// Points keep their native tooltips as the text for a page without script; here the card shows them.
const pointNames = new Map();
for (const c of dots) { const t = c.querySelector("title"); if (t) { pointNames.set(Number(c.dataset.i), t.textContent); t.remove(); } }
let drag = null;
let opener = null;
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const wordsOf = (s) => s.toLowerCase().split(/\\s+/).filter(Boolean);
// A word matches where a word of the text starts with it ("graph" finds "graphs", not "photography").
const LETTER = /[\\p{L}\\p{N}]/u;
const startsWord = (text, w) => { for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) if (at === 0 || !LETTER.test(text[at - 1])) return true; return false; };
const hasAll = (text, words) => { const t = text.toLowerCase(); return words.every((w) => startsWord(t, w)); };
const matches = (d, words) => hasAll(d[2] + " " + d[3] + " " + d[4], words);
const themeText = (t) => t.label + " " + t.keywords.map((k) => k[0]).join(" ");
const topicName = (t) => (t < 0 ? (topics.has(-1) ? topics.get(-1).label : "outliers") : "topic " + t + (topics.has(t) ? ": " + topics.get(t).label : ""));
const pointTopics = new Map(dots.map((c) => [Number(c.dataset.i), Number(c.dataset.topic)]));
// A drawn point that is not among the embedded documents is known by its tooltip.
const docOf = (i) => docs.get(i) || [i, pointTopics.get(i) ?? -1, pointNames.get(i) || "document " + (i + 1), "", ""];
// A document in a list: its title (a button that opens it), id, theme (unless the list is the theme's) and excerpt.
const item = (d, inTheme) => '<li value="' + (d[0] + 1) + '"><button class="tl-doc" data-i="' + d[0] + '">' + esc(d[2]) + "</button>" +
  (d[3] ? ' <span class="tl-id">' + esc(d[3]) + "</span>" : "") + (inTheme ? "" : ' <span class="tl-dim">(' + (d[1] < 0 ? topicName(-1) : "topic " + d[1]) + ")</span>") +
  (d[4] ? '<div class="tl-excerpt">' + esc(d[4]) + "</div>" : "") + "</li>";
function focusPoint(i) {
  for (const c of dots) c.classList.toggle("tl-focus", Number(c.dataset.i) === i);
}
// Marks the points (and themes) that pass, dimming the rest; no test clears the marks.
function mark(point, theme) {
  root.querySelectorAll(".tl-hit").forEach((el) => el.classList.remove("tl-hit"));
  root.classList.toggle("tl-searching", Boolean(point));
  if (!point) return;
  for (const c of dots) if (point(c)) c.classList.add("tl-hit");
  if (theme) root.querySelectorAll(".tl-topic[data-topic], .tl-legend li[data-topic]").forEach((el) => { if (theme(Number(el.dataset.topic))) el.classList.add("tl-hit"); });
}
function close() {
  panel.hidden = true;
  focusPoint(-1);
  if (!search.value.trim()) mark(null);
  if (opener && opener.isConnected) opener.focus();
  opener = null;
}
// A panel: a title, an optional head, and documents a page at a time (filterable when asked).
function show(view) {
  opener = document.activeElement && root.contains(document.activeElement) && !panel.contains(document.activeElement) ? document.activeElement : opener;
  panel.innerHTML = '<div class="tl-panel-head"><h2 tabindex="-1">' + esc(view.title) + '</h2><button class="tl-close" aria-label="Close the panel">Close</button></div>' + (view.head || "") +
    (view.filter ? '<input type="search" class="tl-filter" placeholder="Filter these ' + view.items.length + ' documents" aria-label="Filter these documents">' : "") + '<div class="tl-list"></div>';
  const list = panel.querySelector(".tl-list");
  let shown = view.items;
  let page = 0;
  const draw = () => {
    const pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(pages - 1, Math.max(0, page));
    list.innerHTML = (shown.length ? (view.listTitle ? "<h3>" + esc(view.listTitle) + "</h3>" : "") + "<ol>" + shown.slice(page * PAGE, (page + 1) * PAGE).map((d) => item(d, view.theme)).join("") + "</ol>" : view.items.length ? "<p>No document matches.</p>" : "") +
      (pages > 1 ? '<div class="tl-pages"><button data-step="-1"' + (page === 0 ? " disabled" : "") + '>Previous</button><span>page ' + (page + 1) + " of " + pages + '</span><button data-step="1"' + (page === pages - 1 ? " disabled" : "") + ">Next</button></div>" : "");
  };
  const filter = panel.querySelector(".tl-filter");
  if (filter) filter.addEventListener("input", () => { const w = wordsOf(filter.value); shown = w.length ? view.items.filter((d) => matches(d, w)) : view.items; page = 0; draw(); });
  panel.onclick = (e) => {
    const step = Number(e.target.dataset && e.target.dataset.step);
    if (step) { page += step; draw(); list.querySelector("button") && list.scrollIntoView({ block: "nearest" }); }
  };
  panel.hidden = false;
  draw();
  panel.scrollTop = 0;
  if (view.focus !== false) panel.querySelector("h2").focus({ preventScroll: true });
  panel.scrollIntoView({ block: "nearest" });
}
function showTopic(id) {
  const t = topics.get(id);
  if (!t) return;
  const items = t.docs.map(docOf);
  const closest = items.slice(0, 5);
  const head = (t.fit ? '<p class="tl-fit">' + esc(t.fit) + "</p>" : "") +
    (t.keywords.length ? '<p aria-label="keywords and their scores">' + t.keywords.map((k) => '<span class="tl-chip">' + esc(k[0]) + ' <span class="tl-dim">' + k[1] + "</span></span>").join("") + "</p>" : "") +
    (closest.length ? "<h3>Representative documents (closest to its centre)</h3><ul>" + closest.map((d) => '<li><button class="tl-doc" data-i="' + d[0] + '">' + esc(d[2]) + "</button></li>").join("") + "</ul>" : "");
  const embedded = items.length < t.size ? " (the " + items.length + " closest to its centre of " + t.size + ")" : "";
  mark((c) => Number(c.dataset.topic) === id, (topic) => topic === id);
  show({ title: (id < 0 ? t.label.charAt(0).toUpperCase() + t.label.slice(1) : id + ". " + t.label) + " \\u00b7 " + t.size + " documents", head, items, filter: true, theme: true, listTitle: "All documents, closest to its centre first" + embedded });
  focusPoint(-1);
}
function showDocument(i) {
  const d = docOf(i);
  const head = '<p class="tl-dim">' + (d[3] ? 'id <span class="tl-id">' + esc(d[3]) + "</span> \\u00b7 " : "") + "document " + (i + 1) + ' \\u00b7 <button class="tl-goto" data-topic="' + d[1] + '">' + esc(topicName(d[1])) + "</button></p>" +
    (!d[5] ? "" : d[5].length ? '<p class="tl-themes" aria-label="its themes and their shares">' + d[5].map((x) => '<button class="tl-goto tl-chip" data-topic="' + x[0] + '">' + esc(topicName(x[0])) + ' <span class="tl-dim">' + x[1].toFixed(2) + "</span></button>").join("") + "</p>" : '<p class="tl-themes tl-dim">no passage of it is close to any theme (topic distribution all 0)</p>') +
    (d[4] ? '<p class="tl-excerpt">' + esc(d[4]) + "</p>" : "");
  show({ title: d[2], head, items: [] });
  focusPoint(i);
}
root.addEventListener("click", (e) => {
  const open = e.target.closest("[data-topic].tl-open, .tl-legend button, .tl-goto");
  if (open) { showTopic(Number(open.dataset.topic)); return; }
  if (e.target.closest(".tl-close")) { close(); return; }
  const doc = e.target.closest(".tl-doc");
  if (doc) { showDocument(Number(doc.dataset.i)); return; }
  const dot = e.target.closest("circle[data-i]");
  if (dot && !(drag && drag.moved)) showDocument(Number(dot.dataset.i));
});
root.addEventListener("keydown", (e) => {
  if (e.key !== "Escape") return;
  if (e.target === search && search.value) { search.value = ""; search.dispatchEvent(new Event("input")); return; }
  if (!panel.hidden) { e.preventDefault(); close(); }
});
// "/" searches the first report of the page, as on many sites, unless one is typing.
document.addEventListener("keydown", (e) => {
  if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || root !== document.querySelector(".tl-report")) return;
  const t = e.target;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  e.preventDefault();
  search.focus();
});
// The map zooms with the wheel around the pointer (or + and - from the keyboard), pans by
// dragging (or the arrows), and resets on a double click (or 0); points keep their size on screen.
if (map) {
  const box0 = map.viewBox.baseVal;
  const home = [box0.x, box0.y, box0.width, box0.height];
  const radius = dots.length ? Number(dots[0].getAttribute("r")) : 3;
  const view = (x, y, w, h) => {
    map.setAttribute("viewBox", x + " " + y + " " + w + " " + h);
    const r = String(radius * (w / home[2]));
    for (const c of dots) c.setAttribute("r", r);
  };
  const zoom = (factor, px, py) => {
    const v = map.viewBox.baseVal;
    const w = Math.min(home[2], Math.max(home[2] / 40, v.width * factor));
    const h = w * (home[3] / home[2]);
    view(px - ((px - v.x) * w) / v.width, py - ((py - v.y) * h) / v.height, w, h);
  };
  map.addEventListener("wheel", (e) => {
    e.preventDefault();
    const box = map.getBoundingClientRect();
    const v = map.viewBox.baseVal;
    zoom(e.deltaY > 0 ? 1.25 : 0.8, v.x + ((e.clientX - box.left) / box.width) * v.width, v.y + ((e.clientY - box.top) / box.height) * v.height);
  }, { passive: false });
  map.addEventListener("keydown", (e) => {
    const v = map.viewBox.baseVal;
    const pan = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] }[e.key];
    if (e.key === "+" || e.key === "=") zoom(0.8, v.x + v.width / 2, v.y + v.height / 2);
    else if (e.key === "-" || e.key === "_") zoom(1.25, v.x + v.width / 2, v.y + v.height / 2);
    else if (e.key === "0" || e.key === "Home") view(...home);
    else if (pan) view(v.x + pan[0] * v.width, v.y + pan[1] * v.height, v.width, v.height);
    else return;
    e.preventDefault();
  });
  map.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY, moved: false }; });
  map.addEventListener("pointermove", (e) => {
    if (!drag || (e.buttons & 1) === 0) return;
    const box = map.getBoundingClientRect();
    const v = map.viewBox.baseVal;
    const dx = ((e.clientX - drag.x) / box.width) * v.width;
    const dy = ((e.clientY - drag.y) / box.height) * v.height;
    if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 3) { drag.moved = true; card.hidden = true; }
    drag.x = e.clientX;
    drag.y = e.clientY;
    view(v.x - dx, v.y - dy, v.width, v.height);
  });
  map.addEventListener("pointerup", () => { setTimeout(() => { drag = null; }, 0); });
  map.addEventListener("dblclick", () => view(...home));
  // The hover card: the point's title and theme, beside the pointer.
  map.addEventListener("pointerover", (e) => {
    const dot = e.target.closest && e.target.closest("circle[data-i]");
    if (!dot || (drag && drag.moved)) return;
    const d = docOf(Number(dot.dataset.i));
    card.innerHTML = "<strong>" + esc(d[2]) + '</strong><div class="tl-dim">' + esc(topicName(d[1])) + "</div>";
    const box = root.querySelector(".tl-map").getBoundingClientRect();
    const at = dot.getBoundingClientRect();
    card.style.left = Math.min(at.right - box.left + 8, box.width - 200) + "px";
    card.style.top = at.bottom - box.top + 6 + "px";
    card.hidden = false;
  });
  map.addEventListener("pointerout", (e) => { if (e.target.closest && e.target.closest("circle[data-i]")) card.hidden = true; });
}
let timer = 0;
search.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const words = wordsOf(search.value);
    if (words.length === 0) { mark(null); if (!panel.hidden) close(); return; }
    const found = data.docs.filter((d) => matches(d, words));
    const ids = new Set(found.map((d) => d[0]));
    const themes = data.topics.filter((t) => t.id >= 0 && hasAll(themeText(t), words));
    const themeIds = new Set(themes.map((t) => t.id));
    mark((c) => ids.has(Number(c.dataset.i)), (topic) => themeIds.has(topic));
    const head = themes.length ? "<p>Themes: " + themes.map((t) => '<button class="tl-goto" data-topic="' + t.id + '">' + esc(t.id + ". " + t.label) + "</button>").join(" ") + "</p>" : "";
    show({ title: found.length + " documents match \\u201c" + search.value.trim() + "\\u201d" + (data.docs.length < data.total ? " (among the " + data.docs.length + " of " + data.total + " embedded)" : ""), head, items: found, focus: false });
  }, 150);
});
})();`;
