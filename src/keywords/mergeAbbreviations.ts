import { indexOfNamed } from "../core/strings.js";
import type { Abbreviation } from "../text/abbreviations.js";
import type { TokenDocuments } from "../vectorize/vocabulary.js";
import type { ClassTermTable } from "./classPhraseCounts.js";
import { columnSums, mergeColumns } from "./mergeColumns.js";

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
 * the table (too long a phrase, or too rare), the short form's column stands for both: it
 * is shown with its long form and counts the long form's occurrences too, and the phrases
 * and words never written outside the definition ("human feedback rlhf" and "reinforcement
 * learning human", which "reinforcement learning from human feedback (RLHF)" leaves among
 * the trigrams) leave the table. `wordsOf` must split text into words as the table's words were split (stop
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
  // Short forms the corpus defines, so that a number variant of one is never another's.
  const definedShorts = new Set(abbreviations.map((a) => a.short.toLowerCase()));
  for (const a of abbreviations) {
    for (const w of wordsOf(a.short)) named.add(w);
    const variant = numberVariant(a.short);
    if (variant !== null) named.add(variant);
    const longWords = wordsOf(a.long);
    for (const w of longWords) named.add(w);
    named.add(longWords.join(" "));
  }
  const column = indexOfNamed(table.vocabulary, named);
  const wordId = indexOfNamed(tokens.terms, named);
  const display = [...(table.displayTerms ?? table.vocabulary)];
  // Each merge: the short form's column goes into the long form's.
  // `run`: the definition's words as counted, long form then short form; `carrier`: the long
  // form is no column, and the short form's column stands for both.
  const merges: { from: number[]; into: number; short: number[]; long: Int32Array; run: string[]; carrier: boolean }[] =
    [];
  // The long forms that no column holds but a short form's does.
  const carried = new Set<string>();
  const role = new Int8Array(table.vocabulary.length); // 1 = merged away, 2 = merged into
  const documentsWith = columnSums(table.documentCounts);
  // "LLM" is the "LLMs" the corpus defines, one at a time: counted with it, unless the corpus
  // defines it otherwise or mostly uses it undefined.
  const withVariant = <M extends { from: number[]; short: number[] }>(merge: M, a: Abbreviation): M => {
    const variant = numberVariant(a.short);
    const variantColumn = variant === null || definedShorts.has(variant) ? undefined : column.get(variant);
    const variantId = variant === null ? undefined : wordId.get(variant);
    if (
      variantColumn !== undefined &&
      variantId !== undefined &&
      role[variantColumn] === 0 &&
      a.documents >= MIN_DEFINED_SHARE * (documentsWith[variantColumn] as number)
    ) {
      role[variantColumn] = 1;
      merge.from.push(variantColumn);
      merge.short.push(variantId);
    }
    return merge;
  };
  for (const a of abbreviations) {
    if (a.agreement < MIN_AGREEMENT) continue;
    const shortWords = wordsOf(a.short);
    const longWords = wordsOf(a.long);
    const longTokens = tokensOf(a.long);
    // A long form that starts or ends with a stop word is not the phrase the counts hold, nor
    // one with a word the tokenizer drops ("$\chi$ upper bound" is not "upper bound").
    if (
      shortWords.length !== 1 ||
      longWords.length === 0 ||
      a.long.split(/\s+/).some((w) => w !== "" && tokensOf(w).length === 0) ||
      longWords[0] !== longTokens[0] ||
      longWords.at(-1) !== longTokens.at(-1) ||
      longWords.includes(shortWords[0] as string)
    )
      continue;
    const from = column.get(shortWords[0] as string);
    if (from !== undefined && a.documents < MIN_DEFINED_SHARE * (documentsWith[from] as number)) continue;
    const longKey = longWords.join(" ");
    const into = column.get(longKey);
    const shown = `${longDisplay(a.long)} (${a.short})`;
    // The word ids of both forms, and the definition's words as counted (long, then short).
    const ids = longWords.map((w) => wordId.get(w));
    const short = wordId.get(shortWords[0] as string);
    const found = short !== undefined && ids.every((id) => id !== undefined);
    const run = [...longWords, shortWords[0] as string];
    if (into === undefined) {
      // As a column, such a long form belongs to its commonest short form only.
      if (from !== undefined && role[from] === 0 && !carried.has(longKey)) {
        display[from] = shown;
        role[from] = 2;
        // The short form's column stands for the long form too, counting its occurrences.
        if (found) {
          const long = Int32Array.from(ids as number[]);
          merges.push(withVariant({ from: [], into: from, short: [short], long, run, carrier: true }, a));
          carried.add(longKey);
        }
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
    if (!found) continue;
    role[from] = 1;
    role[into] = 2;
    const long = Int32Array.from(ids as number[]);
    merges.push(withVariant({ from: [from], into, short: [short], long, run, carrier: false }, a));
  }
  // A long form that is no column: the words and phrases inside its definition's run of
  // words, which leave the table when they are never written without it.
  const pieceColumn = indexOfNamed(
    table.vocabulary,
    new Set(merges.flatMap((m) => (m.carrier ? piecesOf(m.run) : []))),
  );
  const merged = mergeColumns(
    table,
    tokens,
    labels,
    merges.map((m) => ({
      into: m.into,
      from: m.from,
      forms: [...m.short.map((id) => Int32Array.of(id)), m.long],
      ...(m.carrier
        ? {
            uncounted: m.long,
            pieces: piecesOf(m.run)
              .map((piece) => pieceColumn.get(piece))
              .filter((t): t is number => t !== undefined && role[t] === 0),
          }
        : {}),
    })),
  );
  const countedLongForms = new Map(merges.map((m) => [m.into, m.run.slice(0, -1)] as const));
  return { ...merged, displayTerms: display, countedLongForms };
}

/**
 * The same short form one at a time or several, lowercased: "LLMs" → "llm", "GNN" → "gnns".
 * Only a lowercase "s" after a capital or digit is a plural ending ("AIS", "Atlas" are not);
 * null for a short form with no letter before its end, or of more than one word.
 */
export function numberVariant(short: string): string | null {
  if (/\s/.test(short) || !/\p{Lu}/u.test(short)) return null;
  if (/[\p{Lu}\p{N}]s$/u.test(short)) return short.slice(0, -1).toLowerCase();
  if (/[\p{Lu}\p{N}]$/u.test(short)) return `${short.toLowerCase()}s`;
  return null;
}

/**
 * "Federated Learning" is shown "federated learning", and a hyphenated word whose every part
 * is capitalized at most at its start as well ("Co-Operative"); "ReLU networks", "RGB-D" and
 * "GPT" keep their capitals.
 */
export function longDisplay(long: string): string {
  return long
    .split(/\s+/)
    .map((w) => (w.split("-").every((part) => /^\p{Lu}?[^\p{Lu}]*$/u.test(part)) ? w.toLowerCase() : w))
    .join(" ");
}

/** The words and phrases inside a definition's run of words (long form, then short form), but the short form alone. */
function piecesOf(run: readonly string[]): string[] {
  const out: string[] = [];
  for (let n = 1; n <= run.length; n++)
    for (let i = 0; i + n <= run.length; i++)
      if (!(n === 1 && i === run.length - 1)) out.push(run.slice(i, i + n).join(" "));
  return out;
}
