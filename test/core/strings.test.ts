import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detachString, PackedStrings } from "../../src/core/strings.js";
import { excerpt } from "../../src/pipeline/documents.js";

/** The excerpt's definition, on the whole text. */
function wholeExcerpt(text: string, length = 200): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length <= length ? clean : `${clean.slice(0, length - 1).replace(/\s\S*$/, "")}…`;
}

// Words, runs of whitespace of any length, and characters outside the BMP.
const piece = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }),
  fc.constantFrom(" ", "\n", "\t\t", " ".repeat(300), "\n".repeat(900), "😀", "é"),
);
const text = fc.array(piece, { maxLength: 120 }).map((parts) => parts.join(""));

describe("excerpt", () => {
  it("cleans only the head, with the same result as cleaning the whole text (property)", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 260 }), (t, length) => {
        expect(excerpt(t, length)).toBe(wholeExcerpt(t, length));
      }),
      { numRuns: 400 },
    );
  });
});

describe("PackedStrings and detachString", () => {
  it("give back every string exactly, whatever its characters (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", maxLength: 300 }), { maxLength: 200 }), (strings) => {
        const packed = new PackedStrings();
        for (const s of strings) packed.push(s);
        expect(packed.length).toBe(strings.length);
        strings.forEach((s, i) => {
          expect(packed.get(i)).toBe(s);
          expect(detachString(s)).toBe(s);
        });
      }),
    );
  });
});
