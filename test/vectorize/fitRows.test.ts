import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CsrMatrix } from "../../src/core/csr.js";
import { csrSelectRows } from "../../src/core/points.js";
import { createRandom } from "../../src/core/random.js";
import { reduceStage } from "../../src/pipeline/stages/reduce.js";
import { documentSample } from "../../src/pipeline/stages/sample.js";
import { projectOnComponents, projectRowBlocks } from "../../src/reduce/truncatedSvd.js";
import { createTfidfScan } from "../../src/vectorize/tfidf.js";
import { readCorpus } from "../helpers/data.js";

const texts = readCorpus("20newsgroups-bydate.jsonl.gz", 1500).map((r) => r.text);

function scanOf(options: Parameters<typeof createTfidfScan>[1]) {
  const scan = createTfidfScan("test", options);
  for (const t of texts) scan.add(t);
  return scan;
}

describe("TfidfScan.fitRows: TF-IDF rows on demand", () => {
  it.each([
    [{ minDf: 2, maxDf: 0.5, sublinearTf: true }],
    [{ ngramRange: [1, 2] as const, minDf: 3, maxDf: 0.7 }],
    [{ minDf: 1, binary: true, norm: "l1" as const, smoothIdf: false }],
  ])("gives the model and, for any rows, the bits of the whole matrix's rows (%j)", (options) => {
    const whole = scanOf(options).fit();
    const onDemand = scanOf(options).fitRows();
    expect(onDemand.model.vocabulary).toEqual(whole.model.vocabulary);
    expect(onDemand.model.idf).toEqual(whole.model.idf);
    expect(onDemand.model.documentFrequency).toEqual(whole.model.documentFrequency);
    let empty = 0;
    for (let r = 0; r < whole.matrix.rows; r++) if (whole.matrix.indptr[r] === whole.matrix.indptr[r + 1]) empty++;
    expect(onDemand.emptyRows).toBe(empty);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: texts.length - 1 }), { maxLength: 60 }), (ids) => {
        const rows = onDemand.select(ids);
        const expected = csrSelectRows(whole.matrix, ids);
        expect(Array.from(rows.indptr)).toEqual(Array.from(expected.indptr));
        expect(Array.from(rows.indices)).toEqual(Array.from(expected.indices));
        expect(Array.from(rows.data)).toEqual(Array.from(expected.data));
      }),
      { numRuns: 30 },
    );
  });

  it("feeds LSA the same embedding as the whole matrix, bit for bit once rounded to float32", () => {
    const options = { minDf: 2, maxDf: 0.5, sublinearTf: true };
    const whole = scanOf(options).fit();
    const onDemand = scanOf(options).fitRows();
    const sample = documentSample(texts.length, 400, 0);
    const a = reduceStage(
      { matrix: whole.matrix, rows: texts.length, select: (ids) => csrSelectRows(whole.matrix, ids) },
      40,
      0,
      sample,
      [],
    );
    const b = reduceStage({ matrix: null, rows: onDemand.rows, select: onDemand.select }, 40, 0, sample, []);
    // The unit rows of the whole matrix's path, stored as float32.
    expect(b.X.data).toBeInstanceOf(Float32Array);
    const expected = Float32Array.from(a.X.data);
    let differ = 0;
    for (let i = 0; i < expected.length; i++) if (!Object.is(b.X.data[i], expected[i])) differ++;
    expect(differ).toBe(0);
    expect(b.components?.data).toEqual(a.components?.data);
  });
});

describe("projectRowBlocks", () => {
  it("projects rows made a block at a time with the bits of projecting the whole matrix", () => {
    const random = createRandom(3);
    const rows = 40_000;
    const cols = 200;
    const indptr = new Int32Array(rows + 1);
    const indices: number[] = [];
    const data: number[] = [];
    for (let r = 0; r < rows; r++) {
      const picked = new Set<number>();
      for (let j = 0; j < 6; j++) picked.add(Math.floor(random.nextFloat() * cols));
      for (const c of [...picked].sort((x, y) => x - y)) {
        indices.push(c);
        data.push(random.nextFloat());
      }
      indptr[r + 1] = indices.length;
    }
    const m: CsrMatrix = { rows, cols, indptr, indices: Int32Array.from(indices), data: Float64Array.from(data) };
    const components = { rows: 8, cols, data: Float64Array.from({ length: 8 * cols }, () => random.nextFloat() - 0.5) };
    const blocks: [number, number][] = [];
    const out = projectRowBlocks(
      rows,
      (from, to) => {
        blocks.push([from, to]);
        return csrSelectRows(
          m,
          Int32Array.from({ length: to - from }, (_, i) => from + i),
        );
      },
      components,
    );
    expect(blocks.length).toBeGreaterThan(1);
    expect(out.data).toEqual(projectOnComponents(m, components).data);
  });
});
