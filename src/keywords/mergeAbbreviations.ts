import type { CsrMatrix } from "../core/csr.js";
import { indexOfNamed } from "../core/strings.js";
import type { Abbreviation } from "../text/abbreviations.js";
import type { TokenDocuments } from "../vectorize/vocabulary.js";
import type { ClassTermTable } from "./classPhraseCounts.js";

/** What the keywords need to merge a corpus' abbreviations: its definitions, and how its texts split into words. */
export interface CorpusAbbreviations {
  readonly found: readonly Abbreviation[];
  readonly wordsOf: (text: string) => readonly string[];
  /** A text's tokens before stop words are removed. */
  readonly tokensOf: (text: string) => readonly string[];
  /** Glyph-code names and the word pieces codes split, `conjunc(cid:173) tion`, with their occurrences; kept out of keywords (see `markupWordsOf`). */
  readonly glyphCodeWords?: ReadonlyMap<string, number>;
}

/** A term as {@link mergeAbbreviations} shows it, `long form (SHORT)`: its two forms, or null for a plain term. */
export function shownForms(shown: string): { readonly long: string; readonly short: string } | null {
  const m = /^(.*?)\s*\(([^()]+)\)$/.exec(shown);
  return m === null ? null : { long: m[1] as string, short: m[2] as string };
}

/** A short form shares its long form's count only when most of the corpus' definitions agree. */
const MIN_AGREEMENT = 0.5;

/**
 * A short form that is also an everyday word ("DEEP" defined once, "deep" in thousands of
 * documents) is used far more often than it is defined: it is merged or shown with its long
 * form only when at least this share of the documents holding the word define it, and of
 * those holding the long form (a rare "reinforcement learning (RRL)" does not rename the
 * common phrase).
 */
export const MIN_DEFINED_SHARE = 0.05;

/**
 * Per-cluster counts with each corpus-defined short form counted as its long form: "fl"
 * adds to "federated learning", which is shown as `federated learning (FL)`, and "fl"
 * leaves the candidates. Occurrences add up; documents are counted again exactly from the
 * word ids (a document with both forms counts once). When the long form is not a term of
 * the table (too long a phrase, or too rare), the short form stays and is shown with its
 * long form. `wordsOf` must split text into words as the table's words were split (stop
 * words removed), `tokensOf` as its tokenizer does. Abbreviations whose definitions
 * disagree, whose short form is not one word, whose long form starts or ends with a stop
 * word, or whose short form is mostly used undefined (see {@link MIN_DEFINED_SHARE}), are
 * left alone. O(tokens + nnz).
 */
export function mergeAbbreviations(
  table: ClassTermTable,
  tokens: TokenDocuments,
  labels: Int32Array,
  { found: abbreviations, wordsOf, tokensOf }: CorpusAbbreviations,
): ClassTermTable {
  if (abbreviations.length === 0) return table;
  // Look up only the strings the definitions name: maps of the whole vocabulary would cost
  // more than the merge itself at a million documents.
  const named = new Set<string>();
  for (const a of abbreviations) {
    for (const w of wordsOf(a.short)) named.add(w);
    const longWords = wordsOf(a.long);
    for (const w of longWords) named.add(w);
    named.add(longWords.join(" "));
  }
  const column = indexOfNamed(table.vocabulary, named);
  const wordId = indexOfNamed(tokens.terms, named);
  const display = [...(table.displayTerms ?? table.vocabulary)];
  // Each merge: the short form's column goes into the long form's.
  const merges: { from: number; into: number; short: number; long: Int32Array }[] = [];
  const role = new Int8Array(table.vocabulary.length); // 1 = merged away, 2 = merged into
  const documentsWith = columnSums(table.documentCounts);
  for (const a of abbreviations) {
    if (a.agreement < MIN_AGREEMENT) continue;
    const shortWords = wordsOf(a.short);
    const longWords = wordsOf(a.long);
    const longTokens = tokensOf(a.long);
    // A long form that starts or ends with a stop word is not the phrase the counts hold.
    if (
      shortWords.length !== 1 ||
      longWords.length === 0 ||
      longWords[0] !== longTokens[0] ||
      longWords.at(-1) !== longTokens.at(-1) ||
      longWords.includes(shortWords[0] as string)
    )
      continue;
    const from = column.get(shortWords[0] as string);
    if (from !== undefined && a.documents < MIN_DEFINED_SHARE * (documentsWith[from] as number)) continue;
    const into = column.get(longWords.join(" "));
    const shown = `${longDisplay(a.long)} (${a.short})`;
    if (into === undefined) {
      if (from !== undefined && role[from] === 0) {
        display[from] = shown;
        role[from] = 2;
      }
      continue;
    }
    // A long form belongs to its commonest short form (RL, not the RRL a few define the same way),
    // and only to one used often enough beside it.
    if (role[into] !== 0 || a.documents < MIN_DEFINED_SHARE * (documentsWith[into] as number)) continue;
    display[into] = shown;
    if (from === undefined || role[from] !== 0 || from === into) {
      role[into] = 2;
      continue;
    }
    const ids = longWords.map((w) => wordId.get(w));
    const short = wordId.get(shortWords[0] as string);
    if (short === undefined || ids.some((id) => id === undefined)) continue;
    role[from] = 1;
    role[into] = 2;
    merges.push({ from, into, short, long: Int32Array.from(ids as number[]) });
  }
  if (merges.length === 0) return { ...table, displayTerms: display };
  const target = Int32Array.from({ length: table.vocabulary.length }, (_, t) => t);
  for (const m of merges) target[m.from] = m.into;
  const k = table.sizes.length;
  const documents = documentsWithEither(tokens, labels, k, merges);
  return {
    ...table,
    termCounts: remapColumns(table.termCounts, target, null),
    documentCounts: remapColumns(
      table.documentCounts,
      target,
      new Map(merges.map((m, g) => [m.into, (c: number) => documents[c * merges.length + g] as number])),
    ),
    displayTerms: display,
  };
}

