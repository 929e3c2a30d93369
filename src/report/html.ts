import { countOf, escapeHtml, formatNumber } from "../core/escape.js";
import { checkReportable } from "../pipeline/checkResult.js";
import type { HtmlOptions, TopicsResult } from "../pipeline/types.js";
import { resolveHtmlOptions } from "./checkOptions.js";
import { documentLabel, EXPLORER_SCRIPT, EXPLORER_STYLE, explorerData } from "./explorer.js";
import { topicColor } from "./palette.js";
import { scatterSvg } from "./scatter.js";
import { mixedListing, noTopicWords, outlierIndices, sharesText, topicFitText } from "./summarize.js";

export type { HtmlOptions } from "../pipeline/types.js";

const STYLE = `
.tl-report{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:1100px;line-height:1.4}
.tl-report h1{font-size:1.5em;margin:.2em 0}
.tl-report .tl-meta{color:#555;margin-bottom:1em}
.tl-report .tl-map{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap;margin-bottom:1.5em}
.tl-report .tl-legend{list-style:none;padding:0;margin:0;max-width:380px}
.tl-report .tl-legend li{display:flex;align-items:center;gap:8px;margin:3px 0;font-size:.9em}
.tl-report .tl-swatch{width:12px;height:12px;border-radius:50%;flex:none}
.tl-report .tl-topics{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:16px}
.tl-report .tl-topic{border:1px solid #ddd;border-radius:8px;padding:12px 14px;border-top:5px solid var(--c)}
.tl-report .tl-topic h2{font-size:1.05em;margin:0 0 4px}
.tl-report .tl-size{color:#666;font-size:.85em;margin-bottom:8px}
.tl-report .tl-kw{display:grid;grid-template-columns:minmax(90px,max-content) 1fr;gap:2px 8px;font-size:.85em;margin-bottom:8px}
.tl-report .tl-bar{height:10px;background:var(--c);opacity:.75;border-radius:3px;align-self:center}
.tl-report .tl-docs{margin:0;padding-left:18px;font-size:.85em;color:#333}
.tl-report .tl-warn{color:#8a5a00;font-size:.9em}
.tl-report .tl-view{margin-top:1.8em}
.tl-report .tl-view h2{font-size:1.15em;margin:0 0 .5em}
.tl-report .tl-row{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}
@media print{
.tl-report .tl-tools,.tl-report .tl-panel,.tl-report .tl-card,.tl-report .tl-open{display:none!important}
.tl-report{max-height:none!important;overflow:visible!important;max-width:none}
.tl-report *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.tl-report .tl-topics{grid-template-columns:repeat(2,1fr)}
.tl-report .tl-topic,.tl-report .tl-map,.tl-report .tl-view{break-inside:avoid}
.tl-report .tl-legend button{color:inherit}
}
`;

/** Topic −1's documents as the outliers view, when the clustering set some aside. */
function assignedOutliers(result: TopicsResult): HtmlOptions["views"] {
  const outliers = outlierIndices(result);
  return outliers.length === 0
    ? undefined
    : { outliers: outliers.map((index) => ({ index, topic: -1, similarity: Number.NaN })) };
}

/** The sections of the analysis views given, in a fixed order. */
function viewSections(result: TopicsResult, views: HtmlOptions["views"], documents: HtmlOptions["documents"]): string {
  if (views === undefined) return "";
  const out: string[] = [];
  if (views.overTime)
    out.push(`<section class="tl-view" id="over-time"><h2>Topics over time</h2>${views.overTime.toSVG()}</section>`);
  if (views.hierarchy) {
    const h = views.hierarchy;
    out.push(
      `<section class="tl-view" id="hierarchy"><h2>Topic hierarchy</h2>${h.toSVG()}<div class="tl-row">${h.toMapSVG()}${h.toHeatmapSVG()}</div></section>`,
    );
  }
  if (views.distribution) {
    // toHTML checked its options first: the distribution is of the result's documents.
    const { total, listed, more: extra, none } = mixedListing(views.distribution);
    const items = listed
      .map(
        (m) =>
          `<li>${escapeHtml(documentLabel(result, documents, m.index))} <span style="color:#777">(${escapeHtml(sharesText(result, m.shares))})</span></li>`,
      )
      .join("");
    const more = extra > 0 ? `<li style="list-style:none;color:#777">… ${extra} more</li>` : "";
    out.push(
      `<section class="tl-view" id="mixed"><h2>Documents of more than one theme (${total})</h2>${none === "" ? "" : `<p style="color:#555">${escapeHtml(none)}.</p>`}<ul class="tl-docs">${items}${more}</ul></section>`,
    );
  }
  if (views.outliers) {
    // Topic −1 as the clustering left it (no similarity measured), or outlierDocuments' view.
    const assigned = views.outliers.every((o) => Number.isNaN(o.similarity));
    const items = views.outliers
      .slice(0, 25)
      .map(
        (o) =>
          `<li>${escapeHtml(documentLabel(result, documents, o.index))}${Number.isNaN(o.similarity) ? "" : ` <span style="color:#777">(topic ${o.topic}, similarity ${o.similarity.toFixed(3)})</span>`}</li>`,
      )
      .join("");
    const more =
      views.outliers.length > 25
        ? `<li style="list-style:none;color:#777">… ${views.outliers.length - 25} more</li>`
        : "";
    out.push(
      `<section class="tl-view" id="outliers"><h2>Documents ${assigned ? noTopicWords(result).what : "that fit no topic well"} (${views.outliers.length})</h2><ul class="tl-docs">${items}${more}</ul></section>`,
    );
  }
  return out.join("");
}

