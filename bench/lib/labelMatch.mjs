// Label match: does the topic holding most of a gold class's documents name that class?
// Shared by bench/labelMatch.mjs and the clustering experiments.
import { readLabelled } from "./corpus.mjs";

/** Aliases per class: a class is named when a label term holds one of them as whole words. */
export const ALIASES = {
  "20newsgroups-bydate.jsonl.gz": {
    "alt.atheism": ["atheism", "atheist", "atheists", "god"],
    "comp.graphics": ["graphics", "image", "images", "3d", "polygon"],
    "comp.os.ms-windows.misc": ["windows", "dos", "ms-windows", "win3"],
    "comp.sys.ibm.pc.hardware": ["ide", "scsi", "drive", "drives", "controller", "motherboard", "bios", "pc"],
    "comp.sys.mac.hardware": ["mac", "apple", "macintosh", "quadra", "powerbook"],
    "comp.windows.x": ["x11", "motif", "xterm", "widget", "window manager", "x server", "xlib", "openwindows"],
    "misc.forsale": ["sale", "forsale", "sell", "selling", "shipping", "offer", "asking"],
    "rec.autos": ["car", "cars", "auto", "autos", "engine"],
    "rec.motorcycles": ["bike", "bikes", "motorcycle", "motorcycles", "dod", "riding", "ride"],
    "rec.sport.baseball": ["baseball", "pitcher", "pitching", "hitter", "innings", "braves", "mets", "runs"],
    "rec.sport.hockey": ["hockey", "nhl", "playoff", "playoffs", "leafs", "goalie"],
    "sci.crypt": ["crypto", "cryptography", "encryption", "clipper", "key", "keys", "escrow", "nsa"],
    "sci.electronics": ["electronics", "circuit", "circuits", "voltage", "amp", "wire", "wiring"],
    "sci.med": ["medical", "doctor", "disease", "patients", "msg", "medicine", "treatment"],
    "sci.space": ["space", "nasa", "orbit", "launch", "moon", "shuttle"],
    "soc.religion.christian": ["christian", "christians", "church", "jesus", "christ", "bible"],
    "talk.politics.guns": ["gun", "guns", "firearms", "weapons", "batf", "waco"],
    "talk.politics.mideast": ["israel", "israeli", "arab", "arabs", "armenian", "armenians", "turkish", "jews"],
    "talk.politics.misc": ["government", "tax", "taxes", "clinton", "president", "politics", "political"],
    "talk.religion.misc": ["religion", "jesus", "god", "christian", "bible", "moral", "morality"],
  },
  "reuters-r8.jsonl": {
    earn: ["earnings", "profit", "net", "shr", "dividend", "cts", "qtr", "revs"],
    acq: ["acquisition", "acquire", "merger", "stake", "takeover", "shares"],
    crude: ["oil", "crude", "opec", "barrel", "barrels", "petroleum"],
    grain: ["grain", "wheat", "corn", "agriculture", "tonnes"],
    ship: ["ship", "ships", "shipping", "vessel", "vessels", "port", "tanker", "tankers"],
    trade: ["trade", "tariff", "tariffs", "imports", "exports", "deficit"],
    interest: ["interest rates", "interest rate", "rates", "rate", "fed"],
    "money-fx": ["currency", "dollar", "exchange", "yen", "fx", "money"],
  },
  "bbc-news.jsonl": {
    business: ["business", "economy", "company", "market", "growth", "bank", "sales", "shares", "firm"],
    entertainment: ["film", "music", "award", "awards", "band", "album", "show", "star", "actor"],
    politics: ["government", "labour", "election", "party", "minister", "blair", "tory", "tories"],
    sport: ["game", "match", "cup", "player", "players", "team", "win", "england", "sport"],
    tech: ["technology", "software", "phone", "mobile", "computer", "users", "digital", "internet", "games"],
  },
};

const words = (s) =>
  s
    .toLowerCase()
    .split(/[\s·]+/)
    .filter(Boolean);

