import { defineConfig } from "vitest/config";
import { textLoader } from "./vitest.config.js";

// `npm run test:corpora`: checks on the full development corpora in ../shared/data.
// A missing corpus fails these tests; they are never skipped.
export default defineConfig({
  plugins: [textLoader],
  test: {
    include: ["test/corpora/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    maxWorkers: "100%",
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
