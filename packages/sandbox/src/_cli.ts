// Internal: the `cadasto-sandbox` command (node only). `cli.ts` runs it with
// the process's streams and signals; tests call runCli() with an AbortSignal.
import { parseArgs } from "node:util";
import { isSandboxError } from "./errors.ts";
import { type SandboxOptions, startSandbox } from "./start_sandbox.ts";

/** Where the command writes, and what stops it. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Aborted on Ctrl-C / SIGTERM: the sandbox closes and runCli resolves. */
  readonly signal: AbortSignal;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage: cadasto-sandbox [options]

Runs a local Cadasto-compatible environment on 127.0.0.1: the SMART
configuration, a real OAuth server (client credentials, JWT access tokens) and
the openEHR template API. Prints the URLs and a client id and secret as
CADASTO_* variables. Ctrl-C stops it.

Options:
  --port <n>             port to listen on (default: a free port)
  --host <host>          loopback host to listen on (default: 127.0.0.1)
  --allow-non-loopback   allow a non-loopback --host (the credentials become reachable from the network)
  --token-ttl <seconds>  access token lifetime (default: 3600)
  --data-dir <dir>       keep uploaded templates in this directory across restarts (default: in memory)
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

class UsageError extends Error {}

/** POSIX shell single-quoting, so pasted values survive any character. */
function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=-]+$/.test(value) ? value : `'${value.replaceAll("'", `'"'"'`)}'`;
}

function parseOptions(argv: readonly string[]): SandboxOptions | "help" {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "allow-non-loopback": { type: "boolean" },
      "token-ttl": { type: "string" },
      "data-dir": { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) return "help";
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

/**
 * Runs the command: starts the sandbox, prints how to use it, and waits for
 * `io.signal` to close it. Resolves with the exit code.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: SandboxOptions | "help";
  try {
    options = parseOptions(argv);
  } catch (error) {
    io.stderr.write(`cadasto-sandbox: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (options === "help") {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  let sb: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sb = await startSandbox(options);
  } catch (error) {
    if (!isSandboxError(error)) throw error;
    io.stderr.write(`cadasto-sandbox: ${error.message}\n`);
    return error.code === "invalid_option" ? EXIT_USAGE : EXIT_FAILED;
  }
  const storage = options.dataDir === undefined ? "in memory (gone when stopped)" : `kept in ${options.dataDir}`;
  io.stdout.write(`Cadasto sandbox running. Ctrl-C to stop.

  auth base URL   ${sb.authBaseUrl}
  discovery       ${sb.authBaseUrl}/.well-known/smart-configuration
  token endpoint  ${sb.tokenEndpoint}
  API base URL    ${sb.apiBaseUrl}
  client id       ${sb.clientId}
  client secret   ${sb.clientSecret}
  templates       ${storage}

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
  return EXIT_OK;
}
