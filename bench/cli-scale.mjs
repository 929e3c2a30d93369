// The default command at scale: `topiclens FILE --k 50 --format json` (no flag to say the
// file is large) on corpora built like bench/scale.mjs builds them, against scikit-learn's
// HashingVectorizer + TfidfTransformer + MiniBatchKMeans (k 50, batch 4096) on the same
// file. Wall time and peak resident memory of each whole process; topics named.
//   node bench/cli-scale.mjs [sizes...]   (needs `npm run build` and Debian's python3-sklearn)
// With more than one size it writes docs/cli-scale.svg (the README's chart).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chart } from "./lib/chart.mjs";
import { makeCorpus } from "./lib/makeCorpus.mjs";
import { PYTHON, runJson, table } from "./lib/run.mjs";

const child = fileURLToPath(new URL("./py/child.py", import.meta.url));
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const rows = [];
const points = [];
for (const size of sizes.length > 0 ? sizes : [300_000]) {
  const path = join(tmpdir(), `topiclens-cli-${size}.jsonl`);
  const labels = await makeCorpus(path, size);
  const ours = runJson(PYTHON, [
    child,
    process.execPath,
    "--max-old-space-size=16384",
    cli,
    path,
    "--k",
    "50",
    "--format",
    "json",
    "--quiet",
  ]);
  const theirs = runJson(PYTHON, [
    fileURLToPath(new URL("./py/scale.py", import.meta.url)),
    path,
    "hashing",
    String(Math.min(size, labels.length)),
  ]);
  rows.push([
    size.toLocaleString("en"),
    "topiclens FILE --k 50 --format json",
    ours.total.toFixed(1),
    (ours.total / theirs.total).toFixed(2),
    ours.peakMB.toFixed(0),
    `${ours.named} of ${ours.topics}`,
  ]);
  rows.push([
    size.toLocaleString("en"),
    "sklearn Hashing + TfidfTransformer + MiniBatchKMeans",
    theirs.total.toFixed(1),
    "1.00",
    theirs.peakMB.toFixed(0),
    "",
  ]);
  points.push(
    { name: "topiclens FILE --k 50", size, total: ours.total, peakMB: ours.peakMB },
    { name: "scikit-learn hashing + MiniBatchKMeans", size, total: theirs.total, peakMB: theirs.peakMB },
  );
  console.error(
    `${size}: topiclens ${ours.total.toFixed(1)} s / ${ours.peakMB.toFixed(0)} MB; sklearn ${theirs.total.toFixed(1)} s / ${theirs.peakMB.toFixed(0)} MB`,
  );
  rmSync(path, { force: true });
}
console.log(table(["documents", "command", "seconds", "time ratio", "peak MB", "named topics"], rows));
// With several sizes, the README's chart of the command's growth.
if (new Set(points.map((p) => p.size)).size > 1) {
  mkdirSync(fileURLToPath(new URL("../docs", import.meta.url)), { recursive: true });
  writeFileSync(fileURLToPath(new URL("../docs/cli-scale.svg", import.meta.url)), chart(points));
}
