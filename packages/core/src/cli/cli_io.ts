/**
 * Where a command writes: anything with `write(text)`, such as
 * `process.stdout` or a test's collector. `isTTY` tells whether a person is
 * watching (progress bars, prompts).
 *
 * @example Collect a command's output in a test
 * ```ts
 * import type { CliOutput } from "@cadasto/core/cli";
 * let text = "";
 * const out: CliOutput = { write: (chunk: string) => (text += chunk) };
 * out.write("hello\n");
 * console.log(text);
 * ```
 */
export interface CliOutput {
  /** Writes a chunk of text. */
  write(text: string): unknown;
  /** Whether the stream is a terminal. */
  readonly isTTY?: boolean;
}

/**
 * Where a command reads: an async iterable of chunks, such as `process.stdin`.
 *
 * @example Read from the process
 * ```ts
 * import type { CliInput } from "@cadasto/core/cli";
 * const input: CliInput = process.stdin;
 * console.log(input.isTTY === true ? "a terminal" : "a pipe");
 * ```
 */
export interface CliInput extends AsyncIterable<unknown> {
  /** Whether the stream is a terminal (a person types the answers). */
  readonly isTTY?: boolean;
}

/**
 * What every command gets from the process (or a test): its two output
 * streams, and optionally its environment and a signal that stops it.
 * A command that needs more (stdin) extends this interface.
 *
 * @example The process's own
 * ```ts
 * import type { CliIo } from "@cadasto/core/cli";
 * const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };
 * console.log(Object.keys(io));
 * ```
 */
export interface CliIo {
  /** Results (text or, with `--json`, JSON). */
  readonly stdout: CliOutput;
  /** Messages, warnings, errors, prompts and progress. */
  readonly stderr: CliOutput;
  /** Where the command reads input (`process.stdin`); commands that read it narrow the type. */
  readonly stdin?: CliInput;
  /** The environment the command reads its configuration (and credentials) from. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C / SIGTERM by {@linkcode runMain}: a long-running command stops and resolves. */
  readonly signal?: AbortSignal;
}
