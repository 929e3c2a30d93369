import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DenseMatrix } from "../../src/core/dense.js";
import { InvalidArgumentError } from "../../src/core/errors.js";
import { createWordVectorEmbedder } from "../../src/embed/wordVectors.js";
import { clusterTopics, clusterTopicsStream } from "../../src/pipeline/clusterTopics.js";
import { readFixture } from "../helpers/data.js";

const golden = readFixture("sif-numpy.json") as {
  a: number;
  dimensions: number;
  vectors: Record<string, number[]>;
  texts: string[];
  plain: number[][];
  sif: number[][];
};

function expectRowsClose(actual: DenseMatrix, expected: number[][]): void {
  expect(actual.rows).toBe(expected.length);
  expected.forEach((row, i) => {
    row.forEach((x, j) => {
      expect(actual.data[i * actual.cols + j] as number).toBeCloseTo(x, 12);
    });
  });
}

describe("createWordVectorEmbedder (SIF)", () => {
  it("gives NumPy's SIF vectors: weighted means, then the common direction removed", () => {
    const embed = createWordVectorEmbedder(golden, { a: golden.a });
    expectRowsClose(embed(golden.texts), golden.sif);
    const plain = createWordVectorEmbedder(golden, { removeCommonComponent: false });
    expectRowsClose(plain(golden.texts), golden.plain);
    // A text without a known word is a row of zeros.
    expect([...plain(golden.texts).data.subarray(3 * 6, 4 * 6)]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("reads a Map as it reads an object, and only the first `dimensions` numbers of a vector", () => {
    const longer = Object.fromEntries(Object.entries(golden.vectors).map(([w, v]) => [w, [...v, 99, -7]]));
    const fromObject = createWordVectorEmbedder({ dimensions: 6, vectors: longer })(golden.texts);
    const fromMap = createWordVectorEmbedder({ dimensions: 6, vectors: new Map(Object.entries(golden.vectors)) })(
      golden.texts,
    );
    expect(Buffer.from(fromObject.data.buffer)).toEqual(Buffer.from(fromMap.data.buffer));
  });

  it("leaves every row orthogonal to the texts' common direction, and never mutates the table (property)", () => {
    const words = Object.keys(golden.vectors);
    const frozen = JSON.stringify(golden.vectors);
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...words, "zzz"), { minLength: 1, maxLength: 8 }), {
          minLength: 3,
          maxLength: 12,
        }),
        (docs) => {
          const texts = docs.map((d) => d.join(" "));
          const plain = createWordVectorEmbedder(golden, { removeCommonComponent: false })(texts);
          const sif = createWordVectorEmbedder(golden)(texts);
          // The removed part is rank one: sif = plain - (plain u) uᵀ, so sif's rows span at most d - 1 dims
          // and the residual plain - sif is the same direction for every row.
          const residual = plain.data.map((x, q) => x - (sif.data[q] as number));
          let u: number[] | null = null;
          for (let i = 0; i < plain.rows; i++) {
            const row = Array.from(residual.subarray(i * 6, i * 6 + 6));
            const norm = Math.hypot(...row);
            if (norm < 1e-9) continue;
            const unit = row.map((x) => x / norm);
            if (u === null) u = unit;
            const cos = Math.abs(unit.reduce((s, x, j) => s + x * ((u as number[])[j] as number), 0));
            expect(cos).toBeCloseTo(1, 9);
          }
          if (u !== null)
            for (let i = 0; i < sif.rows; i++) {
              const dot = Array.from(sif.data.subarray(i * 6, i * 6 + 6)).reduce(
                (s, x, j) => s + x * ((u as number[])[j] as number),
                0,
              );
              expect(Math.abs(dot)).toBeLessThan(1e-9);
            }
          expect(JSON.stringify(golden.vectors)).toBe(frozen);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("refuses bad tables, options and vectors with typed errors naming them", () => {
    const cases: [() => unknown, RegExp][] = [
      [() => createWordVectorEmbedder(null as never), /table must be \{ dimensions, vectors \}/],
      [() => createWordVectorEmbedder({ dimensions: 0, vectors: {} }), /table.dimensions/],
      [
        () => createWordVectorEmbedder({ dimensions: 2, vectors: [] as never }),
        /table.vectors must be an object or a Map/,
      ],
      [() => createWordVectorEmbedder(golden, { a: 0 }), /options.a/],
      [
        () => createWordVectorEmbedder(golden, { removeCommonComponent: "yes" as never }),
        /options.removeCommonComponent/,
      ],
      [() => createWordVectorEmbedder(golden, { b: 1 } as never), /b/],
      [
        () => createWordVectorEmbedder({ dimensions: 3, vectors: { word: [1, 2] } })(["word"]),
        /"word" must hold at least 3/,
      ],
      [
        () => createWordVectorEmbedder({ dimensions: 2, vectors: { word: [1, Number.NaN] } })(["word"]),
        /finite numbers; got NaN at 1/,
      ],
      [() => createWordVectorEmbedder(golden)([1 as never]), /texts must be an array of strings/],
    ];
    for (const [f, message] of cases) {
      expect(f).toThrow(InvalidArgumentError);
      expect(f).toThrow(message);
    }
  });
});

describe("clusterTopics(docs, { embed })", () => {
  const texts = Array.from({ length: 40 }, (_, i) =>
    i % 2 === 0
      ? `federated client server ${i % 3 === 0 ? "model" : "step"}`
      : `language model reasoning ${i % 3 === 0 ? "adam" : "the"}`,
  );
  it("clusters the vectors the embedder makes of the texts, as if given as embeddings", () => {
    const embed = createWordVectorEmbedder(golden);
    const seen: string[][] = [];
    const viaEmbed = clusterTopics(texts, {
      k: 2,
      embed: (t) => {
        seen.push([...t]);
        return embed(t);
      },
    });
    expect(seen).toEqual([texts]);
    const given = clusterTopics(texts, { k: 2, embeddings: embed(texts) });
    expect(JSON.stringify(viaEmbed.toJSON())).toBe(JSON.stringify(given.toJSON()));
    expect(viaEmbed.parameters.embeddings).toBe(6);
    // The two kinds of text are two themes.
    expect(new Set(texts.map((t, i) => `${t.startsWith("federated")}:${viaEmbed.assignments[i]}`)).size).toBe(2);
  });
  it("refuses a non-function, both options, a wrong row count, and a stream", async () => {
    expect(() => clusterTopics(texts, { embed: 3 as never })).toThrow(/options.embed must be a function/);
    expect(() => clusterTopics(texts, { embed: createWordVectorEmbedder(golden), embeddings: [[1]] })).toThrow(
      /options.embed or options.embeddings, not both/,
    );
    expect(() => clusterTopics(texts, { embed: () => [[1, 2]] })).toThrow(/one row per document \(40\); got 1 rows/);
    await expect(clusterTopicsStream(texts, { embed: createWordVectorEmbedder(golden) })).rejects.toThrow(
      /options.embed needs every text at once/,
    );
  });
});
