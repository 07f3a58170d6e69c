import { readFileSync, statSync } from "node:fs";
import type { Secret } from "../scrubber.ts";
import { envWithFlags } from "./env_with_flags.ts";
import { UsageError } from "./usage_error.ts";

/**
 * The flags every `cadasto-*` command that calls the API takes, as
 * {@linkcode parseCommandLine} options: spread them into the command's own.
 * `--client-id` and `--client-secret` are parsed only to be refused by
 * {@linkcode connectionFlags} (credentials come from the environment).
 *
 * @example A command's options
 * ```ts
 * import { CONNECTION_OPTIONS, parseCommandLine } from "@cadasto/core/cli";
 * const options = { ...CONNECTION_OPTIONS, json: { type: "boolean" } } as const;
 * const { values } = parseCommandLine(["list", "--tenant", "acme", "--json"], options, true);
 * console.log(values.tenant, values.json); // acme true
 * ```
 */
export const CONNECTION_OPTIONS: {
  readonly "api-url": { readonly type: "string" };
  readonly "auth-url": { readonly type: "string" };
  readonly tenant: { readonly type: "string" };
  readonly environment: { readonly type: "string" };
  readonly scope: { readonly type: "string" };
  readonly "no-auth": { readonly type: "boolean" };
  readonly "client-id": { readonly type: "string" };
  readonly "client-secret": { readonly type: "string" };
} = Object.freeze({
  "api-url": { type: "string" },
  "auth-url": { type: "string" },
  tenant: { type: "string" },
  environment: { type: "string" },
  scope: { type: "string" },
  "no-auth": { type: "boolean" },
  // Refused on purpose, with a message: secrets do not belong in arguments.
  "client-id": { type: "string" },
  "client-secret": { type: "string" },
});

/**
 * The connection flags of one call, from {@linkcode connectionFlags}; each
 * one given overrides its `CADASTO_*` variable ({@linkcode connectionEnv}).
 *
 * @example Connect to a local server without sign-in
 * ```ts
 * import type { ConnectionFlags } from "@cadasto/core/cli";
 * const flags: ConnectionFlags = { apiUrl: "http://127.0.0.1:8080/openehr/v1", noAuth: true };
 * console.log(flags.noAuth);
 * ```
 */
export interface ConnectionFlags {
  /** `--api-url`: the openEHR API base URL (`CADASTO_API_URL`). */
  readonly apiUrl?: string | undefined;
  /** `--auth-url`: the auth server base URL (`CADASTO_AUTH_URL`). */
  readonly authUrl?: string | undefined;
  /** `--tenant` (`CADASTO_TENANT`). */
  readonly tenant?: string | undefined;
  /** `--environment`: production, acceptation or development (`CADASTO_ENVIRONMENT`). */
  readonly environment?: string | undefined;
  /** `--scope`: space-separated scopes (`CADASTO_SCOPE`). */
  readonly scope?: string | undefined;
  /** `--no-auth`: send no token (a server without authentication). */
  readonly noAuth: boolean;
}

/**
 * The connection flags from a command line parsed with
 * {@linkcode CONNECTION_OPTIONS}, refusing credentials given as arguments
 * (they would land in shell history and process lists).
 *
 * @param values `parseCommandLine(...).values`.
 * @returns The connection flags.
 * @throws {UsageError} When `--client-id` or `--client-secret` is given; the message does not repeat the value.
 *
 * @example Read them after parsing
 * ```ts
 * import { CONNECTION_OPTIONS, connectionFlags, parseCommandLine } from "@cadasto/core/cli";
 * const { values } = parseCommandLine(["--tenant", "acme", "--no-auth"], CONNECTION_OPTIONS);
 * console.log(connectionFlags(values)); // { apiUrl: undefined, authUrl: undefined, tenant: "acme", …, noAuth: true }
 * ```
 */
export function connectionFlags(values: Readonly<Record<string, unknown>>): ConnectionFlags {
  if (values["client-id"] !== undefined || values["client-secret"] !== undefined) {
    throw new UsageError(
      "credentials are read from the environment only (CADASTO_CLIENT_ID, CADASTO_CLIENT_SECRET), never from arguments: arguments land in shell history and process lists",
    );
  }
  const text = (name: string): string | undefined => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  return {
    apiUrl: text("api-url"),
    authUrl: text("auth-url"),
    tenant: text("tenant"),
    environment: text("environment"),
    scope: text("scope"),
    noAuth: values["no-auth"] === true,
  };
}

/**
 * The environment with the connection flags over the `CADASTO_*` variables
 * they set (`--tenant` over `CADASTO_TENANT`, …), for `@cadasto/auth/node`'s
 * `connectFromEnv()`.
 *
 * @param env The process's variables.
 * @param flags The connection flags.
 * @returns A new record; `env` is not changed.
 *
 * @example --tenant over CADASTO_TENANT
 * ```ts
 * import { connectionEnv } from "@cadasto/core/cli";
 * console.log(connectionEnv({ CADASTO_TENANT: "acme" }, { tenant: "beta", noAuth: false }).CADASTO_TENANT); // beta
 * ```
 */
