/**
 * Error classes of the templates client of `@cadasto/templates`. Every error carries a stable `code`
 * and, where there is one, the underlying `cause`. The `is…Error()` guards
 * check a brand symbol, so they work across realms and duplicated installs.
 *
 * @module
 */

import { ApiError, type ApiErrorCode, type ApiErrorInit, apiErrorCode, type RestClientErrorOptions } from "@cadasto/rest";
import { TEMPLATE_CONFLICT_ERROR, TEMPLATES_API_ERROR, TEMPLATES_CLIENT_ERROR } from "./_brands.ts";

/**
 * Codes of {@linkcode TemplatesClientError}.
 *
 * @example Switch on the code
 * ```ts
 * import { isTemplatesClientError, type TemplatesClientErrorCode } from "@cadasto/templates";
 * declare const error: unknown;
 * const retryable: TemplatesClientErrorCode[] = ["network_error"];
 * if (isTemplatesClientError(error) && retryable.includes(error.code)) console.log("try again");
 * ```
 */
export type TemplatesClientErrorCode =
  /** `baseUrl` is not an absolute https URL (http only on loopback) without credentials, query or fragment: pass the openEHR API base URL, e.g. `https://acme.api.prod.cadasto.io/openehr/v1`. */
  | "invalid_base_url"
  /** An option or argument was refused before any request (`field` names it): fix that value. */
  | "invalid_option"
  /** The request got no answer (DNS, refused connection, TLS, abort; `cause` is the runtime's error): check `baseUrl` and your network, then try again. */
  | "network_error"
  /** No answer within the client's `timeout` (retries included): the server is slow or unreachable; try again later, or raise `timeout`. */
  | "timeout"
  /** The answer is not what the openEHR Definition API promises (e.g. a list that is not a JSON array): check that `baseUrl` points at the openEHR API, not a web page or proxy. */
  | "invalid_response";

/**
 * A templates client problem that is not an HTTP error status: an option
 * refused before any request (`invalid_base_url`, `invalid_option`, with
 * `field` naming it), a request that never got an answer (`network_error`,
 * with the `method` and `url` and the runtime's error as `cause`), or an
 * answer that is not what the openEHR Definition API promises
 * (`invalid_response`), or none within the time limit (`timeout`).
 *
 * @example Report a bad base URL before anything is sent
 * ```ts
 * import { createTemplatesClient, isTemplatesClientError } from "@cadasto/templates";
 * try {
 *   createTemplatesClient({ baseUrl: "http://acme.api.prod.cadasto.io/openehr/v1" });
 * } catch (error) {
 *   if (isTemplatesClientError(error)) console.error(error.code, error.field, error.message);
 * }
 * ```
 */
export class TemplatesClientError extends Error {
  /** Why the call failed. */
  declare readonly code: TemplatesClientErrorCode;
  /** The option or argument at fault (`baseUrl`, `fetch`, `format`, …), for `invalid_*` codes. */
  declare readonly field: string | undefined;
  /** The HTTP method of the request, for `network_error` and `invalid_response`. */
  declare readonly method: string | undefined;
  /** The request URL (never with credentials), for `network_error` and `invalid_response`. */
  declare readonly url: string | undefined;
  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param code Why the call failed.
   * @param message What is wrong and what to do.
   * @param options The field, the request and the cause.
   */
  constructor(code: TemplatesClientErrorCode, message: string, options: RestClientErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const { field, method, url } = options;
    TEMPLATES_CLIENT_ERROR.mark(this, { code, field, method, url, name: "TemplatesClientError" });
  }
}

/**
 * Codes of {@linkcode TemplatesApiError}, one per HTTP status class the Definition API answers with.
 *
 * @example Retry only server errors
 * ```ts
 * import { isTemplatesApiError, type TemplatesApiErrorCode } from "@cadasto/templates";
 * declare const error: unknown;
 * const transient: TemplatesApiErrorCode[] = ["server_error"];
 * if (isTemplatesApiError(error) && transient.includes(error.code)) console.log("retry later");
 * ```
 */
export type TemplatesApiErrorCode =
  /** The codes of `ApiErrorCode` in `@cadasto/rest`, except `unprocessable_entity`. */
  | Exclude<ApiErrorCode, "unprocessable_entity">
  /** 422: the server parsed the OPT but refused it (see `details`): fix the template in your modelling tool and export it again. */
  | "unprocessable_template";

/**
 * The fields of a {@linkcode TemplatesApiError}, as the client fills them from a response.
 *
 * @example Build one in a test of your own error handling
 * ```ts
 * import { TemplatesApiError, type TemplatesApiErrorInit } from "@cadasto/templates";
 * const init: TemplatesApiErrorInit = { status: 404, method: "GET", url: "http://127.0.0.1:8080/openehr/v1/definition/template/adl1.4/x" };
 * const error = new TemplatesApiError("not found", init);
 * console.log(error.code); // "not_found"
 * ```
 */
export type TemplatesApiErrorInit = ApiErrorInit;

