import type { TopicsResult } from "../pipeline/types.js";
import { documentName } from "./summarize.js";

/** Documents embedded in a page at most: the file stays small (about 100 bytes each) and the page quick. */
export const EXPLORER_MAX_DOCUMENTS = 20_000;

export const EXPLORER_STYLE = `
.tl-report .tl-tools{display:flex;gap:8px;align-items:center;margin:0 0 1em}
.tl-report .tl-search{flex:1;max-width:420px;padding:6px 10px;font:inherit;border:1px solid #bbb;border-radius:6px}
.tl-report button{font:inherit;font-size:.85em;padding:3px 10px;border:1px solid #bbb;border-radius:6px;background:#fff;cursor:pointer}
.tl-report button:focus-visible,.tl-report .tl-search:focus-visible{outline:3px solid #0b5cad;outline-offset:1px}
.tl-report .tl-panel{border:1px solid #bbb;border-radius:8px;padding:10px 14px;margin:0 0 1.5em;background:#fcfcfc;max-height:45vh;overflow:auto}
.tl-report .tl-panel h2{font-size:1.05em;margin:0 0 6px}
.tl-report .tl-panel ol{margin:0;padding-left:2.6em;font-size:.9em}
.tl-report .tl-panel .tl-pages{display:flex;gap:8px;align-items:center;margin-top:8px;font-size:.85em;color:#555}
.tl-report.tl-searching circle{opacity:.15}
.tl-report.tl-searching circle.tl-hit{opacity:1;stroke:#000;stroke-width:1.2}
.tl-report .tl-topic.tl-hit{box-shadow:0 0 0 3px #0b5cad}
.tl-report circle{cursor:pointer}
@media print{.tl-report .tl-tools,.tl-report .tl-panel,.tl-report button{display:none}}
`;

/**
 * The explorer's data: every document up to {@link EXPLORER_MAX_DOCUMENTS} (beyond, each
 * topic's share, closest to its centre first) as [index, topic, name], in JSON that cannot
 * close its script element.
 */
export function explorerData(result: TopicsResult): string {
  const n = result.assignments.length;
  let chosen: number[];
  if (n <= EXPLORER_MAX_DOCUMENTS) chosen = Array.from({ length: n }, (_, i) => i);
  else {
    const share = EXPLORER_MAX_DOCUMENTS / n;
    chosen = result.topics.flatMap((t) => t.documents.slice(0, Math.ceil(t.documents.length * share)));
    chosen.sort((a, b) => a - b);
  }
  const docs = chosen.map((i) => [i, result.assignments[i] as number, documentName(result, i)]);
  return JSON.stringify({ docs, total: n }).replace(/</g, "\\u003c");
}

/**
 * The page's own script (no network): a topic's "documents" button lists its documents, a
 * page at a time; the search box finds documents and topics by their words and marks them
 * on the map; a click on a point shows its document. Scoped to its report, so several
 * reports can share a notebook.
 */
