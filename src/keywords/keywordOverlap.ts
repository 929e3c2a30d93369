import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";
import type { Keyword } from "./clusterKeywords.js";

/** Keywords of each topic that {@link keywordOverlap} compares. */
export const COMPARED_KEYWORDS = 10;

/** What {@link keywordOverlap} reads of a topic: its keywords, best first. */
export interface KeywordedTopic {
  readonly keywords: readonly Keyword[];
}

/**
 * How much two topics are named by the same words, from 0 (no word shared) to 1: the cosine
 * of their word weights over their first ten keywords, a keyword's score shared equally by
 * its words, so that `shr cts vs` and `vs · net · cts` share what they share while a word
 * that many phrases hold ("learning" in `reinforcement learning` and `imitation learning`)
 * counts for only its part of each. A short form in parentheses (`federated learning (FL)`)
 * repeats its long form and is left out. Takes topics of a result or of `clusterKeywords`.
 * @example keywordOverlap(result.topics[0], result.topics[1])
 */
export function keywordOverlap(a: KeywordedTopic, b: KeywordedTopic): number {
  return overlapOf(wordWeights(checkTopic(a, "a")), wordWeights(checkTopic(b, "b")));
}

/** {@link keywordOverlap} of topics whose keywords are known to be well formed. */
export function keywordOverlapUnchecked(a: KeywordedTopic, b: KeywordedTopic): number {
  return overlapOf(wordWeights(a), wordWeights(b));
}

function overlapOf(wa: Map<string, number>, wb: Map<string, number>): number {
  let shared = 0;
  for (const [word, weight] of wa) shared += weight * (wb.get(word) ?? 0);
  const norm = (w: Map<string, number>) => Math.sqrt([...w.values()].reduce((t, x) => t + x * x, 0));
  const denominator = norm(wa) * norm(wb);
  return denominator > 0 ? Math.min(1, shared / denominator) : 0;
}

const SHORT_FORM = /\s*\([^()]*\)/g;

function wordWeights(topic: KeywordedTopic): Map<string, number> {
  const weights = new Map<string, number>();
  for (const { term, score } of topic.keywords.slice(0, COMPARED_KEYWORDS)) {
    const words = new Set(
      term
        .replace(SHORT_FORM, "")
        .split(/\s+/)
        .filter((w) => w !== ""),
    );
    for (const word of words) weights.set(word, (weights.get(word) ?? 0) + score / words.size);
  }
  return weights;
}

function checkTopic(topic: unknown, name: string): KeywordedTopic {
  const keywords = (topic as { keywords?: unknown } | null)?.keywords;
  if (!Array.isArray(keywords))
    throw new InvalidArgumentError(
      `keywordOverlap: ${name} must be a topic with a keywords array (result.topics[i]); got ${describeValue(topic)}`,
      name,
    );
  keywords.slice(0, COMPARED_KEYWORDS).forEach((k: unknown, i) => {
    const { term, score } = (k ?? {}) as { term?: unknown; score?: unknown };
    if (typeof term !== "string" || typeof score !== "number" || !Number.isFinite(score) || score < 0)
      throw new InvalidArgumentError(
        `keywordOverlap: ${name}.keywords[${i}] must be { term: string, score: a finite number ≥ 0 }; got ${describeValue(k)}`,
        `${name}.keywords`,
      );
  });
  return topic as KeywordedTopic;
}
