import { clusterTopics } from "topiclens";
import { seedCorpus } from "topiclens/seed";
const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
for (const seed of process.argv.slice(2).map(Number)) { console.error("== seed", seed); clusterTopics(papers, { seed }); }
