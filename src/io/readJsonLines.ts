import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { describeValue } from "../core/describe.js";
import { InvalidArgumentError } from "../core/errors.js";

/**
 * Streams the `field` of every record of a JSONL file (gzipped when the name ends in
 * `.gz`), one line at a time: memory stays flat however large the file. Blank lines are
 * skipped. Feed the result to `fitTransformTfidfStream`.
 * @throws InvalidArgumentError (while iterating) for a line that is not JSON or lacks the field.
 */
export async function* readJsonLines(path: string, field = "text"): AsyncGenerator<string> {
  const file = createReadStream(path);
  const input = path.endsWith(".gz") ? file.pipe(createGunzip()) : file;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new InvalidArgumentError(`readJsonLines: ${path} line ${n} is not valid JSON`, "path");
    }
    const value = (record as Record<string, unknown> | null)?.[field];
    if (typeof value !== "string") {
      throw new InvalidArgumentError(
        `readJsonLines: ${path} line ${n} has no string field "${field}"; got ${describeValue(value)}`,
        "field",
      );
    }
    yield value;
  }
}