/** Whether `term` holds `alias` as whole consecutive words. */
function holds(term, alias) {
  const t = words(term);
  const a = words(alias);
  for (let i = 0; i + a.length <= t.length; i++) if (a.every((w, j) => t[i + j] === w)) return true;
  return false;
}

/** The classes whose majority topic names them, and the ones it does not (with that topic's label). */
export function classesNamed(aliases, gold, result) {
  const named = [];
  const missed = [];
  for (const cls of Object.keys(aliases)) {
    const held = new Map();
    gold.forEach((g, i) => {
      if (g === cls) held.set(result.assignments[i], (held.get(result.assignments[i]) ?? 0) + 1);
    });
    const [topicId] = [...held].sort((a, b) => b[1] - a[1])[0];
    const topic = result.topics.find((t) => t.id === topicId);
    const terms = [topic.name ?? "", ...topic.label.split(" · ")];
    if (terms.some((term) => aliases[cls].some((alias) => holds(term, alias)))) named.push(cls);
    else missed.push(`${cls} → ${topic.label}`);
  }
  return { named, missed };
}

/** Seeds from SEEDS (comma-separated), 0, 1 and 2 by default. */
export function seedsFromEnv() {
  return (process.env.SEEDS ?? "0,1,2").split(",").map(Number);
}

/**
 * A labelled corpus as the side-by-side benches cluster it: its texts and gold labels, k (the
 * environment's K, else the number of classes) and the aliases when they name k classes, else null.
 */
export function labelledAtK(corpus) {
  const { docs, gold } = readLabelled(corpus);
  const k = Number(process.env.K ?? new Set(gold).size);
  const aliases = ALIASES[corpus] && Object.keys(ALIASES[corpus]).length === k ? ALIASES[corpus] : null;
  return { docs, gold, k, aliases };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Scores `run(seed)` (a result of the one call) on each seed against `gold`: a table row of
 * `[name, label, "V / ARI / classes named" per seed, "mean V / ARI"]`, and the results.
 * `metrics` holds the library's `vMeasure` and `adjustedRandIndex`.
 */
export function scoreOverSeeds({ corpus, gold, seeds, label, run, metrics }) {
  const runs = seeds.map((seed) => {
    const result = run(seed);
    const named = ALIASES[corpus] ? classesNamed(ALIASES[corpus], gold, result).named.length : "–";
    const v = metrics.vMeasure(gold, result.assignments);
    const ari = metrics.adjustedRandIndex(gold, result.assignments);
    return { v, ari, named, result };
  });
  const row = [
    corpus.replace(/\.jsonl(\.gz)?$/, ""),
    label,
    runs.map(({ v, ari, named }) => `${v.toFixed(3)} / ${ari.toFixed(3)} / ${named}`).join(", "),
    `${mean(runs.map((r) => r.v)).toFixed(3)} / ${mean(runs.map((r) => r.ari)).toFixed(3)}`,
  ];
  return { row, results: runs.map((r) => r.result) };
}

/**
 * A labelled corpus set up for a side-by-side bench: its texts, gold labels, k (the classes)
 * and short name; `score(label, run)`, which adds `run`'s row (see {@link scoreOverSeeds}) to
 * `rows`; and `calls`, the one call's own results on each seed, already scored.
 * `lib` holds the library's `clusterTopics`, `vMeasure` and `adjustedRandIndex`.
 */
export function againstTheCall({ corpus, seeds, rows, lib, parallel }) {
  const { docs, gold } = readLabelled(corpus);
  const k = new Set(gold).size;
  const name = corpus.replace(/\.jsonl(\.gz)?$/, "");
  const score = (label, run) => {
    const { row, results } = scoreOverSeeds({ corpus, gold, seeds, label, run, metrics: lib });
    rows.push(row);
    return results;
  };
  const calls = score("the call (default)", (seed) => lib.clusterTopics(docs, { k, seed, parallel }));
  return { docs, gold, k, name, score, calls };
}
