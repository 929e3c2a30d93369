import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeColumns } from "../../src/keywords/mergeColumns.js";
import { column, count, tableOf } from "../helpers/classTable.js";
import { whitespaceTokens } from "../helpers/tokens.js";

describe("mergeColumns, a long form that is no column", () => {
  // "a b c (x)": the long form "a b c" is no column; "c x" is only ever the definition's
  // piece, "a b" is written on its own too.
  const texts = ["a b c x q", "x x q", "a b q", "a b c q"];
  const labels = Int32Array.of(0, 0, 1, 1);
  const vocabulary = ["x", "c x", "a b", "q"];
  const tokens = whitespaceTokens(texts);
  const id = (w: string) => tokens.terms.indexOf(w);
  const merged = mergeColumns(tableOf(texts, labels, 2, vocabulary), tokens, labels, [
    {
      into: 0,
      from: [],
      forms: [Int32Array.of(id("x")), Int32Array.of(id("a"), id("b"), id("c"))],
      uncounted: Int32Array.of(id("a"), id("b"), id("c")),
      pieces: [1, 2],
    },
  ]);

  it("counts the long form's occurrences and documents with the short form's", () => {
    expect(column(merged.termCounts, 0)).toEqual([4, 1]);
    expect(column(merged.documentCounts, 0)).toEqual([2, 1]);
  });

  it("drops a piece never written outside the long form, and keeps one that is", () => {
    expect(column(merged.termCounts, 1)).toEqual([0, 0]);
    expect(column(merged.documentCounts, 1)).toEqual([0, 0]);
    expect(column(merged.termCounts, 2)).toEqual([1, 2]);
    expect(column(merged.termCounts, 3)).toEqual([2, 2]);
  });

  it("matches a brute-force count for random texts and forms (property)", () => {
    const word = fc.constantFrom("a", "b", "c", "d");
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 8, maxLength: 8 }),
        (docs, long, clusterOf) => {
          const texts = docs.map((words) => words.join(" "));
          const labels = Int32Array.from(texts, (_, d) => clusterOf[d] as number);
          const tokens = whitespaceTokens([...texts, "a b c d"]);
          const ids = Int32Array.from(long, (w) => tokens.terms.indexOf(w));
          const short = "d";
          const table = tableOf(texts, labels, 2, [short, "a"]);
          const merged = mergeColumns(
            table,
            { ...tokens, offsets: tokens.offsets.slice(0, texts.length + 1) },
            labels,
            [{ into: 0, from: [], forms: [Int32Array.of(tokens.terms.indexOf(short)), ids], uncounted: ids }],
          );
          const phrase = long.join(" ");
          for (let c = 0; c < 2; c++) {
            const inCluster = texts.filter((_, d) => labels[d] === c);
            const occurrences = inCluster.reduce((n, t) => n + count(t, short) + count(t, phrase), 0);
            const documents = inCluster.filter((t) => count(t, short) + count(t, phrase) > 0).length;
            expect(column(merged.termCounts, 0)[c]).toBe(occurrences);
            expect(column(merged.documentCounts, 0)[c]).toBe(documents);
          }
          // Columns outside the merge are untouched.
          expect(column(merged.termCounts, 1)).toEqual(column(table.termCounts, 1));
        },
      ),
    );
  });
});
