import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { checkInteger, checkNumber } from "../core/validate.js";

/** A time as given: a Date, an ISO 8601 string, or a number (a year, or any numeric time). */
export type TimeInput = Date | string | number | null | undefined;

/** How times are grouped into bins. */
export interface BinningOptions {
  /** This many equal-width bins over the range of the times (as pandas' `cut`). */
  readonly bins?: number;
  /**
   * `"year"` or `"month"` (calendar, UTC), or a bin width in the times' unit (years for
   * numbers, days for dates). @defaultValue every distinct number; `"year"` for dates
   */
  readonly binBy?: "year" | "month" | number;
}

export interface TimeBin {
  /** "2019", "2019-03", "2019.0–2021.0" or the number itself. */
  readonly label: string;
  /** The bin's start and end in the times' unit (ms since 1970 for dates); end is exclusive except for the last. */
  readonly start: number;
  readonly end: number;
  readonly documents: number;
}

export interface Binned {
  readonly bins: TimeBin[];
  /** Bin of every document, -1 for those without a usable time. */
  readonly binOf: Int32Array;
  /** Documents without a usable time (left out, never guessed). */
  readonly skipped: number[];
  readonly kind: "dates" | "numbers";
}

const DAY = 86_400_000;

/**
 * Bins the documents' times. Dates, ISO strings and numbers may not be mixed; a missing,
 * NaN or unparseable time leaves its document out (reported in `skipped`).
 * @throws InvalidArgumentError for a wrong length, mixed kinds, or bad options.
 */
export function binTimes(fn: string, times: readonly TimeInput[], n: number, options: BinningOptions): Binned {
  if (!Array.isArray(times) || times.length !== n) {
    throw new InvalidArgumentError(
      `${fn}: times must hold one time per document (${n}); got ${Array.isArray(times) ? times.length : describeValue(times)}`,
      "times",
    );
  }
  let kind: "dates" | "numbers" | null = null;
  const value = new Float64Array(n).fill(Number.NaN);
  times.forEach((t, i) => {
    if (t === null || t === undefined) return;
    const k = typeof t === "number" ? "numbers" : t instanceof Date || typeof t === "string" ? "dates" : null;
    if (k === null)
      throw new InvalidArgumentError(
        `${fn}: times[${i}] must be a Date, an ISO string or a number; got ${describeValue(t)}`,
        "times",
      );
    if (kind !== null && k !== kind)
      throw new InvalidArgumentError(`${fn}: times mix numbers and dates (times[${i}]); give one kind`, "times");
    kind = k;
    const v = typeof t === "number" ? t : t instanceof Date ? t.getTime() : Date.parse(t);
    if (Number.isFinite(v)) value[i] = v;
  });
  const skipped: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isNaN(value[i] as number)) skipped.push(i);
  if (kind === null || skipped.length === n)
    throw new InvalidArgumentError(`${fn}: no document has a usable time`, "times");
  const k = kind as "dates" | "numbers";
  const binOf = new Int32Array(n).fill(-1);
  const usable = Array.from({ length: n }, (_, i) => i).filter((i) => !Number.isNaN(value[i] as number));
  const keyed = keysOf(
    fn,
    k,
    usable.map((i) => value[i] as number),
    options,
  );
  const order = [...new Set(keyed.keys)].sort((a, b) => a - b);
  const position = new Map(order.map((key, b) => [key, b]));
  const counts = new Array(order.length).fill(0) as number[];
  usable.forEach((i, j) => {
    const b = position.get(keyed.keys[j] as number) as number;
    binOf[i] = b;
    counts[b] = (counts[b] as number) + 1;
  });
  const bins = order.map((key, b) => ({ ...keyed.describe(key), documents: counts[b] as number }));
  return { bins, binOf, skipped, kind: k };
}

/** A sortable key per time and how to describe a key's bin. */
function keysOf(
  fn: string,
  kind: "dates" | "numbers",
  values: number[],
  options: BinningOptions,
): { keys: number[]; describe(key: number): Omit<TimeBin, "documents"> } {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (options.bins !== undefined) {
    const nBins = checkInteger(fn, "options.bins", options.bins, 1);
    return equalWidth(kind, values, lo, (hi - lo) / nBins || 1, nBins - 1);
  }
  const by = options.binBy ?? (kind === "dates" ? "year" : undefined);
  if (by === undefined) return { keys: values, describe: (v) => ({ label: String(v), start: v, end: v }) };
  if (typeof by === "number") {
    const width = checkNumber(fn, "options.binBy", by, { min: 0, minExclusive: true }) * (kind === "dates" ? DAY : 1);
    return equalWidth(kind, values, lo, width, Number.POSITIVE_INFINITY);
  }
  if (by !== "year" && by !== "month")
    throw new InvalidArgumentError(
      `${fn}: options.binBy must be "year", "month" or a positive number; got ${describeValue(by)}`,
      "options.binBy",
    );
  if (kind === "numbers") {
    if (by === "month")
      throw new InvalidArgumentError(`${fn}: options.binBy "month" needs dates; got numbers`, "options.binBy");
    return { keys: values.map(Math.floor), describe: (y) => ({ label: String(y), start: y, end: y + 1 }) };
  }
  const month = by === "month";
  const keyOf = (ms: number) => {
    const d = new Date(ms);
    return month ? d.getUTCFullYear() * 12 + d.getUTCMonth() : d.getUTCFullYear();
  };
  return {
    keys: values.map(keyOf),
    describe: (key) => {
      const year = month ? Math.floor(key / 12) : key;
      const m = month ? key % 12 : 0;
      return {
        label: month ? `${year}-${String(m + 1).padStart(2, "0")}` : String(year),
        start: Date.UTC(year, m, 1),
        end: month ? Date.UTC(year, m + 1, 1) : Date.UTC(year + 1, 0, 1),
      };
    },
  };
}

/** Bins of `width` from `lo` (the last one, `last`, also holding the range's end). */
function equalWidth(
  kind: "dates" | "numbers",
  values: readonly number[],
  lo: number,
  width: number,
  last: number,
): { keys: number[]; describe(key: number): Omit<TimeBin, "documents"> } {
  const start = (b: number) => lo + b * width;
  return {
    keys: values.map((v) => Math.min(last, Math.floor((v - lo) / width))),
    describe: (b) => ({
      label: `${show(kind, start(b))}–${show(kind, start(b + 1))}`,
      start: start(b),
      end: start(b + 1),
    }),
  };
}

function show(kind: "dates" | "numbers", v: number): string {
  return kind === "dates" ? new Date(v).toISOString().slice(0, 10) : String(Math.round(v * 100) / 100);
}
