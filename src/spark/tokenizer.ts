import { InvalidArgumentError } from "../core/errors.js";
import { checkBoolean, checkInteger, checkOptions } from "../core/validate.js";

/** Spark ML's `RegexTokenizer` parameters, with its defaults. */
export interface SparkRegexTokenizerOptions {
  /**
   * The regular expression: a string is read as Java reads it, where `\s` is ASCII
   * whitespace only (JavaScript's `\s` also matches no-break and other Unicode spaces); a
   * RegExp is used as it is. @defaultValue "\\s+"
   */
  readonly pattern?: string | RegExp;
  /** The pattern matches the gaps between tokens (true) or the tokens themselves. @defaultValue true */
  readonly gaps?: boolean;
  /** Shorter tokens are dropped. @defaultValue 1 */
  readonly minTokenLength?: number;
  /** Lower-case the text first. @defaultValue true */
  readonly toLowercase?: boolean;
}

export const SPARK_REGEX_TOKENIZER_DEFAULTS = Object.freeze({
  pattern: "\\s+",
  gaps: true,
  minTokenLength: 1,
  toLowercase: true,
});

/** Java's `\s` and `\S`: ASCII whitespace, not Unicode's. */
const JAVA_SPACE = "[ \\t\\n\\x0B\\f\\r]";
const JAVA_NON_SPACE = "[^ \\t\\n\\x0B\\f\\r]";

/** A Java pattern string as a JavaScript RegExp (global), `\s` kept to Java's meaning. */
export function javaPattern(fn: string, name: string, pattern: string | RegExp): RegExp {
  if (pattern instanceof RegExp)
    return new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  // \\s (an escaped backslash then s) stays as it is; a lone \s or \S becomes Java's class.
  const source = pattern.replace(/\\\\|\\s|\\S/g, (m) => (m === "\\s" ? JAVA_SPACE : m === "\\S" ? JAVA_NON_SPACE : m));
  try {
    return new RegExp(source, "g");
  } catch (e) {
    throw new InvalidArgumentError(`${fn}: ${name} is not a valid regular expression (${(e as Error).message})`, name);
  }
}

/**
 * Java's `String.split(regex)`: pieces between matches, trailing empty pieces removed, a
 * leading empty piece kept unless the match there is empty, and the text itself when
 * nothing matches (so an empty text gives one empty token, as in Spark).
 */
export function javaSplit(text: string, re: RegExp): string[] {
  if (text.length === 0) return [""];
  const parts: string[] = [];
  let last = 0;
  let matched = false;
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index as number;
    if (m[0].length === 0 && at === 0) continue;
    if (m[0].length === 0 && at >= text.length) break;
    parts.push(text.slice(last, at));
    last = at + m[0].length;
    matched = true;
  }
  if (!matched) return [text];
  parts.push(text.slice(last));
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/**
 * Spark ML's `Tokenizer`: lower-cased text split on each single whitespace character, so
 * two spaces in a row give an empty token, which HashingTF counts, as Spark does.
 */
export function sparkTokenizer(): (text: string) => string[] {
  return (text) => splitOnJavaSpace(text.toLowerCase());
}

/** `javaSplit(text, /[ \t\n\x0B\f\r]/g)` by a scan of the characters: the tokenizer's hot loop. */
function splitOnJavaSpace(text: string): string[] {
  if (text.length === 0) return [""];
  const parts: string[] = [];
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) {
      parts.push(text.slice(last, i));
      last = i + 1;
    }
  }
  if (parts.length === 0) return [text];
  parts.push(text.slice(last));
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** Spark ML's `RegexTokenizer` with its parameters and defaults. */
export function sparkRegexTokenizer(options: SparkRegexTokenizerOptions = {}): (text: string) => string[] {
  const fn = "sparkRegexTokenizer";
  const o = checkOptions(fn, options, ["pattern", "gaps", "minTokenLength", "toLowercase"]);
  const raw = o.pattern ?? SPARK_REGEX_TOKENIZER_DEFAULTS.pattern;
  if (typeof raw !== "string" && !(raw instanceof RegExp))
    throw new InvalidArgumentError(`${fn}: options.pattern must be a string or a RegExp`, "options.pattern");
  const re = javaPattern(fn, "options.pattern", raw);
  const gaps = checkBoolean(fn, "options.gaps", o.gaps ?? SPARK_REGEX_TOKENIZER_DEFAULTS.gaps);
  const minLength = checkInteger(
    fn,
    "options.minTokenLength",
    o.minTokenLength ?? SPARK_REGEX_TOKENIZER_DEFAULTS.minTokenLength,
    0,
  );
  const lower = checkBoolean(fn, "options.toLowercase", o.toLowercase ?? SPARK_REGEX_TOKENIZER_DEFAULTS.toLowercase);
  return (text) => {
    const s = lower ? text.toLowerCase() : text;
    const tokens = gaps ? javaSplit(s, re) : Array.from(s.matchAll(re), (m) => m[0]);
    return minLength === 0 ? tokens : tokens.filter((t) => t.length >= minLength);
  };
}
