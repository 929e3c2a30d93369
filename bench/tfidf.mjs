// TF-IDF speed and memory, topiclens versus scikit-learn's TfidfVectorizer, same settings
// (sklearn token pattern and stop words, 1-2-grams, minDf 2, maxDf 0.5, sublinear tf).
// Each side runs in its own process so that peak memory is its own.
//   node bench/tfidf.mjs            (needs `npm run build` and Debian's python3-sklearn)
import { fileURLToPath } from "node:url";
import { peakMemoryMB, readCorpus } from "./lib/corpus.mjs";
import { PYTHON, runJson, table } from "./lib/run.mjs";

const CORPORA = ["20newsgroups-bydate.jsonl.gz", "conf-abstracts-full.jsonl.gz"];

if (process.argv[2] === "--worker") {
  const { fitTransformTfidf, SKLEARN_TOKEN_PATTERN } = await import("../dist/index.js");
  const docs = readCorpus(process.argv[3]).map((d) => d.text);
  const t0 = performance.now();
  const { matrix } = fitTransformTfidf(docs, {
    tokenPattern: SKLEARN_TOKEN_PATTERN,
    stopWords: "sklearn",
    ngramRange: [1, 2],
    minDf: 2,
    maxDf: 0.5,
    sublinearTf: true,
  });
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    JSON.stringify({
      seconds,
      peakMB: peakMemoryMB(),
      shape: [matrix.rows, matrix.cols],
      nnz: matrix.indptr[matrix.rows],
    }),
  );
} else {
  const rows = [];
  for (const corpus of CORPORA) {
    const ours = runJson(process.execPath, [fileURLToPath(import.meta.url), "--worker", corpus]);
    const theirs = runJson(PYTHON, [fileURLToPath(new URL("./py/tfidf.py", import.meta.url)), corpus]);
    const same = ours.shape.join("x") === theirs.shape.join("x") && ours.nnz === theirs.nnz;
    rows.push([
      corpus,
      `${ours.shape[0]} x ${ours.shape[1]}${same ? "" : ` (sklearn ${theirs.shape.join(" x ")})`}`,
      ours.seconds.toFixed(2),
      theirs.seconds.toFixed(2),
      (ours.seconds / theirs.seconds).toFixed(2),
      ours.peakMB.toFixed(0),
      theirs.peakMB.toFixed(0),
    ]);
  }
  console.log(
    table(["corpus", "matrix", "topiclens s", "sklearn s", "time ratio", "topiclens peak MB", "sklearn peak MB"], rows),
  );
}
