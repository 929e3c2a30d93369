// k-means started from anchor words instead of k-means++, measured against the default call
// (k = classes, seeds 0-2): V-measure / ARI / classes named per seed, and the means.
// An anchor word (Arora et al. 2013, "A Practical Algorithm for Topic Modeling with Provable
// Guarantees") occurs in one topic only, so the rows of the word co-occurrence matrix Q̄
// (p(other word | word)) of anchors are the corners of the hull holding every other row.
// FastAnchorWords picks k corners greedily: the row farthest from the origin, then each time
// the row farthest from the span of those picked (Gram-Schmidt). A small class with words of
// its own (grain: "wheat"; ship: "vessels") is a corner however few its documents, which
// k-means++ (drawing by squared distance, so by mass) does not promise. Each anchor's centre
// is the mean of the documents holding it in the call's own space; one k-means run goes on
// from there, documents weighed as the call weighs them, and the call names the clusters
// (`clusters`). Anchor candidates: terms in at least MIN_DF of the documents (0.005) and 10.
//   node bench/anchorInit.mjs [corpus ...]   (needs `npm run build`; MIN_DF)
import { callSpace, callWeight } from "./lib/callSpace.mjs";
import { againstTheCall } from "./lib/labelMatch.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { adjustedRandIndex, CLUSTER_TOPICS_VECTORIZER, clusterTopics, fitTransformTfidfWithTokens, kmeans, vMeasure } =
  await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");

const corpora = corporaFromArgs(["reuters-r8.jsonl", "bbc-news.jsonl", "20ng-4cat-stripped.jsonl"]);
const MIN_DF = Number(process.env.MIN_DF ?? 0.005);
const SEEDS = [0, 1, 2];
const pool = createWorkerPool();
const lib = { clusterTopics, vMeasure, adjustedRandIndex };

/** Candidate terms (columns of `matrix` held by enough documents) and each document's list of them. */
function candidateTerms(matrix, minDocs) {
  const df = new Int32Array(matrix.cols);
  for (const j of matrix.indices) df[j]++;
  const columns = [];
  for (let j = 0; j < matrix.cols; j++) if (df[j] >= minDocs) columns.push(j);
  const index = new Int32Array(matrix.cols).fill(-1);
  columns.forEach((j, c) => {
    index[j] = c;
  });
  return { columns, index };
}

/** Q̄: row c is p(term c' in a document | term c in it), over the candidate terms, row-major. */
function cooccurrence(matrix, { columns, index }) {
  const m = columns.length;
  const Q = new Float64Array(m * m);
  const present = new Int32Array(matrix.cols);
  for (let i = 0; i < matrix.rows; i++) {
    let len = 0;
    for (let p = matrix.indptr[i]; p < matrix.indptr[i + 1]; p++) {
      const c = index[matrix.indices[p]];
      if (c >= 0) present[len++] = c;
    }
    for (let a = 0; a < len; a++) for (let b = 0; b < len; b++) if (a !== b) Q[present[a] * m + present[b]]++;
  }
  for (let c = 0; c < m; c++) {
    let sum = 0;
    for (let c2 = 0; c2 < m; c2++) sum += Q[c * m + c2];
    if (sum > 0) for (let c2 = 0; c2 < m; c2++) Q[c * m + c2] /= sum;
  }
  return Q;
}

/** FastAnchorWords: k rows of Q̄ (m × m) by greedy Gram-Schmidt, as in Arora et al.'s code. */
function fastAnchorWords(Q, m, k) {
  const M = Float64Array.from(Q);
  const norm2 = (r) => {
    let s = 0;
    for (let j = 0; j < m; j++) s += M[r * m + j] ** 2;
    return s;
  };
  const farthest = () => {
    let best = 0;
    let bestNorm = -1;
    for (let r = 0; r < m; r++) {
      const n = norm2(r);
      if (n > bestNorm) [best, bestNorm] = [r, n];
    }
    return best;
  };
  const anchors = [farthest()];
  // Translate so that the first anchor is the origin, then take corners one by one.
  const first = M.slice(anchors[0] * m, anchors[0] * m + m);
  for (let r = 0; r < m; r++) for (let j = 0; j < m; j++) M[r * m + j] -= first[j];
  while (anchors.length < k) {
    const a = farthest();
    anchors.push(a);
    const basis = M.slice(a * m, a * m + m);
    const len = Math.sqrt(basis.reduce((s, x) => s + x * x, 0)) || 1;
    for (let j = 0; j < m; j++) basis[j] /= len;
    for (let r = 0; r < m; r++) {
      let dot = 0;
      for (let j = 0; j < m; j++) dot += M[r * m + j] * basis[j];
      for (let j = 0; j < m; j++) M[r * m + j] -= dot * basis[j];
    }
  }
  return anchors;
}

const rows = [];
for (const corpus of corpora) {
  const { docs, k, name, score, calls } = againstTheCall({ corpus, seeds: SEEDS, rows, lib, parallel: pool });
  const base = calls[0];
  const byWords = base.parameters.documentWeights === "words";

  const { matrix, model, tokens } = fitTransformTfidfWithTokens(docs, CLUSTER_TOPICS_VECTORIZER);
  const candidates = candidateTerms(matrix, Math.max(10, Math.ceil(MIN_DF * docs.length)));
  const m = candidates.columns.length;
  const anchors = fastAnchorWords(cooccurrence(matrix, candidates), m, k).map((c) => candidates.columns[c]);
  console.log(`${name}: ${m} candidate terms; anchors ${anchors.map((j) => model.vocabulary[j]).join(", ")}`);

  // The call's own space, and each anchor's centre there: the sum of its documents' rows.
  const space = callSpace(base.model, docs);
  const d = space.cols;
  const anchorAt = new Map(anchors.map((j, a) => [j, a]));
  const sums = anchors.map(() => new Float64Array(d));
  for (let i = 0; i < matrix.rows; i++)
    for (let p = matrix.indptr[i]; p < matrix.indptr[i + 1]; p++) {
      const a = anchorAt.get(matrix.indices[p]);
      if (a !== undefined) for (let f = 0; f < d; f++) sums[a][f] += space.data[i * d + f];
    }
  const centres = sums.map((c) => {
    const len = Math.sqrt(c.reduce((s, x) => s + x * x, 0)) || 1;
    return Array.from(c, (x) => x / len);
  });
  const words = callWeight(tokens, byWords);
  const sampleWeight = Float64Array.from(docs, (_, i) => words(i));
  const fit = kmeans(space, k, {
    init: centres,
    metric: base.parameters.metric ?? "cosine",
    sampleWeight,
  });
  // One start, so one result for every seed; the call still names the clusters.
  score("k-means from anchor words", () => clusterTopics(docs, { clusters: Array.from(fit.labels), parallel: pool }));
}
await pool.close();
console.log(table(["corpus", "start", "V / ARI / classes named, seeds 0-2", "mean V / ARI"], rows));
