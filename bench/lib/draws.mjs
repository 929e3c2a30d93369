// Seeded draws of the labelled development corpora, for the small-corpus benches.
import { readCorpus } from "./corpus.mjs";
import { stripPost } from "./newsgroups.mjs";

/** The corpora the small-corpus benches draw from, with how each record becomes a text. */
export const DRAW_CORPORA = [
  ["bbc-news.jsonl", (r) => r.text],
  ["20ng-4cat-stripped.jsonl", (r) => r.text],
  ["20newsgroups-bydate.jsonl.gz", (r) => stripPost(r.text)],
  ["reuters-r8.jsonl", (r) => r.text],
  ["conf-abstracts-5areas.jsonl.gz", (r) => (r.title ? `${r.title}. ${r.text}` : r.text)],
  ["ag-news-test.jsonl", (r) => r.text],
];

/** Each corpus as [name, records of { text, label }] without empty texts. */
export function loadDrawCorpora() {
  return DRAW_CORPORA.map(([name, text]) => [
    name,
    readCorpus(name)
      .map((r) => ({ text: text(r), label: r.label }))
      .filter((r) => r.text.trim().length > 0),
  ]);
}

/** A seeded draw of n records (Fisher–Yates prefix), with `createRandom` from the library. */
export function draw(createRandom, records, n, seed) {
  const random = createRandom(seed);
  const order = Array.from(records.keys());
  for (let i = 0; i < Math.min(n, order.length); i++) {
    const j = i + Math.floor(random.nextFloat() * (order.length - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, n).map((i) => records[i]);
}
