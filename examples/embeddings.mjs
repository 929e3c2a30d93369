// Cluster precomputed embedding vectors (dense Float32 rows, e.g. from a sentence-embedding
// model) with cosine k-means, then name each cluster with keywords taken from the texts.
// Here the vectors are 64-dimensional LSA embeddings of the seed abstracts, standing in for
// vectors computed elsewhere; only `embeddings` would change with a real model.
import { clusterKeywords, fitTransformTfidf, kmeans, truncatedSvd } from "topiclens";
import { seedCorpus } from "topiclens/seed";

const papers = seedCorpus();
const texts = papers.map((p) => `${p.title}. ${p.abstract}`);

// 1. Vectors: rows x dims, row-major Float32Array.
const lsa = truncatedSvd(fitTransformTfidf(texts, { minDf: 2, sublinearTf: true }).matrix, 64).embedding;
const embeddings = { rows: lsa.rows, cols: lsa.cols, data: Float32Array.from(lsa.data) };

// 2. Spherical (cosine) k-means on the vectors.
const { labels, inertia, iterations } = kmeans(embeddings, 8, { metric: "cosine", nInit: 10, seed: 0 });
console.log(`cosine k-means: ${iterations} iterations, objective ${inertia.toFixed(3)}`);

// 3. Keywords from the texts: raw 1-3-gram counts and the cluster labels.
const phrases = fitTransformTfidf(texts, { ngramRange: [1, 3], minDf: 2 });
const topics = clusterKeywords({ counts: phrases.counts, labels, vocabulary: phrases.model.vocabulary });
for (const t of topics.sort((a, b) => b.size - a.size)) {
  console.log(`${String(t.size).padStart(3)}  ${t.label}`);
}
