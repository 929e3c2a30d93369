// NMF topics beside k-means topics on the 70 packaged abstracts: the same number of themes,
// each labelled, with the keywords' NPMI coherence; then the topic mixture of a new text,
// from NMF's components (what NMF gives that a clustering does not).
//   npm run build && node examples/nmf-topics.mjs
import { clusterTopics, nmfTransform } from "topiclens";
import { seedCorpus } from "topiclens/seed";

const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
const kmeansTopics = clusterTopics(papers);
const k = kmeansTopics.topics.length;
const nmfTopics = clusterTopics(papers, { algorithm: "nmf", k });

for (const [name, result] of [
  ["k-means", kmeansTopics],
  ["NMF", nmfTopics],
]) {
  console.log(
    `${name}: ${result.topics.length} topics, keyword coherence (NPMI) ${result.quality.coherence.toFixed(3)}`,
  );
  for (const t of result.topics) console.log(`  ${String(t.size).padStart(2)}  ${t.label}`);
}

// A new text's weight on each NMF component, and the topic each component made.
const text =
  "We study adaptive learning rate schedules for Adam and SGD when clients train a model by federated averaging.";
const { vectorizer, nmf } = nmfTopics.model;
const weights = nmfTransform(vectorizer.transform([text]), nmf.components).data;
const total = weights.reduce((a, b) => a + b, 0);
console.log(`\nTopic mixture of: "${text}"`);
[...weights.keys()]
  .filter((c) => weights[c] > 0 && nmf.componentTopics[c] >= 0)
  .sort((a, b) => weights[b] - weights[a])
  .forEach((c) => {
    const topic = nmfTopics.topics.find((t) => t.id === nmf.componentTopics[c]);
    console.log(`  ${((100 * weights[c]) / total).toFixed(0).padStart(3)}%  ${topic.label}`);
  });
console.log(`predicted topic: ${nmfTopics.topics.find((t) => t.id === nmfTopics.model.predict([text])[0])?.label}`);
