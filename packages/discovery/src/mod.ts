/**
 * Reads a Cadasto environment's SMART configuration
 * (`/.well-known/smart-configuration`): the token endpoint, the advertised
 * client authentication methods, scopes and grant types, and the `services`
 * map with the openEHR REST API's base URL — validated (https only, http for
 * loopback hosts; the token endpoint on the document's origin), typed and
 * cached (`Cache-Control` max-age else 15 minutes, ETag revalidation,
 * concurrent calls share one request).
 * Web-standard `fetch` only: runs on Node, Deno, Bun, browsers and edge runtimes.
 *
 * @example Find the token endpoint and the openEHR API of a tenant
 * ```ts
 * import { cadastoUrls, discover, openEhrBaseUrl } from "@cadasto/discovery";
 * const urls = cadastoUrls({ tenant: "acme", environment: "production" });
 * const config = await discover(urls.authBaseUrl, { timeout: 5_000 });
 * console.log(config.token_endpoint);
 * console.log(openEhrBaseUrl(config, { fallback: urls.apiBaseUrl }));
 * ```
 *
 * @module
 */

export { type CadastoEnvironment, type CadastoUrls, type CadastoUrlsOptions, cadastoUrls } from "./cadasto_urls.ts";
export { type DiscoverOptions, discover, refresh } from "./discover.ts";
export { discoverEndpoints, type Endpoints, type EndpointsInput } from "./discover_endpoints.ts";
export { type DiscoveryCache, type DiscoveryCacheEntry, MemoryDiscoveryCache } from "./discovery_cache.ts";
export {
  DiscoveryError,
  type DiscoveryErrorCode,
  type DiscoveryErrorInit,
  type DiscoveryIssue,
  isDiscoveryError,
} from "./errors.ts";
export { OPENEHR_REST_SERVICE, type OpenEhrBaseUrlOptions, openEhrBaseUrl } from "./open_ehr_base_url.ts";
export { type SmartConfiguration, SmartConfigurationSchema, type SmartService } from "./smart_configuration.ts";
