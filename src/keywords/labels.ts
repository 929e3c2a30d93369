import { exp, log } from "../core/math.js";
import { FILLER_WORDS } from "../text/fillerWords.js";
import type { ClassTermTable } from "./classPhraseCounts.js";
import { shownForms } from "./mergeAbbreviations.js";

/** A keyword as the label chooses among them: its shown term, score, and whether it is a filler word. */
export interface LabelCandidate {
  readonly term: string;
  readonly score: number;
  readonly filler: boolean;
  /** The topic's documents holding the term. */
  readonly documents: number;
  /**
   * Which of the topic's documents hold the term (positions among those read), when known:
   * past the head, the label then prefers terms that name documents its terms do not yet.
   */
  readonly holders?: Int32Array;
  /**
   * The term sits in a passage copied into most of the topic's documents (a mailing list's
   * footer, a poster's signature, a form's fixed lines): it says where the documents come
   * from, not what they say. A label heads with it, or holds more than one such term, only
   * when nothing else is left.
   */
  readonly template?: boolean;
}

/** A phrase heads the label when it scores at least this share of the best keyword. */
const PHRASE_HEAD_SHARE = 0.5;
/** Without a phrase, the head is the best of this many keywords. */
const HEAD_WINDOW = 5;
/**
 * A label term is in at least this share of the topic's documents, and in at least three of
 * them (a third of a topic under nine), or is used only when nothing else is left: so a word
 * of one or two papers does not name a theme.
 */
export const LABEL_SPREAD = 0.15;

/**
 * The first few keywords of a large topic need fewer documents: {@link LEADING_SPREAD} times
 * the square root of the topic's size, when that is under {@link LABEL_SPREAD}'s share (topics
 * of more than 400 documents). A fixed share asks more of a large topic than that its term be
 * no one-off: in 810 posts about the X Window System, "widget" and "motif", its second and
 * third keywords, are in 90 and 113, and the label took "server" and "code".
 */
const LEADING = 3;
const LEADING_SPREAD = 3;

/** Fewer documents than this (three, or a third of a topic under nine) are one or two papers. */
function fewPapers(size: number): number {
  return Math.min(3, Math.ceil(size / 3));
}

/** The fewest of a topic's documents a label term is in (see {@link LABEL_SPREAD}). */
export function labelDocuments(size: number): number {
  return Math.max(Math.ceil(LABEL_SPREAD * size), fewPapers(size));
}

/** The fewest of a topic's documents one of its first {@link LEADING} keywords is in to be a label term. */
export function leadingLabelDocuments(size: number): number {
  return Math.min(labelDocuments(size), Math.ceil(LEADING_SPREAD * Math.sqrt(size)));
}

/**
 * The label and name of a topic from its ranked keywords: the name is the first
 * multi-word phrase among the first five keywords that scores at least half the best, or
 * below them the first such phrase shown with its abbreviation (else the best of the first
 * five keywords, or the first keyword further down that is not filler), never a filler word
 * while any keyword is not; the label is the name and the next
 * keywords that are neither filler words nor near-duplicates of a term already in it
 * ("time series" and "time-series", "agent" and "agents", a phrase and its own word), nor
 * in fewer of the topic's documents than {@link labelDocuments} ({@link leadingLabelDocuments}
 * for the first three keywords). When every keyword says
 * which documents hold it (`holders`), each term past the head is the one of these with the
 * highest score, weighed up to twofold by the share of its documents that no term already in
 * the label holds: a topic of two parts is named by both (`card · apple · mac` for PC and
 * Mac hardware, not `card · monitor · video`). A label may be shorter
 * than `terms` rather than hold a filler word; a head left alone takes a rarer word only
 * from the first five keywords.
 */
