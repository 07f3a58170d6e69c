/**
 * The skeleton every `cadasto-*` command shares (Node only): strict flag
 * parsing with `-h`/`--help`, a usage error that exits with 2, exit codes,
 * the IO type tests pass in, output scrubbed of the command's secrets, and a
 * `runCli` that turns every outcome into an exit code and never throws; and
 * for commands that call the API, the connection flags (`--tenant`,
 * `--api-url`, `--no-auth`, …) with their help text and the connecting
 * itself, written once for every command.
 *
 * Conventions: results on stdout (JSON with `--json`, nothing else on stdout
 * then), messages and errors on stderr as `<name>: <what to do>`; exit codes
 * 0 ok, 1 failed, 2 usage, 130 cancelled; credentials only from the
 * environment, never from flags.
 *
 * @example A command with one flag
 * ```ts
 * import { type CliCommand, parseCommandLine, runMain, UsageError } from "@cadasto/core/cli";
 * const command: CliCommand = {
 *   name: "cadasto-hello",
 *   usage: "Usage: cadasto-hello --name <name> [--json]\n",
 *   run(argv, io) {
 *     const { values } = parseCommandLine(argv, { name: { type: "string" }, json: { type: "boolean" } });
 *     if (typeof values.name !== "string") throw new UsageError("--name is required");
 *     io.stdout.write(values.json ? `${JSON.stringify({ hello: values.name })}\n` : `hello ${values.name}\n`);
 *     return 0;
 *   },
 * };
 * await runMain(command);
 * ```
 *
 * @module
 */

export type { CliInput, CliIo, CliOutput } from "./cli_io.ts";
export { EXIT_CODES, type ExitCode } from "./exit_codes.ts";
export { type CommandLine, type CommandLineOptions, parseCommandLine } from "./parse_command_line.ts";
export { type CliCommand, type RunMainOptions, runCli, runMain } from "./run_cli.ts";
export { envWithFlags } from "./env_with_flags.ts";
export {
  CONNECTION_OPTIONS,
  type ConnectionFlags,
  connectionEnv,
  connectionFlags,
  connectionOptionsHelp,
  connectionSecrets,
  CREDENTIALS_HELP,
} from "./connection_flags.ts";
export { type ConnectWithFlagsOptions, connectWithFlags, type SignInModule } from "./connect_with_flags.ts";
export { importSignIn, type SignInCommand } from "./import_sign_in.ts";
export { CommandError, isCommandError, isUsageError, UsageError } from "./usage_error.ts";
