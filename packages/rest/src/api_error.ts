/**
 * The errors of `@cadasto/rest` for error statuses: {@linkcode ApiError} and
 * its 409 and 412 classes, with a stable `code` per status. The `is…Error()`
 * guards check a brand symbol, so they work across realms and duplicated installs.
 *
 * @module
 */

import { errorBrand } from "@cadasto/core";
import { RestClientError } from "./rest_client_error.ts";

const API_ERROR = /* @__PURE__ */ errorBrand("ApiError");
const CONFLICT_ERROR = /* @__PURE__ */ errorBrand("ConflictError");
const PRECONDITION_FAILED_ERROR = /* @__PURE__ */ errorBrand("PreconditionFailedError");

/**
 * Codes of {@linkcode ApiError}, one per HTTP status (class) an openEHR API answers with.
 *
 * @example Retry only server errors
 * ```ts
 * import { isApiError, type ApiErrorCode } from "@cadasto/rest";
 * declare const error: unknown;
 * const transient: ApiErrorCode = "server_error";
 * if (isApiError(error) && error.code === transient) console.log("retry later");
 * ```
 */
export type ApiErrorCode =
  /** 400: the server refused the request (see `serverMessage` and `details`): fix the request it names. */
  | "bad_request"
  /** 401, also after a fresh token: check the token's `audience` (the API base URL) and that the token source belongs to this environment. */
  | "unauthorized"
  /** 403: the token lacks a scope the call needs: request it (e.g. `api.write` to write, `api.read` to read). */
  | "forbidden"
  /** 404: the resource does not exist (or not in this version): check the id in the URL. */
  | "not_found"
  /** 406: the server cannot answer in the format asked for: ask for another format (`Accept`). */
  | "not_acceptable"
  /** 409: the resource exists already or conflicts with the server's state (thrown as `ConflictError`): read `serverMessage`, then change the request. */
  | "conflict"
  /** 412: the `If-Match` version is no longer the latest (thrown as `PreconditionFailedError`; `etag` is the current one): read the resource again and reapply your change. */
  | "precondition_failed"
  /** 415: the server does not accept the body's content type: send the type the API documents. */
  | "unsupported_media_type"
  /** 422: the server parsed the body but refused its content (see `details`): fix what `details` names. */
  | "unprocessable_entity"
  /** 5xx: the server failed: idempotent requests are retried; try again later, and report it with `serverMessage` if it persists. */
  | "server_error"
  /** A status the API does not define: look at `status` and `serverMessage`; check that `baseUrl` points at the openEHR API. */
  | "unexpected_status";

const CODES: Readonly<Record<number, ApiErrorCode>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  406: "not_acceptable",
  409: "conflict",
  412: "precondition_failed",
  415: "unsupported_media_type",
  422: "unprocessable_entity",
};

/**
 * The stable code for an HTTP error status: 400 `bad_request`, 401
 * `unauthorized`, 403 `forbidden`, 404 `not_found`, 406 `not_acceptable`, 409
 * `conflict`, 412 `precondition_failed`, 415 `unsupported_media_type`, 422
 * `unprocessable_entity`, 5xx `server_error`, anything else `unexpected_status`.
 *
 * @param status An HTTP status.
 * @returns Its code.
 *
 * @example Name a status
 * ```ts
 * import { apiErrorCode } from "@cadasto/rest";
 * console.log(apiErrorCode(412)); // "precondition_failed"
 * ```
 */
export function apiErrorCode(status: number): ApiErrorCode {
  return CODES[status] ?? (status >= 500 && status <= 599 ? "server_error" : "unexpected_status");
}

/**
 * The fields of an {@linkcode ApiError}, as the client fills them from a response.
 *
 * @example Build one in a test of your own error handling
 * ```ts
 * import { ApiError, type ApiErrorInit } from "@cadasto/rest";
 * const init: ApiErrorInit = { status: 404, method: "GET", url: "http://127.0.0.1:8080/openehr/v1/ehr/x" };
 * console.log(new ApiError("not found", init).code); // "not_found"
 * ```
 */
