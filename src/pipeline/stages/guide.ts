import type { CsrMatrix } from "../../core/csr.js";
import type { DenseMatrix } from "../../core/dense.js";
import { asPoints, rowDot } from "../../core/points.js";
import type { TokenDocuments } from "../../vectorize/vocabulary.js";
import type { ClusterPoints } from "./cluster.js";

/** How far a document moves towards its seed topic: BERTopic's weights 3 (document) to 1 (seed). */
const SEED_WEIGHT = 0.25;

/**
 * Guided topics' nudge, after BERTopic's `_guided_topic_modeling`: each document that
 * mentions a seed topic's words moves a quarter of the way towards that seed (then back to
 * unit length), so the documents of a seeded theme gather around it before k-means runs.
 * BERTopic picks the documents by embedding similarity (more similar to a seed than to the
 * corpus mean); in TF-IDF and LSA space a few seed words are far from every document, so
 * here a document goes to the seed list with the most of its entries present (all words of
 * a multi-word entry), ties to the more similar seed. A copy: the input is unchanged, and
 * only the clustering sees the nudge (representatives, silhouette and the map do not).
 */
export function guideStage(
  X: ClusterPoints,
  seeds: DenseMatrix,
  seedTopics: readonly (readonly string[])[],
  tokens: TokenDocuments,
): ClusterPoints {
  const target = seedTargets(X, seeds, seedTopics, tokens);
  return "indptr" in X ? nudgeSparse(X, seeds, target) : nudgeDense(X, seeds, target);
}

/** The seed list each document is nudged to, or -1. */
function seedTargets(
  X: ClusterPoints,
  seeds: DenseMatrix,
  seedTopics: readonly (readonly string[])[],
  tokens: TokenDocuments,
): Int32Array {
  const id = new Map(tokens.terms.map((t, i) => [t, i]));
  // Each entry as word ids; an entry with a word the corpus lacks can never match.
  const entries = seedTopics.map((list) =>
    list.map((w) =>
      w
        .toLowerCase()
        .split(/\s+/)
        .map((word) => id.get(word) ?? -1),
    ),
  );
  const target = new Int32Array(X.rows).fill(-1);
  const points = asPoints(X);
  const present = new Set<number>();
  for (let i = 0; i < X.rows; i++) {
    present.clear();
    for (let p = tokens.offsets[i] as number; p < (tokens.offsets[i + 1] as number); p++)
      present.add(tokens.stream[p] as number);
    let best = 0;
    let bestSim = Number.NEGATIVE_INFINITY;
    entries.forEach((list, s) => {
      const hits = list.filter((words) => words.every((w) => w >= 0 && present.has(w))).length;
      if (hits === 0 || hits < best) return;
      const sim = rowDot(points, i, seeds.data as Float64Array, s * X.cols);
      if (hits > best || sim > bestSim) {
        best = hits;
        bestSim = sim;
        target[i] = s;
      }
    });
  }
  return target;
}

function nudgeDense(X: DenseMatrix, seeds: DenseMatrix, target: Int32Array): DenseMatrix {
  const d = X.cols;
  const data = Float64Array.from(X.data);
  for (let i = 0; i < X.rows; i++) {
    const s = target[i] as number;
    if (s < 0) continue;
    let norm = 0;
    for (let f = 0; f < d; f++) {
      const v = (1 - SEED_WEIGHT) * (data[i * d + f] as number) + SEED_WEIGHT * (seeds.data[s * d + f] as number);
      data[i * d + f] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (let f = 0; f < d; f++) data[i * d + f] = (data[i * d + f] as number) / norm;
  }
  return { rows: X.rows, cols: d, data };
}

function nudgeSparse(X: CsrMatrix, seeds: DenseMatrix, target: Int32Array): CsrMatrix {
  const d = X.cols;
  const indptr = new Int32Array(X.rows + 1);
  const indices: number[] = [];
  const data: number[] = [];
  const row = new Float64Array(d);
  // Each seed's non-zero columns, found once rather than per nudged document.
  const seedColumns = Array.from({ length: seeds.rows }, (_, s) =>
    Array.from({ length: d }, (_, f) => f).filter((f) => seeds.data[s * d + f] !== 0),
  );
  for (let i = 0; i < X.rows; i++) {
    const s = target[i] as number;
    if (s < 0) {
      for (let p = X.indptr[i] as number; p < (X.indptr[i + 1] as number); p++) {
        indices.push(X.indices[p] as number);
        data.push(X.data[p] as number);
      }
    } else {
      const touched = new Set<number>();
      for (let p = X.indptr[i] as number; p < (X.indptr[i + 1] as number); p++) {
        const f = X.indices[p] as number;
        row[f] = (1 - SEED_WEIGHT) * (X.data[p] as number);
        touched.add(f);
      }
      for (const f of seedColumns[s] as number[]) {
        row[f] = (row[f] as number) + SEED_WEIGHT * (seeds.data[s * d + f] as number);
        touched.add(f);
      }
      const cols = [...touched].sort((a, b) => a - b);
      const norm = Math.sqrt(cols.reduce((a, f) => a + (row[f] as number) ** 2, 0)) || 1;
      for (const f of cols) {
        indices.push(f);
        data.push((row[f] as number) / norm);
        row[f] = 0;
      }
    }
    indptr[i + 1] = indices.length;
  }
  return { rows: X.rows, cols: d, indptr, indices: Int32Array.from(indices), data: Float64Array.from(data) };
}
