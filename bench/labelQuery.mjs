// Does a topic's label find its documents? Each label, read as a query (a document matches
// when it holds any label term; bench/lib/labelQuery.mjs), is scored against the topic's
// documents: precision, recall and F1, averaged over the topics. On the seed corpus (k auto,
// seeds 0-9), on every labelled development corpus and all 20 Newsgroups (k = classes,
// seed 0), and on small draws of the labelled corpora (150, 500 and 1,500 documents, two
// draws each, k auto), by topic size.
//   node bench/labelQuery.mjs [corpus ...]     (needs `npm run build`; with corpora named,
//   only those at k = classes; SPELLINGS=1 matches singular and plural, hyphenated and
//   spaced spellings as one)
import { LABELLED_CORPORA, readCorpus } from "./lib/corpus.mjs";
import { draw, loadDrawCorpora } from "./lib/draws.mjs";
import { labelQuery as labelQueryOf } from "./lib/labelQuery.mjs";
import { stripPost } from "./lib/newsgroups.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";

const { clusterTopics, createRandom, createTokenizer } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");
const { seedCorpus } = await import("../dist/seed.js");

const tokenize = createTokenizer({});
const labelQuery = (texts, result) => labelQueryOf(texts, result, tokenize);

const pool = createWorkerPool();
const rows = [];
const format = (scores) => scores.map((x) => x.toFixed(3));
const named = process.argv.length > 2;
if (!named) {
  const texts = seedCorpus().map((p) => p.abstract);
  const sums = [0, 0, 0];
  for (let seed = 0; seed < 10; seed++)
    labelQuery(texts, clusterTopics(texts, { seed })).forEach((x, i) => {
      sums[i] += x / 10;
    });
  rows.push(["seed corpus (k auto, seeds 0-9)", ...format(sums)]);
}
for (const corpus of corporaFromArgs([...LABELLED_CORPORA, "20newsgroups-bydate.jsonl.gz"])) {
  const records = readCorpus(corpus);
  const texts = records.map((r) => (corpus.startsWith("20newsgroups") ? stripPost(r.text) : r.text));
  const k = new Set(records.map((r) => r.label)).size;
  const result = clusterTopics(texts, { k, seed: 0, parallel: pool });
  rows.push([corpus.replace(/\.jsonl(\.gz)?$/, ""), ...format(labelQuery(texts, result))]);
}
console.log(table(["corpus", "precision", "recall", "F1"], rows));

if (!named) {
  // Small corpora: mean F1 of a draw's topics in each size band, averaged over the draws.
  const BANDS = [
    ["10-49 documents", 10, 50],
    ["50-199 documents", 50, 200],
    ["200 or more", 200, Number.POSITIVE_INFINITY],
  ];
  const perBand = new Map(BANDS.map(([band]) => [band, []]));
  for (const size of [150, 500, 1500])
    for (const [, records] of loadDrawCorpora())
      for (let d = 0; d < 2; d++) {
        const texts = draw(createRandom, records, size, 7 * size + d).map((r) => r.text);
        const result = clusterTopics(texts, { seed: d, stabilitySeeds: 1, parallel: pool });
        for (const [band, from, to] of BANDS) {
          const topics = result.topics.filter((t) => t.size >= from && t.size < to);
          if (topics.length > 0) perBand.get(band).push(labelQuery(texts, { ...result, topics })[2]);
        }
      }
  const mean = (xs) => xs.reduce((a, x) => a + x, 0) / xs.length;
  console.log(
    table(
      ["topics of a small draw", "draws with such topics", "F1"],
      BANDS.map(([band]) => [band, perBand.get(band).length, mean(perBand.get(band)).toFixed(3)]),
    ),
  );
}
await pool.close();