export interface ApiErrorInit {
  /** The HTTP status. */
  readonly status: number;
  /** The request method, e.g. `POST`. */
  readonly method: string;
  /** The request URL (never with credentials or a token). */
  readonly url: string;
  /** The server's own message, parsed from its error body, when it sent one. */
  readonly serverMessage?: string | undefined;
  /** The server's own error code (`code`, EHRbase's `error`, or the `WWW-Authenticate` error), when it sent one. */
  readonly serverCode?: string | undefined;
  /** Itemised problems (`validationErrors` or `errors`), as text. */
  readonly details?: readonly string[] | undefined;
  /** The parsed error body (JSON value or shortened text), kept for inspection. */
  readonly body?: unknown;
  /** The response's `ETag` as sent (for a 412, the current version on most openEHR servers). */
  readonly etag?: string | undefined;
}

/**
 * An openEHR REST API answered with an error status. `code` follows the
 * status (see {@linkcode apiErrorCode}); `serverMessage`, `serverCode` and
 * `details` come from the error body, whichever of the three openEHR shapes
 * it has (`{message, validationErrors}`, `{message, code, errors}`,
 * EHRbase's `{error, message}`). The message names the request and says what
 * to do. The bearer token that was sent never appears in any field, even
 * when the server echoes it.
 *
 * @example Tell a missing resource from other failures
 * ```ts
 * import { createRestClient, isApiError } from "@cadasto/rest";
 * const api = createRestClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * try {
 *   await api.request("GET", ["ehr", "7d44b88c-4199-4bad-97dc-d78268e01398"]);
 * } catch (error) {
 *   if (isApiError(error) && error.code === "not_found") console.error("no such EHR");
 *   else throw error;
 * }
 * ```
 */
export class ApiError<Code extends string = ApiErrorCode> extends Error {
  /** Which failure, from the HTTP status (a subclass may name its own codes, e.g. `unprocessable_template`). */
  declare readonly code: Code;
  /** The HTTP status. */
  declare readonly status: number;
  /** The request method. */
  declare readonly method: string;
  /** The request URL. */
  declare readonly url: string;
  /** The server's message from the error body, when present. */
  declare readonly serverMessage: string | undefined;
  /** The server's error code, when present. */
  declare readonly serverCode: string | undefined;
  /** Itemised problems from the error body (validation errors), possibly empty. */
  declare readonly details: readonly string[];
  /** The parsed error body. */
  declare readonly body: unknown;
  /** The response's `ETag`, when sent. */
  declare readonly etag: string | undefined;
  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param message What went wrong and what to do.
   * @param init The status, the request and the parsed body.
   * @param code The code, when a subclass names its own; default {@linkcode apiErrorCode}`(status)`.
   */
  constructor(message: string, init: ApiErrorInit, code?: Code) {
    super(message);
    const { status, method, url, serverMessage, serverCode, details = [], body, etag } = init;
    API_ERROR.mark(this, {
      name: "ApiError",
      code: code ?? apiErrorCode(status),
      status,
      method,
      url,
      serverMessage,
      serverCode,
      details,
      body,
      etag,
    });
  }
}

/** Refuses a status that contradicts a class standing for one status. */
function expectStatus(kind: string, init: ApiErrorInit, status: number): void {
  if (init.status !== status) {
    throw new RestClientError(
      "invalid_option",
      `${kind} stands for HTTP ${status}; status ${init.status} is an ApiError with code "${apiErrorCode(init.status)}".`,
      { field: "status" },
    );
  }
}

/**
 * A 409 Conflict: the resource already exists or changed in a way that
 * conflicts with the request. Its status is always 409 (building one with
 * another status throws a {@linkcode RestClientError} `invalid_option`).
 *
 * @example Treat "already there" as success
 * ```ts
 * import { createRestClient, isConflictError } from "@cadasto/rest";
 * const api = createRestClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * await api.request("PUT", ["ehr", "7d44b88c-4199-4bad-97dc-d78268e01398"]).catch((error: unknown) => {
 *   if (!isConflictError(error)) throw error;
 * });
 * ```
 */
