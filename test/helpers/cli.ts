import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect } from "vitest";
import { ROOT } from "./data.js";

const execFileAsync = promisify(execFile);

/** The built CLI and the packaged seed page. */
export const CLI = join(ROOT, "dist", "cli.js");
export const SEED = join(ROOT, "seeds", "abstracts-page.txt");

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a subprocess (after `node` options such as `--import`, in `env`). */
export async function runCli(
  args: readonly string[],
  { node = [], env = {} }: { node?: readonly string[]; env?: Record<string, string> } = {},
): Promise<CliRun> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [...node, CLI, ...args], {
      maxBuffer: 1 << 26,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** `runCli` with the arguments spread. */
export const cli = (...args: string[]): Promise<CliRun> => runCli(args);

/**
 * Runs the CLI on a table file (its text in column "abstract", bad rows skipped) read whole
 * and streamed, and expects the same assignments for `documents` documents; a missing text
 * column must be refused naming the columns present.
 */
export async function expectTableReadWholeAndStreamed(path: string, documents: number, columns: string): Promise<void> {
  const args = [path, "--text-field", "abstract", "--skip-bad-lines", "--k", "5", "--format", "json", "--quiet"];
  const whole = await cli(...args);
  const streamed = await cli(...args, "--stream");
  expect(whole.code).toBe(0);
  expect(streamed.code).toBe(0);
  const a = JSON.parse(whole.stdout);
  const b = JSON.parse(streamed.stdout);
  expect(a.parameters.documents).toBe(documents);
  expect(b.assignments).toEqual(a.assignments);
  const wrong = await cli(path, "--text-field", "body", "--quiet");
  expect(wrong.code).not.toBe(0);
  expect(wrong.stderr).toContain(`no column "body" (columns: ${columns})`);
}
