import { assertDense, type DenseMatrix, isDenseMatrix } from "../core/dense.js";
import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { escapeHtml } from "../core/escape.js";
import { checkFunction, checkInteger, checkNumber, checkOptions, checkString } from "../core/validate.js";
import { topicColor } from "./palette.js";

export interface ScatterOptions {
  readonly width?: number;
  readonly height?: number;
  /** Most points drawn; larger corpora are thinned evenly. @defaultValue 4000 */
  readonly maxPoints?: number;
  /** Tooltip of each point. */
  readonly names?: (index: number) => string;
  /** A label for the map that makes it a keyboard stop (for a page whose script handles keys). */
  readonly label?: string;
}

/** Side of a density cell, in pixels. */
const CELL = 10;

/**
 * Where the points not drawn lie: every point counted in a grid of {@link CELL}-pixel cells,
 * each cell tinted with its commonest topic's colour, stronger where more points fall
 * (opacity by the square root of the count). Drawn beneath the points when they are thinned.
 */
function densityCells(
  n: number,
  xOf: (i: number) => number,
  yOf: (i: number) => number,
  topics: Int32Array,
  width: number,
  height: number,
): string {
  const cols = Math.ceil(width / CELL);
  const rows = Math.ceil(height / CELL);
  const counts = new Int32Array(cols * rows);
  const byTopic = new Map<number, Int32Array>();
  for (let i = 0; i < n; i++) {
    const c = Math.min(cols - 1, Math.max(0, Math.floor(xOf(i) / CELL)));
    const r = Math.min(rows - 1, Math.max(0, Math.floor(yOf(i) / CELL)));
    const cell = r * cols + c;
    counts[cell] = (counts[cell] as number) + 1;
    const t = topics[i] as number;
    let perCell = byTopic.get(t);
    if (perCell === undefined) byTopic.set(t, (perCell = new Int32Array(cols * rows)));
    perCell[cell] = (perCell[cell] as number) + 1;
  }
  let most = 0;
  for (const c of counts) most = Math.max(most, c);
  const cells: string[] = [];
  for (let cell = 0; cell < counts.length; cell++) {
    const count = counts[cell] as number;
    if (count === 0) continue;
    let topic = -1;
    let best = 0;
    for (const [t, perCell] of byTopic)
      if ((perCell[cell] as number) > best || ((perCell[cell] as number) === best && t < topic)) {
        best = perCell[cell] as number;
        topic = t;
      }
    const opacity = 0.08 + 0.42 * Math.sqrt(count / most);
    cells.push(
      `<rect x="${(cell % cols) * CELL}" y="${Math.floor(cell / cols) * CELL}" width="${CELL}" height="${CELL}" fill="${topicColor(topic)}" fill-opacity="${opacity.toFixed(2)}"/>`,
    );
  }
  return `<g class="tl-density" aria-hidden="true">${cells.join("")}</g>`;
}

/**
 * An SVG scatter of 2-D points coloured by topic. Self-contained (no scripts, no
 * fonts to fetch); the legend is left to the caller so labels never overlap the plot.
 */
export function scatterSvg(points: DenseMatrix, topics: Int32Array, options: ScatterOptions = {}): string {
  const fn = "scatterSvg";
  if (!isDenseMatrix(points) || points.cols !== 2)
    throw new InvalidArgumentError(
      `${fn}: points must be a DenseMatrix of 2 columns (x, y); got ${describeValue(points)}`,
      "points",
    );
  assertDense(points, fn, "points");
  if (!(topics instanceof Int32Array) || topics.length !== points.rows)
    throw new InvalidArgumentError(
      `${fn}: topics must be an Int32Array with one topic per point (${points.rows}); got ${describeValue(topics)}`,
      "topics",
    );
  const o = checkOptions(fn, options, ["width", "height", "maxPoints", "names", "label"]);
  checkNumber(fn, "options.width", o.width ?? 640, { min: 0, minExclusive: true });
  checkNumber(fn, "options.height", o.height ?? 420, { min: 0, minExclusive: true });
  checkInteger(fn, "options.maxPoints", o.maxPoints ?? 4000, 1);
  if (o.names !== undefined) checkFunction(fn, "options.names", o.names);
  if (o.label !== undefined) checkString(fn, "options.label", o.label);
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
  const density =
    step > 1
      ? densityCells(
          n,
          (i) => sx(points.data[i * 2] as number),
          (i) => sy(points.data[i * 2 + 1] as number),
          topics,
          width,
          height,
        )
      : "";
  const radius = n > 2000 ? 2.5 : 4;
  const dots: string[] = [];
  for (let i = 0; i < n; i += step) {
    const t = topics[i] as number;
    const tip = options.names ? `<title>${escapeHtml(options.names(i))}</title>` : "";
    dots.push(
      `<circle cx="${sx(points.data[i * 2] as number).toFixed(1)}" cy="${sy(points.data[i * 2 + 1] as number).toFixed(1)}" r="${radius}" fill="${topicColor(t)}" fill-opacity="0.8" stroke="#fff" stroke-width="0.5" data-topic="${t}" data-i="${i}">${tip}</circle>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"${options.label === undefined ? ' role="img" aria-label="Documents in two dimensions, coloured by topic"' : ` role="group" tabindex="0" aria-label="${escapeHtml(options.label)}"`}><rect width="${width}" height="${height}" fill="#fafafa" stroke="#ddd"/>${density}${dots.join("")}</svg>`;
}
