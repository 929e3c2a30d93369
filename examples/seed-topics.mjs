// Cluster the 70 packaged paper abstracts into themes and print them.
// Run from the repository with `npm run demo` (it builds first), or after installing
// the package with `node node_modules/topiclens/examples/seed-topics.mjs`.
import { clusterTopics, toText } from "topiclens";
import { seedCorpus } from "topiclens/seed";

const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
const result = clusterTopics(papers);

console.log(toText(result, { titles: Number.POSITIVE_INFINITY }));
