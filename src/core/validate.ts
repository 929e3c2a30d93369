import { describeValue } from "./describe.js";
import { InvalidArgumentError } from "./errors.js";

/**
 * Declarative checks for public entry points. Each throws an
 * {@link InvalidArgumentError} whose message names the function, the argument,
 * the constraint and the value: `kmeans: k must be an integer in [1, 120]; got 200`.
 */

function fail(fn: string, name: string, constraint: string, value: unknown): never {
  throw new InvalidArgumentError(`${fn}: ${name} must be ${constraint}; got ${describeValue(value)}`, name);
}

/** Options whose documented values include null. */
const NULLABLE_OPTIONS: ReadonlySet<string> = new Set(["maxFeatures", "norm", "stem"]);

/** Rejects anything but a plain object (or undefined), unknown keys and stray nulls. */
export function checkOptions<T extends object>(
  fn: string,
  options: T | undefined,
  allowed: readonly string[],
  name = "options",
): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    fail(fn, name, "an object", options);
  }
  for (const key of Object.keys(options)) {
    const value = (options as Record<string, unknown>)[key];
    if (value === null && !NULLABLE_OPTIONS.has(key) && allowed.includes(key)) {
      // `??` would silently turn null into the default; an explicit null is a mistake.
      throw new InvalidArgumentError(
        `${fn}: ${name}.${key} must not be null; leave it out for the default`,
        `${name}.${key}`,
      );
    }
    if (!allowed.includes(key)) {
      throw new InvalidArgumentError(
        `${fn}: unknown option ${name}.${key}; known options are ${allowed.join(", ")}`,
        `${name}.${key}`,
      );
    }
  }
  return options;
}

export function checkInteger(fn: string, name: string, value: unknown, min: number, max = Infinity, note = ""): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : `in [${min}, ${max}]`;
    fail(fn, name, `an integer ${range}${note ? ` (${note})` : ""}`, value);
  }
  return value;
}

/** An integer of at least `min`, or Infinity (no limit). */
export function checkLimit(fn: string, name: string, value: unknown, min: number): number {
  return value === Number.POSITIVE_INFINITY ? value : checkInteger(fn, name, value, min, Infinity, "or Infinity");
}

export interface RangeSpec {
  readonly min?: number;
  readonly max?: number;
  /** The lower bound itself is not allowed. */
  readonly minExclusive?: boolean;
  /** The upper bound itself is not allowed. */
  readonly maxExclusive?: boolean;
}

export function checkNumber(fn: string, name: string, value: unknown, range: RangeSpec = {}): number {
  const { min = -Infinity, max = Infinity, minExclusive = false, maxExclusive = false } = range;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (minExclusive ? value > min : value >= min) &&
    (maxExclusive ? value < max : value <= max);
  if (!ok) {
    let constraint = "a finite number";
    if (min !== -Infinity && max !== Infinity) {
      constraint += ` in ${minExclusive ? "(" : "["}${min}, ${max}${maxExclusive ? ")" : "]"}`;
    } else if (min !== -Infinity) {
      constraint += ` ${minExclusive ? ">" : ">="} ${min}`;
    } else if (max !== Infinity) {
      constraint += ` ${maxExclusive ? "<" : "<="} ${max}`;
    }
    fail(fn, name, constraint, value);
  }
  return value as number;
}

/**
 * Weights as a float64 copy, each finite and 0 or more (scikit-learn's `sample_weight`); the
 * caller checks their number and their sum.
 */
export function checkWeightValues(fn: string, name: string, value: ArrayLike<unknown>): Float64Array {
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const w = value[i];
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0)
      throw new InvalidArgumentError(
        `${fn}: ${name}[${i}] must be a finite number, 0 or more; got ${describeValue(w)}`,
        name,
      );
    out[i] = w;
  }
  return out;
}

export function checkBoolean(fn: string, name: string, value: unknown): boolean {
  if (typeof value !== "boolean") fail(fn, name, "true or false", value);
  return value;
}

export function checkOneOf<T extends string | null>(
  fn: string,
  name: string,
  value: unknown,
  choices: readonly T[],
): T {
  if (!choices.includes(value as T)) {
    fail(fn, name, `one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`, value);
  }
  return value as T;
}

export function checkFunction<T>(fn: string, name: string, value: unknown): T {
  if (typeof value !== "function") fail(fn, name, "a function", value);
  return value as T;
}

export function checkString(fn: string, name: string, value: unknown): string {
  if (typeof value !== "string") fail(fn, name, "a string", value);
  return value;
}

/** Checks that every element of a list of documents is a string. */
export function checkStringArray(fn: string, name: string, value: unknown): readonly string[] {
  if (!Array.isArray(value)) fail(fn, name, "an array of strings", value);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== "string") fail(fn, `${name}[${i}]`, "a string", value[i]);
  }
  return value;
}
