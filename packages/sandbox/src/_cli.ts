// Internal: the `cadasto-sandbox` command (node only), on @cadasto/core/cli.
// `cli.ts` runs it with the process's streams and signals; tests call runCli()
// with an AbortSignal.
import {
  type CliCommand,
  type CliIo as CoreCliIo,
  CommandError,
  EXIT_CODES,
  parseCommandLine,
  runCli as runCommand,
  UsageError,
} from "@cadasto/core/cli";
import { endpointSummary } from "./_clinical_api.ts";
import { TEMPLATES_PATH } from "./_templates_api.ts";
import { isSandboxError } from "./errors.ts";
import { type SandboxOptions, startSandbox } from "./start_sandbox.ts";

/** Where the command writes, and what stops it. */
export interface CliIo extends CoreCliIo {
  /** Aborted on Ctrl-C / SIGTERM: the sandbox closes and runCli resolves. */
  readonly signal: AbortSignal;
}

const USAGE = `Usage: cadasto-sandbox [options]

Runs a local Cadasto-compatible environment on 127.0.0.1: the SMART
configuration, a real OAuth server (client credentials, JWT access tokens) and
the openEHR REST API (templates, EHRs, compositions, contributions, AQL).
Prints the URLs, the endpoints and a client id and secret as CADASTO_*
variables. Ctrl-C stops it.

Options:
  --port <n>             port to listen on (default: a free port)
  --host <host>          loopback host to listen on (default: 127.0.0.1)
  --allow-non-loopback   allow a non-loopback --host (the credentials become reachable from the network)
  --token-ttl <seconds>  access token lifetime (default: 3600)
  --data-dir <dir>       keep templates and clinical data in this directory across restarts (default: in memory)
  --client-id <id>       the client id (default: generated)
  --client-secret <s>    the client secret (default: generated; needs --client-id)
  -h, --help             show this help

Exit codes: 0 stopped (Ctrl-C), 1 could not start (e.g. the port is in use), 2 usage error, 130 a second Ctrl-C while closing.
Docs: https://cadasto.github.io/openehr-sdk-ts/reference/commands#cadasto-sandbox
`;

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

/** POSIX shell single-quoting, so pasted values survive any character. */
function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=-]+$/.test(value) ? value : `'${value.replaceAll("'", `'"'"'`)}'`;
}

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  "allow-non-loopback": { type: "boolean" },
  "token-ttl": { type: "string" },
  "data-dir": { type: "string" },
  "client-id": { type: "string" },
  "client-secret": { type: "string" },
} as const;

function parseOptions(argv: readonly string[]): SandboxOptions {
  const { values } = parseCommandLine(argv, OPTIONS);
  const options: SandboxOptions = {};
  const port = integer("port", values.port);
  if (port !== undefined) options.port = port;
  const ttl = integer("token-ttl", values["token-ttl"]);
  if (ttl !== undefined) options.tokenTtlSeconds = ttl;
  if (values.host !== undefined) options.host = values.host;
  if (values["allow-non-loopback"] === true) options.allowNonLoopback = true;
  if (values["data-dir"] !== undefined) options.dataDir = values["data-dir"];
  const clientId = values["client-id"];
  const clientSecret = values["client-secret"];
  if (clientSecret !== undefined && clientId === undefined) {
    throw new UsageError("--client-secret needs --client-id");
  }
  if (clientId !== undefined) {
    options.clients = [{ clientId, clientSecret: clientSecret ?? crypto.randomUUID().replaceAll("-", "") }];
  }
  return options;
}

/** Starts the sandbox, prints how to use it, and waits for `io.signal` to close it. */
async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(argv);
  let sb: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sb = await startSandbox(options);
  } catch (error) {
    if (!isSandboxError(error)) throw error;
    if (error.code === "invalid_option") throw new UsageError(error.message);
    throw new CommandError(`cadasto-sandbox: ${error.message}`, { exitCode: EXIT_CODES.failed, cause: error });
  }
  const storage = options.dataDir === undefined ? "in memory (gone when stopped)" : `kept in ${options.dataDir}`;
  io.stdout.write(`Cadasto sandbox running. Ctrl-C to stop.

  auth base URL   ${sb.authBaseUrl}
  discovery       ${sb.authBaseUrl}/.well-known/smart-configuration
  token endpoint  ${sb.tokenEndpoint}
  API base URL    ${sb.apiBaseUrl}
  client id       ${sb.clientId}
  client secret   ${sb.clientSecret}
  data            ${storage}

openEHR endpoints under the API base URL (reads need api.read, writes api.write):

${endpointSummary(TEMPLATES_PATH)}

Paste into your shell (test credentials for this sandbox only):

export CADASTO_AUTH_URL=${shellQuote(sb.authBaseUrl)}
export CADASTO_API_URL=${shellQuote(sb.apiBaseUrl)}
export CADASTO_CLIENT_ID=${shellQuote(sb.clientId)}
export CADASTO_CLIENT_SECRET=${shellQuote(sb.clientSecret)}
export CADASTO_SCOPE='api.read api.write'

Get a token:

curl -s -u "$CADASTO_CLIENT_ID:$CADASTO_CLIENT_SECRET" -d grant_type=client_credentials -d "audience=$CADASTO_API_URL" ${sb.tokenEndpoint}
`);
  if (!io.signal.aborted) {
    await new Promise<void>((resolve) => io.signal.addEventListener("abort", () => resolve(), { once: true }));
  }
  await sb.close();
  io.stdout.write("Sandbox stopped.\n");
  return EXIT_CODES.ok;
}

/** The `cadasto-sandbox` command. */
export const command: CliCommand<CliIo> = { name: "cadasto-sandbox", usage: USAGE, run };

/**
 * Runs the command (see `runCli` in `@cadasto/core/cli`: never throws):
 * exit 0 when stopped, 1 when it cannot listen, 2 for a usage error.
 */
export function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(command, argv, io);
}
