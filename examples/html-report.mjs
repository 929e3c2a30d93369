// Write the seed corpus' topics as a self-contained HTML report (keyword bars, SVG map).
//   node examples/html-report.mjs [out.html]
import { writeFile } from "node:fs/promises";
import { clusterTopics } from "topiclens";
import { seedCorpus } from "topiclens/seed";

const out = process.argv[2] ?? "topics.html";
const papers = seedCorpus().map((p) => ({ title: p.title, text: p.abstract }));
const result = clusterTopics(papers);
await writeFile(out, result.toHTML({ title: "Themes in 70 machine-learning abstracts" }));
console.log(`wrote ${out}: ${result.topics.length} topics`);
