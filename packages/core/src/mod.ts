/**
 * The mechanisms every Cadasto SDK package shares, in one place so that the
 * packages cannot disagree: error brands for realm-safe `is…()` guards, the
 * https / loopback rule for URLs that carry secrets, URL parsing, the UUID
 * pattern, secret scrubbing and `inspect`/`toJSON` hiding, the Cadasto
 * environment names, one shared run for concurrent callers (single flight),
 * and a wait under the caller's own signal and time limit. Web-standard only
 * (no Node built-ins); the command-line skeleton lives in `@cadasto/core/cli`. No third-party dependencies.
 *
 * @example Scrub an echoed secret and check a URL
 * ```ts
 * import { createScrubber, isSecureUrl } from "@cadasto/core";
 * const scrubber = createScrubber([{ clientId: "my-service", secret: "s3cr3t" }]);
 * console.log(scrubber.text("client_secret=s3cr3t was wrong")); // client_secret=[redacted] was wrong
 * console.log(isSecureUrl(new URL("http://127.0.0.1:8080/token"))); // true
 * ```
 *
 * @module
 */

export {
  CADASTO_ENVIRONMENTS,
  CADASTO_HOST_LABELS,
  type CadastoEnvironment,
  isCadastoEnvironment,
} from "./environments.ts";
export { type ErrorBrand, type ErrorBrandOptions, errorBrand, type LegacyBrand } from "./error_brand.ts";
export { tryParseUrl, type UrlProblem, type UrlProblemCode, type UrlProblemOptions, urlProblem } from "./parse_url.ts";
export { PRIVATE_JWK_MEMBERS, privateJwkMember } from "./private_jwk.ts";
export { readBodyCapped } from "./read_body_capped.ts";
export { INSPECT_CUSTOM, inspectAs, redactFields } from "./redaction.ts";
export { isScopeToken } from "./scope_token.ts";
export { createScrubber, REDACTED, type Scrubber, type Secret, secretForms } from "./scrubber.ts";
export { isLocalhostName, isLoopbackHost, isLoopbackIp, isSecureUrl, SECURE_URL_RULE } from "./secure_url.ts";
export { SingleFlight } from "./single_flight.ts";
export { type TimeLimitOptions, withTimeLimit } from "./time_limit.ts";
export { isUuid, UUID_PATTERN } from "./uuid.ts";
