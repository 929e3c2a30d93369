import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { createSparkHashingTF } from "../../src/spark/hashingTF.js";
import { applySparkIdf, fitSparkIdf } from "../../src/spark/idf.js";
import { sparkRegexTokenizer, sparkTokenizer } from "../../src/spark/tokenizer.js";
import { tfidfFromCounts } from "../../src/vectorize/hashing.js";
import { expectAllClose } from "../helpers/assert.js";
import { type CsrFixture, readFixture } from "../helpers/data.js";

const fixture = readFixture<{
  terms: [string, number, number][];
  tokens: [string, string[]][];
  texts: string[];
  numFeatures: number;
  counts: CsrFixture;
  idf: Record<string, number>;
  tfidf: CsrFixture;
}>("spark-hashing.json.gz");

describe("createSparkHashingTF: Spark's HashingTF feature ids", () => {
  it("agrees with Spark's documented examples (pyspark HashingTF doctests, Spark 3 and Spark 2.x)", () => {
    const indices = (n: number, hash: "murmur3" | "murmur3-spark2") => {
      const tf = createSparkHashingTF({ numFeatures: n, hash });
      const m = tf.transformTerms([["a", "b", "c"]]);
      return { indices: Array.from(m.indices), data: Array.from(m.data) };
    };
    // Spark 3: SparseVector(10, {5: 1.0, 7: 1.0, 8: 1.0}); with numFeatures 5: {0, 2, 3}.
    expect(indices(10, "murmur3")).toEqual({ indices: [5, 7, 8], data: [1, 1, 1] });
    expect(indices(5, "murmur3")).toEqual({ indices: [0, 2, 3], data: [1, 1, 1] });
    // Spark 2.x (hashUnsafeBytes): SparseVector(10, {0: 1.0, 1: 1.0, 2: 1.0}); with 5: {0, 1, 2}.
    expect(indices(10, "murmur3-spark2")).toEqual({ indices: [0, 1, 2], data: [1, 1, 1] });
    expect(indices(5, "murmur3-spark2")).toEqual({ indices: [0, 1, 2], data: [1, 1, 1] });
  });

  it("gives scikit-learn's murmurhash3_32(seed 42) mod n for ASCII, accented, CJK and emoji terms at 2^18 and 2^20", () => {
    const small = createSparkHashingTF({ numFeatures: 2 ** 18 });
    const large = createSparkHashingTF({ numFeatures: 2 ** 20 });
    expect(fixture.terms.length).toBeGreaterThan(15);
    for (const [term, at18, at20] of fixture.terms) {
      expect(small.indexOf(term)).toBe(at18);
      expect(large.indexOf(term)).toBe(at20);
    }
  });

  it('encodes a lone surrogate as Java\'s UTF-8 encoder does, as "?" (JDK 17: "a\\uD800b" gives bytes 97 63 98)', () => {
    const tf = createSparkHashingTF();
    expect(tf.indexOf("a\uD800b")).toBe(tf.indexOf("a?b"));
  });

  it("tokenizes as Spark's Tokenizer: Java's ASCII \\s, empty tokens kept, trailing ones dropped", () => {
    const tokenize = sparkTokenizer();
    for (const [text, tokens] of fixture.tokens) expect(tokenize(text)).toEqual(tokens);
  });

  it("hashes texts to the reference's term counts, and Spark's IDF to its TF-IDF", () => {
    const tf = createSparkHashingTF();
    const counts = tf.transform(fixture.texts);
    expect(counts.cols).toBe(fixture.numFeatures);
    expect(Array.from(counts.indptr)).toEqual(fixture.counts.indptr);
    expect(Array.from(counts.indices)).toEqual(fixture.counts.indices);
    expect(Array.from(counts.data)).toEqual(fixture.counts.data);
    const { idf } = fitSparkIdf(counts);
    for (const [j, v] of Object.entries(fixture.idf)) expect(idf[Number(j)]).toBeCloseTo(v, 14);
    const weighted = applySparkIdf(counts, idf);
    expectAllClose(weighted.data, fixture.tfidf.data, { atol: 1e-12 });
    // The same through tfidfFromCounts (no normalisation, as a Spark pipeline).
    const viaOption = tfidfFromCounts(counts, { idf: "spark" });
    expect(Array.from(viaOption.matrix.data)).toEqual(Array.from(weighted.data));
  });
});

describe("Spark's other feature settings", () => {
  it("binary counts presence; minDocFreq zeroes rare features' idf", () => {
    const tf = createSparkHashingTF({ numFeatures: 64, binary: true });
    const m = tf.transform(["a a a b", "a c"]);
    expect(Array.from(m.data).every((v) => v === 1)).toBe(true);
    const { idf, docFreq } = fitSparkIdf(createSparkHashingTF({ numFeatures: 64 }).transform(["a a b", "a c"]), 2);
    const a = tf.indexOf("a");
    const b = tf.indexOf("b");
    expect(docFreq[a]).toBe(2);
    expect(idf[a]).toBeCloseTo(Math.log(3 / 3), 15);
    expect(idf[b]).toBe(0);
  });

  it("RegexTokenizer: gaps, token matching, minimum length, no lowercasing", () => {
    expect(sparkRegexTokenizer()("A  b\u00a0c")).toEqual(["a", "b\u00a0c"]);
    expect(sparkRegexTokenizer({ pattern: "\\w+", gaps: false })("Hi, there!")).toEqual(["hi", "there"]);
    expect(sparkRegexTokenizer({ pattern: "\\W", minTokenLength: 2, toLowercase: false })("Ab c De")).toEqual([
      "Ab",
      "De",
    ]);
  });

  it("StopWordsRemover (case-insensitive by default) and NGram come before hashing", () => {
    const tf = createSparkHashingTF({ stopWords: ["The", "of"], ngram: 2 });
    expect(tf.termsOf("The theory of Deep learning")).toEqual(["theory deep", "deep learning"]);
    expect(tf.termsOf("one")).toEqual([]);
    const sensitive = createSparkHashingTF({
      stopWords: ["The"],
      caseSensitive: true,
      tokenizer: { toLowercase: false },
    });
    expect(sensitive.termsOf("The the")).toEqual(["the"]);
  });

  it("every index lies in [0, numFeatures) for any text and size (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (term, n) => {
        const i = createSparkHashingTF({ numFeatures: n }).indexOf(term);
        return Number.isInteger(i) && i >= 0 && i < n;
      }),
    );
  });

  it("refuses bad options by name", () => {
    expect(() => createSparkHashingTF({ numFeatures: 0 })).toThrow(/options.numFeatures/);
    expect(() => createSparkHashingTF({ hash: "murmur2" as never })).toThrow(InvalidArgumentError);
    expect(() => createSparkHashingTF({ tokenizer: 3 as never })).toThrow(/options.tokenizer/);
    expect(() => sparkRegexTokenizer({ pattern: "(" })).toThrow(/not a valid regular expression/);
    expect(() => tfidfFromCounts(createSparkHashingTF().transform(["a"]), { idf: "spark", smoothIdf: true })).toThrow(
      /smoothIdf is scikit-learn's/,
    );
    expect(() => createSparkHashingTF().transform(["a", 3 as never])).toThrow(/texts/);
  });
});
