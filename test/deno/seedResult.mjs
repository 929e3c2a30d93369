// Prints the seed example's result (labels, keywords, scores) as JSON; run by both Node and
// Deno so that a test can compare the two runtimes byte for byte.
import { clusterTopics } from "../../dist/index.js";
import { seedCorpus } from "../../dist/seed.js";

const result = clusterTopics(seedCorpus().map((p) => ({ title: p.title, text: p.abstract })));
console.log(
  JSON.stringify({
    assignments: Array.from(result.assignments),
    topics: result.topics.map((t) => ({ label: t.label, keywords: t.keywords, documents: t.documents })),
    quality: result.quality,
  }),
);
