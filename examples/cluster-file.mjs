// Cluster your own documents from a .jsonl, .csv, .txt file or a directory of .txt files.
//   node examples/cluster-file.mjs papers.jsonl [k]
// JSONL/CSV records need a "text" (or "abstract") field; "title" and "id" are used when present.
import { clusterTopics } from "topiclens";
import { readDocuments } from "topiclens/node";

const [path, k] = process.argv.slice(2);
if (!path) {
  console.error("usage: node examples/cluster-file.mjs <file|dir> [k]");
  process.exit(2);
}
const { documents, format } = await readDocuments(path);
const result = clusterTopics(documents, { k: k ? Number(k) : "auto" });
console.log(`read ${documents.length} documents (${format})`);
console.log(result.toMarkdown({ titles: 5 }));
