import { readFileSync } from "node:fs";
import { defineConfig, type Plugin } from "vitest/config";

/** The seed corpus is imported as text, as tsup's `.txt` loader does for the build. */
export const textLoader: Plugin = {
  name: "text-loader",
  enforce: "pre",
  load(id) {
    if (id.endsWith(".txt")) return `export default ${JSON.stringify(readFileSync(id, "utf8"))};`;
    return null;
  },
};

export default defineConfig({
  plugins: [textLoader],
  test: {
    include: ["test/**/*.test.ts"],
    // Checks on the full development corpora run with `npm run test:corpora` (vitest.corpora.config.ts).
    exclude: ["test/corpora/**", "**/node_modules/**"],
    setupFiles: ["test/setup.ts"],
    // Vitest's default leaves one core idle, which on a two-core machine runs the files one at a
    // time; the suite's files are independent, so they share every core.
    maxWorkers: "100%",
    // Two files at once slow each other down: room for the longest test on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
