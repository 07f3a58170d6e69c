import { givenApiUrl } from "./_url.ts";
import { DiscoveryError } from "./errors.ts";
import type { SmartConfiguration } from "./smart_configuration.ts";

/**
 * The id of the openEHR REST API in a SMART configuration's `services` map.
 *
 * @example Read the entry yourself
 * ```ts
 * import { OPENEHR_REST_SERVICE, type SmartConfiguration } from "@cadasto/discovery";
 * declare const config: SmartConfiguration;
 * console.log(config.services?.[OPENEHR_REST_SERVICE]?.baseUrl);
 * ```
 */
export const OPENEHR_REST_SERVICE = "org.openehr.rest";

/**
 * Options of {@linkcode openEhrBaseUrl}.
 *
 * @example Fall back to the documented API host
 * ```ts
 * import { cadastoUrls, type OpenEhrBaseUrlOptions } from "@cadasto/discovery";
 * const options: OpenEhrBaseUrlOptions = { fallback: cadastoUrls({ tenant: "acme" }).apiBaseUrl };
 * console.log(options.fallback);
 * ```
 */
export interface OpenEhrBaseUrlOptions {
  /**
   * The base URL to use when the configuration does not advertise
   * `services["org.openehr.rest"].baseUrl` (Cadasto's documented body does
   * not), e.g. `cadastoUrls(…).apiBaseUrl` or `CADASTO_API_URL`. Checked
   * like every URL: https, http only for loopback hosts.
   */
  fallback?: string | URL;
}

/**
 * The openEHR REST API's base URL from a SMART configuration
 * (`services["org.openehr.rest"].baseUrl`), else the `fallback`. The value is
 * returned exactly as advertised (it is also the token `audience`).
 *
 * @param config A configuration from {@linkcode discover}.
 * @param options `fallback` for servers that do not advertise the service.
 * @returns The base URL, e.g. `"https://acme.api.prod.cadasto.io/openehr/v1"`.
 * @throws {DiscoveryError} `missing_service` when the configuration does not
 *   advertise it and no fallback is given; `invalid_url` or
 *   `insecure_endpoint` for a bad fallback.
 *
 * @example Use the advertised API, else the documented host
 * ```ts
 * import { cadastoUrls, discover, openEhrBaseUrl } from "@cadasto/discovery";
 * const urls = cadastoUrls({ tenant: "acme", environment: "production" });
 * const config = await discover(urls.authBaseUrl);
 * const apiBaseUrl = openEhrBaseUrl(config, { fallback: urls.apiBaseUrl });
 * console.log(apiBaseUrl);
 * ```
 */
export function openEhrBaseUrl(config: SmartConfiguration, options: OpenEhrBaseUrlOptions = {}): string {
  const advertised = config.services?.[OPENEHR_REST_SERVICE]?.baseUrl;
  if (typeof advertised === "string") return advertised;
  if (options.fallback !== undefined) return givenApiUrl(options.fallback, "options.fallback");
  throw new DiscoveryError(
    "missing_service",
    `The SMART configuration does not advertise services["${OPENEHR_REST_SERVICE}"].baseUrl: pass openEhrBaseUrl(config, { fallback }) with the API's base URL (e.g. cadastoUrls(…).apiBaseUrl or CADASTO_API_URL).`,
  );
}
