// How evenly a term's documents spread over topics, and how evenly chance would spread them:
// the measure behind the generated filler-word list (scripts/fixtures/fillerWords.mjs).

/** Effective number of topics a term lives in, as a share of them, from its documents per topic. */
export function evennessOf(docsPerTopic, sizes) {
  let total = 0;
  for (let c = 0; c < sizes.length; c++) total += docsPerTopic[c] / sizes[c];
  let h = 0;
  for (let c = 0; c < sizes.length; c++) {
    const q = docsPerTopic[c] / sizes[c] / total;
    if (q > 0) h -= q * Math.log(q);
  }
  return Math.exp(h) / sizes.length;
}

/**
 * The mean evenness of n documents dropped into the topics at random (each topic in proportion
 * to its size), by count: what a generic term of that count can reach. `random` is the
 * library's seedable generator (createRandom). Counts past 200 share a value per 2% step,
 * which the mean does not resolve anyway.
 */
export function chanceEvenness(sizes, random, draws = 100) {
  const cumulative = new Float64Array(sizes.length);
  let total = 0;
  sizes.forEach((s, c) => {
    total += s;
    cumulative[c] = total;
  });
  const memo = new Map();
  return (count) => {
    const n = count <= 200 ? count : Math.round(1.02 ** Math.round(Math.log(count) / Math.log(1.02)));
    if (!memo.has(n)) {
      const docs = new Float64Array(sizes.length);
      let sum = 0;
      for (let d = 0; d < draws; d++) {
        docs.fill(0);
        for (let i = 0; i < n; i++) {
          const u = random.nextFloat() * total;
          let c = 0;
          while (cumulative[c] <= u) c++;
          docs[c]++;
        }
        sum += evennessOf(docs, sizes);
      }
      memo.set(n, sum / draws);
    }
    return memo.get(n);
  };
}
