// Internal: the `cadasto-openehr` command's client, from flags and the
// environment (the same variables as cadasto-templates): the API base URL
// (given, or discovered), the token endpoint (discovered) and the
// credentials (from the environment only). Node only.
import { clientCredentials } from "@cadasto/auth";
import { CADASTO_ENVIRONMENTS, type CadastoEnvironment, isCadastoEnvironment } from "@cadasto/core";
import { CommandError } from "@cadasto/core/cli";
import { cadastoUrls, discover, openEhrBaseUrl } from "@cadasto/discovery";
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
  const urls = tenant === undefined ? undefined : cadastoUrls({ tenant, ...(environment === undefined ? {} : { environment: environment as CadastoEnvironment }) });
  const authUrl = value(flags.authUrl, "CADASTO_AUTH_URL") ?? urls?.authBaseUrl;
  const givenApiUrl = value(flags.apiUrl, "CADASTO_API_URL");
  // Checked before discovery, so a bad URL is refused before any request.
  if (givenApiUrl !== undefined) createOpenEhrClient({ baseUrl: givenApiUrl });
  if (flags.noAuth) {
    const baseUrl = givenApiUrl ?? urls?.apiBaseUrl;
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
  if (authUrl === undefined) throw fail("no auth server: set CADASTO_TENANT (and CADASTO_ENVIRONMENT), or CADASTO_AUTH_URL (or --tenant / --auth-url).");
  const config = await discover(authUrl);
  const baseUrl = givenApiUrl ?? openEhrBaseUrl(config, urls === undefined ? {} : { fallback: urls.apiBaseUrl });
  const scope = (value(flags.scope, "CADASTO_SCOPE") ?? (writes ? "api.read api.write" : "api.read")).split(/\s+/).filter(Boolean);
  const auth = clientCredentials({ discovery: config, clientId: clientId as string, clientSecret: clientSecret as string, audience: baseUrl, scope });
  return createOpenEhrClient({ baseUrl, auth });
}
