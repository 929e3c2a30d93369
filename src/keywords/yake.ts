import { log } from "../core/math.js";
import { checkInteger, checkNumber, checkOptions, checkString } from "../core/validate.js";
import { resolveStopWords, type StopWordsSpec } from "../text/stopwords/index.js";
import type { Keyword } from "./clusterKeywords.js";

export interface YakeOptions {
  /** Longest keyphrase, in words. @defaultValue 3 */
  readonly n?: number;
  /** Co-occurrence window, in words. @defaultValue 1 */
  readonly windowSize?: number;
  /** Drop a candidate whose Levenshtein similarity to a kept one exceeds this. @defaultValue 0.9 */
  readonly dedupThreshold?: number;
  /** Keyphrases returned. @defaultValue 10 */
  readonly top?: number;
  /** @defaultValue "en" */
  readonly stopWords?: StopWordsSpec;
}

export const YAKE_DEFAULTS = Object.freeze({
  n: 3,
  windowSize: 1,
  dedupThreshold: 0.9,
  top: 10,
  stopWords: "en" as StopWordsSpec,
});

type Tag = "d" | "u" | "a" | "n" | "p";

interface Term {
  readonly id: number;
  readonly stopword: boolean;
  tf: number;
  tfAcronym: number;
  tfProper: number;
  /** Distinct sentences holding the term, in order of first occurrence. */
  readonly sentences: number[];
  h: number;
}

interface Candidate {
  readonly kw: string;
  readonly key: string;
  readonly terms: Term[];
  readonly tagSequences: Set<string>;
  tf: number;
  h: number;
}

