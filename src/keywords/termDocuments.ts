import type { CsrMatrix } from "../core/csr.js";
import { indexOfNamed } from "../core/strings.js";
import { breaksBefore, phraseBreaksOf } from "../vectorize/phraseBreaks.js";
import type { TokenDocuments } from "../vectorize/vocabulary.js";

/**
 * Which documents hold each of a few terms, one bit row per term: enough to count how
 * often two keywords share a document. Corpora larger than {@link COOCCURRENCE_DOCUMENTS}
 * are read through an even sample of that many documents.
 */
export interface TermDocumentBits {
  /** Documents read (the sample's size). */
  readonly documents: number;
  /** The documents read, in bit order: bit s of a row is document `rows[s]`. */
  readonly rows: Int32Array;
  /** 32-bit words per row. */
  readonly stride: number;
  /** Row `i` (term i of the request) at `[i · stride, (i + 1) · stride)`. */
  readonly bits: Uint32Array;
  /** Documents holding each term. */
  readonly counts: Int32Array;
}

/** The documents of each requested column (ids into the caller's vocabulary), as bit rows. */
export type TermDocumentSource = (columns: readonly number[]) => TermDocumentBits;

/**
 * Documents read for co-occurrence at most: NPMI of keywords that lead a topic is
 * settled well before this many documents, and the bit rows stay small (6 KB a term).
 */
export const COOCCURRENCE_DOCUMENTS = 50_000;

/** The documents read: all of them up to `max`, else `max` spread evenly over the corpus. */
export function evenSample(n: number, max = COOCCURRENCE_DOCUMENTS): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  const out = new Int32Array(max);
  for (let i = 0; i < max; i++) out[i] = Math.floor((i * n) / max);
  return out;
}

function emptyBits(terms: number, documents: number): { stride: number; bits: Uint32Array } {
  const stride = Math.max(1, Math.ceil(documents / 32));
  return { stride, bits: new Uint32Array(terms * stride) };
}

function withCounts(rows: Int32Array, stride: number, bits: Uint32Array): TermDocumentBits {
  const terms = bits.length / stride;
  const counts = new Int32Array(terms);
  for (let t = 0; t < terms; t++) {
    let c = 0;
    for (let w = t * stride; w < (t + 1) * stride; w++) c += popcount(bits[w] as number);
    counts[t] = c;
  }
  return { documents: rows.length, rows, stride, bits, counts };
}

/** Sets bit `s` of the row starting at `start`. */
function setBit(bits: Uint32Array, start: number, s: number): void {
  const w = start + (s >>> 5);
  bits[w] = (bits[w] as number) | (1 << (s & 31));
}

/** Set bits of a 32-bit word. */
export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Documents holding both rows `a` and `b`. */
export function sharedDocuments(m: TermDocumentBits, a: number, b: number): number {
  const { bits, stride } = m;
  let c = 0;
  for (let i = 0, pa = a * stride, pb = b * stride; i < stride; i++)
    c += popcount((bits[pa + i] as number) & (bits[pb + i] as number));
  return c;
}

/** Term documents from a documents x terms count matrix: a column's documents are its rows. */
export function termDocumentsOfCounts(counts: CsrMatrix): TermDocumentSource {
  return (columns) => {
    const sample = evenSample(counts.rows);
    const { stride, bits } = emptyBits(columns.length, sample.length);
    const rowOf = new Int32Array(counts.cols).fill(-1);
    columns.forEach((col, i) => {
      rowOf[col] = i;
    });
    for (let s = 0; s < sample.length; s++) {
      const d = sample[s] as number;
      for (let p = counts.indptr[d] as number; p < (counts.indptr[d + 1] as number); p++) {
        const r = rowOf[counts.indices[p] as number] as number;
        if (r >= 0 && (counts.data[p] as number) !== 0) setBit(bits, r * stride, s);
      }
    }
    return withCounts(sample, stride, bits);
  };
}

/**
 * Term documents from the documents' word ids: a term is present where one of its forms
 * (word sequences, such as a phrase, or an abbreviation's short form) occurs as
 * consecutive words. `formsOf(column)` gives a column's forms. O(tokens read + forms).
 */
export function termDocumentsOfTokens(
  tokens: TokenDocuments,
  formsOf: (column: number) => readonly (readonly string[])[],
): TermDocumentSource {
  return (columns) => {
    const forms = indexForms(
      tokens,
      columns.map((c) => formsOf(c)),
    );
    const sample = evenSample(tokens.offsets.length - 1);
    const { stride, bits } = emptyBits(columns.length, sample.length);
    const { offsets } = tokens;
    for (let s = 0; s < sample.length; s++) {
      const d = sample[s] as number;
      const end = offsets[d + 1] as number;
      const mark = (row: number) => setBit(bits, row * stride, s);
      for (let p = offsets[d] as number; p < end; p++) forms.eachMatch(p, end, mark);
    }
    return withCounts(sample, stride, bits);
  };
}

/** Word sequences of several rows, found where they occur in a token stream. */
export interface FormIndex {
  /** Calls `visit` for each form that occurs at stream[p] and ends by `end`, with its row, p and its length. */
  eachMatch(p: number, end: number, visit: (row: number, p: number, length: number) => void): void;
}

/**
 * An index of each row's forms (word sequences; those with a word `tokens` lacks are left
 * out), chained by their first word: head[word] → form → next form.
 */
export function indexForms(
  tokens: TokenDocuments,
  formsPerRow: readonly (readonly (readonly string[])[])[],
): FormIndex {
  const needed = new Set<string>();
  for (const fs of formsPerRow) for (const f of fs) for (const w of f) needed.add(w);
  const wordId = indexOfNamed(tokens.terms, needed);
  const formWords: Int32Array[] = [];
  const formRow: number[] = [];
  const head = new Int32Array(tokens.terms.length).fill(-1);
  const next: number[] = [];
  formsPerRow.forEach((fs, row) => {
    for (const f of fs) {
      const ids = f.map((w) => wordId.get(w) ?? -1);
      if (ids.length === 0 || ids.includes(-1)) continue;
      const first = ids[0] as number;
      next.push(head[first] as number);
      head[first] = formWords.length;
      formWords.push(Int32Array.from(ids));
      formRow.push(row);
    }
  });
  const { stream } = tokens;
  const breaks = phraseBreaksOf(tokens.breaks, stream.length);
  return {
    eachMatch(p, end, visit) {
      for (let f = head[stream[p] as number] as number; f >= 0; f = next[f] as number) {
        const ws = formWords[f] as Int32Array;
        if (p + ws.length > end) continue;
        let match = true;
        for (let j = 1; j < ws.length && match; j++) match = stream[p + j] === ws[j] && !breaksBefore(breaks, p + j);
        if (match) visit(formRow[f] as number, p, ws.length);
      }
    },
  };
}