/**
 * A self-contained HTML report (no network): each topic's label, size, keyword bars and
 * representative titles, and an SVG scatter of the documents in two dimensions coloured by
 * topic, with a legend beside it. With `explorer` (the default) its own inline script lists
 * a topic's documents, searches documents and topics, and marks them on the map.
 */
export function toHTML(result: TopicsResult, options: HtmlOptions = {}): string {
  checkReportable("toHTML", result, true);
  const { title, titles: maxTitles, explorer, fragment, maxHeight } = resolveHtmlOptions(result, options);
  const { parameters: p, quality: q } = result;
  const legend = result.topics
    .map((t) => {
      const entry = `<span class="tl-swatch" style="background:${topicColor(t.id)}"></span><span>${t.id}. ${escapeHtml(t.label)} <span style="color:#666">(${t.size})</span></span>`;
      return explorer
        ? `<li data-topic="${t.id}"><button data-topic="${t.id}" aria-label="Open theme ${t.id}: ${escapeHtml(t.label)}, ${countOf(t.size, "document")}">${entry}</button></li>`
        : `<li>${entry}</li>`;
    })
    .join("");
  const scatter = scatterSvg(result.projection(), result.assignments, {
    names: (i) => documentLabel(result, options.documents, i),
    ...(explorer
      ? {
          label:
            "Documents in two dimensions, coloured by theme. Keys: plus and minus zoom, arrows pan, 0 resets; the wheel zooms, dragging pans.",
        }
      : {}),
  });
  const fitOf = (id: number) => {
    const fit = topicFitText(result, id);
    return fit === "" ? "" : ` <span class="tl-fit">· ${fit}</span>`;
  };
  const cards = result.topics
    .map((t) => {
      const top = t.keywords[0]?.score ?? 1;
      const bars = t.keywords
        .map(
          (k) =>
            `<span>${escapeHtml(k.term)}</span><span class="tl-bar" style="width:${Math.max(3, (100 * k.score) / top).toFixed(1)}%" title="${k.score.toFixed(4)}"></span>`,
        )
        .join("");
      const docs = t.documents
        .slice(0, maxTitles)
        .map((i) => `<li>${escapeHtml(documentLabel(result, options.documents, i))}</li>`)
        .join("");
      const more =
        t.documents.length > maxTitles
          ? `<li style="list-style:none;color:#777">… ${t.documents.length - maxTitles} more</li>`
          : "";
      const open = explorer
        ? ` <button class="tl-open" data-topic="${t.id}">${t.size === 1 ? "the document" : `all ${t.size} documents`}</button>`
        : "";
      return `<section class="tl-topic" style="--c:${topicColor(t.id)}" data-topic="${t.id}" data-label="${escapeHtml(t.keywords.map((k) => k.term).join(" "))} ${escapeHtml(t.label)}"><h2>${t.id}. ${escapeHtml(t.label)}</h2><div class="tl-size">${countOf(t.size, "document")}${fitOf(t.id)}${open}</div><div class="tl-kw">${bars}</div><ul class="tl-docs">${docs}${more}</ul></section>`;
    })
    .join("");
  const warnings =
    result.warnings.length === 0
      ? ""
      : `<ul class="tl-warn">${result.warnings.map((w) => `<li>${escapeHtml(w.message)}</li>`).join("")}</ul>`;
  const tools = explorer
    ? `<div class="tl-tools"><input type="search" class="tl-search" placeholder="Search documents and themes" aria-label="Search documents and themes" aria-keyshortcuts="/"><span class="tl-keys">/ to search · Esc to close · click a theme or a point</span></div><section class="tl-panel" hidden aria-live="polite" aria-label="Selection"></section>`
    : "";
  const script = explorer
    ? `<script type="application/json" class="tl-data">${explorerData(result, options.documents, options.views?.distribution)}</script><script>${EXPLORER_SCRIPT}</script>`
    : "";
  const bound = maxHeight === null ? "" : ` style="max-height:${maxHeight}px;overflow:auto"`;
  const body = `<div class="tl-report"${bound}><style>${STYLE}${explorer ? EXPLORER_STYLE : ""}</style><h1>${escapeHtml(title)}</h1><div class="tl-meta">${p.documents} documents · ${result.topics.length} topics · silhouette ${formatNumber(q.silhouette)} · stability ${formatNumber(q.stability)} · coherence (NPMI) ${formatNumber(q.coherence)} · diversity ${formatNumber(q.diversity)}</div>${tools}<div class="tl-map">${scatter}${explorer ? '<div class="tl-card" hidden></div>' : ""}<ul class="tl-legend">${legend}</ul></div><div class="tl-topics">${cards}</div>${viewSections(result, { ...assignedOutliers(result), ...options.views }, options.documents)}${warnings}${script}</div>`;
  if (fragment) return body;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>\n`;
}