export const EXPLORER_SCRIPT = `(() => {
// In a notebook the script may run without currentScript: then it belongs to the last report.
const root = document.currentScript ? document.currentScript.closest(".tl-report") : [...document.querySelectorAll(".tl-report")].pop();
const data = JSON.parse(root.querySelector(".tl-data").textContent);
const panel = root.querySelector(".tl-panel");
const search = root.querySelector(".tl-search");
const PAGE = 50;
let drag = null;
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
function show(title, items) {
  let page = 0;
  const pages = Math.max(1, Math.ceil(items.length / PAGE));
  const draw = () => {
    const rows = items.slice(page * PAGE, (page + 1) * PAGE)
      .map((d) => '<li value="' + (d[0] + 1) + '" data-i="' + d[0] + '">' + esc(d[2]) + ' <span style="color:#777">(topic ' + d[1] + ')</span></li>').join("");
    panel.innerHTML = "<h2>" + esc(title) + "</h2>" + (items.length ? "<ol>" + rows + "</ol>" : "<p>No document matches.</p>") +
      (pages > 1 ? '<div class="tl-pages"><button data-step="-1">Previous</button><span>page ' + (page + 1) + " of " + pages + '</span><button data-step="1">Next</button></div>' : "");
    panel.hidden = false;
  };
  panel.onclick = (e) => {
    const step = Number(e.target.dataset && e.target.dataset.step);
    if (step) { page = Math.min(pages - 1, Math.max(0, page + step)); draw(); }
  };
  draw();
}
root.addEventListener("click", (e) => {
  const open = e.target.closest(".tl-open");
  if (open) {
    const t = Number(open.dataset.topic);
    show(open.dataset.title, data.docs.filter((d) => d[1] === t));
    panel.scrollIntoView({ block: "nearest" });
    return;
  }
  const dot = e.target.closest("circle[data-i]");
  if (dot && !(drag && drag.moved)) {
    const i = Number(dot.dataset.i);
    show("Document " + (i + 1), data.docs.filter((d) => d[0] === i));
  }
});
// The map zooms with the wheel around the pointer, pans by dragging, and resets on a double
// click; points keep their size on screen.
const map = root.querySelector(".tl-map svg");
if (map) {
  const base = map.viewBox.baseVal;
  const home = [base.x, base.y, base.width, base.height];
  const dots = [...map.querySelectorAll("circle")];
  const radius = dots.length ? Number(dots[0].getAttribute("r")) : 3;
  const view = (x, y, w, h) => {
    map.setAttribute("viewBox", x + " " + y + " " + w + " " + h);
    const r = String(radius * (w / home[2]));
    for (const c of dots) c.setAttribute("r", r);
  };
  map.addEventListener("wheel", (e) => {
    e.preventDefault();
    const box = map.getBoundingClientRect();
    const v = map.viewBox.baseVal;
    const factor = e.deltaY > 0 ? 1.25 : 0.8;
    const w = Math.min(home[2], Math.max(home[2] / 40, v.width * factor));
    const h = w * (home[3] / home[2]);
    const px = v.x + ((e.clientX - box.left) / box.width) * v.width;
    const py = v.y + ((e.clientY - box.top) / box.height) * v.height;
    view(px - ((px - v.x) * w) / v.width, py - ((py - v.y) * h) / v.height, w, h);
  }, { passive: false });
  map.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY, moved: false }; });
  map.addEventListener("pointermove", (e) => {
    if (!drag || (e.buttons & 1) === 0) return;
    const box = map.getBoundingClientRect();
    const v = map.viewBox.baseVal;
    const dx = ((e.clientX - drag.x) / box.width) * v.width;
    const dy = ((e.clientY - drag.y) / box.height) * v.height;
    if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 3) drag.moved = true;
    drag.x = e.clientX;
    drag.y = e.clientY;
    view(v.x - dx, v.y - dy, v.width, v.height);
  });
  map.addEventListener("pointerup", () => { setTimeout(() => { drag = null; }, 0); });
  map.addEventListener("dblclick", () => view(...home));
}
let timer = 0;
search.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const words = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    root.querySelectorAll(".tl-hit").forEach((el) => el.classList.remove("tl-hit"));
    if (words.length === 0) { root.classList.remove("tl-searching"); panel.hidden = true; return; }
    const match = (s) => { const t = String(s).toLowerCase(); return words.every((w) => t.includes(w)); };
    const found = data.docs.filter((d) => match(d[2]));
    const ids = new Set(found.map((d) => d[0]));
    root.classList.add("tl-searching");
    root.querySelectorAll("circle[data-i]").forEach((c) => { if (ids.has(Number(c.dataset.i))) c.classList.add("tl-hit"); });
    root.querySelectorAll(".tl-topic").forEach((card) => { if (match(card.dataset.label)) card.classList.add("tl-hit"); });
    show(found.length + " documents match \\u201c" + search.value.trim() + "\\u201d" + (data.docs.length < data.total ? " (among " + data.docs.length + " of " + data.total + " shown)" : ""), found);
  }, 150);
});
})();`;
