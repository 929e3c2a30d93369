import natural from "natural";
import { describe, expect, it } from "vitest";
import { seedCorpus } from "../../src/corpus/seed.js";
import { fitTransformTfidf, tfidfFromJSON } from "../../src/vectorize/tfidf.js";

// `natural` is a large package (database drivers among its dependencies), so it is only a
// development dependency here: its stemmers plug in through the `stem` option.
describe("fitTransformTfidf with natural's stemmers", () => {
  const abstracts = seedCorpus().map((p) => p.abstract);

  it("accepts natural.PorterStemmer.stem and shows terms as words", () => {
    const { model } = fitTransformTfidf(abstracts, { stem: natural.PorterStemmer.stem, minDf: 2 });
    expect(model.options.stem).toBe("custom");
    const i = model.termIndex("optim");
    expect(i).toBeGreaterThanOrEqual(0);
    expect(model.displayTerms[i]).toBe("optimization");
    expect(model.termIndex("client")).toBeGreaterThanOrEqual(0);
  });

  it("round-trips through JSON when the stemmer is passed again", () => {
    const { model } = fitTransformTfidf(abstracts.slice(0, 10), { stem: natural.LancasterStemmer.stem });
    const json = JSON.parse(JSON.stringify(model));
    expect(() => tfidfFromJSON(json)).toThrow(/restore.stem must be the stemmer the model was fitted with/);
    const restored = tfidfFromJSON(json, { stem: natural.LancasterStemmer.stem });
    expect(restored.transform(abstracts.slice(0, 3)).data).toEqual(model.transform(abstracts.slice(0, 3)).data);
  });
});
