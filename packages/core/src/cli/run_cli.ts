import { createScrubber, type Secret } from "../scrubber.ts";
import { isHelpRequest } from "./_help.ts";
import type { CliIo, CliOutput } from "./cli_io.ts";
import { EXIT_CODES } from "./exit_codes.ts";
import { isCommandError, isUsageError } from "./usage_error.ts";

/**
 * A command, as {@linkcode runCli} runs it.
 *
 * @example A command that greets
 * ```ts
 * import { type CliCommand, parseCommandLine } from "@cadasto/core/cli";
 * const hello: CliCommand = {
 *   name: "hello",
 *   usage: "Usage: hello [--name <name>]\n",
 *   run(argv, io) {
 *     const { values } = parseCommandLine(argv, { name: { type: "string" } });
 *     io.stdout.write(`hello ${String(values.name ?? "world")}\n`);
 *     return 0;
 *   },
 * };
 * console.log(hello.name);
 * ```
 */
export interface CliCommand<Io extends CliIo = CliIo> {
  /** The program name, e.g. `"cadasto-sandbox"`: it starts every error line. */
  readonly name: string;
  /** The help text, printed on stdout for `-h`/`--help`. */
  readonly usage: string;
  /**
   * Does the work and resolves with the exit code. May throw a
   * {@linkcode UsageError} (exit 2), a {@linkcode CommandError} (its exit
   * code), or an error {@linkcode CliCommand.describeError} recognises (exit 1).
   *
   * @param argv The arguments after the program name.
   * @param io The streams (scrubbed of {@linkcode CliCommand.secrets}).
   * @returns The exit code.
   */
  run(argv: readonly string[], io: Io): Promise<number> | number;
  /**
   * The message for an error the command expects (an API error, a bad
   * file): printed as `<name>: <message>`, exit code 1. `undefined` for an
   * error it does not know, which is reported as an unexpected error.
   *
   * @param error What `run` threw.
   * @returns The message, or `undefined`.
   */
  describeError?(error: unknown): string | undefined;
  /**
   * The secrets to keep out of everything the command writes (a client
   * secret from the environment, with its client id): every form of them
   * (see `secretForms` in `@cadasto/core`) is replaced on stdout and stderr.
   *
   * @param io The streams and environment.
   * @returns The secrets.
   */
  secrets?(io: Io): readonly (Secret | undefined)[];
}

/**
 * `output` with its `write` scrubbed; everything else (isTTY, columns, the
 * methods readline uses) is the stream's own, so prompts keep working.
 */
function scrubbed<O extends CliOutput>(output: O, scrub: (text: string) => string): O {
  const write = (chunk: unknown, ...rest: unknown[]): unknown => {
    const text = typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? new TextDecoder().decode(chunk) : String(chunk);
    return (output.write as (...args: unknown[]) => unknown).call(output, scrub(text), ...rest);
  };
  return new Proxy(output, {
    get(target, key) {
      if (key === "write") return write;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Runs a command and turns every outcome into an exit code; it never throws
 * and never rejects:
 *
 * - `-h`/`--help` (seen by `parseCommandLine`): the usage on stdout, `0`;
 * - a {@linkcode UsageError}: `<name>: <message>` and
 *   `Run <name> --help for usage.` on stderr, `2`;
 * - a {@linkcode CommandError}: its message on stderr, its exit code;
 * - an error `describeError` recognises: `<name>: <message>` on stderr, `1`;
 * - any other error (a bug): `<name>: unexpected error: <stack>` on stderr, `1`.
 *
 * Everything written goes through the command's scrubber first.
 *
 * @param command The command.
 * @param argv The arguments after the program name.
 * @param io The streams (and environment, signal).
 * @returns The exit code.
 *
 * @example Run a command with the process's streams
 * ```ts
 * import { type CliCommand, runCli } from "@cadasto/core/cli";
 * declare const command: CliCommand;
 * process.exitCode = await runCli(command, process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
 * ```
 */
export async function runCli<Io extends CliIo>(command: CliCommand<Io>, argv: readonly string[], io: Io): Promise<number> {
  let scrubber = createScrubber([]);
  try {
    scrubber = createScrubber(command.secrets?.(io) ?? []);
  } catch {
    // A secrets() that throws leaves nothing to scrub; the command reports the problem itself.
  }
  const stdout = scrubbed(io.stdout, scrubber.text);
  const stderr = scrubbed(io.stderr, scrubber.text);
  const safeIo: Io = { ...io, stdout, stderr };
  try {
    return await command.run(argv, safeIo);
  } catch (error) {
    const [code, output, text] = outcome(command, error);
    try {
      if (text !== "") (output === "stdout" ? stdout : stderr).write(text);
    } catch {
      // Writing failed too (a closed pipe): the exit code is all that is left.
    }
    return code;
  }
}

/** The exit code, the stream and the text for what `run` threw. */
function outcome<Io extends CliIo>(command: CliCommand<Io>, error: unknown): [number, "stdout" | "stderr", string] {
  const { name } = command;
  if (isHelpRequest(error)) return [EXIT_CODES.ok, "stdout", command.usage];
  if (isUsageError(error)) return [EXIT_CODES.usage, "stderr", `${name}: ${error.message}\nRun ${name} --help for usage.\n`];
  if (isCommandError(error)) return [error.exitCode, "stderr", error.message === "" ? "" : `${error.message}\n`];
  let message: string | undefined;
  try {
    message = command.describeError?.(error);
  } catch {
    message = undefined;
  }
  if (message !== undefined) return [EXIT_CODES.failed, "stderr", `${name}: ${message}\n`];
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return [EXIT_CODES.failed, "stderr", `${name}: unexpected error (please report it): ${detail}\n`];
}

/**
 * Options of {@linkcode runMain}.
 *
 * @example Ask for the process signals
 * ```ts
 * import type { RunMainOptions } from "@cadasto/core/cli";
 * const options: RunMainOptions = { stopOnSignal: true };
 * console.log(options.stopOnSignal);
 * ```
 */
export interface RunMainOptions {
  /**
   * Catch SIGINT/SIGTERM and abort `io.signal` instead of dying (a second
   * signal exits at once with 130): for long-running commands that clean up,
   * such as a server. Default `false`: the signals keep their default effect.
   */
  readonly stopOnSignal?: boolean;
}

/**
 * Runs a command as the process's main program with the process's stdin,
 * stdout, stderr and environment, and sets `process.exitCode` from
 * {@linkcode runCli}. Never throws.
 *
 * @param command The command.
 * @param options `stopOnSignal`.
 * @returns The exit code (also set on `process.exitCode`).
 *
 * @example The whole bin file of a command
 * ```ts
 * import { type CliCommand, runMain } from "@cadasto/core/cli";
 * declare const command: CliCommand;
 * await runMain(command);
 * ```
 */
export async function runMain<Io extends CliIo>(command: CliCommand<Io>, options: RunMainOptions = {}): Promise<number> {
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(EXIT_CODES.cancelled);
    stop.abort();
  };
  if (options.stopOnSignal === true) {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  try {
    const io: CliIo = {
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      signal: stop.signal,
    };
    const code = await runCli(command, process.argv.slice(2), io as Io);
    process.exitCode = code;
    return code;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
