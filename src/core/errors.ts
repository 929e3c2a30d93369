/**
 * One error family for the whole library. Every error names the function and the
 * argument at fault so that a caller can react to `code`/`argument` instead of
 * parsing messages.
 */
export type TopiclensErrorCode = "INVALID_ARGUMENT" | "EMPTY_INPUT" | "INCOMPATIBLE_MODEL";

export class TopiclensError extends Error {
  readonly code: TopiclensErrorCode;
  /** The argument (or option path, e.g. `options.maxDf`) that was rejected. */
  readonly argument: string | undefined;

  constructor(code: TopiclensErrorCode, message: string, argument?: string) {
    super(message);
    this.name = "TopiclensError";
    this.code = code;
    this.argument = argument;
  }
}

/** An argument has the wrong type or lies outside its valid range. */
export class InvalidArgumentError extends TopiclensError {
  constructor(message: string, argument?: string) {
    super("INVALID_ARGUMENT", message, argument);
    this.name = "InvalidArgumentError";
  }
}

/** The input holds nothing to work on (no documents, no terms, no rows). */
export class EmptyInputError extends TopiclensError {
  constructor(message: string, argument?: string) {
    super("EMPTY_INPUT", message, argument);
    this.name = "EmptyInputError";
  }
}

/** A saved model is from another format, a newer version, or was tampered with. */
export class IncompatibleModelError extends TopiclensError {
  constructor(message: string, argument?: string) {
    super("INCOMPATIBLE_MODEL", message, argument);
    this.name = "IncompatibleModelError";
  }
}
