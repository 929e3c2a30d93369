/** A ranked keyword of one topic: its column and its score there. */
export interface RankedTerm {
  readonly id: number;
  readonly score: number;
}

/**
 * Long keyword lists that end with what sets each topic apart. `lists[c]` is topic c's
 * keywords as ranked, `further[c]` its next candidates in rank order. The first `first`
 * keywords of every list stay as ranked; after them, a term that several lists hold stays
 * only in the list that scores it highest (the lower topic on a tie), and each list is
 * filled back to `topN` with further candidates that no list holds and no earlier topic
 * took. Without it, three earnings topics of a news corpus end with the same "company,
 * pct, year".
 */
export function exclusiveTails<T extends RankedTerm>(
  lists: readonly (readonly T[])[],
  further: readonly (readonly T[])[],
  topN: number,
  first: number,
): T[][] {
  const holder = new Map<number, { topic: number; score: number }>();
  lists.forEach((list, topic) => {
    for (const x of list) {
      const held = holder.get(x.id);
      if (held === undefined || x.score > held.score) holder.set(x.id, { topic, score: x.score });
    }
  });
  return lists.map((list, topic) => {
    const kept = list.filter((x, i) => i < first || holder.get(x.id)?.topic === topic);
    for (const x of further[topic] ?? []) {
      if (kept.length >= topN) break;
      if (holder.has(x.id)) continue;
      holder.set(x.id, { topic, score: x.score });
      kept.push(x);
    }
    return kept;
  });
}