export function chooseLabel(
  keywords: readonly LabelCandidate[],
  terms: number,
  size: number,
): { label: string; name: string } {
  if (keywords.length === 0) return { label: "", name: "" };
  const best = keywords[0]?.score ?? 0;
  const fewest = labelDocuments(size);
  const fewestLeading = leadingLabelDocuments(size);
  const leading = keywords.slice(0, LEADING);
  const weak = (x: LabelCandidate) => x.filler || x.documents < (leading.includes(x) ? fewestLeading : fewest);
  const firstFew = keywords.slice(0, HEAD_WINDOW);
  const window = firstFew.filter((x) => !weak(x));
  const phraseHead = (x: LabelCandidate) => !weak(x) && isPhrase(x.term) && x.score >= PHRASE_HEAD_SHARE * best;
  // A phrase among the first few; below them, only a concept the corpus names by an
  // abbreviation ("stochastic gradient descent (SGD)") heads rather than a single word.
  // The topic's own words before its template's: a list's footer names no subject.
  const own = (x: LabelCandidate) => x.template !== true;
  const head =
    window.find((x) => phraseHead(x) && own(x)) ??
    keywords.find((x) => phraseHead(x) && hasShortForm(x.term) && own(x)) ??
    window.find(own) ??
    // The first five all filler, rare or the template's: the first keyword that is none of
    // these, then one neither filler nor rare, then one not filler.
    keywords.find((x) => !weak(x) && own(x)) ??
    keywords.find((x) => !weak(x)) ??
    keywords.find((x) => !x.filler) ??
    (keywords[0] as LabelCandidate);
  const chosen: LabelCandidate[] = [head];
  const add = (fits: (x: LabelCandidate) => boolean, upTo: number, worth = inKeywordOrder) =>
    addBest(keywords, chosen, fits, upTo, worth);
  add(
    (x) => !weak(x) && own(x),
    terms,
    keywords.every((x) => x.holders !== undefined) ? byNewDocuments : inKeywordOrder,
  );
  // Then words below the share but not of one or two papers; a label shorter than asked
  // rather than one with a filler word or a one-off paper's word. A head alone gets the best
  // word that is not filler among the first few keywords, even a rare one ("hockey · leafs");
  // further down, a rare word is a stray paper's ("clustering · discussion").
  add((x) => !x.filler && own(x) && x.documents >= fewPapers(size), terms);
  add((x) => !x.filler && own(x) && firstFew.includes(x), Math.min(terms, 2));
  // A label still short takes one term of the template, the best.
  if (chosen.every(own)) add((x) => !weak(x) && !own(x), Math.min(terms, chosen.length + 1));
  return { label: chosen.map((x) => x.term).join(" · "), name: head.term };
}

/**
 * How much of a label term's worth is its score whatever documents it adds: a term whose
 * documents the label already names counts this share of its score, one whose documents are
 * all new counts in full. At 0 (score times the new share alone), small topics took words
 * such as "says" and "think" for the few documents they added; at 0.5 labels read as
 * queries for their topics' documents scored as well on the development corpora and better
 * on their small draws (`bench/labelQuery.mjs`, README).
 */
const RELEVANCE = 0.5;

/** How the terms that could join a label weigh, given its terms so far: the heaviest joins. */
type Worth = (chosen: readonly LabelCandidate[]) => (x: LabelCandidate) => number;

/** Every term weighs the same: the first in keyword order joins. */
const inKeywordOrder: Worth = () => () => 0;

/** A term's score weighed by the share of its documents that no term of the label holds (see {@link RELEVANCE}). */
const byNewDocuments: Worth = (chosen) => {
  const covered = new Set<number>();
  for (const c of chosen) for (const d of c.holders ?? []) covered.add(d);
  return (x) => {
    const held = x.holders ?? new Int32Array(0);
    let fresh = 0;
    for (const d of held) if (!covered.has(d)) fresh++;
    const weight = RELEVANCE + ((1 - RELEVANCE) * fresh) / Math.max(1, held.length);
    // A caller's scorer may give negative scores: new documents still raise the worth.
    return x.score >= 0 ? x.score * weight : x.score / weight;
  };
};

/**
 * Adds to `chosen`, one at a time up to `upTo` terms, the keyword that `fits`, is no
 * near-duplicate of a chosen term and weighs most (the first in keyword order on a tie).
 */
function addBest(
  keywords: readonly LabelCandidate[],
  chosen: LabelCandidate[],
  fits: (x: LabelCandidate) => boolean,
  upTo: number,
  worth: Worth,
): void {
  while (chosen.length < upTo) {
    const weigh = worth(chosen);
    let pick: LabelCandidate | null = null;
    let best = Number.NEGATIVE_INFINITY;
    for (const x of keywords) {
      if (!fits(x) || chosen.includes(x) || chosen.some((c) => nearDuplicates(c.term, x.term))) continue;
      const w = weigh(x);
      if (w > best) [pick, best] = [x, w];
    }
    if (pick === null) return;
    chosen.push(pick);
  }
}

/** A term shown with the short form the corpus defines for it: `federated learning (FL)`. */
function hasShortForm(term: string): boolean {
  return shownForms(term) !== null;
}

function isPhrase(term: string): boolean {
  return partsOf(term).words.length > 1;
}

/**
 * Two terms that say the same: the same words up to case, hyphens, plural endings and the
 * endings that derive a word from its stem ("tracking" and "tracker"), or
 * one's words all inside the other's (a phrase and its own word), or pieces of one run of
 * words, one ending with two words or more that the other starts with ("irish linux users"
 * and "linux users group"). A shown abbreviation counts as a word of its long form: "fl"
 * repeats `federated learning (FL)`.
 */
