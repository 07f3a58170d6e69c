import { checkCallerUrl, givenApiUrl } from "./_url.ts";
import { type CadastoEnvironment, cadastoUrls } from "./cadasto_urls.ts";
import { type DiscoverOptions, discover } from "./discover.ts";
import { DiscoveryError } from "./errors.ts";
import { openEhrBaseUrl } from "./open_ehr_base_url.ts";
import type { SmartConfiguration } from "./smart_configuration.ts";

/**
 * Where a Cadasto environment is, as a command or a service is told: a
 * tenant (and environment), or the URLs themselves; URLs win over the tenant.
 * Typically read from flags and `CADASTO_TENANT`, `CADASTO_ENVIRONMENT`,
 * `CADASTO_AUTH_URL`, `CADASTO_API_URL`.
 *
 * @example A tenant, with the API URL given explicitly
 * ```ts
 * import type { EndpointsInput } from "@cadasto/discovery";
 * const input: EndpointsInput = { tenant: "acme", environment: "acceptation", apiBaseUrl: "https://acme.api.acc.cadasto.io/openehr/v1" };
 * console.log(input.tenant);
 * ```
 */
export interface EndpointsInput {
  /** The auth server's base URL; default: the tenant's (see {@linkcode cadastoUrls}). */
  readonly authBaseUrl?: string | URL | undefined;
  /** The openEHR API base URL; default: what discovery advertises, else the tenant's documented API host. */
  readonly apiBaseUrl?: string | URL | undefined;
  /** The tenant, for the URLs not given. */
  readonly tenant?: string | undefined;
  /** The tenant's environment; default `"production"`. */
  readonly environment?: CadastoEnvironment | undefined;
  /** The environment's label in host names, as for {@linkcode cadastoUrls}. */
  readonly hostLabel?: string | undefined;
}

/**
 * What {@linkcode discoverEndpoints} found: enough to request tokens
 * (`configuration` for `clientCredentials({ discovery })` of `@cadasto/auth`,
 * `apiBaseUrl` as the audience) and to call the API.
 *
 * @example Hand it on
 * ```ts
 * import { discoverEndpoints, type Endpoints } from "@cadasto/discovery";
 * const endpoints: Endpoints = await discoverEndpoints({ tenant: "acme" });
 * console.log(endpoints.configuration.token_endpoint, endpoints.apiBaseUrl);
 * ```
 */
export interface Endpoints {
  /** The auth server's base URL the configuration was read from. */
  readonly authBaseUrl: string;
  /** The openEHR REST API's base URL (also the token audience). */
  readonly apiBaseUrl: string;
  /** The validated SMART configuration. */
  readonly configuration: SmartConfiguration;
}

/**
 * The connecting step every command and service repeats: from a tenant or
 * URLs to the checked SMART configuration and the openEHR API base URL. Every
 * argument is checked before the one request (`discover()`, cached as there).
 *
 * @param input The tenant (and environment) or the URLs.
 * @param options As for {@linkcode discover} (`fetch`, `timeout`, `signal`, …).
 * @returns The auth base URL, the API base URL and the configuration.
 * @throws {DiscoveryError} `invalid_option` when neither `authBaseUrl` nor
 *   `tenant` is given; `invalid_tenant`, `invalid_environment`, `invalid_url`,
 *   `insecure_endpoint` for bad input (before any request); whatever
 *   {@linkcode discover} throws; `missing_service` when no API URL is given,
 *   advertised or implied by a tenant.
 *
 * @example Connect to a tenant from the usual environment variables
 * ```ts
 * import { discoverEndpoints } from "@cadasto/discovery";
 * const { configuration, apiBaseUrl } = await discoverEndpoints({
 *   tenant: process.env.CADASTO_TENANT,
 *   authBaseUrl: process.env.CADASTO_AUTH_URL,
 *   apiBaseUrl: process.env.CADASTO_API_URL,
 * });
 * console.log(configuration.token_endpoint, apiBaseUrl);
 * ```
 */
export async function discoverEndpoints(input: EndpointsInput, options: DiscoverOptions = {}): Promise<Endpoints> {
  if (typeof input !== "object" || input === null) {
    throw new DiscoveryError("invalid_option", 'discoverEndpoints() needs an object such as { tenant: "acme" } or { authBaseUrl }.');
  }
  const { tenant, environment, hostLabel } = input;
  const urls =
    tenant === undefined
      ? undefined
      : cadastoUrls({ tenant, ...(environment === undefined ? {} : { environment }), ...(hostLabel === undefined ? {} : { hostLabel }) });
  const authBaseUrl = input.authBaseUrl ?? urls?.authBaseUrl;
  if (authBaseUrl === undefined) {
    throw new DiscoveryError("invalid_option", "No auth server: give a tenant (CADASTO_TENANT) or the auth base URL (CADASTO_AUTH_URL).");
  }
  const apiBaseUrl = input.apiBaseUrl === undefined ? undefined : givenApiUrl(input.apiBaseUrl, "apiBaseUrl");
  const auth = checkCallerUrl(authBaseUrl, input.authBaseUrl === undefined ? "tenant's authBaseUrl" : "authBaseUrl");
  const configuration = await discover(auth, options);
  return {
    authBaseUrl: auth.href.replace(/\/$/, ""),
    apiBaseUrl: apiBaseUrl ?? openEhrBaseUrl(configuration, urls === undefined ? {} : { fallback: urls.apiBaseUrl }),
    configuration,
  };
}
