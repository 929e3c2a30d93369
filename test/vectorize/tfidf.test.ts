import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertCsr } from "../../src/core/csr.js";
import { EmptyInputError, IncompatibleModelError, InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { fitTfidf, fitTransformTfidf, tfidfFromJSON } from "../../src/vectorize/tfidf.js";
import { deepFreeze, expectAllClose } from "../helpers/assert.js";

const abstracts = seedCorpus().map((p) => p.abstract);

describe("fitTransformTfidf(docs, options)", () => {
  it("computes hand-checkable tf-idf with smoothing and l2 norm", () => {
    const { model, matrix, counts } = fitTransformTfidf(["apple banana apple", "banana cherry"], { stopWords: false });
    expect(model.vocabulary).toEqual(["apple", "banana", "cherry"]);
    // idf = ln(3 / (1 + df)) + 1
    const idfApple = Math.log(3 / 2) + 1;
    expect(Array.from(model.idf)).toEqual([idfApple, 1, idfApple]);
    expect(Array.from(counts.data)).toEqual([2, 1, 1, 1]);
    const a = 2 * idfApple;
    const n0 = Math.hypot(a, 1);
    const n1 = Math.hypot(1, idfApple);
    expectAllClose(matrix.data, [a / n0, 1 / n0, 1 / n1, idfApple / n1], { atol: 1e-15 });
  });

  it("forms n-grams after stop-word removal, joined by one space", () => {
    const { model } = fitTransformTfidf(["learning of the rates"], { ngramRange: [1, 2], stopWords: "en" });
    expect(model.vocabulary).toEqual(["learning", "learning rates", "rates"]);
  });

  it("forms no n-gram across a dropped number, in the fit and in transform, stemmed or not", () => {
    const docs = ["patients with type 2 diabetes", "type 2 diabetes care rose 12 pct", "diabetes care for patients"];
    for (const stem of [null, "porter2"] as const) {
      const fit = fitTransformTfidf(docs, { ngramRange: [1, 3], stem });
      const shown = fit.model.displayTerms;
      // Read across the numbers, "type diabetes", "type diabetes care" and "rose pct" would be phrases.
      expect(shown.filter((t) => t.includes(" ")).sort(), String(stem)).toEqual([
        "care patients",
        "care rose",
        "diabetes care",
        "diabetes care patients",
        "diabetes care rose",
        "patients type",
      ]);
      const again = fit.model.transform(docs);
      expect(again.indices).toEqual(fit.matrix.indices);
      expect(again.data).toEqual(fit.matrix.data);
    }
    const across = fitTfidf(docs, { ngramRange: [1, 2], numbersBreakPhrases: false }).vocabulary;
    expect(across).toEqual(expect.arrayContaining(["type diabetes", "rose pct"]));
    expect(() => fitTfidf(docs, { numbersBreakPhrases: "yes" as unknown as boolean })).toThrow(
      /options\.numbersBreakPhrases must be true or false/,
    );
  });

  it("shows stemmed terms by their most frequent surface form", () => {
    const { model } = fitTransformTfidf(["optimization optimizer", "optimization methods", "optimizing method"], {
      stem: "porter2",
    });
    expect(model.vocabulary).toContain("optim");
    expect(model.displayTerms[model.termIndex("optim")]).toBe("optimization");
    expect(model.displayTerms[model.termIndex("method")]).toBe("method");
  });

  it("accepts any stemmer function (natural.PorterStemmer.stem works the same way)", () => {
    const { model } = fitTransformTfidf(["cats and dogs", "a cat"], { stem: (t) => t.replace(/s$/, "") });
    expect(model.vocabulary).toEqual(["cat", "dog"]);
    expect(model.options.stem).toBe("custom");
  });

  it("interprets integer minDf/maxDf as counts and fractions as proportions", () => {
    const docs = ["alpha beta", "alpha gamma", "alpha beta", "delta"];
    expect(fitTfidf(docs, { stopWords: false, minDf: 2 }).vocabulary).toEqual(["alpha", "beta"]);
    expect(fitTfidf(docs, { stopWords: false, maxDf: 0.5 }).vocabulary).toEqual(["beta", "delta", "gamma"]);
    expect(fitTfidf(docs, { stopWords: false, maxDf: 2 }).vocabulary).toEqual(["beta", "delta", "gamma"]);
    expect(fitTfidf(docs, { stopWords: false, maxFeatures: 2 }).vocabulary).toEqual(["alpha", "beta"]);
  });

  it("breaks maxFeatures ties by term order", () => {
    expect(fitTfidf(["b a c", "c b a"], { stopWords: false, minLength: 1, maxFeatures: 2 }).vocabulary).toEqual([
      "a",
      "b",
    ]);
  });

  it("rejects bad input with typed errors that name the argument", () => {
    expect(() => fitTfidf([])).toThrow(EmptyInputError);
    expect(() => fitTfidf(["ok", 3 as unknown as string])).toThrow(/fitTfidf: docs\[1\] must be a string; got 3/);
    expect(() => fitTfidf(abstracts, { minDf: 10, maxDf: 5 })).toThrow(/options.maxDf/);
    expect(() => fitTfidf(abstracts, { maxDf: 2.5 })).toThrow(InvalidArgumentError);
    expect(() => fitTfidf(abstracts, { maxDf: 2.5 })).toThrow(
      /options.maxDf must be a fraction in \(0, 1\] or an integer/,
    );
    expect(() => fitTfidf(abstracts, { maxDf: 0 })).toThrow(/options.maxDf/);
    expect(() => fitTfidf(abstracts, { minDf: 0.9, maxDf: 1 })).toThrow(
      /no terms left after pruning.*lower minDf or raise maxDf/,
    );
    expect(() => fitTfidf(abstracts, { stopWords: "xx" })).toThrow(/options.stopWords must be a known language code/);
    expect(() => fitTfidf(["the and of"])).toThrow(/docs hold no terms/);
    expect(() => fitTfidf(abstracts, { ngramRange: [2, 1] })).toThrow(/ngramRange\[1\]/);
    expect(() => fitTfidf(abstracts, { norm: "l3" as "l2" })).toThrow(/options.norm must be one of/);
  });

  it("supports the stopword package's languages by ISO 639-1 code", () => {
    const { model } = fitTransformTfidf(["der Hund und die Katze", "die Katze schläft"], { stopWords: "de" });
    expect(model.vocabulary).toEqual(["hund", "katze", "schläft"]);
    expect(model.options.stopWords).toBe("de");
  });
});

describe("TfidfModel", () => {
  const fit = fitTransformTfidf(abstracts, { ngramRange: [1, 2], minDf: 2, sublinearTf: true });

  it("transform(fitDocs) equals the fitted matrix", () => {
    const again = fit.model.transform(abstracts);
    expect(again.indptr).toEqual(fit.matrix.indptr);
    expect(again.indices).toEqual(fit.matrix.indices);
    expect(again.data).toEqual(fit.matrix.data);
    expect(again.cols).toBe(fit.model.vocabulary.length);
  });

  it("toJSON -> tfidfFromJSON round-trips to identical output", () => {
    const restored = tfidfFromJSON(JSON.parse(JSON.stringify(fit.model)));
    expect(restored.vocabulary).toEqual(fit.model.vocabulary);
    expect(restored.idf).toEqual(fit.model.idf);
    expect(restored.transform(abstracts.slice(0, 5)).data).toEqual(fit.model.transform(abstracts.slice(0, 5)).data);
  });

  it("a model saved before dropNonText existed keeps reading addresses as words", () => {
    const docs = ["mail me at joe@uiuc.edu about kernels", "kernels at uiuc", "uiuc kernels again"];
    const json = JSON.parse(JSON.stringify(fitTfidf(docs, { minDf: 1 })));
    expect(json.options.dropNonText).toBe(true);
    const uiuc = json.vocabulary.indexOf("uiuc");
    const held = (model: ReturnType<typeof tfidfFromJSON>) => {
      const row = model.transform(["write to joe@uiuc.edu"]);
      return Array.from(row.indices).includes(uiuc);
    };
    expect(held(tfidfFromJSON(json))).toBe(false);
    // An older model has neither option (dropHostsAndPaths came later still).
    delete json.options.dropNonText;
    delete json.options.dropHostsAndPaths;
    expect(held(tfidfFromJSON(json))).toBe(true);
  });

  it("a model saved before numbersBreakPhrases existed reads phrases across numbers, as it was fitted", () => {
    const docs = ["type 2 diabetes care", "type 2 diabetes", "diabetes care"];
    const terms = (model: ReturnType<typeof tfidfFromJSON>) =>
      Array.from(model.transform(["type 2 diabetes"]).indices, (c) => model.vocabulary[c]);
    const json = JSON.parse(JSON.stringify(fitTfidf(docs, { ngramRange: [1, 2] })));
    expect(json.options.numbersBreakPhrases).toBe(true);
    expect(terms(tfidfFromJSON(json))).toEqual(["diabetes", "type"]);
    // An older model was fitted across numbers, and saved no numbersBreakPhrases: it reads as it was fitted.
    const older = JSON.parse(JSON.stringify(fitTfidf(docs, { ngramRange: [1, 2], numbersBreakPhrases: false })));
    delete older.options.numbersBreakPhrases;
    expect(terms(tfidfFromJSON(older))).toEqual(["diabetes", "type", "type diabetes"]);
  });

  it("a model saved before dropHostsAndPaths existed reads host names as words", () => {
    const docs = ["files at ftp.uu.net today", "more files", "ftp site"];
    const json = JSON.parse(JSON.stringify(fitTfidf(docs, { minDf: 1, dropHostsAndPaths: false })));
    expect(json.options.dropHostsAndPaths).toBe(false);
    expect(json.vocabulary).toContain("uu");
    const uu = json.vocabulary.indexOf("uu");
    const holds = (model: ReturnType<typeof tfidfFromJSON>) =>
      Array.from(model.transform(["mirror at ftp.uu.net"]).indices).includes(uu);
    expect(holds(tfidfFromJSON(json))).toBe(true);
    expect(holds(tfidfFromJSON({ ...json, options: { ...json.options, dropHostsAndPaths: true } }))).toBe(false);
    // What an older version saved: no dropHostsAndPaths in its options, so hosts stay words.
    delete json.options.dropHostsAndPaths;
    expect(holds(tfidfFromJSON(json))).toBe(true);
    expect(fitTfidf(docs, { minDf: 1 }).vocabulary).not.toContain("uu");
  });

  it("a model saved before segmentWords existed keeps a run of Chinese as one word", () => {
    const docs = ["机器学习 模型", "机器学习很有趣", "深度学习"];
    const json = JSON.parse(JSON.stringify(fitTfidf(docs, { minDf: 1 })));
    expect(json.options.segmentWords).toBe(true);
    expect(json.vocabulary).toContain("学习");
    expect(tfidfFromJSON(json).transform(["机器学习"]).indices.length).toBe(2);
    // What an older version saved: whole runs as words, and no segmentWords in its options.
    const older = JSON.parse(JSON.stringify(fitTfidf(docs, { minDf: 1, segmentWords: false })));
    delete older.options.segmentWords;
    const whole = older.vocabulary.indexOf("机器学习");
    expect(whole).toBeGreaterThanOrEqual(0);
    expect(Array.from(tfidfFromJSON(older).transform(["机器学习"]).indices)).toEqual([whole]);
  });

  it("tfidfFromJSON refuses foreign, newer or tampered models", () => {
    const json = JSON.parse(JSON.stringify(fit.model));
    expect(() => tfidfFromJSON({ ...json, format: "other" })).toThrow(IncompatibleModelError);
    expect(() => tfidfFromJSON({ ...json, version: 99 })).toThrow(/version 99 is not supported/);
    const idf = Array.from(fit.model.idf);
    expect(() => tfidfFromJSON({ ...json, idf: idf.slice(1) })).toThrow(/idf must hold \d+ numbers; got \d+/);
    expect(() => tfidfFromJSON({ ...json, idf: [null, ...idf.slice(1)] })).toThrow(/idf\[0\] must be a number/);
    expect(() => tfidfFromJSON({ ...json, idf: { ...json.idf, base64: "!!" } })).toThrow(/idf is not valid base64/);
    expect(() => tfidfFromJSON({ ...json, idf: { ...json.idf, length: 3 } })).toThrow(/idf must hold \d+ values/);
    // version 1 stored plain numbers: still read, to the same vectors
    const v1 = tfidfFromJSON({ ...json, version: 1, idf });
    expect(v1.transform(abstracts.slice(0, 5)).data).toEqual(fit.model.transform(abstracts.slice(0, 5)).data);
    expect(() => tfidfFromJSON("nope")).toThrow(IncompatibleModelError);
  });
});

describe("fitTransformTfidf properties", () => {
  const word = fc.constantFrom(
    "federated",
    "learning",
    "adam",
    "optimizer",
    "rate",
    "graph",
    "neural",
    "the",
    "of",
    "ß",
  );
  const doc = fc.array(word, { maxLength: 12 }).map((w) => w.join(" "));
  const corpus = fc
    .array(doc, { minLength: 1, maxLength: 20 })
    .filter((d) => d.some((x) => /[a-z]{2}/.test(x.replace(/\b(the|of)\b/g, ""))));

  it("keeps CSR invariants, unit-norm rows and never mutates its input", () => {
    fc.assert(
      fc.property(corpus, fc.constantFrom<[number, number]>([1, 1], [1, 2], [1, 3]), (docs, ngramRange) => {
        const frozen = deepFreeze(docs.slice());
        const { model, matrix, counts } = fitTransformTfidf(frozen, { ngramRange, stopWords: "en" });
        assertCsr(matrix);
        assertCsr(counts);
        expect(matrix.cols).toBe(model.vocabulary.length);
        for (let r = 0; r < matrix.rows; r++) {
          let s = 0;
          for (let p = matrix.indptr[r] as number; p < (matrix.indptr[r + 1] as number); p++)
            s += (matrix.data[p] as number) ** 2;
          if ((matrix.indptr[r + 1] as number) > (matrix.indptr[r] as number))
            expect(Math.abs(Math.sqrt(s) - 1)).toBeLessThan(1e-12);
        }
        expect(frozen).toEqual(docs);
      }),
      { numRuns: 200 },
    );
  });

  it("reads documents with numbers the same way in the fit and in transform, and no n-gram spans a number", () => {
    const withNumbers = fc
      .array(fc.oneof(word, fc.constantFrom("12", "3.5", "1,200", "2", "x", "a")), { maxLength: 12 })
      .map((w) => w.join(" "));
    const docs = fc.array(withNumbers, { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(docs, fc.constantFrom<[number, number]>([1, 2], [2, 3]), fc.boolean(), (texts, ngramRange, stem) => {
        let fit: ReturnType<typeof fitTransformTfidf>;
        try {
          fit = fitTransformTfidf(texts, { ngramRange, stem: stem ? "porter2" : null });
        } catch (error) {
          if (error instanceof EmptyInputError) return; // no term at all
          throw error;
        }
        const again = fit.model.transform(texts);
        expect(again.indptr).toEqual(fit.matrix.indptr);
        expect(again.indices).toEqual(fit.matrix.indices);
        expect(again.data).toEqual(fit.matrix.data);
        // Every n-gram is a run of words that some text writes with no number inside (stop words and letters may be).
        const runs = texts.flatMap((t) => t.split(/\b[\d.,]+\b/).map((piece) => ` ${piece} `));
        for (const term of fit.model.displayTerms.filter((t) => t.includes(" "))) {
          const pattern = new RegExp(` ${term.split(" ").join(" (?:(?:the|of|x|a|ß) )*")} `);
          expect(
            runs.some((r) => pattern.test(r)),
            term,
          ).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
