import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

export default defineConfig({
  entry: {
    index: "src/index.ts",
    node: "src/node.ts",
    seed: "src/corpus/seed.ts",
    cli: "src/cli/main.ts",
    "assign-worker": "src/node/assignWorker.ts",
  },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", node: "src/node.ts", seed: "src/corpus/seed.ts" } },
  sourcemap: true,
  clean: true,
  shims: true,
  target: "es2022",
  loader: { ".txt": "text" },
  // porter2 ships CommonJS only; bundling its few lines keeps the ESM build importable in browsers.
  noExternal: ["porter2"],
  define: { __VERSION__: JSON.stringify(version) },
});
