/**
 * {@linkcode RestClientError}: a REST call that failed without an HTTP error status.
 *
 * @module
 */

import { errorBrand } from "@cadasto/core";

const REST_CLIENT_ERROR = /* @__PURE__ */ errorBrand("RestClientError");

/**
 * Codes of {@linkcode RestClientError}.
 *
 * @example Retry what may pass next time
 * ```ts
 * import { isRestClientError, type RestClientErrorCode } from "@cadasto/rest";
 * declare const error: unknown;
 * const transient: RestClientErrorCode[] = ["network_error", "timeout"];
 * if (isRestClientError(error) && transient.includes(error.code)) console.log("try again");
 * ```
 */
export type RestClientErrorCode =
  /** `baseUrl` is not an absolute https URL (http only on loopback) without credentials, query or fragment: pass the API base URL, e.g. `https://acme.api.prod.cadasto.io/openehr/v1`. */
  | "invalid_base_url"
  /** An option or argument was refused before any request (`field` names it): fix that value. */
  | "invalid_option"
  /** The request got no answer (DNS, refused connection, TLS, abort; `cause` is the runtime's error): check `baseUrl` and your network, then try again. */
  | "network_error"
  /** No answer within the client's `timeout` (retries included): the server is slow or unreachable; try again later, or raise `timeout`. */
  | "timeout"
  /** The answer is not what the API promises (e.g. not JSON where JSON belongs): check that `baseUrl` points at the openEHR API, not a web page or a proxy. */
  | "invalid_response";

/**
 * The fields of a {@linkcode RestClientError} besides its code and message.
 *
 * @example Name the field at fault
 * ```ts
 * import { RestClientError, type RestClientErrorOptions } from "@cadasto/rest";
 * const options: RestClientErrorOptions = { field: "baseUrl" };
 * console.log(new RestClientError("invalid_base_url", "baseUrl is missing", options).field);
 * ```
 */
export interface RestClientErrorOptions {
  /** The option or argument at fault, for `invalid_*` codes. */
  readonly field?: string | undefined;
  /** The request method, for `network_error`, `timeout` and `invalid_response`. */
  readonly method?: string | undefined;
  /** The request URL, for `network_error`, `timeout` and `invalid_response`. */
  readonly url?: string | undefined;
  /** The underlying error. */
  readonly cause?: unknown;
}

/**
 * A REST call that failed without an HTTP error status: an option or
 * argument refused before any request (`invalid_base_url`, `invalid_option`,
 * with `field` naming it: a path segment `.` or `..`, a bad header value, …),
 * no answer (`network_error`, with the runtime's error as `cause`), no answer
 * in time (`timeout`), or an answer that is not what the API promises
 * (`invalid_response`).
 *
 * @example Report a bad base URL before anything is sent
 * ```ts
 * import { createRestClient, isRestClientError } from "@cadasto/rest";
 * try {
 *   createRestClient({ baseUrl: "http://acme.api.prod.cadasto.io/openehr/v1" });
 * } catch (error) {
 *   if (isRestClientError(error)) console.error(error.code, error.field, error.message);
 * }
 * ```
 */
export class RestClientError extends Error {
  /** Why the call failed. */
  declare readonly code: RestClientErrorCode;
  /** The option or argument at fault, for `invalid_*` codes. */
  declare readonly field: string | undefined;
  /** The HTTP method of the request, when one was made. */
  declare readonly method: string | undefined;
  /** The request URL, when one was made. */
  declare readonly url: string | undefined;
  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param code Why the call failed.
   * @param message What is wrong and what to do.
   * @param options The field, the request and the cause.
   */
  constructor(code: RestClientErrorCode, message: string, options: RestClientErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const { field, method, url } = options;
    REST_CLIENT_ERROR.mark(this, { name: "RestClientError", code, field, method, url });
  }
}

/**
 * Whether `value` is a {@linkcode RestClientError} (from any realm or copy of this package).
 *
 * @param value Anything caught.
 * @returns `true` for a {@linkcode RestClientError}.
 *
 * @example Narrow a caught error
 * ```ts
 * import { isRestClientError } from "@cadasto/rest";
 * declare const error: unknown;
 * if (isRestClientError(error) && error.code === "network_error") console.error("check the network");
 * ```
 */
export function isRestClientError(value: unknown): value is RestClientError {
  return REST_CLIENT_ERROR.is(value);
}