export function nearDuplicates(a: string, b: string): boolean {
  const ta = partsOf(a);
  const tb = partsOf(b);
  // x says nothing y does not: its words are all among y's words or y's short form.
  const inside = (x: TermParts, y: TermParts) =>
    x.words.every((w) => y.words.some((v) => sameWord(w, v)) || w === y.short);
  return inside(ta, tb) || inside(tb, ta) || runOn(ta.words, tb.words) || runOn(tb.words, ta.words);
}

/** Whether `y` goes on where `x` ends: x's last two words or more are y's first. */
function runOn(x: readonly string[], y: readonly string[]): boolean {
  for (let n = Math.min(x.length, y.length) - 1; n >= 2; n--)
    if (y.slice(0, n).every((w, i) => sameWord(w, x[x.length - n + i] as string))) return true;
  return false;
}

/**
 * Endings that make another word of the same stem: a label holding "tracking" and "tracker",
 * "detection" and "detector", "segment" and "segmentation", "japan" and "japanese",
 * "israel" and "israeli", "president" and "presidential", "atheism" and "atheists", "child" and
 * "childhood" or "south" and "southern" names one thing twice.
 */
const DERIVED_ENDINGS = [
  "ation",
  "ion",
  "ing",
  "er",
  "or",
  "ive",
  "ese",
  "ish",
  "ian",
  "an",
  "ial",
  "al",
  "ism",
  "ist",
  "ern",
  "hood",
  "i",
];
/** A stem keeps at least this many letters ("sens" of "sensor" and "sensing"; not "act")... */
const MIN_STEM = 4;
/** ...and one more before "al": "nation" of "national", but "signal" and "formal" are words of their own. */
const MIN_STEM_BEFORE_AL = 5;

/** Two singular words that are one word or derived from one stem by {@link DERIVED_ENDINGS}. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const x = stemForms(a);
  const y = stemForms(b);
  const meet = (p: readonly string[], q: readonly string[]) => p.some((w) => q.includes(w));
  // A bare form meets only a stem an ending leaves: "police" and "policy" are two words.
  return meet(x.derived, y.derived) || meet(x.bare, y.derived) || meet(y.bare, x.derived);
}

/**
 * The word with its stems, one per derived ending it ends with, wherever a stem of
 * {@link MIN_STEM} letters is left; and its bare forms: without a final "e", "a" or "y"
 * ("merge" of "merger", "china" of "chinese", "industry" of "industrial"), and a Latin
 * plural's singular ("matrice" of "matrices" → "matrix").
 */
function stemForms(word: string): { readonly derived: string[]; readonly bare: string[] } {
  const derived = [word];
  for (const ending of DERIVED_ENDINGS)
    if (word.endsWith(ending) && word.length - ending.length >= (ending === "al" ? MIN_STEM_BEFORE_AL : MIN_STEM))
      derived.push(word.slice(0, -ending.length));
  const bare: string[] = [];
  if (/[aey]$/.test(word) && word.length - 1 >= MIN_STEM) bare.push(word.slice(0, -1));
  if (word.endsWith("ice") && word.length - 3 >= MIN_STEM - 1)
    bare.push(`${word.slice(0, -3)}ix`, `${word.slice(0, -3)}ex`);
  return { derived, bare };
}

/**
 * A term's words up to case, hyphens and plural endings: two terms with the same key say the
 * same ("time series", "time-series").
 */
export function termKey(term: string): string {
  const { words, short } = partsOf(term);
  return short === null ? words.join(" ") : `${words.join(" ")} (${short})`;
}

interface TermParts {
  /** Singular, lowercase, split at spaces and hyphens. */
  readonly words: readonly string[];
  /** The short form shown with the term (`FL` in `federated learning (FL)`), singular and lowercase. */
  readonly short: string | null;
}

function partsOf(term: string): TermParts {
  const forms = shownForms(term);
  const words = (forms?.long ?? term)
    .toLowerCase()
    .split(/[\s\-_/]+/)
    .filter(Boolean)
    .map(singular);
  return { words, short: forms === null ? null : singular(forms.short.toLowerCase()) };
}

/** English plurals that no ending makes. */
const IRREGULAR_PLURALS: ReadonlyMap<string, string> = new Map([
  ["children", "child"],
  ["men", "man"],
  ["women", "woman"],
  ["feet", "foot"],
  ["teeth", "tooth"],
  ["mice", "mouse"],
]);

