/**
 * The REST core of the Cadasto SDK, on ky: one client for every openEHR
 * endpoint the SDK calls (`@cadasto/templates`, `@cadasto/openehr`), with the
 * base URL rule, safe paths, a bearer with one replay on 401, retries on
 * idempotent requests, time limits, hooks, typed errors from the three
 * openEHR error body shapes (the bearer scrubbed) and `Prefer`/`ETag`/
 * `Location`/`If-Match` helpers.
 *
 * @example Create a composition and keep its version
 * ```ts
 * import type { TokenSource } from "@cadasto/auth";
 * import { createRestClient, parseEtag, prefer } from "@cadasto/rest";
 * declare const auth: TokenSource; // clientCredentials() of @cadasto/auth
 * declare const composition: object;
 * const api = createRestClient({ baseUrl: "https://acme.api.prod.cadasto.io/openehr/v1", auth });
 * const response = await api.request("POST", ["ehr", "7d44b88c-4199-4bad-97dc-d78268e01398", "composition"], {
 *   json: composition,
 *   headers: { prefer: prefer("minimal") },
 * });
 * console.log(parseEtag(response.headers.get("etag"))?.value);
 * ```
 *
 * @module
 */

export {
  ApiError,
  type ApiErrorCode,
  type ApiErrorInit,
  apiErrorCode,
  ConflictError,
  isApiError,
  isConflictError,
  isPreconditionFailedError,
  PreconditionFailedError,
} from "./api_error.ts";
export {
  isRestClientError,
  RestClientError,
  type RestClientErrorCode,
  type RestClientErrorOptions,
} from "./rest_client_error.ts";
export { type ErrorBody, parseErrorBody } from "./error_body.ts";
export { createRestClient, type RestClient } from "./rest_client.ts";
export type {
  BearerTokenSource,
  Query,
  RestClientOptions,
  RestErrorFactory,
  RestRequestOptions,
} from "./rest_client_options.ts";
export { encodePathSegment } from "./path_segment.ts";
export { type EntityTag, ifMatch, parseEtag } from "./etag.ts";
export { prefer, type PreferReturn } from "./prefer.ts";
export { parseLocation, type ResourceLocation } from "./location.ts";
