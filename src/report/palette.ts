/**
 * Twenty topic colours from Paul Tol's and Okabe and Ito's colour-blind-safe schemes, ordered
 * by scripts/palette.mjs so that the first topics (the largest) stay apart for normal vision
 * and for protanopia, deuteranopia and tritanopia alike: any two of the first eight are at
 * least 15 CIELAB units apart under all four (simulated as Machado et al. 2009), and every
 * colour stands off the outliers' grey and the map's background. Beyond 20 topics colours
 * repeat; the hover card and lists always give the topic's number.
 */
export const TOPIC_COLORS: readonly string[] = [
  "#4477aa",
  "#d55e00",
  "#332288",
  "#882255",
  "#56b4e9",
  "#ee8866",
  "#ccbb44",
  "#99ddff",
  "#cc79a7",
  "#f0e442",
  "#999933",
  "#117733",
  "#cc6677",
  "#aa3377",
  "#aa4499",
  "#44bb99",
  "#e69f00",
  "#66ccee",
  "#ddcc77",
  "#228833",
];

/** Outliers (topic −1) are drawn in light grey. */
export const OUTLIER_COLOR = "#c8c8c8";

export function topicColor(topic: number): string {
  return topic < 0 ? OUTLIER_COLOR : (TOPIC_COLORS[topic % TOPIC_COLORS.length] as string);
}
