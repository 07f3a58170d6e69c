import { discoverEndpoints } from "@cadasto/discovery";
import { readEnvPlace } from "../_env_place.ts";
import { CadastoEnvError, type CadastoEnvProblem } from "../cadasto_env_error.ts";
import { clientCredentials } from "../client_credentials.ts";
import type { TokenSource } from "../token_source.ts";
import { cadastoFromEnv } from "./cadasto_from_env.ts";

/**
 * Options of {@linkcode connectFromEnv}.
 *
 * @example Read-only by default, write when asked
 * ```ts
 * import type { ConnectFromEnvOptions } from "@cadasto/auth/node";
 * const writes = process.argv.includes("upload");
 * const options: ConnectFromEnvOptions = { defaultScope: writes ? ["api.read", "api.write"] : ["api.read"] };
 * console.log(options.defaultScope);
 * ```
 */
export interface ConnectFromEnvOptions {
  /** The scopes asked for when `CADASTO_SCOPE` is not set; default: the client's default scopes. */
  readonly defaultScope?: readonly string[] | undefined;
  /** `false`: no sign-in (a server without authentication): only the API base URL, no credential is read. Default `true`. */
  readonly signIn?: boolean | undefined;
}

/**
 * Where the API is and how to get its tokens, from {@linkcode connectFromEnv}.
 *
 * @example Hand it to a client
 * ```ts
 * import { type CadastoConnection, connectFromEnv } from "@cadasto/auth/node";
 * const { apiBaseUrl, auth }: CadastoConnection = await connectFromEnv();
 * console.log(apiBaseUrl, auth !== undefined);
 * ```
 */
export interface CadastoConnection {
  /** The openEHR API base URL: `CADASTO_API_URL`, else what discovery advertises, else the tenant's documented URL. */
  readonly apiBaseUrl: string;
  /** The token source for the API (audience `apiBaseUrl`); undefined with `signIn: false`. */
  readonly auth: TokenSource | undefined;
}

/**
 * Connects from the `CADASTO_*` variables in one step, the way every
 * `cadasto-*` command does: `cadastoFromEnv()` (Node: secret and key files
 * read on each token request), `discoverEndpoints()`, then
 * `clientCredentials()` for the API. With `signIn: false` it reads only
 * `CADASTO_API_URL` or `CADASTO_TENANT` (and `CADASTO_ENVIRONMENT`) and
 * makes no request.
 *
 * @param env The variables; default `process.env`.
 * @param options `defaultScope` when `CADASTO_SCOPE` is unset; `signIn: false` for a server without authentication.
 * @returns The API base URL and its token source.
 * @throws {CadastoEnvError} Listing every problem with the variables, each by name, before any request.
 * @throws {DiscoveryError} When discovery fails (see `discoverEndpoints()`).
 *
 * @example A job configured by its environment
 * ```ts
 * import { connectFromEnv } from "@cadasto/auth/node";
 * import { authFetch } from "@cadasto/auth";
 * const { apiBaseUrl, auth } = await connectFromEnv(process.env, { defaultScope: ["api.read"] });
 * if (auth !== undefined) {
 *   const response = await authFetch(auth)(`${apiBaseUrl}/definition/template/adl1.4`);
 *   console.log(response.status);
 * }
 * ```
 */
export async function connectFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: ConnectFromEnvOptions = {},
): Promise<CadastoConnection> {
  if (options.signIn === false) {
    const problems: CadastoEnvProblem[] = [];
    const value = (name: string): string | undefined => env[name]?.trim() || undefined;
    const place = readEnvPlace(value, (variable, message) => problems.push({ variable, message }), false);
    if (problems.length > 0) throw new CadastoEnvError(problems);
    return { apiBaseUrl: place.apiUrl ?? (place.urls as { apiBaseUrl: string }).apiBaseUrl, auth: undefined };
  }
  const config = cadastoFromEnv(env);
  const { configuration, apiBaseUrl } = await discoverEndpoints(config.endpoints);
  const scope = config.credentials.scope ?? options.defaultScope;
  const auth = clientCredentials({
    discovery: configuration,
    audience: apiBaseUrl,
    ...config.credentials,
    ...(scope === undefined ? {} : { scope }),
  });
  return { apiBaseUrl, auth };
}
