// Internal: connecting for `cadasto-templates` (node only): the connection
// flags over the CADASTO_* variables, then @cadasto/auth/node's
// connectFromEnv() (the one parser every entry point shares: secret files,
// private_key_jwt keys, every problem named at once) → discovery → a
// templates client with client credentials; connectWithFlags() of
// @cadasto/core/cli does it the same for every command.
//
// @cadasto/auth and @cadasto/discovery are optional peers of this package:
// only the command signs in, so the library does not install them.
import { type ConnectionFlags, connectWithFlags } from "@cadasto/core/cli";
import { isTemplatesClientError } from "./client_errors.ts";
import { createTemplatesClient, type TemplatesClient } from "./templates_client.ts";

/** A configuration problem found before any request (exit 1, the message says what to set). */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

type Env = Readonly<Record<string, string | undefined>>;

/** The client, from the connection flags and the environment: base URL, token endpoint (discovered) and credentials. */
export function connect(flags: ConnectionFlags, env: Env, writes: boolean): Promise<TemplatesClient> {
  const apiField = flags.apiUrl === undefined ? "CADASTO_API_URL" : "--api-url";
  return connectWithFlags(flags, env, {
    where: { command: "cadasto-templates", library: "@cadasto/templates" },
    load: () => import("@cadasto/auth/node"),
    client: (options) => client(apiField, options),
    writes,
  });
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
