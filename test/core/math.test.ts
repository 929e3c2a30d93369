import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exp, log } from "../../src/core/math.js";
import { ROOT } from "../helpers/data.js";

describe("log(x) and exp(x)", () => {
  it("handle special values", () => {
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
    expect(log(1)).toBe(0);
    expect(log(5e-324)).toBeCloseTo(-744.4400719213812, 10);
    expect(exp(0)).toBe(1);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(1000)).toBe(Infinity);
    expect(exp(-1000)).toBe(0);
    expect(exp(Number.NaN)).toBeNaN();
  });
  it("equal fdlibm (the algorithm of Node 20's Math.log/Math.exp) bit for bit on random doubles", () => {
    const view = new DataView(new ArrayBuffer(8));
    let s = 12345;
    for (let i = 0; i < 200_000; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      view.setUint32(0, s & 0x7fefffff);
      view.setUint32(4, Math.imul(s, 69069) >>> 0);
      const x = view.getFloat64(0);
      expect(log(x)).toBe(Math.log(x));
      const y = (s / 4294967296) * 1400 - 700;
      expect(exp(y)).toBe(Math.exp(y));
    }
  });
});

describe("engine-dependent functions stay out of the library", () => {
  it("src/ never calls Math.random, Math.log, Math.exp or trigonometry", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith(".ts")) {
          const code = readFileSync(path, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
          if (/Math\.(random|log|exp|sin|cos|tan|pow)\b/.test(code)) offenders.push(path);
        }
      }
    };
    walk(join(ROOT, "src"));
    expect(offenders).toEqual([]);
  });
});
