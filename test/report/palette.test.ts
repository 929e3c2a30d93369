import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module shared with scripts/palette.mjs
import { seenDistance, VISIONS, worstDistance } from "../../scripts/lib/colorVision.mjs";
import { OUTLIER_COLOR, TOPIC_COLORS, topicColor } from "../../src/report/palette.js";

const distance = worstDistance as (a: string, b: string) => number;

describe("topic colours", () => {
  it("keeps the first eight topics apart for normal vision and each dichromacy (CIELAB, Machado 2009)", () => {
    for (let i = 0; i < 8; i++)
      for (let j = i + 1; j < 8; j++)
        expect(distance(TOPIC_COLORS[i] as string, TOPIC_COLORS[j] as string), `${i} and ${j}`).toBeGreaterThan(15);
  });

  it("sets every colour off the outliers' grey and the background, and no two of the twenty alike", () => {
    for (const c of TOPIC_COLORS) {
      expect(distance(c, OUTLIER_COLOR), c).toBeGreaterThanOrEqual(12);
      expect(distance(c, "#fafafa"), c).toBeGreaterThan(20);
    }
    for (let i = 0; i < TOPIC_COLORS.length; i++)
      for (let j = i + 1; j < TOPIC_COLORS.length; j++)
        expect(distance(TOPIC_COLORS[i] as string, TOPIC_COLORS[j] as string), `${i} and ${j}`).toBeGreaterThan(5);
    expect(new Set(TOPIC_COLORS).size).toBe(20);
    expect(topicColor(-1)).toBe(OUTLIER_COLOR);
    expect(topicColor(20)).toBe(TOPIC_COLORS[0]);
  });

  it("measures what a palette that is not colour-blind safe loses (the measure can fail)", () => {
    // Tableau 10's red and green: far apart for normal vision, nearly one colour with deuteranopia.
    const see = seenDistance as (a: string, b: string, v: string) => number;
    expect(see("#e15759", "#59a14f", "normal")).toBeGreaterThan(50);
    expect(see("#e15759", "#59a14f", "deuteranopia")).toBeLessThan(5);
    expect(VISIONS).toEqual(["normal", "protanopia", "deuteranopia", "tritanopia"]);
  });
});
