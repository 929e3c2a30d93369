import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import { detachString } from "../core/strings.js";

/** A short form and the long form it abbreviates, as one text defines it: `federated learning (FL)`. */
export interface AbbreviationDefinition {
  /** The short form as written, e.g. `"LLMs"`. */
  readonly short: string;
  /** The long form as written, e.g. `"large language models"`. */
  readonly long: string;
}

/** A corpus' definition of one short form: its commonest long form and how often it was defined. */
export interface Abbreviation extends AbbreviationDefinition {
  /** Documents defining this short form with this long form. */
  readonly documents: number;
  /** Share of the documents defining this short form (with any long form) that chose this one. */
  readonly agreement: number;
}

// A parenthesis far from its close is a remark, not a short form.
const MAX_INNER = 40;
const MAX_SHORT = 10;
const SENTENCE_END = /[.!?;:]\s|[.!?;:]$/g;

/**
 * The abbreviations a text defines, by Schwartz & Hearst's algorithm (2003): a parenthesised
 * short form after its long form, `long form (SF)`, or the other way round, `SF (long form)`.
 * The short form has 2-10 characters, starts with a letter or digit and holds a capital
 * (so `(see above)` or `(e.g.)` are not short forms); the long form is the shortest run of
 * words ending before the parenthesis whose letters hold the short form's letters in order,
 * its first letter starting a word, in at most min(|SF| + 5, 2·|SF|) words.
 * @example findAbbreviations("Federated learning (FL) trains models.") // [{ short: "FL", long: "Federated learning" }]
 */
export function findAbbreviations(text: string): AbbreviationDefinition[] {
  if (typeof text !== "string") {
    throw new InvalidArgumentError(`findAbbreviations: text must be a string; got ${typeof text}`, "text");
  }
  const out: AbbreviationDefinition[] = [];
  let open = text.indexOf("(");
  while (open >= 0) {
    const close = text.indexOf(")", open + 1);
    if (close < 0) break;
    const nested = text.indexOf("(", open + 1);
    if (close - open - 1 <= MAX_INNER && (nested < 0 || nested > close)) {
      const found = definitionAt(text, open, close);
      if (found !== null) out.push(found);
    }
    open = text.indexOf("(", open + 1);
  }
  return out;
}

function definitionAt(text: string, open: number, close: number): AbbreviationDefinition | null {
  // "(FL, see [3])" keeps "FL".
  const inner = (text.slice(open + 1, close).split(/[;,]/)[0] as string).trim();
  const before = sentenceBefore(text, open);
  const innerWords = inner.split(/\s+/).filter(Boolean);
  if (innerWords.length <= 2 && isShortForm(inner)) {
    const long = bestLongForm(inner, lastWords(before, maxLongWords(inner)));
    return long === null ? null : { short: inner, long };
  }
  // Reversed: "FL (federated learning)".
  const short = /(\S+)\s*$/.exec(before)?.[1]?.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "") ?? "";
  if (!isShortForm(short) || innerWords.length > maxLongWords(short)) return null;
  const long = bestLongForm(short, inner);
  return long === inner || (long !== null && long.split(/\s+/).length === innerWords.length)
    ? { short, long: long as string }
    : null;
}

function isShortForm(s: string): boolean {
  return (
    s.length >= 2 &&
    s.length <= MAX_SHORT &&
    /^[\p{L}\p{N}]/u.test(s) &&
    /\p{Lu}/u.test(s) &&
    /\p{L}/u.test(s) &&
    !/\s{2,}/.test(s)
  );
}

function maxLongWords(short: string): number {
  const letters = short.replace(/[^\p{L}\p{N}]/gu, "").length;
  return Math.min(letters + 5, letters * 2);
}

/** The text from the start of the sentence holding `end` up to `end`. */
function sentenceBefore(text: string, end: number): string {
  let start = Math.max(0, end - 400);
  const window = text.slice(start, end);
  let last = -1;
  for (const m of window.matchAll(SENTENCE_END)) last = m.index + m[0].length;
  if (last >= 0) start += last;
  return text.slice(start, end).trimEnd();
}

function lastWords(s: string, n: number): string {
  const words = s.split(/\s+/).filter(Boolean);
  return words.slice(Math.max(0, words.length - n)).join(" ");
}

const isAlnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Schwartz & Hearst's match: walk the short form from its end, finding each letter or
 * digit further left in the long form; the first one must start a word. Returns the long
 * form from that word on, or null.
 */
function bestLongForm(short: string, candidate: string): string | null {
  const s = short.toLowerCase();
  const l = candidate.toLowerCase();
  let si = s.length - 1;
  let li = l.length - 1;
  while (si >= 0) {
    const c = s[si] as string;
    if (!isAlnum(c)) {
      si--;
      continue;
    }
    while (li >= 0 && (l[li] !== c || (si === 0 && li > 0 && isAlnum(l[li - 1])))) li--;
    if (li < 0) return null;
    li--;
    si--;
  }
  const start = l.lastIndexOf(" ", li) + 1;
  const long = candidate.slice(start).trim();
  const words = long.split(/\s+/).length;
  if (long.length <= short.length || words > maxLongWords(short)) return null;
  if (
    long
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .includes(s)
  )
    return null;
  return long;
}

