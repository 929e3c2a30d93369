import { clusterTopics } from "topiclens";
import { seedCorpus } from "topiclens/seed";
const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
for (let seed = 0; seed < 10; seed++) {
  const r = clusterTopics(papers, { seed });
  console.log(`seed ${seed}: ` + r.topics.map(t => `${t.label} (${t.size})`).join(" | "));
}
