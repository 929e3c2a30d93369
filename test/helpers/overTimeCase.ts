import { readCorpus } from "./data.js";

/** The over-time golden case: 600 real abstracts of five conferences, 2018-2023, years from their ids ("eccv2022/..."), k = 4. */
export function overTimeCase() {
  const records = readCorpus("conf-abstracts-5areas.jsonl.gz", 600);
  return {
    docs: records.map((r) => ({ id: r.id, text: r.text })),
    years: records.map((r) => Number(/(\d{4})\//.exec(r.id)?.[1])),
    options: { k: 4, stabilitySeeds: 1 },
  };
}
