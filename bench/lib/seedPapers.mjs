// Groups of seed-corpus papers a reader would put together, for the benches that ask whether
// the one call keeps them together.

/** Title pieces of the nine papers plainly about optimizers. */
export const OPTIMIZER_PAPERS = [
  "diffGrad",
  "EXAdam",
  "1-bit Adam",
  "Large Batch Optimization",
  "Stepsize anything",
  "Adaptive Learning Rate Scheduling",
  "Last-Iterate",
  "Large Step Sizes",
  "Gradient is All You Need",
];

/** Whether a seed paper's title says it is about federated learning. */
export const isFederated = (title) => /federated|FedSpeed|FedHyper/i.test(title);

/** The index of each paper whose title holds one of `parts`, in their order. */
export function papersTitled(papers, parts) {
  return parts.map((part) => {
    const i = papers.findIndex((p) => p.title.includes(part));
    if (i < 0) throw new Error(`no seed paper titled like "${part}"`);
    return i;
  });
}
