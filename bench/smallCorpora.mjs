// Themes on small corpora: which settings cluster tens to a few thousand documents best?
// Random subsets (seeded draws) of the labelled development corpora, clustered by
// `clusterTopics` with k = the number of gold classes in the subset, under the default and
// each alternative; mean V-measure and ARI over corpora and draws, per subset size.
//   node bench/smallCorpora.mjs [sizes...]   (needs `npm run build`; TOPICLENS_VARIANTS="default,..." runs only those)
import { draw, loadDrawCorpora } from "./lib/draws.mjs";
import { table } from "./lib/run.mjs";

const lib = await import("../dist/index.js");
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const SIZES = sizes.length > 0 ? sizes : [70, 200, 500, 1500];
const DRAWS = Number(process.env.TOPICLENS_DRAWS ?? 3);

/** LSA dimensions that grow with the corpus: a tenth of the documents, 10 to 100. */
const scaledLsa = (n) => Math.max(10, Math.min(100, Math.round(n / 10)));

const VARIANTS = [
  ["default", () => ({})],
  ["no LSA", () => ({ reduce: "none" })],
  ["LSA 100 dims (clamped)", () => ({ reduce: 100 })],
  ["LSA 10 dims", () => ({ reduce: 10 })],
  ["LSA 20 dims", () => ({ reduce: 20 })],
  ["LSA n/5 dims (10–100)", (n) => ({ reduce: Math.max(10, Math.min(100, Math.round(n / 5))) })],
  ["LSA n/10 dims (10–100)", (n) => ({ reduce: scaledLsa(n) })],
  ["LSA n/20 dims (5–100)", (n) => ({ reduce: Math.max(5, Math.min(100, Math.round(n / 20))) })],
  ["LSA 2√n dims (10–100)", (n) => ({ reduce: Math.max(10, Math.min(100, Math.round(2 * Math.sqrt(n)))) })],
  ["1–2-gram vectors", () => ({ vectorizer: { ngramRange: [1, 2] } })],
  ["nInit 30", () => ({ nInit: 30 })],
  ["one k-means run", () => ({ consensus: 1 })],
  ["addresses and encoded runs kept", () => ({ vectorizer: { dropNonText: false } })],
  ["topics named by the same words kept", () => ({ redundantTopics: "keep" })],
  ["documents weighed alike", () => ({ documentWeights: "equal" })],
  ["k-means' topics unrefined", () => ({ refine: "none" })],
];
const only = (process.env.TOPICLENS_VARIANTS ?? "").split(",").filter(Boolean);
const RUN = only.length > 0 ? VARIANTS.filter(([name]) => only.includes(name)) : VARIANTS;

const loaded = loadDrawCorpora();
const results = new Map(); // `${size} ${variant}` -> [{ v, ari }]
for (const size of SIZES) {
  for (const [name, records] of loaded) {
    for (let d = 0; d < DRAWS; d++) {
      const sample = draw(lib.createRandom, records, size, 1000 * d + size);
      const texts = sample.map((r) => r.text);
      const labels = sample.map((r) => r.label);
      const k = new Set(labels).size;
      for (const [variant, options] of RUN) {
        let r;
        try {
          r = lib.clusterTopics(texts, { k, seed: d, stabilitySeeds: 1, ...options(size) });
        } catch (error) {
          console.error(`${name} ${size} ${variant}: ${error.message}`);
          continue;
        }
        const assignments = r.assignments;
        const key = `${size}\t${variant}`;
        if (!results.has(key)) results.set(key, []);
        results.get(key).push({
          corpus: name,
          v: lib.vMeasure(labels, assignments),
          ari: lib.adjustedRandIndex(labels, assignments),
        });
      }
    }
  }
  const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const rows = RUN.map(([variant]) => {
    const runs = results.get(`${size}\t${variant}`) ?? [];
    const perCorpus = loaded.map(([name]) => mean(runs.filter((r) => r.corpus === name).map((r) => r.v)));
    return [
      variant,
      mean(runs.map((r) => r.v)).toFixed(3),
      mean(runs.map((r) => r.ari)).toFixed(3),
      ...perCorpus.map((v) => v.toFixed(3)),
    ];
  });
  console.log(`\n${size} documents a draw, ${DRAWS} draws per corpus, k = gold classes in the draw (means)\n`);
  console.log(
    table(
      ["settings", "V-measure", "ARI", ...loaded.map(([name]) => `V ${name.replace(/\.jsonl(\.gz)?$/, "")}`)],
      rows,
    ),
  );
}
