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
 * What {@linkcode parseCommandLine} returns for the flags `O`: `values`
 * typed from the options (a string, a boolean, or arrays of them for
 * `multiple` flags), and the `positionals`.
 *
 * @example
 * ```ts
 * import { type CommandLine, parseCommandLine } from "@cadasto/core/cli";
 * const options = { json: { type: "boolean" } } as const;
 * const line: CommandLine<typeof options> = parseCommandLine(["list", "--json"], options, true);
 * console.log(line.values.json, line.positionals[0]);
 * ```
 */
export type CommandLine<O extends CommandLineOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>
>;

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
export function parseCommandLine<const O extends CommandLineOptions>(
  argv: readonly string[],
  options: O,
  allowPositionals = false,
): CommandLine<O> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals,
      options: { ...options, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help === true) throw helpRequested();
  delete parsed.values.help;
  return parsed as CommandLine<O>;
}
