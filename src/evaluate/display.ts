/**
 * Notebook display for evaluation objects: the MIME bundle Deno's Jupyter kernel asks
 * for through `Symbol.for("Jupyter.display")`. Self-contained HTML and SVG, no scripts.
 */
import { escapeHtml } from "../core/escape.js";

export const JUPYTER_DISPLAY_SYMBOL: unique symbol = Symbol.for("Jupyter.display") as never;

/** A small HTML table of rows of cells; numbers get 3 decimals. */
export function htmlTable(headers: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const cell = (v: string | number | null) => (v === null ? "–" : typeof v === "number" ? v.toFixed(3) : escapeHtml(v));
  return `<table style="border-collapse:collapse;font-family:system-ui,sans-serif;font-size:13px"><thead><tr>${headers
    .map((h) => `<th style="text-align:right;padding:3px 10px;border-bottom:1px solid #bbb">${escapeHtml(h)}</th>`)
    .join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v) => `<td style="text-align:right;padding:3px 10px">${cell(v)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

/** An SVG line chart of several series over the same x values, each scaled to its own range. */
export function lineChartSvg(
  xs: readonly number[],
  series: readonly { name: string; color: string; values: readonly number[] }[],
  options: { width?: number; height?: number; marker?: number } = {},
): string {
  const width = options.width ?? 560;
  const height = options.height ?? 260;
  const left = 40;
  const right = 150;
  const top = 16;
  const bottom = 34;
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const sx = (x: number) => left + ((x - minX) / (maxX - minX || 1)) * (width - left - right);
  const parts: string[] = [];
  parts.push(
    `<rect x="${left}" y="${top}" width="${width - left - right}" height="${height - top - bottom}" fill="#fafafa" stroke="#ddd"/>`,
  );
  for (const x of xs) {
    parts.push(
      `<text x="${sx(x).toFixed(1)}" y="${height - bottom + 16}" font-size="11" text-anchor="middle" fill="#555">${x}</text>`,
    );
  }
  parts.push(
    `<text x="${(left + width - right) / 2}" y="${height - 4}" font-size="11" text-anchor="middle" fill="#333">k</text>`,
  );
  if (options.marker !== undefined) {
    const mx = sx(options.marker).toFixed(1);
    parts.push(
      `<line x1="${mx}" x2="${mx}" y1="${top}" y2="${height - bottom}" stroke="#999" stroke-dasharray="4 3"/>`,
    );
  }
  series.forEach((s, index) => {
    const lo = Math.min(...s.values);
    const hi = Math.max(...s.values);
    const sy = (v: number) => height - bottom - ((v - lo) / (hi - lo || 1)) * (height - top - bottom - 8) - 4;
    const points = s.values.map((v, i) => `${sx(xs[i] as number).toFixed(1)},${sy(v).toFixed(1)}`).join(" ");
    parts.push(`<polyline points="${points}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    s.values.forEach((v, i) => {
      parts.push(
        `<circle cx="${sx(xs[i] as number).toFixed(1)}" cy="${sy(v).toFixed(1)}" r="3" fill="${s.color}"><title>${escapeHtml(s.name)} ${v.toFixed(4)}</title></circle>`,
      );
    });
    const ly = top + 14 + index * 18;
    parts.push(`<rect x="${width - right + 12}" y="${ly - 9}" width="10" height="10" fill="${s.color}"/>`);
    parts.push(`<text x="${width - right + 28}" y="${ly}" font-size="12" fill="#333">${escapeHtml(s.name)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui,sans-serif">${parts.join("")}</svg>`;
}

/** Attaches a non-enumerable Jupyter display method (JSON and structuredClone ignore it). */
export function withDisplay<T extends object>(value: T, display: () => Record<string, string>): T {
  Object.defineProperty(value, JUPYTER_DISPLAY_SYMBOL, { value: display, enumerable: false });
  return value;
}
