import { escapeHtml } from "../core/escape.js";
import { withMethods } from "../core/methods.js";
import { checkBoolean, checkInteger, checkOptions } from "../core/validate.js";
import { htmlTable, JUPYTER_DISPLAY_SYMBOL } from "../evaluate/display.js";
import type { ClusterKeywordsOptions } from "../keywords/clusterKeywords.js";
import { checkTopicsResult } from "../pipeline/checkResult.js";
import type { DocumentInput } from "../pipeline/documents.js";
import type { TopicsResult } from "../pipeline/types.js";
import { topicCaption } from "../report/compactLabel.js";
import { csvField } from "../report/csv.js";
import { topicColor } from "../report/palette.js";
import { documentWords } from "./documentWords.js";
import { type BinningOptions, binTimes, type TimeBin, type TimeInput } from "./timeBins.js";
import { type TopicInGroup, topicsByGroup } from "./topicsByGroup.js";

export interface TopicsOverTimeOptions extends BinningOptions {
  /** Average each bin's keywords with the topic's global ones. @defaultValue true */
  readonly globalTuning?: boolean;
  /** Average each bin's keywords with the previous bin's for the same topic. @defaultValue true */
  readonly evolutionTuning?: boolean;
  /** Keywords per topic and bin. @defaultValue 5 */
  readonly topN?: number;
  /** Options of the keyword chain after the tuned scores (phrase absorption, MMR diversity, ...). */
  readonly keywords?: Omit<ClusterKeywordsOptions, "representation">;
}

/** One topic in one time bin. */
export interface TopicInBin extends Omit<TopicInGroup, "group"> {
  /** Index into `bins`. */
  readonly bin: number;
}

export interface TopicsOverTime {
  readonly bins: readonly TimeBin[];
  /** Every (bin, topic) with documents, in bin order then topic order. */
  readonly rows: readonly TopicInBin[];
  /** Documents left out for want of a usable time (missing, NaN, unparseable). */
  readonly skipped: { readonly count: number; readonly indices: readonly number[] };
  readonly options: { readonly globalTuning: boolean; readonly evolutionTuning: boolean; readonly topN: number };
  /** One line per (bin, topic): bin, start, end, topic, topic label, count, share, keywords. */
  toCSV(): string;
  /** A table in words. */
  toString(): string;
  /** A line chart of each topic's documents per bin (the `top` largest topics, 8 by default). */
  toSVG(options?: { top?: number; width?: number; height?: number }): string;
  [JUPYTER_DISPLAY_SYMBOL](): Record<string, string>;
}

const NAMES = ["bins", "binBy", "globalTuning", "evolutionTuning", "topN", "keywords"] as const;

/**
 * How each topic grew or faded: for every time bin and topic, the number of documents,
 * the topic's share of the bin, and the bin's own keywords (c-TF-IDF of the topic's
 * documents in the bin, tuned with the topic's global keywords and the previous bin's as
 * BERTopic's documentation describes; its code's evolution step has no effect, BERTopic
 * issue #2370, this one does). Nothing is re-clustered. `docs` are the documents the result
 * was fitted on (checked), `times` one per document.
 * @example topicsOverTime(result, docs, docs.map((d) => d.year)).toSVG()
 * @throws InvalidArgumentError for documents other than the fitted ones, times of the wrong length or kind, or bad options.
 */
export function topicsOverTime(
  result: TopicsResult,
  docs: readonly DocumentInput[],
  times: readonly TimeInput[],
  options: TopicsOverTimeOptions = {},
): TopicsOverTime {
  const fn = "topicsOverTime";
  checkTopicsResult(fn, result);
  const o = checkOptions(fn, options, NAMES);
  const globalTuning = checkBoolean(fn, "options.globalTuning", o.globalTuning ?? true);
  const evolutionTuning = checkBoolean(fn, "options.evolutionTuning", o.evolutionTuning ?? true);
  const topN = checkInteger(fn, "options.topN", o.topN ?? o.keywords?.topN ?? 5, 1);
  const binning = binTimes(fn, times, result.assignments.length, o);
  const rows = topicsByGroup(
    result,
    documentWords(fn, result, docs),
    binning.binOf,
    binning.bins.length,
    { global: globalTuning, evolution: evolutionTuning },
    { keywords: { ...o.keywords, topN } },
  ).map(({ group, ...row }) => ({ bin: group, ...row }));
  const data = {
    bins: binning.bins,
    rows,
    skipped: { count: binning.skipped.length, indices: binning.skipped },
    options: { globalTuning, evolutionTuning, topN },
  };
  const view: TopicsOverTime = withMethods(data, {
    toCSV: () => overTimeCsv(view),
    toString: () => overTimeText(result, view),
    toSVG: (opts?: { top?: number; width?: number; height?: number }) => overTimeSvg(result, view, opts),
    [JUPYTER_DISPLAY_SYMBOL]: () => ({
      "text/html": `${overTimeSvg(result, view)}${htmlTable(
        ["bin", "topic", "documents", "share", "keywords"],
        view.rows.map((r) => [
          view.bins[r.bin]?.label ?? "",
          `${r.topic} ${result.topics[r.topic]?.label ?? ""}`,
          String(r.count),
          r.share,
          r.keywords.map((k) => k.term).join(", "),
        ]),
      )}`,
      "image/svg+xml": overTimeSvg(result, view),
      "text/plain": overTimeText(result, view),
    }),
  });
  return view;
}