/** A plural's singular by its ending ("agents" → "agent", "studies" → "study", "llms" → "llm"); "loss" stays. */
function singular(w: string): string {
  const irregular = IRREGULAR_PLURALS.get(w);
  if (irregular !== undefined) return irregular;
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 2 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** Corpus filler words are measured only over clusters of at least this many documents... */
const MIN_CLUSTER_SIZE = 10;
/** ...when there are at least this many of them (evenness over fewer says little)... */
const MIN_CLUSTERS = 4;
/** ...and the list is overruled where one cluster concentrates a term, when there are two. */
const MIN_CLUSTERS_TOPICAL = 2;
/** A word in at least this share of the documents... */
const MIN_DOCUMENT_SHARE = 0.01;
/** ...spread this evenly over the clusters is a filler word of the corpus. */
const EVENNESS = 0.7;
/** A listed filler term whose rate in one cluster is this many times its rate overall is topical here... */
const TOPICAL_LIFT = 2;
/**
 * ...when that cluster holds it this many standard deviations above the documents its rate
 * overall would give it: in clusters of ten abstracts, "powerful" in one of eleven is chance.
 */
const TOPICAL_Z = 3;

/**
 * The terms of the table that say nothing about any one cluster: measured filler words and
 * phrases (src/text/fillerWords.ts, generated from the development corpora: "results",
 * "extensive experiments"), unless one of this corpus' clusters uses one at twice its rate
 * overall and beyond chance ("applications" is filler in paper abstracts, topical in news
 * about software), and the words and phrases this corpus itself spreads evenly over its
 * clusters ("mln dlrs" in Reuters' news). Only clusters of at least 10 documents are
 * measured, and only terms in at least 1% of the documents: a concentration when there are
 * two such clusters or more, evenness when there are four. Evenness is the effective number
 * of clusters a term lives in (the exponent of the entropy of its per-cluster document
 * rates) as a share of them.
 */
export function fillerTerms(table: ClassTermTable): Uint8Array {
  const { vocabulary, sizes, documentCounts: docs } = table;
  const filler = new Uint8Array(vocabulary.length);
  vocabulary.forEach((term, t) => {
    if (FILLER_WORDS.has(term)) filler[t] = 1;
  });
  const clusters: number[] = [];
  let n = 0;
  sizes.forEach((size, c) => {
    n += size;
    if (size >= MIN_CLUSTER_SIZE) clusters.push(c);
  });
  if (clusters.length < MIN_CLUSTERS_TOPICAL) return filler;
  const measuresEvenness = clusters.length >= MIN_CLUSTERS;
  const cols = vocabulary.length;
  // Per word: sum of rates, sum of rate·log(rate), documents.
  const sum = new Float64Array(cols);
  const sumLog = new Float64Array(cols);
  const documents = new Float64Array(cols);
  // Per term, over the measured clusters: documents.
  const measuredDocuments = new Float64Array(cols);
  let measured = 0;
  for (let c = 0; c < sizes.length; c++) {
    const size = sizes[c] as number;
    const isCounted = size >= MIN_CLUSTER_SIZE;
    if (isCounted) measured += size;
    for (let p = docs.indptr[c] as number; p < (docs.indptr[c + 1] as number); p++) {
      const t = docs.indices[p] as number;
      const d = docs.data[p] as number;
      documents[t] = (documents[t] as number) + d;
      if (!isCounted || d === 0) continue;
      const rate = d / size;
      measuredDocuments[t] = (measuredDocuments[t] as number) + d;
      sum[t] = (sum[t] as number) + rate;
      sumLog[t] = (sumLog[t] as number) + rate * log(rate);
    }
  }
  const concentrated = concentratedTerms(table, measuredDocuments, measured);
  for (let t = 0; t < cols; t++) {
    const s = sum[t] as number;
    if (s === 0 || (documents[t] as number) < MIN_DOCUMENT_SHARE * n) continue;
    // Entropy of p_c = rate_c / s: log s - (Σ rate log rate) / s.
    const evenness = exp(log(s) - (sumLog[t] as number) / s) / clusters.length;
    if (measuresEvenness && evenness >= EVENNESS) filler[t] = 1;
    else if (concentrated[t] === 1) filler[t] = 0;
  }
  return filler;
}

/**
 * The terms one measured cluster uses at {@link TOPICAL_LIFT} times their rate over the
 * measured clusters, and {@link TOPICAL_Z} binomial standard deviations above the documents
 * that rate would give a cluster of its size.
 */
function concentratedTerms(table: ClassTermTable, measuredDocuments: Float64Array, measured: number): Uint8Array {
  const { sizes, documentCounts: docs } = table;
  const out = new Uint8Array(measuredDocuments.length);
  for (let c = 0; c < sizes.length; c++) {
    const size = sizes[c] as number;
    if (size < MIN_CLUSTER_SIZE) continue;
    for (let p = docs.indptr[c] as number; p < (docs.indptr[c + 1] as number); p++) {
      const t = docs.indices[p] as number;
      const rate = (measuredDocuments[t] as number) / measured;
      const expected = size * rate;
      const d = docs.data[p] as number;
      if (d >= TOPICAL_LIFT * expected && d - expected >= TOPICAL_Z * Math.sqrt(expected * (1 - rate))) out[t] = 1;
    }
  }
  return out;
}
