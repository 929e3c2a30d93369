// topiclens beside the BERTopic paper's Table 1 for 20 Newsgroups (Grootendorst 2022; code in
// MaartenGr/BERTopic_evaluation): all 20 groups, OCTIS-style preprocessing, k = 10, 20, 30,
// 40, 50 topics, three runs each, NPMI (gensim's c_npmi over the preprocessed corpus, top 10
// words) and topic diversity (unique share of the top 25 words), averaged over all runs.
// OCTIS's own LDA and NMF (gensim's LdaModel and Nmf, bench/lib/octisModels.py) run on the
// same preprocessed corpus in the same bench, so the gap between this preprocessing and the
// paper's can be read off their rows.
//   node bench/bertopicProtocol.mjs      (needs `npm run build`, ../shared/data, Debian's python3-gensim)
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCorpus } from "./lib/corpus.mjs";
import { stripPost } from "./lib/newsgroups.mjs";
import { table } from "./lib/run.mjs";

const { clusterTopics, npmiCoherence, resolveStopWords, topicDiversity } = await import("../dist/index.js");
const { createWorkerPool } = await import("../dist/node.js");

const KS = [10, 20, 30, 40, 50];
const SEEDS = [0, 1, 2];
/** Words in fewer documents than this share are dropped, as OCTIS's prepared 20 Newsgroups drops rare words. */
const MIN_DF = 0.01;
/** Documents left with fewer words than this are dropped. */
const MIN_WORDS = 5;

// OCTIS-style preprocessing: lower case, letters only (punctuation and numbers removed),
// words of 3 letters or more, English stop words removed, rare words dropped. Not done here:
// OCTIS's spaCy lemmatization (no spaCy model on this machine).
const stop = resolveStopWords("en", "bench").words;
const raw = readCorpus("20newsgroups-bydate.jsonl.gz").map((r) => stripPost(r.text));
const tokenized = raw.map((t) => (t.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => w.length >= 3 && !stop.has(w)));
const df = new Map();
for (const words of tokenized) for (const w of new Set(words)) df.set(w, (df.get(w) ?? 0) + 1);
const keep = new Set([...df].filter(([, n]) => n >= MIN_DF * tokenized.length).map(([w]) => w));
const texts = tokenized.map((words) => words.filter((w) => keep.has(w))).filter((words) => words.length >= MIN_WORDS);
const docs = texts.map((words) => words.join(" "));
console.log(`20 Newsgroups: ${raw.length} posts, ${texts.length} kept, vocabulary ${keep.size} words`);

const pool = createWorkerPool();
/** Each topic's 25 words, single words as the protocol's lists are (the corpus is already cleaned). */
function topicWords(k, seed, exclusiveAfter) {
  const result = clusterTopics(docs, {
    k,
    seed,
    stabilitySeeds: 1,
    abbreviations: false,
    vectorizer: { stopWords: false },
    keywords: { topN: 25, ngramRange: [1, 1], exclusiveAfter },
    parallel: pool,
  });
  return result.topics.map((t) => t.keywords.map((w) => w.counted ?? w.term));
}
// Keywords past the tenth are exclusive by default; the paper's models list each topic's 25
// best words as they come, so the bench scores both.
const ours = {};
const oursShared = {};
let seconds = 0;
for (const k of KS) {
  ours[k] = [];
  oursShared[k] = [];
  for (const seed of SEEDS) {
    const t0 = performance.now();
    ours[k].push(topicWords(k, seed, 10));
    seconds += (performance.now() - t0) / 1000;
    oursShared[k].push(topicWords(k, seed, Number.POSITIVE_INFINITY));
  }
}
await pool.close();

const io = join(tmpdir(), "topiclens-bertopic-protocol");
writeFileSync(`${io}-in.json`, JSON.stringify({ texts, ks: KS, seeds: SEEDS, check: ours[10][0] }));
execFileSync(
  "/usr/bin/python3",
  [join(import.meta.dirname, "lib", "octisModels.py"), `${io}-in.json`, `${io}-out.json`],
  {
    stdio: ["ignore", "inherit", "inherit"],
  },
);
const octis = JSON.parse(readFileSync(`${io}-out.json`, "utf8"));

function scores(runsByK) {
  const npmi = [];
  const diversity = [];
  for (const k of KS)
    for (const topics of runsByK[k]) {
      npmi.push(
        npmiCoherence(
          topics.map((t) => t.slice(0, 10)),
          texts,
        ),
      );
      diversity.push(topicDiversity(topics, 25));
    }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return [mean(npmi).toFixed(3), mean(diversity).toFixed(3)];
}
const ourCheck = npmiCoherence(
  ours[10][0].map((t) => t.slice(0, 10)),
  texts,
);
console.log(
  `metric check (k 10, seed 0): NPMI ${ourCheck.toFixed(6)} here, ${octis.check_npmi.toFixed(6)} by gensim's CoherenceModel`,
);
const paper = [
  ["BERTopic (MPNet), paper", ".166", ".851"],
  ["Top2Vec (MPNet), paper", ".192", ".823"],
  ["CTM, paper", ".096", ".886"],
  ["NMF (OCTIS), paper", ".089", ".663"],
  ["LDA (OCTIS), paper", ".058", ".749"],
];
console.log(
  table(
    ["model", "NPMI (top 10)", "diversity (top 25)"],
    [
      [`topiclens, this bench (${(seconds / (KS.length * SEEDS.length)).toFixed(1)} s a run)`, ...scores(ours)],
      ["same, exclusiveAfter: Infinity", ...scores(oursShared)],
      [
        `NMF (OCTIS: gensim Nmf), this bench (${(octis.seconds.NMF / (KS.length * SEEDS.length)).toFixed(1)} s a run)`,
        ...scores(octis.NMF),
      ],
      [
        `LDA (OCTIS: gensim LdaModel), this bench (${(octis.seconds.LDA / (KS.length * SEEDS.length)).toFixed(1)} s a run)`,
        ...scores(octis.LDA),
      ],
      ...paper,
    ],
  ),
);
