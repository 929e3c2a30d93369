/**
 * Twenty categorical colours, Tableau 10 followed by its lighter companions, ordered so
 * that neighbouring topics differ strongly; beyond 20 topics colours repeat.
 */
export const TOPIC_COLORS: readonly string[] = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
  "#1f3a93",
  "#a0522d",
  "#8cd17d",
  "#d4a6c8",
  "#499894",
  "#fabfd2",
  "#86bcb6",
  "#b6992d",
  "#d37295",
  "#79706e",
];

/** Outliers (topic −1) are drawn in light grey. */
export const OUTLIER_COLOR = "#c8c8c8";

export function topicColor(topic: number): string {
  return topic < 0 ? OUTLIER_COLOR : (TOPIC_COLORS[topic % TOPIC_COLORS.length] as string);
}
