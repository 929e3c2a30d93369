// The one call's own clustering space and document weights, for benches that cluster there
// by other means and compare with the call.

/** Every document's vector in the space `model` clusters in, as unit rows of one n × d matrix. */
export function callSpace(model, docs) {
  let space = null;
  let d = 0;
  docs.forEach((text, i) => {
    const row = model.embedText(text);
    if (space === null) [space, d] = [new Float64Array(docs.length * row.length), row.length];
    let norm = 0;
    for (const x of row) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let f = 0; f < d; f++) space[i * d + f] = row[f] / norm;
  });
  return { rows: docs.length, cols: d, data: space };
}

/**
 * The weight the call gives document `i`: its words once stop words are out (from
 * `fitTransformTfidfWithTokens`' tokens), 1 to 200, when it weighs by words; else 1.
 */
export function callWeight(tokens, byWords) {
  return (i) => (byWords ? Math.min(200, Math.max(1, tokens.offsets[i + 1] - tokens.offsets[i])) : 1);
}
