// Internal: connecting for `cadasto-templates` (node only): flags and
// CADASTO_* variables → discovery of the token endpoint and API URL →
// a templates client with client credentials.
//
// @cadasto/auth and @cadasto/discovery are optional peers of this package:
// only the command signs in, so the library does not install them. They are
// imported here, when needed, and their absence is a message saying what to
// install.
import type * as Auth from "@cadasto/auth";
import { CADASTO_ENVIRONMENTS, type CadastoEnvironment, isCadastoEnvironment } from "@cadasto/core";
import type * as Discovery from "@cadasto/discovery";
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
  const value = (flag: string | undefined, name: string) => flag ?? (env[name]?.trim() || undefined);
  const environment = value(flags.environment, "CADASTO_ENVIRONMENT");
  if (environment !== undefined && !isCadastoEnvironment(environment)) {
    throw new ConfigError(
      `environment "${environment}" is unknown: use ${CADASTO_ENVIRONMENTS.join(", ")} (--environment or CADASTO_ENVIRONMENT).`,
    );
  }
  const tenant = value(flags.tenant, "CADASTO_TENANT");
  const apiField = flags["api-url"] === undefined ? "CADASTO_API_URL" : "--api-url";
  const apiUrl = value(flags["api-url"], "CADASTO_API_URL");
  // Checked before discovery, so a bad URL is refused before any request.
  if (apiUrl !== undefined) client(apiField, { baseUrl: apiUrl });
  if (flags["no-auth"]) {
    const baseUrl = apiUrl ?? (tenant === undefined ? undefined : (await peers()).discovery.cadastoUrls(cadasto(tenant, environment)).apiBaseUrl);
    if (baseUrl === undefined) throw new ConfigError("no API URL: set CADASTO_API_URL (or --api-url), or CADASTO_TENANT.");
    return client(apiField, { baseUrl });
  }
  const clientId = env.CADASTO_CLIENT_ID?.trim();
  const clientSecret = env.CADASTO_CLIENT_SECRET;
  const missing = [clientId ? undefined : "CADASTO_CLIENT_ID", clientSecret ? undefined : "CADASTO_CLIENT_SECRET"].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigError(
      `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set: export the client credentials Cadasto issued for this pipeline (or pass --no-auth for a server without authentication).`,
    );
  }
  const { auth, discovery } = await peers();
  const urls = tenant === undefined ? undefined : discovery.cadastoUrls(cadasto(tenant, environment));
  const authUrl = value(flags["auth-url"], "CADASTO_AUTH_URL") ?? urls?.authBaseUrl;
  if (authUrl === undefined) {
    throw new ConfigError("no auth server: set CADASTO_TENANT (and CADASTO_ENVIRONMENT), or CADASTO_AUTH_URL (or --tenant / --auth-url).");
  }
  const config = await discovery.discover(authUrl);
  const baseUrl = apiUrl ?? discovery.openEhrBaseUrl(config, urls === undefined ? {} : { fallback: urls.apiBaseUrl });
  const scope = (value(flags.scope, "CADASTO_SCOPE") ?? (writes ? "api.read api.write" : "api.read")).split(/\s+/).filter(Boolean);
  const tokens = auth.clientCredentials({
    discovery: config,
    clientId: clientId as string,
    clientSecret: clientSecret as string,
    audience: baseUrl,
    scope,
  });
  return client(apiField, { baseUrl, auth: tokens });
}

function cadasto(tenant: string, environment: string | undefined): Discovery.CadastoUrlsOptions {
  return { tenant, ...(environment === undefined ? {} : { environment: environment as CadastoEnvironment }) };
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

/** The optional peers, or a message saying to install them. */
async function peers(): Promise<{ auth: typeof Auth; discovery: typeof Discovery }> {
  try {
    const [auth, discovery] = await Promise.all([import("@cadasto/auth"), import("@cadasto/discovery")]);
    return { auth, discovery };
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new ConfigError(
      "signing in needs @cadasto/auth and @cadasto/discovery next to @cadasto/templates: npm install @cadasto/auth @cadasto/discovery (or pass --no-auth with CADASTO_API_URL for a server without authentication).",
    );
  }
}
