import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kmeans } from "../../src/cluster/kmeans.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { seedCorpus } from "../../src/corpus/seed.js";
import { clusterKeywords } from "../../src/keywords/clusterKeywords.js";
import { topicDiversity } from "../../src/keywords/coherence.js";
import { exclusiveTails, type RankedTerm } from "../../src/keywords/exclusiveTails.js";
import { fitTransformTfidf } from "../../src/vectorize/tfidf.js";

const at = (id: number, score: number): RankedTerm => ({ id, score });
const ids = (lists: RankedTerm[][]) => lists.map((l) => l.map((x) => x.id));

describe("exclusiveTails: long keyword lists end with what sets each topic apart", () => {
  it("keeps a shared term past the first keywords only where it scores highest, and fills from further down", () => {
    // Term 9 ("company") ends both lists; topic 1 scores it higher. Term 1 is shared within
    // the first two, so both keep it.
    const lists = [
      [at(1, 0.9), at(2, 0.8), at(9, 0.5)],
      [at(1, 0.7), at(3, 0.6), at(9, 0.55)],
    ];
    const further = [[at(3, 0.4), at(4, 0.3)], [at(5, 0.5)]];
    // Topic 0's next candidate 3 is listed by topic 1, so 4 fills its place.
    expect(ids(exclusiveTails(lists, further, 3, 2))).toEqual([
      [1, 2, 4],
      [1, 3, 9],
    ]);
    // With every position exclusive, term 1 stays with topic 0, which scores it higher.
    expect(ids(exclusiveTails(lists, further, 3, 0))).toEqual([
      [1, 2, 4],
      [3, 9, 5],
    ]);
  });

  it("gives a tie to the lower topic, and a filling term to one topic only", () => {
    const tie = [
      [at(1, 1), at(7, 0.5)],
      [at(2, 1), at(7, 0.5)],
    ];
    expect(ids(exclusiveTails(tie, [[], [at(8, 0.4)]], 2, 1))).toEqual([
      [1, 7],
      [2, 8],
    ]);
    // Topics 1 and 2 both give up term 7 to topic 0; term 8 fills topic 1, so topic 2 takes 6.
    const lists = [
      [at(1, 1), at(7, 0.6)],
      [at(2, 1), at(7, 0.5)],
      [at(3, 1), at(7, 0.5)],
    ];
    expect(ids(exclusiveTails(lists, [[], [at(8, 0.4)], [at(8, 0.45), at(6, 0.1)]], 2, 1))).toEqual([
      [1, 7],
      [2, 8],
      [3, 6],
    ]);
  });

  it("keeps the first keywords, never repeats a term past them across topics, and fills only with unlisted terms (property)", () => {
    const list = fc.uniqueArray(
      fc.record({ id: fc.integer({ min: 0, max: 30 }), score: fc.double({ min: 0, max: 1, noNaN: true }) }),
      {
        selector: (x) => x.id,
        maxLength: 12,
      },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(list, list), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (topics, topN, first) => {
          // A topic's further candidates are never in its own list.
          const lists = topics.map(([l]) => l.slice(0, topN));
          const further = topics.map(([, f], c) =>
            f.filter((x) => !(lists[c] as RankedTerm[]).some((y) => y.id === x.id)),
          );
          const before = JSON.stringify([lists, further]);
          const out = exclusiveTails(lists, further, topN, first);
          expect(JSON.stringify([lists, further])).toBe(before);
          const listed = new Set(lists.flat().map((x) => x.id));
          const tailOwner = new Map<number, number>();
          out.forEach((kept, c) => {
            const own = lists[c] as RankedTerm[];
            expect(kept.length).toBeLessThanOrEqual(Math.max(topN, own.length));
            const kept0 = Math.min(first, own.length);
            expect(kept.slice(0, kept0)).toEqual(own.slice(0, first));
            expect(new Set(kept.map((x) => x.id)).size).toBe(kept.length);
            kept.forEach((x, i) => {
              if (i < kept0) return;
              expect(tailOwner.has(x.id), `term ${x.id} past the first keywords of two topics`).toBe(false);
              tailOwner.set(x.id, c);
              // A filling term is one no topic listed.
              if (!own.includes(x)) expect(listed.has(x.id)).toBe(false);
            });
          });
        },
      ),
      { seed: 15, numRuns: 300 },
    );
  });
});

describe("clusterKeywords({ exclusiveAfter }) on the seed abstracts", () => {
  const { counts, model, matrix } = fitTransformTfidf(
    seedCorpus().map((p) => p.abstract),
    { ngramRange: [1, 2], minDf: 2 },
  );
  const labels = kmeans(matrix, 6, { seed: 0, nInit: 3 }).labels;
  const input = { counts, labels, vocabulary: model.vocabulary };
  const terms = (r: ReturnType<typeof clusterKeywords>) => r.map((t) => t.keywords.map((x) => x.term));

  it("keeps the first ten keywords and raises the diversity of 25", () => {
    const shared = terms(clusterKeywords(input, { topN: 25, exclusiveAfter: Number.POSITIVE_INFINITY }));
    const own = terms(clusterKeywords(input, { topN: 25 }));
    expect(own.map((t) => t.slice(0, 10))).toEqual(shared.map((t) => t.slice(0, 10)));
    expect(topicDiversity(own, 25)).toBeGreaterThan(topicDiversity(shared, 25));
    // Past the tenth keyword, no term is in two topics' lists.
    const tails = own.map((t) => t.slice(10));
    tails.forEach((tail, c) => {
      for (const term of tail)
        expect(
          tails.some((other, d) => d !== c && other.includes(term)),
          term,
        ).toBe(false);
    });
  });

  it("changes nothing when topN is at most exclusiveAfter", () => {
    expect(clusterKeywords(input, { topN: 10 })).toEqual(
      clusterKeywords(input, { topN: 10, exclusiveAfter: Number.POSITIVE_INFINITY }),
    );
  });

  it("rejects an exclusiveAfter that is not a whole number of keywords or Infinity", () => {
    for (const bad of [-1, 2.5, Number.NaN, "10"]) {
      const call = () => clusterKeywords(input, { topN: 25, exclusiveAfter: bad as number });
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(/options.exclusiveAfter must be an integer >= 0 \(or Infinity\)/);
    }
  });
});
