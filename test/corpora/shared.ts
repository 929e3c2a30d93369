import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type CorpusRecord, parseJsonLines, ROOT } from "../helpers/data.js";

// Only `npm run test:corpora` (vitest.corpora.config.ts) runs the files of this folder:
// they read the full development corpora in ../shared/data, which a fresh clone lacks.
export const SHARED_DATA = join(ROOT, "..", "shared", "data");

/**
 * Records of a full development corpus in ../shared/data, for `npm run test:corpora` only.
 * A missing corpus fails the run: those tests are never skipped.
 */
export function readSharedCorpus(name: string, limit = Infinity): CorpusRecord[] {
  const path = join(SHARED_DATA, name);
  if (!existsSync(path))
    throw new Error(`test corpus ${path} is missing (npm run test:corpora needs ../shared/data beside the checkout)`);
  return parseJsonLines(readFileSync(path), name.endsWith(".gz"), limit);
}
