// Internal: connecting for `cadasto-templates` (node only): flags over the
// CADASTO_* variables, then @cadasto/auth/node's connectFromEnv() (the one
// parser every entry point shares: secret files, private_key_jwt keys, every
// problem named at once) → discovery → a templates client with client credentials.
//
// @cadasto/auth and @cadasto/discovery are optional peers of this package:
// only the command signs in, so the library does not install them.
// importSignIn() loads them when needed and says what to install when absent.
import { envWithFlags, importSignIn } from "@cadasto/core/cli";
import type { Flags } from "./_cli_args.ts";
import { isTemplatesClientError } from "./client_errors.ts";
import { createTemplatesClient, type TemplatesClient } from "./templates_client.ts";

/** A configuration problem found before any request (exit 1, the message says what to set). */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

type Env = Readonly<Record<string, string | undefined>>;

/** The client, from flags and the environment: base URL, token endpoint (discovered) and credentials. */
export async function connect(flags: Flags, env: Env, writes: boolean): Promise<TemplatesClient> {
  const vars = envWithFlags(env, {
    CADASTO_TENANT: flags.tenant,
    CADASTO_ENVIRONMENT: flags.environment,
    CADASTO_AUTH_URL: flags["auth-url"],
    CADASTO_API_URL: flags["api-url"],
    CADASTO_SCOPE: flags.scope,
  });
  const apiField = flags["api-url"] === undefined ? "CADASTO_API_URL" : "--api-url";
  const apiUrl = vars.CADASTO_API_URL?.trim() || undefined;
  // Checked first, so a bad URL is refused before any request, in the client's words and naming the flag.
  if (apiUrl !== undefined) client(apiField, { baseUrl: apiUrl });
  // Without sign-in and with an API URL, the optional peers are not needed.
  if (flags["no-auth"] && apiUrl !== undefined) return client(apiField, { baseUrl: apiUrl });
  const { connectFromEnv } = await importSignIn(() => import("@cadasto/auth/node"), {
    command: "cadasto-templates",
    library: "@cadasto/templates",
  });
  const { apiBaseUrl, auth } = await connectFromEnv(vars, {
    signIn: !flags["no-auth"],
    defaultScope: writes ? ["api.read", "api.write"] : ["api.read"],
  });
  return client(apiField, auth === undefined ? { baseUrl: apiBaseUrl } : { baseUrl: apiBaseUrl, auth });
}

/** The client; a refused base URL names the variable or flag it came from. */
function client(field: string, options: Parameters<typeof createTemplatesClient>[0]): TemplatesClient {
  try {
    return createTemplatesClient(options);
  } catch (error) {
    if (isTemplatesClientError(error) && error.code === "invalid_base_url") {
      throw new ConfigError(error.message.replace(/^baseUrl\b/, field));
    }
    throw error;
  }
}
