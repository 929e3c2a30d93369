import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/data.js";

const SRC = join(ROOT, "src");

/** Every module of src/ and the src/ modules it imports or re-exports (type imports included). */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith(".ts")) files.push(path);
    }
  };
  walk(SRC);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(/(?:import|export)[^;]*?from\s+"(\.[^"]+)"/g)].map((m) =>
      resolve(dirname(file), (m[1] as string).replace(/\.js$/, ".ts")),
    );
    graph.set(
      file,
      targets.filter((t) => files.includes(t)),
    );
  }
  return graph;
}

describe("src/ imports", () => {
  it("form no circle, type imports included", () => {
    const graph = importGraph();
    const circles: string[] = [];
    const onPath: string[] = [];
    const done = new Set<string>();
    const visit = (file: string) => {
      onPath.push(file);
      for (const next of graph.get(file) ?? []) {
        const at = onPath.indexOf(next);
        if (at >= 0)
          circles.push(
            onPath
              .slice(at)
              .map((f) => relative(SRC, f))
              .join(" -> "),
          );
        else if (!done.has(next)) visit(next);
      }
      onPath.pop();
      done.add(file);
    };
    for (const file of graph.keys()) if (!done.has(file)) visit(file);
    expect(circles).toEqual([]);
  });

  it("keep Node built-ins out of the core entry", () => {
    const graph = importGraph();
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const next of graph.get(file) ?? []) visit(next);
    };
    visit(join(SRC, "index.ts"));
    const withNode = [...reached].filter((f) => /from\s+"node:/.test(readFileSync(f, "utf8")));
    expect(withNode.map((f) => relative(SRC, f))).toEqual([]);
  });
});