const PUNCTUATION = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:[-'’.][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;
const SENTENCE_END = /(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'([])|\n\s*\n/u;

function tagOf(word: string, position: number): Tag {
  if (!Number.isNaN(Number(word.replace(/,/g, ""))) && /\d/.test(word)) return "d";
  let digits = 0;
  let letters = 0;
  let upper = 0;
  let punct = 0;
  for (const c of word) {
    if (/\p{N}/u.test(c)) digits++;
    else if (/\p{L}/u.test(c)) {
      letters++;
      if (c !== c.toLowerCase()) upper++;
    }
    if (PUNCTUATION.has(c)) punct++;
  }
  if ((digits > 0 && letters > 0) || (digits === 0 && letters === 0) || punct > 1) return "u";
  if (upper === [...word].length) return "a";
  if (upper === 1 && word.length > 1 && word[0] !== (word[0] as string).toLowerCase() && position > 0) return "n";
  return "p";
}

/**
 * YAKE! unsupervised keyphrase extraction (Campos et al., 2020) with the published
 * defaults (n = 3, window 1, deduplication at 0.9 Levenshtein similarity): each word is
 * scored from its casing, position, frequency, context diversity and spread over
 * sentences; a candidate phrase's score combines its words' scores; lower is better.
 * Sentences and words are split by regular expressions rather than segtok, and the
 * stop words are this library's lists, so scores can differ slightly from the Python
 * package. O(words · n + candidates · top · phrase length²).
 * @returns keyphrases, best first, with `yake` = YAKE's score (lower is better) and
 * `score` = 1 / (1 + yake), higher is better as every other keyword score.
 */
export function yakeKeywords(text: string, options: YakeOptions = {}): Keyword[] {
  const fn = "yakeKeywords";
  checkString(fn, "text", text);
  const o = checkOptions(fn, options, ["n", "windowSize", "dedupThreshold", "top", "stopWords"]);
  const n = checkInteger(fn, "options.n", o.n ?? YAKE_DEFAULTS.n, 1);
  const windowSize = checkInteger(fn, "options.windowSize", o.windowSize ?? YAKE_DEFAULTS.windowSize, 1);
  const dedup = checkNumber(fn, "options.dedupThreshold", o.dedupThreshold ?? YAKE_DEFAULTS.dedupThreshold, {
    min: 0,
    max: 1,
  });
  const top = checkInteger(fn, "options.top", o.top ?? YAKE_DEFAULTS.top, 1);
  const stop = resolveStopWords(o.stopWords ?? YAKE_DEFAULTS.stopWords, fn).words;

  const terms = new Map<string, Term>();
  const edges = new Map<number, Map<number, number>>(); // left id -> right id -> count
  const incoming = new Map<number, Map<number, number>>();
  const candidates = new Map<string, Candidate>();
  const termOf = (word: string): Term => {
    let key = word.toLowerCase();
    const isStop = stop.has(key);
    if (key.endsWith("s") && key.length > 3) key = key.slice(0, -1);
    let t = terms.get(key);
    if (t === undefined) {
      const bare = [...key].filter((c) => !PUNCTUATION.has(c)).join("");
      t = {
        id: terms.size,
        stopword: isStop || stop.has(key) || bare.length < 3,
        tf: 0,
        tfAcronym: 0,
        tfProper: 0,
        sentences: [],
        h: 0,
      };
      terms.set(key, t);
    }
    return t;
  };
  const addEdge = (map: Map<number, Map<number, number>>, a: number, b: number) => {
    let inner = map.get(a);
    if (inner === undefined) map.set(a, (inner = new Map()));
    inner.set(b, (inner.get(b) ?? 0) + 1);
  };

  const sentences = text
    .replace(/\s*\n\s*/g, "\n")
    .split(SENTENCE_END)
    .filter((s) => s.trim().length > 0);
  sentences.forEach((sentence, sentenceId) => {
    const words = sentence.replace(/\n/g, " ").match(TOKEN) ?? [];
    let block: { tag: Tag; word: string; term: Term }[] = [];
    words.forEach((word, position) => {
      if ([...word].every((c) => PUNCTUATION.has(c) || /[^\p{L}\p{M}\p{N}]/u.test(c))) {
        block = [];
        return;
      }
      const tag = tagOf(word, position);
      const term = termOf(word);
      term.tf++;
      if (tag === "a") term.tfAcronym++;
      if (tag === "n") term.tfProper++;
      if (term.sentences[term.sentences.length - 1] !== sentenceId) term.sentences.push(sentenceId);
      if (tag !== "u" && tag !== "d") {
        for (let w = Math.max(0, block.length - windowSize); w < block.length; w++) {
          const left = block[w] as { tag: Tag; term: Term };
          if (left.tag !== "u" && left.tag !== "d") {
            addEdge(edges, left.term.id, term.id);
            addEdge(incoming, term.id, left.term.id);
          }
        }
      }
      // Candidates ending at this word: the word alone and with up to n - 1 words before it.
      const parts = [{ tag, word, term }];
      addCandidate(candidates, parts);
      for (let w = block.length - 1; w >= Math.max(0, block.length - (n - 1)); w--) {
        parts.push(block[w] as (typeof parts)[number]);
        addCandidate(candidates, parts.slice().reverse());
      }
      block.push({ tag, word, term });
    });
  });
  if (terms.size === 0) return [];

  // Single-word features.
  const all = [...terms.values()];
  const valid = all.filter((t) => !t.stopword).map((t) => t.tf);
  if (valid.length === 0) return [];
  const mean = valid.reduce((a, b) => a + b, 0) / valid.length;
  const std = Math.sqrt(valid.reduce((a, b) => a + (b - mean) ** 2, 0) / valid.length);
  const maxTf = Math.max(...all.map((t) => t.tf));
  const diversity = (map: Map<number, Map<number, number>>, id: number): number => {
    const inner = map.get(id);
    if (inner === undefined || inner.size === 0) return 0;
    let total = 0;
    for (const c of inner.values()) total += c;
    return inner.size / total;
  };
  for (const t of all) {
    const rel = 0.5 + diversity(incoming, t.id) * (t.tf / maxTf) + (0.5 + diversity(edges, t.id) * (t.tf / maxTf));
    const freq = t.tf / (mean + std);
    const spread = t.sentences.length / sentences.length;
    const casing = Math.max(t.tfAcronym, t.tfProper) / (1 + log(t.tf));
    const position = log(log(3 + median(t.sentences)));
    t.h = (position * rel) / (casing + freq / rel + spread / rel);
  }
  const edgeCount = (a: Term, b: Term) => edges.get(a.id)?.get(b.id) ?? 0;
  const scored: Candidate[] = [];
  for (const c of candidates.values()) {
    const ok = [...c.tagSequences].some((s) => !s.includes("u") && !s.includes("d"));
    if (!ok || (c.terms[0] as Term).stopword || (c.terms[c.terms.length - 1] as Term).stopword) continue;
    let sum = 0;
    let prod = 1;
    c.terms.forEach((t, i) => {
      if (!t.stopword) {
        sum += t.h;
        prod *= t.h;
        return;
      }
      // A stop word inside a phrase: weigh by how strongly it binds its neighbours.
      const before = c.terms[i - 1];
      const after = c.terms[i + 1];
      const p1 = before ? edgeCount(before, t) / before.tf : 0;
      const p2 = after ? edgeCount(t, after) / after.tf : 0;
      const prob = p1 * p2;
      prod *= 1 + (1 - prob);
      sum -= 1 - prob;
    });
    c.h = prod / ((sum + 1) * c.tf);
    scored.push(c);
  }
  scored.sort((a, b) => a.h - b.h || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const kept: Candidate[] = [];
  for (const c of scored) {
    if (dedup < 1 && kept.some((k) => levenshteinRatio(c.key, k.key) > dedup)) continue;
    kept.push(c);
    if (kept.length === top) break;
  }
  return kept.map((c) => ({ term: c.kw, score: 1 / (1 + c.h), yake: c.h }));
}

function addCandidate(candidates: Map<string, Candidate>, parts: { tag: Tag; word: string; term: Term }[]): void {
  const kw = parts.map((p) => p.word).join(" ");
  const key = kw.toLowerCase();
  let c = candidates.get(key);
  if (c === undefined) {
    c = { kw, key, terms: parts.map((p) => p.term), tagSequences: new Set(), tf: 0, h: 0 };
    candidates.set(key, c);
  }
  c.tagSequences.add(parts.map((p) => p.tag).join(""));
  c.tf++;
}

function median(sorted: readonly number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[m] as number) : ((sorted[m - 1] as number) + (sorted[m] as number)) / 2;
}

/** 1 - Levenshtein distance / longer length, as YAKE's "seqm" deduplication. */
export function levenshteinRatio(a: string, b: string): number {
  checkString("levenshteinRatio", "a", a);
  checkString("levenshteinRatio", "b", b);
  if (a === b) return 1;
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return 0;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return 1 - (prev[m] as number) / Math.max(n, m);
}
