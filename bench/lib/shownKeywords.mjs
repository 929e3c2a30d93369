// The keywords users see, and the texts to score them on: shared by bench/coherence.mjs and
// bench/keybert.mjs.
import { oneSpelling } from "./spellings.mjs";

const { createTokenizer, resolveStopWords } = await import("../../dist/index.js");

/**
 * What users see: the one call's topic keywords, and the texts they are scored on. A keyword
 * that merged a short form ("large language models (LLMs)", counted as "llms") holds the
 * documents with either form, as its counts do: each written-out long form counts as the
 * short form there too. `keywordsOf` picks a topic's keywords (its own by default).
 */
export function shownKeywords(result, texts, keywordsOf = (topic) => topic.keywords) {
  const topics = result.topics.map((t) =>
    keywordsOf(t).map((x) => oneSpelling((x.counted ?? x.term).split(" ")).join(" ")),
  );
  const stop = resolveStopWords("en", "bench").words;
  const tokenize = createTokenizer({});
  const merged = [];
  for (const t of result.topics)
    for (const x of keywordsOf(t)) {
      const long = x.counted === undefined ? null : /^(.*?)\s*\([^()]+\)$/.exec(x.term)?.[1];
      if (long) merged.push({ short: x.counted, long: tokenize(long).filter((w) => !stop.has(w)) });
    }
  const withShortForms = texts.map((words) => {
    const out = [];
    words.forEach((w, i) => {
      for (const { short, long } of merged)
        if (long.length > 0 && long.every((lw, j) => words[i + j] === lw)) out.push(short);
      out.push(w);
    });
    return out;
  });
  return { topics, texts: withShortForms.map(oneSpelling) };
}
