import { readFileSync } from "node:fs";
import { defineConfig, type Options } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

const shared: Options = {
  entry: {
    index: "src/index.ts",
    node: "src/node.ts",
    seed: "src/corpus/seed.ts",
    cli: "src/cli/main.ts",
    "assign-worker": "src/node/assignWorker.ts",
    "web-worker": "src/webWorker.ts",
  },
  dts: { entry: { index: "src/index.ts", node: "src/node.ts", seed: "src/corpus/seed.ts" } },
  // No source maps: the build is readable ES2022, not minified, and maps would double the package.
  sourcemap: false,
  target: "es2022",
  loader: { ".txt": "text" },
  // porter2 ships CommonJS only; bundling its few lines keeps the ESM build importable in browsers.
  noExternal: ["porter2"],
  define: { __VERSION__: JSON.stringify(version) },
};

export default defineConfig([
  // ESM needs no shims: they would pull Node's "path" and "url" into the browser-safe core.
  { ...shared, format: ["esm"], shims: false },
  // CommonJS gets an import.meta.url shim for the Node entry's file lookups.
  // hyparquet ships ES modules only, which require() cannot load on every Node 20: bundle it.
  { ...shared, format: ["cjs"], shims: true, noExternal: ["porter2", "hyparquet", "hyparquet-writer"] },
]);
