// Internal: the `cadasto-openehr` command's client, from flags and the
// environment (the same variables as cadasto-templates): the API base URL
// (given, or discovered), the token endpoint (discovered with
// discoverEndpoints()) and the credentials (from the environment only).
//
// @cadasto/auth and @cadasto/discovery are optional peers of this package:
// only the command signs in, so the library does not install them. They are
// imported here, when needed, and their absence is a message saying what to install.
import type * as Auth from "@cadasto/auth";
import { CADASTO_ENVIRONMENTS, isCadastoEnvironment } from "@cadasto/core";
import { CommandError } from "@cadasto/core/cli";
import type * as Discovery from "@cadasto/discovery";
import type { ConnectionFlags } from "./_cli_args.ts";
import { createOpenEhrClient, type OpenEhrClient } from "./open_ehr_client.ts";

const fail = (message: string) => new CommandError(`cadasto-openehr: ${message}`);

/** The client for this run; `writes` asks for api.write by default. */
export async function connect(flags: ConnectionFlags, env: Readonly<Record<string, string | undefined>>, writes: boolean): Promise<OpenEhrClient> {
  const value = (flag: string | undefined, name: string) => flag ?? (env[name]?.trim() || undefined);
  const environment = value(flags.environment, "CADASTO_ENVIRONMENT");
  if (environment !== undefined && !isCadastoEnvironment(environment)) {
    throw fail(`environment "${environment}" is unknown: use ${CADASTO_ENVIRONMENTS.join(", ")} (--environment or CADASTO_ENVIRONMENT).`);
  }
  const tenant = value(flags.tenant, "CADASTO_TENANT");
  const apiBaseUrl = value(flags.apiUrl, "CADASTO_API_URL");
  // Checked before discovery, so a bad URL is refused before any request.
  if (apiBaseUrl !== undefined) createOpenEhrClient({ baseUrl: apiBaseUrl });
  const where = { tenant, environment, apiBaseUrl, authBaseUrl: value(flags.authUrl, "CADASTO_AUTH_URL") };
  if (flags.noAuth) {
    const baseUrl = apiBaseUrl ?? (tenant === undefined ? undefined : (await peers()).discovery.cadastoUrls({ tenant, ...(environment === undefined ? {} : { environment }) }).apiBaseUrl);
    if (baseUrl === undefined) throw fail("no API URL: set CADASTO_API_URL (or --api-url), or CADASTO_TENANT.");
    return createOpenEhrClient({ baseUrl });
  }
  const clientId = env.CADASTO_CLIENT_ID?.trim();
  const clientSecret = env.CADASTO_CLIENT_SECRET;
  const missing = [clientId ? undefined : "CADASTO_CLIENT_ID", clientSecret ? undefined : "CADASTO_CLIENT_SECRET"].filter(Boolean);
  if (missing.length > 0) {
    throw fail(
      `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set: export the client credentials Cadasto issued for this pipeline (or pass --no-auth for a server without authentication).`,
    );
  }
  const { auth, discovery } = await peers();
  const endpoints = await discovery.discoverEndpoints(where);
  const scope = (value(flags.scope, "CADASTO_SCOPE") ?? (writes ? "api.read api.write" : "api.read")).split(/\s+/).filter(Boolean);
  const tokens = auth.clientCredentials({
    discovery: endpoints.configuration,
    clientId: clientId as string,
    clientSecret: clientSecret as string,
    audience: endpoints.apiBaseUrl,
    scope,
  });
  return createOpenEhrClient({ baseUrl: endpoints.apiBaseUrl, auth: tokens });
}

/** The optional peers, or a message saying to install them. */
async function peers(): Promise<{ auth: typeof Auth; discovery: typeof Discovery }> {
  try {
    const [auth, discovery] = await Promise.all([import("@cadasto/auth"), import("@cadasto/discovery")]);
    return { auth, discovery };
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw fail(
      "signing in needs @cadasto/auth and @cadasto/discovery next to @cadasto/openehr: npm install @cadasto/auth @cadasto/discovery (or pass --no-auth with CADASTO_API_URL for a server without authentication).",
    );
  }
}
