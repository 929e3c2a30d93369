#!/usr/bin/env node
import { spawn } from "node:child_process";
import { run } from "./run.js";

/**
 * V8's young generation at 32 MB a semi-space: the text pass allocates a string per token,
 * and this spares most of their collections (300,000 abstracts: 43.6–43.7 s against
 * 48.9–50.4 s, the same peak memory). Only a start-up flag sets it, so the command starts
 * itself again once with it; TOPICLENS_NO_RESPAWN=1, or the flag given to node, skips that.
 * The second start also fixes glibc's mmap threshold at its default 128 KiB: the documents
 * posted to the reading workers are megabyte buffers, and once glibc raises its threshold
 * past them, freed ones stay in the process (300,000 abstracts, library: peak 1,203 MB
 * against 1,139 MB with the threshold fixed). Other C libraries ignore the variable.
 */
const SEMI_SPACE = "--max-semi-space-size=32";
const MMAP_THRESHOLD = { MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? "131072" };
const respawn =
  process.env.TOPICLENS_NO_RESPAWN !== "1" && !process.execArgv.some((a) => a.startsWith("--max-semi-space-size"));

if (respawn) {
  const child = spawn(process.execPath, [...process.execArgv, SEMI_SPACE, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, ...MMAP_THRESHOLD, TOPICLENS_NO_RESPAWN: "1" },
  });
  // The child does the work and its own clean-up on a signal; this process waits for it.
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const handlers = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((s) => [s, forward(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  child.on("exit", (code, signal) => {
    for (const [s, h] of handlers) process.removeListener(s, h);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
} else {
  run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code;
  });
}
