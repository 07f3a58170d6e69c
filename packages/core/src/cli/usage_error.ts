import { errorBrand } from "../error_brand.ts";

const USAGE_BRAND = errorBrand("UsageError");
const COMMAND_BRAND = errorBrand("CommandError");

/**
 * The command was called wrongly: an unknown flag, a missing argument, a
 * value of the wrong form. {@linkcode runCli} prints
 * `<name>: <message>` and `Run <name> --help for usage.` on stderr and exits
 * with `2`.
 *
 * @example Refuse a bad flag value
 * ```ts
 * import { UsageError } from "@cadasto/core/cli";
 * const port = "80a";
 * if (!/^\d+$/.test(port)) throw new UsageError(`--port must be a whole number, got "${port}"`);
 * ```
 */
export class UsageError extends Error {
  /**
   * Creates the error.
   *
   * @param message What is wrong with the call, without a final full stop.
   */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
    USAGE_BRAND.mark(this);
  }
}

/**
 * Whether `value` is a {@linkcode UsageError} (across realms and copies of this package).
 *
 * @param value Anything caught.
 * @returns `true` for a `UsageError`.
 *
 * @example Narrow a caught error
 * ```ts
 * import { isUsageError, UsageError } from "@cadasto/core/cli";
 * console.log(isUsageError(new UsageError("--port needs a value"))); // true
 * ```
 */
export function isUsageError(value: unknown): value is UsageError {
  return USAGE_BRAND.is(value);
}

/**
 * Ends a command with a given exit code and message (the message goes to
 * stderr as it is, without the command's name): for outcomes that are not a
 * usage error, such as "cancelled" (`130`) or "the input is not a request" (`1`).
 *
 * @example Cancelled at a prompt
 * ```ts
 * import { CommandError, EXIT_CODES } from "@cadasto/core/cli";
 * throw new CommandError("\nCancelled: nothing was printed.", { exitCode: EXIT_CODES.cancelled });
 * ```
 */
export class CommandError extends Error {
  /** The exit code the command ends with. */
  readonly exitCode: number;

  /**
   * Creates the error.
   *
   * @param message Printed on stderr as it is (a line break is added); empty for none.
   * @param options `exitCode` (default `1`) and `cause`.
   */
  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CommandError";
    this.exitCode = options.exitCode ?? 1;
    COMMAND_BRAND.mark(this);
  }
}

/**
 * Whether `value` is a {@linkcode CommandError} (across realms and copies of this package).
 *
 * @param value Anything caught.
 * @returns `true` for a `CommandError`.
 *
 * @example Narrow a caught error
 * ```ts
 * import { CommandError, isCommandError } from "@cadasto/core/cli";
 * console.log(isCommandError(new CommandError("stopped", { exitCode: 130 }))); // true
 * ```
 */
export function isCommandError(value: unknown): value is CommandError {
  return COMMAND_BRAND.is(value);
}