function overTimeCsv(view: TopicsOverTime): string {
  const lines = ["bin,start,end,topic,count,share,keywords"];
  for (const r of view.rows) {
    const b = view.bins[r.bin] as TimeBin;
    lines.push(
      [b.label, b.start, b.end, r.topic, r.count, r.share, r.keywords.map((k) => k.term).join("; ")]
        .map(csvField)
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

function overTimeText(result: TopicsResult, view: TopicsOverTime): string {
  const lines = [
    `${view.bins.length} time bins, ${result.topics.length} topics${view.skipped.count ? `; ${view.skipped.count} document(s) without a usable time left out` : ""}`,
  ];
  view.bins.forEach((b, i) => {
    lines.push("", `${b.label} (${b.documents} documents)`);
    for (const r of view.rows.filter((x) => x.bin === i).sort((a, c) => c.count - a.count || a.topic - c.topic)) {
      lines.push(
        `  [${r.topic}] ${String(r.count).padStart(5)}  ${(100 * r.share).toFixed(1).padStart(5)}%  ${r.keywords.map((k) => k.term).join(", ")}`,
      );
    }
  });
  return lines.join("\n");
}

/** Documents per bin of the largest topics, on one shared scale. */
function overTimeSvg(
  result: TopicsResult,
  view: TopicsOverTime,
  options: { top?: number; width?: number; height?: number } = {},
): string {
  const width = options.width ?? 720;
  const height = options.height ?? 320;
  const shown = result.topics.slice(0, options.top ?? 8);
  const [left, right, top, bottom] = [44, 220, 16, 40];
  const B = view.bins.length;
  const counts = shown.map((t) => {
    const v = new Array(B).fill(0) as number[];
    for (const r of view.rows) if (r.topic === t.id) v[r.bin] = r.count;
    return v;
  });
  const max = Math.max(1, ...counts.flat());
  const sx = (b: number) => left + (B === 1 ? 0.5 : b / (B - 1)) * (width - left - right);
  const sy = (v: number) => height - bottom - (v / max) * (height - top - bottom);
  const parts = [
    `<rect x="${left}" y="${top}" width="${width - left - right}" height="${height - top - bottom}" fill="#fafafa" stroke="#ddd"/>`,
    `<text x="${left - 6}" y="${top + 4}" font-size="11" text-anchor="end" fill="#555">${max}</text>`,
    `<text x="${left - 6}" y="${height - bottom}" font-size="11" text-anchor="end" fill="#555">0</text>`,
  ];
  const every = Math.max(1, Math.ceil(B / 12));
  view.bins.forEach((b, i) => {
    if (i % every === 0)
      parts.push(
        `<text x="${sx(i).toFixed(1)}" y="${height - bottom + 16}" font-size="11" text-anchor="middle" fill="#555">${escapeHtml(b.label)}</text>`,
      );
  });
  shown.forEach((t, s) => {
    const color = topicColor(t.id);
    const values = counts[s] as number[];
    parts.push(
      `<polyline points="${values.map((v, i) => `${sx(i).toFixed(1)},${sy(v).toFixed(1)}`).join(" ")}" fill="none" stroke="${color}" stroke-width="2"/>`,
    );
    values.forEach((v, i) => {
      parts.push(
        `<circle cx="${sx(i).toFixed(1)}" cy="${sy(v).toFixed(1)}" r="2.5" fill="${color}"><title>${escapeHtml(`${t.label} · ${view.bins[i]?.label}: ${v}`)}</title></circle>`,
      );
    });
    parts.push(
      `<text x="${width - right + 10}" y="${top + 12 + s * 16}" font-size="11" fill="${color}"><title>${escapeHtml(t.label)}</title>${escapeHtml(topicCaption(t.id, t.label, 34))}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui,sans-serif" role="img" aria-label="Topics over time">${parts.join("")}</svg>`;
}
