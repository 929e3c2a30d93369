/** Effective number of topics a term lives in, as a share of them, from its documents per topic. */
export function evennessOf(docsPerTopic: ArrayLike<number>, sizes: ArrayLike<number>): number;
/** The mean evenness a term of `count` documents has when they fall into the topics at random. */
export function chanceEvenness(
  sizes: ArrayLike<number>,
  random: { nextFloat(): number },
  draws?: number,
): (count: number) => number;