/**
 * Collects the definitions of a corpus one text at a time, and gives each short form's
 * commonest long form. Long forms count as one when their words match ignoring case.
 */
export interface AbbreviationCollector {
  add(text: string): void;
  /** Adds one document's definitions as `findAbbreviations` found them (on any thread). */
  addFound(found: readonly AbbreviationDefinition[]): void;
  /** Every short form defined, with its commonest long form, most documents first. */
  finish(): Abbreviation[];
}

export function createAbbreviationCollector(): AbbreviationCollector {
  // short form key -> long form key -> [documents, surface counts of short, surface counts of long]
  const seen = new Map<
    string,
    Map<string, { documents: number; shorts: Map<string, number>; longs: Map<string, number> }>
  >();
  // Keys are detached from the document they were cut from: the collector outlives the text.
  const bump = (m: Map<string, number>, key: string) => {
    const n = m.get(key);
    m.set(n === undefined ? detachString(key) : key, (n ?? 0) + 1);
  };
  const addFound = (found: readonly AbbreviationDefinition[]): void => {
    const inDoc = new Set<string>();
    for (const { short, long } of found) {
      const sKey = shortKey(short);
      const lKey = long.toLowerCase().replace(/\s+/g, " ");
      if (inDoc.has(`${sKey}\u0000${lKey}`)) continue;
      inDoc.add(`${sKey}\u0000${lKey}`);
      let forms = seen.get(sKey);
      if (forms === undefined) seen.set(detachString(sKey), (forms = new Map()));
      let entry = forms.get(lKey);
      if (entry === undefined)
        forms.set(detachString(lKey), (entry = { documents: 0, shorts: new Map(), longs: new Map() }));
      entry.documents++;
      bump(entry.shorts, short);
      bump(entry.longs, long.replace(/\s+/g, " "));
    }
  };
  return {
    add(text) {
      if (text.indexOf("(") >= 0) addFound(findAbbreviations(text));
    },
    addFound,
    finish() {
      const out: Abbreviation[] = [];
      for (const forms of seen.values()) {
        let total = 0;
        let best: { documents: number; shorts: Map<string, number>; longs: Map<string, number> } | null = null;
        let bestKey = "";
        for (const [key, entry] of forms) {
          total += entry.documents;
          if (
            best === null ||
            entry.documents > best.documents ||
            (entry.documents === best.documents && key < bestKey)
          ) {
            best = entry;
            bestKey = key;
          }
        }
        if (best === null) continue;
        out.push({
          short: commonest(best.shorts),
          long: commonest(best.longs),
          documents: best.documents,
          agreement: best.documents / total,
        });
      }
      return out.sort((a, b) => b.documents - a.documents || (a.short < b.short ? -1 : a.short > b.short ? 1 : 0));
    },
  };
}

/** Short forms that differ only in case are one ("FedAvg", "FEDAVG"). */
function shortKey(short: string): string {
  return short.toLowerCase();
}

/** The most frequent surface form; ties go to the first in code-point order. */
function commonest(counts: Map<string, number>): string {
  let best = "";
  let n = -1;
  for (const [form, c] of counts) if (c > n || (c === n && form < best)) [best, n] = [form, c];
  return best;
}

/**
 * Every abbreviation a corpus defines (see {@link findAbbreviations}), commonest first: each
 * short form with the long form most of its defining documents give (`documents`, and
 * `agreement`, their share). The one call merges these into their long forms.
 * @example corpusAbbreviations(["Federated learning (FL) ...", "In FL, clients ..."]) // [{ short: "FL", long: "Federated learning", documents: 1, agreement: 1 }]
 * @throws InvalidArgumentError when `texts` is not an iterable of strings.
 */
export function corpusAbbreviations(texts: Iterable<string>): Abbreviation[] {
  const fn = "corpusAbbreviations";
  if (
    typeof texts === "string" ||
    typeof (texts as { [Symbol.iterator]?: unknown } | null)?.[Symbol.iterator] !== "function"
  )
    throw new InvalidArgumentError(
      `${fn}: texts must be an array (or iterable) of strings; got ${describeValue(texts)}`,
      "texts",
    );
  const collector = createAbbreviationCollector();
  let i = 0;
  for (const t of texts) {
    if (typeof t !== "string")
      throw new InvalidArgumentError(`${fn}: texts[${i}] must be a string; got ${describeValue(t)}`, `texts[${i}]`);
    collector.add(t);
    i++;
  }
  return collector.finish();
}
