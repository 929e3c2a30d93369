// Topics of new texts, side by side: a fitted `clusterTopics` model's `predict` (and
// `embedText`, what `findTopics` does with a query) against scikit-learn's example pipeline's
// `predict`, each fitted on the corpus less its last BATCH texts, then timed on those texts
// one call each (the first SINGLES) and in one batch. Milliseconds per text, and the ratio.
// With ALGORITHM=nmf: `algorithm: "nmf"` against TfidfVectorizer -> NMF and the heaviest component;
// with REDUCE=none: k-means in TF-IDF space (`reduce: "none"`) against the pipeline without its SVD.
//   node bench/predict.mjs [corpus] [k]   (needs `npm run build` and Debian's python3-sklearn;
//   env SINGLES, default 200, and BATCH, default 2000)
import { fileURLToPath } from "node:url";
import { readCorpus } from "./lib/corpus.mjs";
import { PYTHON, runJson, table } from "./lib/run.mjs";

const corpus = process.argv[2] ?? "20newsgroups-bydate.jsonl.gz";
const k = Number(process.argv[3] ?? 20);
const SINGLES = Number(process.env.SINGLES ?? 200);
const BATCH = Number(process.env.BATCH ?? 2000);
const ALGORITHM = process.env.ALGORITHM ?? "kmeans";
const REDUCE = process.env.REDUCE === "none" ? "none" : "auto";

const { clusterTopics } = await import("../dist/index.js");
const texts = readCorpus(corpus).map((r) => r.text);
const fit = texts.slice(0, texts.length - BATCH);
const fresh = texts.slice(texts.length - BATCH);
const { model } = clusterTopics(fit, { k, seed: 0, stabilitySeeds: 1, algorithm: ALGORITHM, reduce: REDUCE });
const perText = (run, n) => {
  const t0 = performance.now();
  run();
  return (performance.now() - t0) / n;
};
model.predict(fresh.slice(0, 5)); // compiled before timing, as Python's side is
const ours = {
  singleMs: perText(() => {
    for (const text of fresh.slice(0, SINGLES)) model.predict([text]);
  }, SINGLES),
  embedMs:
    ALGORITHM === "nmf"
      ? null
      : perText(() => {
          for (const text of fresh.slice(0, SINGLES)) model.embedText(text);
        }, SINGLES),
  batchMs: perText(() => model.predict(fresh), BATCH),
};
const script = fileURLToPath(new URL("./py/predict.py", import.meta.url));
const theirs = runJson(PYTHON, [
  script,
  corpus,
  String(k),
  String(SINGLES),
  String(BATCH),
  REDUCE === "none" && ALGORITHM === "kmeans" ? "kmeans-tfidf" : ALGORITHM,
]);
const ms = (x) => x.toFixed(3);
console.log(
  `${corpus}: fitted on ${fit.length} texts (${model.vectorizer.vocabulary.length} terms, ${model.components?.rows ?? 0} LSA dimensions), ${ALGORITHM}, k ${k}; ms per new text\n`,
);
console.log(
  table(
    ["call", "topiclens", "scikit-learn", "ratio"],
    [
      [
        "predict, one text a call",
        ms(ours.singleMs),
        ms(theirs.singleMs),
        (ours.singleMs / theirs.singleMs).toFixed(2),
      ],
      ...(ours.embedMs === null ? [] : [["embedText, one text a call", ms(ours.embedMs), "", ""]]),
      [
        `predict, ${BATCH} texts in one call`,
        ms(ours.batchMs),
        ms(theirs.batchMs),
        (ours.batchMs / theirs.batchMs).toFixed(2),
      ],
    ],
  ),
);
