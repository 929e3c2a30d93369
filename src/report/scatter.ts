import type { DenseMatrix } from "../core/dense.js";
import { escapeHtml } from "../core/escape.js";
import { topicColor } from "./palette.js";

export interface ScatterOptions {
  readonly width?: number;
  readonly height?: number;
  /** Most points drawn; larger corpora are thinned evenly. @defaultValue 4000 */
  readonly maxPoints?: number;
  /** Tooltip of each point. */
  readonly names?: (index: number) => string;
}

/**
 * An SVG scatter of 2-D points coloured by topic. Self-contained (no scripts, no
 * fonts to fetch); the legend is left to the caller so labels never overlap the plot.
 */
export function scatterSvg(points: DenseMatrix, topics: Int32Array, options: ScatterOptions = {}): string {
  const width = options.width ?? 640;
  const height = options.height ?? 420;
  const pad = 16;
  const n = points.rows;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = points.data[i * 2] as number;
    const y = points.data[i * 2 + 1] as number;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const sx = (x: number) => pad + ((x - minX) / (maxX - minX || 1)) * (width - 2 * pad);
  const sy = (y: number) => height - pad - ((y - minY) / (maxY - minY || 1)) * (height - 2 * pad);
  const step = Math.max(1, Math.ceil(n / (options.maxPoints ?? 4000)));
  const radius = n > 2000 ? 2.5 : 4;
  const dots: string[] = [];
  for (let i = 0; i < n; i += step) {
    const t = topics[i] as number;
    const tip = options.names ? `<title>${escapeHtml(options.names(i))}</title>` : "";
    dots.push(
      `<circle cx="${sx(points.data[i * 2] as number).toFixed(1)}" cy="${sy(points.data[i * 2 + 1] as number).toFixed(1)}" r="${radius}" fill="${topicColor(t)}" fill-opacity="0.8" stroke="#fff" stroke-width="0.5" data-topic="${t}" data-i="${i}">${tip}</circle>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Documents in two dimensions, coloured by topic"><rect width="${width}" height="${height}" fill="#fafafa" stroke="#ddd"/>${dots.join("")}</svg>`;
}
