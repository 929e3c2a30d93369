// Labels as queries: does a topic's label find its documents? Shared by bench/labelQuery.mjs
// and the corpus tests.
import { oneSpelling } from "./spellings.mjs";

/** The word sequences a label term matches: its words, or its long and its short form. */
function formsOf(term, tokenize) {
  const shown = /^(.*?)\s*\(([^()]+)\)$/.exec(term);
  return (shown ? [shown[1], shown[2]] : [term]).map((f) => tokenize(f)).filter((f) => f.length > 0);
}

function holds(words, form) {
  for (let i = 0; i + form.length <= words.length; i++) if (form.every((w, j) => words[i + j] === w)) return true;
  return false;
}

/**
 * Mean precision, recall and F1 over the result's topics of each label read as a query: a
 * document matches when it holds any label term (a phrase as consecutive words, a term shown
 * with its short form by either form), and the topic's documents are the relevant ones.
 * `tokenize` splits a text into words as the library does (`createTokenizer({})`).
 */
export function labelQuery(texts, result, tokenizeText) {
  const tokenize = (t) => oneSpelling(tokenizeText(t));
  const words = texts.map((t) => tokenize(t));
  const sums = [0, 0, 0];
  for (const topic of result.topics) {
    const forms = topic.label.split(" · ").flatMap((term) => formsOf(term, tokenize));
    let hits = 0;
    let found = 0;
    words.forEach((w, d) => {
      if (!forms.some((f) => holds(w, f))) return;
      hits++;
      if (result.assignments[d] === topic.id) found++;
    });
    const precision = hits === 0 ? 0 : found / hits;
    const recall = found / topic.size;
    sums[0] += precision;
    sums[1] += recall;
    sums[2] += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return sums.map((s) => s / result.topics.length);
}
