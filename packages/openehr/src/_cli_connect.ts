// Internal: the `cadasto-openehr` command's client, from flags over the
// CADASTO_* variables (the same as cadasto-templates) through
// @cadasto/auth/node's connectFromEnv(): the one parser every entry point
// shares (secret files, private_key_jwt keys, every problem named at once),
// discoverEndpoints(), then client credentials for the API.
//
// @cadasto/auth and @cadasto/discovery are optional peers of this package:
// only the command signs in, so the library does not install them.
// importSignIn() loads them when needed and says what to install when absent.
import { envWithFlags, importSignIn } from "@cadasto/core/cli";
import type { ConnectionFlags } from "./_cli_args.ts";
import { createOpenEhrClient, type OpenEhrClient } from "./open_ehr_client.ts";

/** The client for this run; `writes` asks for api.write by default. */
export async function connect(
  flags: ConnectionFlags,
  env: Readonly<Record<string, string | undefined>>,
  writes: boolean,
): Promise<OpenEhrClient> {
  const vars = envWithFlags(env, {
    CADASTO_TENANT: flags.tenant,
    CADASTO_ENVIRONMENT: flags.environment,
    CADASTO_AUTH_URL: flags.authUrl,
    CADASTO_API_URL: flags.apiUrl,
    CADASTO_SCOPE: flags.scope,
  });
  const apiUrl = vars.CADASTO_API_URL?.trim() || undefined;
  // Checked first, so a bad URL is refused before any request, in the client's words.
  if (apiUrl !== undefined) createOpenEhrClient({ baseUrl: apiUrl });
  // Without sign-in and with an API URL, the optional peers are not needed.
  if (flags.noAuth && apiUrl !== undefined) return createOpenEhrClient({ baseUrl: apiUrl });
  const { connectFromEnv } = await importSignIn(() => import("@cadasto/auth/node"), {
    command: "cadasto-openehr",
    library: "@cadasto/openehr",
  });
  const { apiBaseUrl, auth } = await connectFromEnv(vars, {
    signIn: !flags.noAuth,
    defaultScope: writes ? ["api.read", "api.write"] : ["api.read"],
  });
  return createOpenEhrClient(auth === undefined ? { baseUrl: apiBaseUrl } : { baseUrl: apiBaseUrl, auth });
}
