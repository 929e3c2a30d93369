// How themes grow and fade: cluster ~1,000 real conference abstracts (1987-2025, with their
// venue and year), then look at the topics over time, their hierarchy, their venues and the
// abstracts of more than one theme, without clustering again. Writes topics-over-time.html beside the current directory.
//   node examples/topics-over-time.mjs
import { writeFile } from "node:fs/promises";
import {
  clusterTopics,
  hierarchicalTopics,
  outlierDocuments,
  topicDistribution,
  topicsOverTime,
  topicsPerClass,
} from "topiclens";
import { readJsonRecords } from "topiclens/node";

const sample = new URL("./data/conf-abstracts-sample.jsonl.gz", import.meta.url).pathname;
const records = [];
for await (const r of readJsonRecords(sample, { labelField: "venue", timeField: "year" })) records.push(r);

const result = clusterTopics(records, { k: 8 });
const overTime = topicsOverTime(
  result,
  records,
  records.map((r) => r.time),
  { bins: 8 },
);
const hierarchy = hierarchicalTopics(result, records);
const venues = topicsPerClass(
  result,
  records,
  records.map((r) => r.label),
);

console.log(result.toString());
console.log(`\nTopics over time\n\n${overTime}`);
console.log(`\nTopic hierarchy\n\n${hierarchy}`);
console.log(`\nTopics per venue (first three)\n\n${venues.toString().split("\n\n").slice(0, 3).join("\n\n")}`);
// Each abstract's share of every theme (BERTopic's approximate_distribution).
const distribution = topicDistribution(result, records);
const mixed = distribution.mixed();
console.log(`\nAbstracts of more than one theme: ${mixed.length} of ${records.length}; the most even:`);
for (const m of mixed.slice(0, 3))
  console.log(
    `  ${records[m.index].title ?? records[m.index].id}: ${m.shares.map((s) => `${result.topics[s.topic].name} ${s.share.toFixed(2)}`).join(", ")}`,
  );
const html = result.toHTML({
  title: "Themes in conference abstracts",
  documents: records,
  views: { overTime, hierarchy, outliers: outlierDocuments(result), distribution },
});
await writeFile("topics-over-time.html", html);
console.log("\nwrote topics-over-time.html");
