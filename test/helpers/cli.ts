import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
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
