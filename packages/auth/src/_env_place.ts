// Internal: where the `CADASTO_*` variables say the servers are —
// CADASTO_TENANT, CADASTO_ENVIRONMENT, CADASTO_AUTH_URL, CADASTO_API_URL —
// checked once for cadastoFromEnv() and for a connection without sign-in
// (node/connect_from_env.ts).
import { CADASTO_ENVIRONMENTS, type CadastoEnvironment, isCadastoEnvironment, tryParseUrl, urlProblem } from "@cadasto/core";
import { cadastoUrls } from "@cadasto/discovery";

/** The place, each part undefined when not given (or not valid: a problem was reported). */
export interface EnvPlace {
  readonly tenant: string | undefined;
  readonly environment: CadastoEnvironment | undefined;
  readonly authUrl: string | undefined;
  readonly apiUrl: string | undefined;
  /** The tenant's documented URLs, when the tenant (and environment) are valid. */
  readonly urls: { readonly authBaseUrl: string; readonly apiBaseUrl: string } | undefined;
}

/**
 * Reads the place. `needsAuth`: whether an auth server is required (a
 * missing tenant and auth URL is then a problem); without, a missing tenant
 * and API URL is one.
 */
export function readEnvPlace(
  value: (name: string) => string | undefined,
  problem: (variable: string, message: string) => void,
  needsAuth: boolean,
): EnvPlace {
  const tenant = value("CADASTO_TENANT");
  const environment = value("CADASTO_ENVIRONMENT");
  const authUrl = value("CADASTO_AUTH_URL");
  const apiUrl = value("CADASTO_API_URL");
  let urls: EnvPlace["urls"];
  if (environment !== undefined && !isCadastoEnvironment(environment)) {
    problem("CADASTO_ENVIRONMENT", `is "${environment.slice(0, 40)}": use one of ${CADASTO_ENVIRONMENTS.join(", ")}.`);
  } else if (environment !== undefined && tenant === undefined) {
    problem("CADASTO_ENVIRONMENT", "only applies with CADASTO_TENANT: set CADASTO_TENANT, or unset CADASTO_ENVIRONMENT.");
  }
  if (needsAuth && tenant === undefined && authUrl === undefined) {
    problem("CADASTO_TENANT", "is not set: set CADASTO_TENANT (your tenant, e.g. acme) or CADASTO_AUTH_URL.");
  } else if (!needsAuth && tenant === undefined && apiUrl === undefined) {
    problem("CADASTO_API_URL", "is not set: set CADASTO_API_URL, or CADASTO_TENANT (your tenant, e.g. acme).");
  } else if (tenant !== undefined) {
    try {
      urls = cadastoUrls({ tenant, ...(isCadastoEnvironment(environment) ? { environment } : {}) });
    } catch {
      problem("CADASTO_TENANT", "is not a tenant name: one DNS label (letters, digits and hyphens, 1–63 characters).");
    }
  }
  for (const [name, url] of [
    ["CADASTO_AUTH_URL", authUrl],
    ["CADASTO_API_URL", apiUrl],
  ] as const) {
    if (url === undefined) continue;
    const parsed = tryParseUrl(url);
    const why = parsed === undefined ? "is not an absolute URL (https://…)." : urlProblem(parsed)?.message;
    if (why !== undefined) problem(name, why.endsWith(".") ? why : `${why}.`);
  }
  return { tenant, environment: isCadastoEnvironment(environment) ? environment : undefined, authUrl, apiUrl, urls };
}
