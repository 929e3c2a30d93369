// Runs one side of a benchmark in its own process and returns its JSON report.
import { execFileSync } from "node:child_process";

/** Debian's python3 has scikit-learn; a python3 earlier on PATH may not. */
export const PYTHON = process.env.TOPICLENS_PYTHON ?? "/usr/bin/python3";

export function runJson(command, args, env = {}) {
  const out = execFileSync(command, args, {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...env },
  });
  const line = out.trim().split("\n").pop();
  return JSON.parse(line);
}

/** The corpora named on the command line, or `defaults` when none is. */
export function corporaFromArgs(defaults) {
  const named = process.argv.slice(2);
  return named.length > 0 ? named : defaults;
}

export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [fmt(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(fmt)].join("\n");
}
