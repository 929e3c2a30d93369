/**
 * Where a word stream's phrases stop: bit p is set when a phrase may not run on from word
 * p - 1 to word p, because the tokenizer dropped a number written between them (see
 * `PHRASE_BREAK`) or a full vocabulary left a word out. Stop words do not break phrases
 * ("bank of england" is read as `bank england`, as in scikit-learn). One bit a word.
 */
export type PhraseBreaks = Uint32Array;

/** Breaks at the given ascending positions of a stream of `length` words. */
export function phraseBreaksAt(positions: ArrayLike<number>, length: number): PhraseBreaks {
  const bits = new Uint32Array(Math.ceil(length / 32));
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i] as number;
    bits[p >>> 5] = (bits[p >>> 5] as number) | (1 << (p & 31));
  }
  return bits;
}

/** The breaks of a stream of `length` words, none when it has no record of them. */
export function phraseBreaksOf(breaks: PhraseBreaks | undefined, length: number): PhraseBreaks {
  return breaks ?? new Uint32Array(Math.ceil(length / 32));
}

/** Whether a phrase may not run on from word p - 1 to word p. */
export function breaksBefore(breaks: PhraseBreaks, p: number): boolean {
  return ((breaks[p >>> 5] as number) & (1 << (p & 31))) !== 0;
}
