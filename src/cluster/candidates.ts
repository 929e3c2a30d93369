import type { Points } from "../core/points.js";
import { arenaViews, copyPointsInto } from "../core/wasm.js";
import { createArena, instantiateKernel } from "./wasm/kernel.js";

/** Candidate centres scored in one pass over the rows (k-means++ draws several per centre). */
export const CANDIDATES_PER_PASS = 8;

/** Dot products of every row with up to eight candidate centres, a chunk of rows at a time. */
export interface CandidateDots {
  /** Rows per call of {@link CandidateDots.dots}, at most. */
  readonly chunk: number;
  /** Sets up to eight candidates (count x cols, row-major) for the next calls. */
  setCandidates(candidates: Float64Array, count: number): void;
  /**
   * For rows [from, to): `out[(i - from) · 8 + t]` is row i · candidate t, summed over the
   * row's entries (or features) in order, as `rowDot` does. The array is reused.
   */
  dots(from: number, to: number): Float64Array;
}

/**
 * Dot products for k-means++: WebAssembly SIMD over a copy of the matrix where the runtime
 * has it, else JavaScript (the same additions in the same order, hence the same bits).
 */
export function createCandidateDots(p: Points, chunk = 4096): CandidateDots {
  const n = p.rows;
  const d = p.cols;
  const width = CANDIDATES_PER_PASS;
  const nnz = p.kind === "sparse" ? (p.indptr[n] as number) : n * d;
  const arena = createArena(
    [
      ["indptr", p.kind === "sparse" ? n + 1 : 0, "int32"],
      ["indices", p.kind === "sparse" ? nnz : 0, "int32"],
      ["data", nnz, "float64"],
      ["centersT", width * d, "float64"],
      ["out", chunk * width, "float64"],
    ],
    false,
  );
  if (arena === null) return javascriptDots(p, chunk);
  const views = arenaViews(arena.regions);
  const { region, f64 } = views;
  copyPointsInto(views, p, n, nnz);
  const centersT = f64("centersT");
  const out = f64("out");
  const kernel = instantiateKernel(arena.module, arena.memory);
  const sparse = p.kind === "sparse";
  return {
    chunk,
    setCandidates(candidates, count) {
      centersT.fill(0);
      for (let t = 0; t < count; t++) {
        for (let f = 0; f < d; f++) centersT[f * width + t] = candidates[t * d + f] as number;
      }
    },
    dots(from, to) {
      kernel.dots(
        sparse ? 1 : 0,
        sparse ? region("indptr").byteOffset : 0,
        sparse ? region("indices").byteOffset : 0,
        region("data").byteOffset,
        d,
        centersT.byteOffset,
        width,
        out.byteOffset,
        from,
        to,
      );
      return out;
    },
  };
}

function javascriptDots(p: Points, chunk: number): CandidateDots {
  const d = p.cols;
  const width = CANDIDATES_PER_PASS;
  const out = new Float64Array(chunk * width);
  let candidates: Float64Array = new Float64Array(0);
  let count = 0;
  return {
    chunk,
    setCandidates(c, n) {
      candidates = c;
      count = n;
    },
    dots(from, to) {
      out.fill(0);
      for (let i = from; i < to; i++) {
        const o = (i - from) * width;
        for (let t = 0; t < count; t++) {
          const base = t * d;
          let s = 0;
          if (p.kind === "sparse") {
            for (let q = p.indptr[i] as number, end = p.indptr[i + 1] as number; q < end; q++)
              s += (p.data[q] as number) * (candidates[base + (p.indices[q] as number)] as number);
          } else {
            for (let f = 0, x = i * d; f < d; f++, x++) s += (p.data[x] as number) * (candidates[base + f] as number);
          }
          out[o + t] = s;
        }
      }
      return out;
    },
  };
}