export class ConflictError extends ApiError {
  /** Always `conflict`. */
  declare readonly code: /** 409: the resource exists already or conflicts with the server's state: read `serverMessage`, then change the request. */
  "conflict";
  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param message What went wrong and what to do.
   * @param init The status (409), the request and the parsed body.
   * @throws {RestClientError} `invalid_option` when `init.status` is not 409.
   */
  constructor(message: string, init: ApiErrorInit) {
    expectStatus("ConflictError", init, 409);
    super(message, init);
    CONFLICT_ERROR.mark(this, { name: "ConflictError" });
  }
}

/**
 * A 412 Precondition Failed: the `If-Match` version is not the current one
 * (someone else changed the resource). Re-read it and retry with its new
 * version. `etag` holds the current version when the server sends it. Its
 * status is always 412. `@cadasto/openehr` throws it as `PreconditionFailedError`.
 *
 * @example Re-read after a stale If-Match
 * ```ts
 * import { createRestClient, ifMatch, isPreconditionFailedError } from "@cadasto/rest";
 * const api = createRestClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * try {
 *   await api.request("DELETE", ["ehr", "7d44b88c-4199-4bad-97dc-d78268e01398", "composition", "8849182c-82ad-4088-a07f-48ead4180515::cadasto.example::1"], {
 *     headers: { "if-match": ifMatch("8849182c-82ad-4088-a07f-48ead4180515::cadasto.example::1") },
 *   });
 * } catch (error) {
 *   if (isPreconditionFailedError(error)) console.error("changed meanwhile; current:", error.etag);
 *   else throw error;
 * }
 * ```
 */
export class PreconditionFailedError extends ApiError {
  /** Always `precondition_failed`. */
  declare readonly code: /** 412: the `If-Match` version is no longer the latest (`etag` is the current one): read the resource again and reapply your change. */
  "precondition_failed";
  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param message What went wrong and what to do.
   * @param init The status (412), the request and the parsed body.
   * @throws {RestClientError} `invalid_option` when `init.status` is not 412.
   */
  constructor(message: string, init: ApiErrorInit) {
    expectStatus("PreconditionFailedError", init, 412);
    super(message, init);
    PRECONDITION_FAILED_ERROR.mark(this, { name: "PreconditionFailedError" });
  }
}

/**
 * Whether `value` is an {@linkcode ApiError}, including its subclasses (from any realm or copy of this package).
 *
 * @param value Anything caught.
 * @returns `true` for an {@linkcode ApiError}.
 *
 * @example Print the server's reasons
 * ```ts
 * import { isApiError } from "@cadasto/rest";
 * declare const error: unknown;
 * if (isApiError(error)) console.error(error.status, error.serverMessage, error.details);
 * ```
 */
export function isApiError(value: unknown): value is ApiError<string> {
  return API_ERROR.is(value);
}

/**
 * Whether `value` is a {@linkcode ConflictError} (from any realm or copy of this package).
 *
 * @param value Anything caught.
 * @returns `true` for a {@linkcode ConflictError}.
 *
 * @example Narrow a caught error
 * ```ts
 * import { isConflictError } from "@cadasto/rest";
 * declare const error: unknown;
 * if (isConflictError(error)) console.error(error.serverMessage);
 * ```
 */
export function isConflictError(value: unknown): value is ConflictError {
  return CONFLICT_ERROR.is(value);
}

/**
 * Whether `value` is a {@linkcode PreconditionFailedError} (from any realm or copy of this package).
 *
 * @param value Anything caught.
 * @returns `true` for a {@linkcode PreconditionFailedError}.
 *
 * @example Narrow a caught error
 * ```ts
 * import { isPreconditionFailedError } from "@cadasto/rest";
 * declare const error: unknown;
 * if (isPreconditionFailedError(error)) console.error("re-read; current version", error.etag);
 * ```
 */
export function isPreconditionFailedError(value: unknown): value is PreconditionFailedError {
  return PRECONDITION_FAILED_ERROR.is(value);
}
