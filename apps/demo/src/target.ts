import { CADASTO_ENVIRONMENTS, isCadastoEnvironment, redactFields } from "@cadasto/core";
import { cadastoUrls } from "@cadasto/discovery";
import { DemoError } from "./errors.ts";

/** Where the quick start runs: the local sandbox, or a Cadasto tenant named by environment variables. */
export type Target =
  | { readonly kind: "sandbox" }
  | {
      readonly kind: "tenant";
      /** The auth server's base URL (discovery is read from it). */
      readonly authBaseUrl: string;
      /** The openEHR base URL when known without discovery: `CADASTO_API_URL`, else the tenant's documented API host. */
      readonly apiBaseUrl: string | undefined;
      /** Whether `apiBaseUrl` overrides what discovery advertises (`CADASTO_API_URL`) or is only a fallback. */
      readonly apiBaseUrlOverrides: boolean;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly scope: readonly string[];
    };

/**
 * Reads the target from the shared environment variables: with none of
 * `CADASTO_AUTH_URL`, `CADASTO_TENANT`, `CADASTO_CLIENT_ID`,
 * `CADASTO_CLIENT_SECRET` set, the sandbox; otherwise a tenant, which then
 * needs an auth URL or tenant, a client id and a client secret (kept out
 * of `JSON.stringify` and `util.inspect` of the result).
 *
 * @param env The environment, e.g. `process.env`.
 * @returns The target.
 * @throws {DemoError} `missing_env` naming every missing variable, `invalid_env` for a bad environment name or URL.
 */
export function targetFromEnv(env: Readonly<Record<string, string | undefined>>): Target {
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === "" ? undefined : raw;
  };
  const authUrl = value("CADASTO_AUTH_URL");
  const tenant = value("CADASTO_TENANT");
  const clientId = value("CADASTO_CLIENT_ID");
  const clientSecret = value("CADASTO_CLIENT_SECRET");
  if (authUrl === undefined && tenant === undefined && clientId === undefined && clientSecret === undefined) {
    return { kind: "sandbox" };
  }
  const missing = [
    authUrl === undefined && tenant === undefined ? "CADASTO_TENANT (or CADASTO_AUTH_URL)" : undefined,
    clientId === undefined ? "CADASTO_CLIENT_ID" : undefined,
    clientSecret === undefined ? "CADASTO_CLIENT_SECRET" : undefined,
  ].filter((name) => name !== undefined);
  if (missing.length > 0 || clientId === undefined || clientSecret === undefined) {
    throw new DemoError(
      "missing_env",
      `To run the quick start against a Cadasto tenant set ${missing.join(", ")} as well ` +
        "(or unset every CADASTO_* variable to run it against the local sandbox).",
    );
  }
  const environment = value("CADASTO_ENVIRONMENT");
  if (environment !== undefined && !isCadastoEnvironment(environment)) {
    throw new DemoError("invalid_env", `CADASTO_ENVIRONMENT is "${environment}": use one of ${CADASTO_ENVIRONMENTS.join(", ")}.`);
  }
  let fromTenant: { authBaseUrl: string; apiBaseUrl: string } | undefined;
  try {
    fromTenant =
      tenant === undefined
        ? undefined
        : cadastoUrls(environment === undefined ? { tenant } : { tenant, environment });
  } catch (error) {
    throw new DemoError("invalid_env", `CADASTO_TENANT is not usable: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const apiUrl = value("CADASTO_API_URL");
  for (const [name, url] of [
    ["CADASTO_AUTH_URL", authUrl],
    ["CADASTO_API_URL", apiUrl],
  ] as const) {
    if (url !== undefined && !URL.canParse(url)) {
      throw new DemoError("invalid_env", `${name} is not an absolute URL: "${url}".`);
    }
  }
  return redactFields({
    kind: "tenant" as const,
    authBaseUrl: authUrl ?? (fromTenant as { authBaseUrl: string }).authBaseUrl,
    apiBaseUrl: apiUrl ?? fromTenant?.apiBaseUrl,
    apiBaseUrlOverrides: apiUrl !== undefined,
    clientId,
    clientSecret,
    scope: (value("CADASTO_SCOPE") ?? "api.read api.write").split(/\s+/),
  }, ["clientSecret"]);
}
