import type { TopiclensError } from "../core/errors.js";
import { TOPICS_OPTION_SPECS } from "../pipeline/optionSpec.js";

/** Library names of the record options, and the flags that set them. */
const FIELD_FLAGS: Readonly<Record<string, string>> = {
  textField: "--text-field",
  titleField: "--title-field",
  idField: "--id-field",
  labelField: "--label-field",
  timeField: "--time-field",
  seedTopics: "--seed-topics",
  zeroShotTopics: "--zero-shot",
  embeddings: "--embeddings",
};

/** The flag behind a library error's argument (`options.kRange[1]` → `--k-range`), if any. */
export function flagOfArgument(argument: string | undefined): string | undefined {
  if (argument === undefined) return undefined;
  const spec = TOPICS_OPTION_SPECS.find((s) => argument === s.argument || argument.startsWith(`${s.argument}[`));
  if (spec !== undefined) return `--${spec.flag}`;
  const field = /^options\.(\w+)$/.exec(argument)?.[1];
  return field === undefined ? undefined : FIELD_FLAGS[field];
}

/**
 * A library error in the CLI's words: without the function's name, the option named by
 * its flag (`--k must be an integer from 1 to 70 (the number of documents); got 0`).
 */
export function inFlagWords(error: TopiclensError): string {
  let message = error.message.replace(/^[\w.]+: /, "");
  for (const s of TOPICS_OPTION_SPECS) {
    const name = s.argument.replace(/[.[\]]/g, "\\$&");
    message = message.replace(new RegExp(`${name}(\\[\\d+\\])?(?![\\w])`, "g"), `--${s.flag}`);
  }
  for (const [name, flag] of Object.entries(FIELD_FLAGS)) {
    // Not inside a flag already written as one ("--embeddings").
    message = message.replace(new RegExp(`(?<![-\\w])(options\\.)?${name}\\b`, "g"), flag);
  }
  return message
    .replace(/ in \[(-?[\d.e+]+), (-?[\d.e+]+)\]/g, " from $1 to $2")
    .replace(/\(badLines: "skip", (--skip-bad-lines)\)/g, "($1)");
}
