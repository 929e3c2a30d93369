// Orders the topic palette (src/report/palette.ts): from Paul Tol's colour-blind-safe schemes
// (bright, muted, light) and Okabe and Ito's, each next colour is the one whose
// worst distance (normal vision and the three dichromacies, scripts/lib/colorVision.mjs) to the
// colours already chosen, to the outliers' grey and to the background, is largest. So the first topics, which
// are the largest, are the easiest to tell apart for every reader.
//   node scripts/palette.mjs
import { worstDistance } from "./lib/colorVision.mjs";

const candidates = [
  // Tol bright
  "#4477aa",
  "#ee6677",
  "#228833",
  "#ccbb44",
  "#66ccee",
  "#aa3377",
  // Tol muted
  "#332288",
  "#88ccee",
  "#44aa99",
  "#117733",
  "#999933",
  "#ddcc77",
  "#cc6677",
  "#882255",
  "#aa4499",
  // Tol light
  "#77aadd",
  "#ee8866",
  "#eedd88",
  "#ffaabb",
  "#99ddff",
  "#44bb99",
  "#bbcc33",
  "#aaaa00",
  // Okabe-Ito
  "#e69f00",
  "#56b4e9",
  "#009e73",
  "#f0e442",
  "#0072b2",
  "#d55e00",
  "#cc79a7",
];
const OUTLIER = "#c8c8c8";
// The map's background: a pale colour on it is hard to see, so it counts as a chosen colour too.
const BACKGROUND = "#fafafa";
// Tol's blue first, as most palettes start; black is left out (it reads as ink, not a topic).
const chosen = ["#4477aa"];
// A colour too near the outliers' grey or too pale on the background is not a candidate.
const usable = (c) => worstDistance(c, OUTLIER) >= 12 && worstDistance(c, BACKGROUND) >= 20;
const left = new Set(candidates.filter((c) => c !== "#4477aa" && usable(c)));
while (chosen.length < 20 && left.size > 0) {
  let best = "";
  let bestScore = -1;
  for (const c of left) {
    const score = Math.min(
      worstDistance(c, OUTLIER) * 1.5,
      worstDistance(c, BACKGROUND) / 1.5,
      ...chosen.map((d) => worstDistance(c, d)),
    );
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  chosen.push(best);
  left.delete(best);
  console.log(chosen.length, best, bestScore.toFixed(1));
}
console.log(JSON.stringify(chosen));