/** The sum of each column. */
function columnSums(m: CsrMatrix): Float64Array {
  const sums = new Float64Array(m.cols);
  const nnz = m.indptr[m.rows] as number;
  for (let p = 0; p < nnz; p++)
    sums[m.indices[p] as number] = (sums[m.indices[p] as number] as number) + (m.data[p] as number);
  return sums;
}

/** "Federated Learning" is shown "federated learning"; "ReLU networks" and "GPT" keep their capitals. */
function longDisplay(long: string): string {
  return long
    .split(/\s+/)
    .map((w) => (/^\p{Lu}?[^\p{Lu}]*$/u.test(w) ? w.toLowerCase() : w))
    .join(" ");
}

/** Documents of each cluster holding the short form or the long form of each merge (k x merges). */
function documentsWithEither(
  tokens: TokenDocuments,
  labels: Int32Array,
  k: number,
  merges: readonly { short: number; long: Int32Array }[],
): Float64Array {
  const g = merges.length;
  const out = new Float64Array(k * g);
  const byShort = new Map<number, number[]>();
  const byFirst = new Map<number, number[]>();
  merges.forEach((m, i) => {
    byShort.set(m.short, [...(byShort.get(m.short) ?? []), i]);
    const first = m.long[0] as number;
    byFirst.set(first, [...(byFirst.get(first) ?? []), i]);
  });
  // Most words start no merge: one typed-array test each before any map lookup.
  const marked = new Uint8Array(tokens.terms.length);
  for (const id of byShort.keys()) marked[id] = 1;
  for (const id of byFirst.keys()) marked[id] = 1;
  const stamp = new Int32Array(g).fill(-1);
  const { stream, offsets } = tokens;
  for (let d = 0; d < labels.length; d++) {
    const c = labels[d] as number;
    if (c < 0) continue;
    const end = offsets[d + 1] as number;
    let found = false;
    for (let p = offsets[d] as number; p < end; p++) {
      const id = stream[p] as number;
      if (marked[id] === 0) continue;
      for (const i of byShort.get(id) ?? []) {
        stamp[i] = d;
        found = true;
      }
      for (const i of byFirst.get(id) ?? []) {
        const long = (merges[i] as { long: Int32Array }).long;
        if (p + long.length > end) continue;
        let j = 1;
        while (j < long.length && stream[p + j] === long[j]) j++;
        if (j === long.length) {
          stamp[i] = d;
          found = true;
        }
      }
    }
    if (found) for (let i = 0; i < g; i++) if (stamp[i] === d) out[c * g + i] = (out[c * g + i] as number) + 1;
  }
  return out;
}

/**
 * Each entry moved to column `target[col]` (entries meeting in a column add up), or, for
 * the columns in `replace`, set to the given value of the row.
 */
function remapColumns(
  m: CsrMatrix,
  target: Int32Array,
  replace: ReadonlyMap<number, (row: number) => number> | null,
): CsrMatrix {
  const sums = new Float64Array(m.cols);
  const touched = new Uint8Array(m.cols);
  const extra = replace?.size ?? 0;
  let widest = 0;
  for (let r = 0; r < m.rows; r++) widest = Math.max(widest, (m.indptr[r + 1] as number) - (m.indptr[r] as number));
  const rowCols = new Int32Array(widest + extra);
  const capacity = (m.indptr[m.rows] as number) + extra * m.rows;
  const indptr = new Int32Array(m.rows + 1);
  const indices = new Int32Array(capacity);
  const data = new Float64Array(capacity);
  let q = 0;
  for (let r = 0; r < m.rows; r++) {
    let count = 0;
    for (let p = m.indptr[r] as number; p < (m.indptr[r + 1] as number); p++) {
      const col = target[m.indices[p] as number] as number;
      if (touched[col] === 0) {
        touched[col] = 1;
        rowCols[count++] = col;
      }
      sums[col] = (sums[col] as number) + (m.data[p] as number);
    }
    if (replace !== null)
      for (const [col, value] of replace) {
        if (touched[col] === 0) {
          touched[col] = 1;
          rowCols[count++] = col;
        }
        sums[col] = value(r);
      }
    const row = rowCols.subarray(0, count).sort();
    for (const col of row) {
      if ((sums[col] as number) !== 0) {
        indices[q] = col;
        data[q++] = sums[col] as number;
      }
      sums[col] = 0;
      touched[col] = 0;
    }
    indptr[r + 1] = q;
  }
  return { rows: m.rows, cols: m.cols, indptr, indices: indices.slice(0, q), data: data.slice(0, q) };
}
