import { type ParseArgsConfig, parseArgs } from "node:util";
import { helpRequested } from "./_help.ts";
import { UsageError } from "./usage_error.ts";

/**
 * The options of {@linkcode parseCommandLine}: `node:util`'s `parseArgs`
 * options (`-h`/`--help` is added for you).
 *
 * @example Declare the flags
 * ```ts
 * import type { CommandLineOptions } from "@cadasto/core/cli";
 * const options: CommandLineOptions = { port: { type: "string" }, json: { type: "boolean" } };
 * console.log(Object.keys(options));
 * ```
 */
export type CommandLineOptions = NonNullable<ParseArgsConfig["options"]>;

/**
 * What {@linkcode parseCommandLine} returns: the flag values and the positionals.
 *
 * @example Type a parsed command line
 * ```ts
 * import type { CommandLine } from "@cadasto/core/cli";
 * const line: CommandLine = { values: { json: true }, positionals: ["list"] };
 * console.log(line.positionals[0]);
 * ```
 */
export interface CommandLine {
  /** Flag values by long name: a string, a boolean, or arrays of them for `multiple` flags. */
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  /** The arguments that are not flags, in order. */
  readonly positionals: readonly string[];
}

/**
 * Parses a command line strictly (unknown flags are refused) with
 * `node:util`'s `parseArgs`. `-h`/`--help` anywhere stops the command: inside
 * {@linkcode runCli} the usage is printed on stdout and the exit code is `0`.
 *
 * @param argv The arguments after the program name.
 * @param options The flags, as for `parseArgs`.
 * @param allowPositionals Whether arguments that are not flags are allowed (default `false`).
 * @returns The values and positionals.
 * @throws {UsageError} For an unknown flag, a missing value, an unexpected argument.
 *
 * @example Parse a port and a switch
 * ```ts
 * import { parseCommandLine } from "@cadasto/core/cli";
 * const { values } = parseCommandLine(["--port", "8080", "--json"], { port: { type: "string" }, json: { type: "boolean" } });
 * console.log(values.port, values.json); // 8080 true
 * ```
 */
export function parseCommandLine(argv: readonly string[], options: CommandLineOptions, allowPositionals = false): CommandLine {
  let parsed: CommandLine;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals,
      options: { ...options, help: { type: "boolean", short: "h" } },
    }) as CommandLine;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help === true) throw helpRequested();
  return parsed;
}
