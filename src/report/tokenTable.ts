import { escapeHtml } from "../core/escape.js";

/** What the token table reads: a document's tokens and their weight for every topic. */
export interface TokenWeights {
  readonly tokens: readonly string[];
  readonly topics: readonly number[];
  /** tokens x topics, row after row. */
  readonly values: Float64Array;
}

/** The topics (columns) that some token weighs for, in order. */
function topicsWeighed(t: TokenWeights): number[] {
  const K = t.topics.length;
  const used: number[] = [];
  for (let c = 0; c < K; c++) {
    for (let i = 0; i < t.tokens.length; i++) {
      if ((t.values[i * K + c] as number) > 0) {
        used.push(c);
        break;
      }
    }
  }
  return used;
}

/**
 * A table of a document's tokens (columns) against the topics they weigh for (rows), each
 * cell shaded by its weight against the largest, as BERTopic's
 * `visualize_approximate_distribution` styles it.
 */
export function tokenTableHtml(t: TokenWeights, name: (topic: number) => string): string {
  const K = t.topics.length;
  let max = 0;
  for (const v of t.values) max = Math.max(max, v);
  const head = `<tr><th></th>${t.tokens.map((w) => `<th style="font-weight:normal;padding:2px 4px">${escapeHtml(w)}</th>`).join("")}</tr>`;
  const rows = topicsWeighed(t).map((c) => {
    const cells = t.tokens.map((_, i) => {
      const v = t.values[i * K + c] as number;
      const shade = max === 0 ? 0 : v / max;
      return `<td title="${v.toFixed(3)}" style="padding:2px 4px;text-align:center;background:rgba(31,119,180,${shade.toFixed(3)});color:${shade > 0.6 ? "#fff" : "#222"}">${v === 0 ? "" : v.toFixed(2)}</td>`;
    });
    return `<tr><th style="text-align:left;padding:2px 6px;white-space:nowrap">${escapeHtml(name(t.topics[c] as number))}</th>${cells.join("")}</tr>`;
  });
  return `<div style="overflow-x:auto"><table style="border-collapse:collapse;font:12px system-ui,sans-serif">${head}${rows.join("")}</table></div>`;
}

/** The same as text: for each topic weighed, its tokens of largest weight. */
export function tokenTableText(t: TokenWeights, name: (topic: number) => string, perTopic = 8): string {
  const K = t.topics.length;
  const lines = topicsWeighed(t).map((c) => {
    const best = t.tokens
      .map((w, i) => ({ w, v: t.values[i * K + c] as number }))
      .filter((x) => x.v > 0)
      .sort((a, b) => b.v - a.v)
      .slice(0, perTopic);
    return `${name(t.topics[c] as number)}: ${best.map((x) => `${x.w} ${x.v.toFixed(2)}`).join(", ")}`;
  });
  return lines.length === 0 ? "no token weighs for any topic" : lines.join("\n");
}
