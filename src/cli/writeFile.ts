import { rmSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { TopiclensError } from "../core/errors.js";

/** An output file could not be written; the message names it and the remedy. */
export class OutputError extends TopiclensError {
  constructor(message: string) {
    super("INVALID_ARGUMENT", message, "--out");
    this.name = "OutputError";
  }
}

/**
 * Writes `content` to a temporary file beside `path`, then renames it into place: a
 * failed or interrupted write (disk full, Ctrl-C) never leaves half a report, and an
 * existing file is replaced only by a complete one.
 */
export async function writeFileAtomically(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  // Ctrl-C while writing: remove the temporary file, then stop as the signal asks. (During
  // the computation no handler is installed, so Ctrl-C ends the process at once.)
  const onSignal = () => {
    rmSync(temporary, { force: true });
    process.kill(process.pid, "SIGINT");
  };
  process.once("SIGINT", onSignal);
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? `the folder ${dirname(path)} does not exist`
        : code === "EACCES" || code === "EPERM" || code === "EROFS"
          ? `the folder ${dirname(path)} cannot be written`
          : code === "ENOSPC"
            ? "the disk is full"
            : code === "EISDIR"
              ? `${path} is a directory`
              : (error as Error).message;
    throw new OutputError(`cannot write ${path}: ${reason}; nothing was written`);
  } finally {
    process.removeListener("SIGINT", onSignal);
  }
}
