import { describe, expect, it } from "vitest";
import { seedCorpus } from "../../src/corpus/seed.js";
import { SKLEARN_ENGLISH_STOP_WORDS, SKLEARN_TOKEN_PATTERN } from "../../src/index.js";
import { fitTransformTfidf } from "../../src/vectorize/tfidf.js";
import { expectAllClose } from "../helpers/assert.js";
import { type CsrFixture, readCorpus, readFixture } from "../helpers/data.js";

interface TfidfCase {
  name: string;
  maxFeatures: number | null;
  vocabulary: string[];
  idf: number[];
  matrix: CsrFixture;
}

const fixture = readFixture<{ cases: TfidfCase[] }>("tfidf-sklearn.json.gz");
const corpora: Record<string, () => string[]> = {
  seed: () => seedCorpus().map((p) => p.abstract),
  "20ng-2000": () => readCorpus("20newsgroups-bydate.jsonl.gz", 2000).map((d) => d.text),
};

describe("fitTransformTfidf(docs, sklearn settings) against scikit-learn's TfidfVectorizer", () => {
  for (const c of fixture.cases) {
    it(`matches ${c.name}: vocabulary, idf, sparsity structure and values within 1e-12`, () => {
      const docs = (corpora[c.name.replace("-maxFeatures", "")] as () => string[])();
      const { model, matrix } = fitTransformTfidf(docs, {
        tokenPattern: SKLEARN_TOKEN_PATTERN,
        stopWords: [...SKLEARN_ENGLISH_STOP_WORDS],
        ngramRange: [1, 2],
        minDf: 2,
        maxDf: 0.5,
        sublinearTf: true,
        maxFeatures: c.maxFeatures,
      });
      expect(model.vocabulary).toEqual(c.vocabulary);
      expectAllClose(model.idf, c.idf, { atol: 1e-12 });
      expect(matrix.rows).toBe(c.matrix.rows);
      expect(matrix.cols).toBe(c.matrix.cols);
      expect(Array.from(matrix.indptr)).toEqual(c.matrix.indptr);
      expect(Array.from(matrix.indices)).toEqual(c.matrix.indices);
      expectAllClose(matrix.data, c.matrix.data, { atol: 1e-12 });
    });
  }
});
