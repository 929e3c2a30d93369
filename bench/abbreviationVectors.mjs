// Should the clustered vectors read a short form as its long form, as the keywords do? Each
// short form the corpus defines (corpusAbbreviations) is written as its long form before the
// one call (a definition's parenthesised short form goes), against the texts as they are:
// V-measure and ARI at k = classes, seeds 0-2; on the seed corpus, in how many themes the
// nine optimizer papers and the federated-learning papers fall, seeds 0-9.
//   node bench/abbreviationVectors.mjs [corpus ...]   (needs `npm run build`)
import { readLabelled } from "./lib/corpus.mjs";
import { corporaFromArgs, table } from "./lib/run.mjs";
import { isFederated, OPTIMIZER_PAPERS, papersTitled } from "./lib/seedPapers.mjs";

const { adjustedRandIndex, clusterTopics, corpusAbbreviations, vMeasure } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");
const { seedCorpus } = await import("../dist/seed.js");

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The texts with every defined short form (and its plural) written as its long form. */
function expanded(texts) {
  const longOf = new Map(corpusAbbreviations(texts).map((a) => [a.short, a.long]));
  if (longOf.size === 0) return texts;
  const shorts = [...longOf.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`\\(?\\b(${shorts.join("|")})s?\\b\\)?`, "g");
  return texts.map((t) => t.replace(pattern, (match, short) => (match.startsWith("(") ? "" : longOf.get(short))));
}

const pool = createWorkerPool();
const papers = seedCorpus();
const seedTexts = papers.map((p) => `${p.title}. ${p.abstract}`);
const OPTIMIZERS = papersTitled(papers, OPTIMIZER_PAPERS);
const FEDERATED = papers.flatMap((p, i) => (isFederated(p.title) ? [i] : []));
const themesOf = (result, group) => new Set(group.map((i) => result.assignments[i])).size;

const seedRows = [];
for (const [name, texts] of [
  ["as written", seedTexts],
  ["short forms as long", expanded(seedTexts)],
]) {
  const runs = Array.from({ length: 10 }, (_, seed) => clusterTopics(texts, { seed, parallel: pool }));
  seedRows.push([
    name,
    runs.map((r) => themesOf(r, OPTIMIZERS)).join(", "),
    runs.map((r) => themesOf(r, FEDERATED)).join(", "),
  ]);
}
console.log(table(["seed corpus", "optimizer papers' themes", "federated papers' themes"], seedRows));

const rows = [];
for (const corpus of corporaFromArgs([
  "conf-abstracts-5areas.jsonl.gz",
  "keyphrase-abstracts.jsonl",
  "ohsumed-23.jsonl",
  "20ng-4cat-stripped.jsonl",
])) {
  const { docs, gold } = readLabelled(corpus);
  const k = new Set(gold).size;
  for (const [name, texts] of [
    ["as written", docs],
    ["short forms as long", expanded(docs)],
  ]) {
    const runs = [0, 1, 2].map((seed) => clusterTopics(texts, { k, seed, stabilitySeeds: 1, parallel: pool }));
    rows.push([
      corpus.replace(/\.jsonl(\.gz)?$/, ""),
      name,
      runs.map((r) => vMeasure(gold, Array.from(r.assignments)).toFixed(3)).join(", "),
      runs.map((r) => adjustedRandIndex(gold, Array.from(r.assignments)).toFixed(3)).join(", "),
    ]);
  }
}
await pool.close();
console.log(table(["corpus", "texts", "V-measure, seeds 0-2", "ARI"], rows));
