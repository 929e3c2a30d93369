/** How label terms are joined, and so how a label splits back into its terms. */
const SEPARATOR = " · ";

/** A topic as naming sees it: its label, and the name it was given (the label's head). */
interface Named {
  readonly label: string;
  readonly name: string;
}

/**
 * Topic names that tell topics apart. A name is its label's head; when several topics share
 * one (two topics headed `large language models (LLMs)`, one with `reasoning`, one with
 * `reward`), each of them is named by the head and its first label term that tells it from
 * the others: one no other of them has, else one not all of them have
 * (`space · program` and `space · research` for `space · nasa · program` and `space · nasa ·
 * research`). A name still shared then is the whole label. The name of a topic that shares
 * it with none is its head, unchanged.
 */
export function distinctNames(topics: readonly Named[]): string[] {
  const names = topics.map((t) => t.name);
  for (const group of sharing(names)) {
    const terms = group.map((i) => labelTerms(topics[i] as Named));
    group.forEach((topic, g) => {
      const others = terms.filter((_, h) => h !== g);
      const own = terms[g] as string[];
      const pick =
        own.find((t) => others.every((o) => !o.includes(t))) ?? own.find((t) => others.some((o) => !o.includes(t)));
      if (pick !== undefined) names[topic] = `${names[topic]}${SEPARATOR}${pick}`;
    });
  }
  // Names still shared become whole labels, until none that can change is shared (whole
  // labels differ wherever labels do, so this ends).
  for (let changed = true; changed; ) {
    changed = false;
    for (const group of sharing(names))
      for (const i of group) {
        const { label } = topics[i] as Named;
        if (names[i] !== label && label !== "") [names[i], changed] = [label, true];
      }
  }
  return names;
}

/** The label's terms after its head (the name), in label order. */
function labelTerms(topic: Named): string[] {
  const terms = topic.label.split(SEPARATOR);
  return terms[0] === topic.name ? terms.slice(1) : terms.filter((t) => t !== topic.name);
}

/** Groups of two or more positions holding the same non-empty string, in order of first position. */
function sharing(values: readonly string[]): number[][] {
  const at = new Map<string, number[]>();
  values.forEach((v, i) => {
    if (v === "") return;
    const list = at.get(v);
    if (list === undefined) at.set(v, [i]);
    else list.push(i);
  });
  return [...at.values()].filter((list) => list.length > 1);
}

/**
 * Topics with the given texts as their labels and names (zero-shot topics' names, labels
 * chosen by hand), and the other topics' names kept apart from them: a generated name that a
 * given one repeats adds the label term that tells it apart. Given names stay as given.
 */
export function withGivenNames<T extends Named & { readonly id: number }>(
  topics: readonly T[],
  given: ReadonlyMap<number, string>,
): T[] {
  const replaced = topics.map((t) => {
    const name = given.get(t.id);
    return name === undefined ? t : { ...t, label: name, name };
  });
  const names = distinctNames(replaced);
  return replaced.map((t, i) => (given.has(t.id) || t.name === names[i] ? t : { ...t, name: names[i] as string }));
}