/**
 * The openEHR Definition API answered with an error status. `code` follows
 * the status (`bad_request` 400, `unauthorized` 401, `forbidden` 403,
 * `not_found` 404, `not_acceptable` 406, `conflict` 409 — thrown as
 * {@linkcode TemplateConflictError} —, `precondition_failed` 412, `unsupported_media_type` 415,
 * `unprocessable_template` 422, `server_error` 5xx, `unexpected_status`
 * otherwise); `serverMessage`, `serverCode` and `details` come from the error
 * body, whichever of the three openEHR shapes it has (`{message,
 * validationErrors}`, `{message, code, errors}`, EHRbase's `{error,
 * message}`). It is an `ApiError` of `@cadasto/rest` too (`isApiError()`
 * accepts it), with the response's `etag`. The message names the request and says what to do. No token
 * is ever part of it, even when the server echoes the request.
 *
 * @example Tell a missing template from other failures
 * ```ts
 * import { createTemplatesClient, isTemplatesApiError } from "@cadasto/templates";
 * const templates = createTemplatesClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * try {
 *   await templates.get("Demo Vitals");
 * } catch (error) {
 *   if (isTemplatesApiError(error) && error.code === "not_found") console.error("upload it first");
 *   else throw error;
 * }
 * ```
 */
export class TemplatesApiError extends ApiError<TemplatesApiErrorCode> {
  /** Which failure, from the HTTP status. */
  declare readonly code: TemplatesApiErrorCode;
  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param message What went wrong and what to do.
   * @param init The status, the request and the parsed body.
   */
  constructor(message: string, init: TemplatesApiErrorInit) {
    const { status } = init;
    super(message, init, status === 422 ? "unprocessable_template" : (apiErrorCode(status) as TemplatesApiErrorCode));
    TEMPLATES_API_ERROR.mark(this, { name: "TemplatesApiError" });
  }
}

/**
 * A 409 Conflict: the server already has a template with this `template_id`
 * and does not keep versions (a plain openEHR server; Cadasto keeps every
 * upload as a new version instead). Use {@linkcode TemplatesClient.ensure}
 * to skip unchanged uploads, or change the `template_id`. Its status is
 * always 409: building one with another status throws a
 * {@linkcode TemplatesClientError} `invalid_option`, as a class must not
 * contradict its code.
 *
 * @example Treat "already there" as success on a plain openEHR server
 * ```ts
 * import { createTemplatesClient, isTemplateConflictError } from "@cadasto/templates";
 * declare const opt: Uint8Array;
 * const templates = createTemplatesClient({ baseUrl: "http://127.0.0.1:8080/ehrbase/rest/openehr/v1" });
 * try {
 *   await templates.upload(opt);
 * } catch (error) {
 *   if (!isTemplateConflictError(error)) throw error;
 *   console.log("already uploaded");
 * }
 * ```
 */
export class TemplateConflictError extends TemplatesApiError {
  /** Always `conflict`. */
  declare readonly code: /** 409: a plain openEHR server already has this template id (Cadasto keeps versions instead): upload it under a new template id, or use `ensure` to skip identical uploads. */
  "conflict";
  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param message What went wrong and what to do.
   * @param init The status (409), the request and the parsed body.
   * @throws {TemplatesClientError} `invalid_option` when `init.status` is not 409.
   */
  constructor(message: string, init: TemplatesApiErrorInit) {
    if (init?.status !== 409) {
      // A class must not contradict its code: a 400 is a TemplatesApiError with code bad_request.
      throw new TemplatesClientError(
        "invalid_option",
        `TemplateConflictError stands for HTTP 409; status ${String(init?.status)} is a TemplatesApiError with code "${new TemplatesApiError(message, init).code}".`,
        { field: "status" },
      );
    }
    super(message, init);
    TEMPLATE_CONFLICT_ERROR.mark(this, { name: "TemplateConflictError" });
  }
}

/**
 * Whether `value` is a {@linkcode TemplatesClientError} (from any realm or copy of this package).
 *
 * @param value Anything caught.
 * @returns `true` for a {@linkcode TemplatesClientError}.
 *
 * @example Narrow a caught error
 * ```ts
 * import { createTemplatesClient, isTemplatesClientError } from "@cadasto/templates";
 * try {
 *   createTemplatesClient({ baseUrl: "not a url" });
 * } catch (error) {
 *   if (isTemplatesClientError(error)) console.error(error.field, error.message);
 * }
 * ```
 */
export function isTemplatesClientError(value: unknown): value is TemplatesClientError {
  return TEMPLATES_CLIENT_ERROR.is(value);
}

/**
 * Whether `value` is a {@linkcode TemplatesApiError}, including a
 * {@linkcode TemplateConflictError} (from any realm or copy of this package).
 *
 * @param value Anything caught.
 * @returns `true` for a {@linkcode TemplatesApiError}.
 *
 * @example Print the server's reasons
 * ```ts
 * import { createTemplatesClient, isTemplatesApiError } from "@cadasto/templates";
 * declare const opt: string;
 * const templates = createTemplatesClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * try {
 *   await templates.upload(opt);
 * } catch (error) {
 *   if (isTemplatesApiError(error)) console.error(error.status, error.serverMessage, error.details);
 * }
 * ```
 */
export function isTemplatesApiError(value: unknown): value is TemplatesApiError {
  return TEMPLATES_API_ERROR.is(value);
}

/**
 * Whether `value` is a {@linkcode TemplateConflictError} (from any realm or copy of this package).
 *
 * @param value Anything caught.
 * @returns `true` for a {@linkcode TemplateConflictError}.
 *
 * @example Narrow a caught error
 * ```ts
 * import { createTemplatesClient, isTemplateConflictError } from "@cadasto/templates";
 * declare const opt: string;
 * const templates = createTemplatesClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * await templates.upload(opt).catch((error: unknown) => {
 *   if (!isTemplateConflictError(error)) throw error;
 * });
 * ```
 */
export function isTemplateConflictError(value: unknown): value is TemplateConflictError {
  return TEMPLATE_CONFLICT_ERROR.is(value);
}
