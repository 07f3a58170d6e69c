// Internal: the `cadasto-templates` command (node only) on @cadasto/core/cli:
// parsing (_cli_args.ts), connecting (_cli_connect.ts), the commands
// (_cli_commands.ts). `cli.ts` runs it; tests drive the built `dist/cli.js`.
import { errorBrand } from "@cadasto/core";
import { type CliCommand, type CliIo, connectionSecrets, isCommandError } from "@cadasto/core/cli";
import { parseInvocation, USAGE } from "./_cli_args.ts";
import { ConfigError } from "./_cli_connect.ts";
import { runCommand } from "./_cli_commands.ts";
import { isTemplateIdError } from "./errors.ts";
import { isOptError } from "./read_opt_metadata.ts";
import { isTemplatesApiError, isTemplatesClientError } from "./client_errors.ts";

// The errors of the optional peers, recognised by their brands (no import of the packages).
const AUTH_ERROR = errorBrand("AuthError");
const DISCOVERY_ERROR = errorBrand("DiscoveryError");

/** One line saying what went wrong, from any of the SDK's typed errors. */
function describe(error: unknown): string {
  const ours =
    isTemplatesApiError(error) ||
    isTemplatesClientError(error) ||
    isOptError(error) ||
    isTemplateIdError(error) ||
    AUTH_ERROR.is(error) ||
    DISCOVERY_ERROR.is(error) ||
    error instanceof ConfigError;
  if (ours) return (error as Error).message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export const command: CliCommand = {
  name: "cadasto-templates",
  usage: USAGE,
  // Whatever goes out is scrubbed of the client secret in every form it is sent in.
  secrets: (io) => connectionSecrets(io.env ?? {}),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const invocation = parseInvocation(argv);
    const env = io.env ?? {};
    try {
      return await runCommand(invocation, { stdout: io.stdout, stderr: io.stderr, env }, describe);
    } catch (error) {
      // A CommandError (optional peers not installed) carries its whole message: runCli prints it.
      if (isCommandError(error)) throw error;
      const hint =
        invocation.connection.noAuth && isTemplatesApiError(error) && error.status === 401
          ? "\nThe command ran with --no-auth: drop it and set CADASTO_CLIENT_ID and CADASTO_CLIENT_SECRET."
          : "";
      io.stderr.write(`cadasto-templates: ${describe(error)}${hint}\n`);
      return 1;
    }
  },
  describeError: describe,
};
