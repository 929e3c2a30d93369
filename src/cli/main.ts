#!/usr/bin/env node
import { run } from "./run.js";

run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