export function connectionEnv(
  env: Readonly<Record<string, string | undefined>>,
  flags: ConnectionFlags,
): Record<string, string | undefined> {
  return envWithFlags(env, {
    CADASTO_TENANT: flags.tenant,
    CADASTO_ENVIRONMENT: flags.environment,
    CADASTO_AUTH_URL: flags.authUrl,
    CADASTO_API_URL: flags.apiUrl,
    CADASTO_SCOPE: flags.scope,
  });
}

/**
 * The client secret in the environment (`CADASTO_CLIENT_SECRET`, or the
 * contents of the file `CADASTO_CLIENT_SECRET_FILE` names, read now; with its
 * client id for the HTTP Basic form; all trimmed, as they are sent), for a
 * command's {@linkcode CliCommand.secrets}: none when neither is set (or the
 * file cannot be read: the command then reports that itself). Only a regular
 * file of at most 64 KiB is read here; a pipe is left unread for
 * `@cadasto/auth/node`, and a secret that rotates while the command runs is
 * scrubbed by auth's own errors, not here.
 *
 * @param env The command's environment.
 * @returns The secrets to scrub from the command's output.
 *
 * @example A command's secrets
 * ```ts
 * import { type CliCommand, connectionSecrets } from "@cadasto/core/cli";
 * const secrets: CliCommand["secrets"] = (io) => connectionSecrets(io.env ?? {});
 * console.log(secrets?.({ stdout: process.stdout, stderr: process.stderr, env: { CADASTO_CLIENT_SECRET: "s3cr3t" } }).length); // 1
 * ```
 */
export function connectionSecrets(env: Readonly<Record<string, string | undefined>>): Secret[] {
  // Trimmed, as `@cadasto/auth` sends them; the trimmed forms also cover the raw value.
  const secret = env.CADASTO_CLIENT_SECRET?.trim() || secretFromFile(env.CADASTO_CLIENT_SECRET_FILE?.trim());
  return secret === undefined || secret === "" ? [] : [{ secret, clientId: env.CADASTO_CLIENT_ID?.trim() }];
}

/** A client secret file larger than this is not read for scrubbing (a secret is far smaller). */
const SECRET_FILE_MAX_BYTES = 64 * 1024;

/**
 * The secret file's contents as `@cadasto/auth/node` sends them (trimmed);
 * `undefined` when unset, unreadable, too large or not a regular file: a pipe
 * (`<(pass show …)`, `/dev/stdin`) is left for auth's one read, since reading
 * it here would empty it (and a pipe without a writer would block `--help`).
 */
function secretFromFile(path: string | undefined): string | undefined {
  if (!path) return undefined;
  try {
    const stats = statSync(path);
    if (!stats.isFile() || stats.size > SECRET_FILE_MAX_BYTES) return undefined;
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
}

/**
 * The help lines of the connection flags, for the command's `Options:`
 * section (indented two spaces, descriptions in column 36; no final line
 * break). `--client-id`/`--client-secret` are not listed: see
 * {@linkcode CREDENTIALS_HELP}.
 *
 * @param writes What the command does that needs `api.write`, e.g. `"upload"`: the `--scope` line ends "plus api.write to upload".
 * @returns The lines, joined with line breaks.
 *
 * @example A usage text
 * ```ts
 * import { connectionOptionsHelp, CREDENTIALS_HELP } from "@cadasto/core/cli";
 * const usage = `Usage: cadasto-hello [options]
 *
 * Options:
 * ${connectionOptionsHelp("write")}
 *   -h, --help                       this help
 *
 * ${CREDENTIALS_HELP}
 * `;
 * console.log(usage);
 * ```
 */
export function connectionOptionsHelp(writes: string): string {
  return [
    "  --api-url <url>                  openEHR API base URL (default: CADASTO_API_URL, else discovered)",
    "  --auth-url <url>                 auth server base URL (default: CADASTO_AUTH_URL, else from the tenant)",
    "  --tenant <name>                  Cadasto tenant (default: CADASTO_TENANT)",
    "  --environment <name>             production, acceptation or development (default: CADASTO_ENVIRONMENT, else production)",
    `  --scope <scopes>                 space-separated scopes (default: CADASTO_SCOPE, else api.read, plus api.write to ${writes})`,
    "  --no-auth                        send no token (a local openEHR server without authentication)",
  ].join("\n");
}

/**
 * The help paragraph on where credentials come from (the environment only,
 * every `CADASTO_*` credential variable) and that signing in needs the
 * optional peers `@cadasto/auth` and `@cadasto/discovery`, for a command's
 * usage text; no final line break, so a command may continue the paragraph.
 *
 * @example Print it
 * ```ts
 * import { CREDENTIALS_HELP } from "@cadasto/core/cli";
 * console.log(CREDENTIALS_HELP);
 * ```
 */
export const CREDENTIALS_HELP: string = `Credentials come from the environment only, never from arguments (they would
land in shell history): CADASTO_CLIENT_ID and CADASTO_CLIENT_SECRET, or
CADASTO_CLIENT_SECRET_FILE (a mounted secret file), or CADASTO_PRIVATE_KEY_FILE
(private_key_jwt, with CADASTO_KEY_ID / CADASTO_KEY_ALGORITHM when needed). Signing
in needs @cadasto/auth and @cadasto/discovery installed next to this package.`;
