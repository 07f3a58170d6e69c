/**
 * Error classes of `@cadasto/templates`. Every error carries a stable `code`
 * and, where there is one, the underlying `cause`. The `is…Error()` guards
 * check a brand symbol, so they work across realms and duplicated installs.
 *
 * @module
 */

import { brand, hasKind } from "./_brand.ts";

/**
 * Codes of {@linkcode TemplateIdError}.
 *
 * @example Check the code
 * ```ts
 * import { isTemplateIdError, type TemplateIdErrorCode } from "@cadasto/templates";
 * declare const error: unknown;
 * const code: TemplateIdErrorCode = "invalid_template_id";
 * console.log(isTemplateIdError(error) && error.code === code);
 * ```
 */
export type TemplateIdErrorCode =
  /** A `{template_id}::{uid}` string (or its parts) has an empty template id or an empty version part (`part` says which): pass a template id, optionally followed by `::` and the version's UUID. */
  | "invalid_template_id";

/**
 * A `{template_id}::{uid}` string (or its parts) is not usable: an empty
 * template id or an empty version part. `part` names which one.
 *
 * @example Tell the user which part is wrong
 * ```ts
 * import { parseTemplateVersionId, isTemplateIdError } from "@cadasto/templates";
 * try {
 *   parseTemplateVersionId("::0c05260d-421a-402e-bc65-dc8e3cc529a8");
 * } catch (error) {
 *   if (isTemplateIdError(error)) console.error(error.part, error.message);
 * }
 * ```
 */
export class TemplateIdError extends Error {
  /** Always `invalid_template_id`. */
  declare readonly code: TemplateIdErrorCode;
  /** Which part is wrong: the template id or the version (uid) part. */
  declare readonly part: "templateId" | "uid";
  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param message What is wrong and what to do.
   * @param part The offending part.
   */
  constructor(message: string, part: "templateId" | "uid") {
    super(message);
    brand(this, "TemplateIdError", { code: "invalid_template_id", part });
  }
}

/**
 * Codes of {@linkcode OptError}.
 *
 * @example Say which files are not XML at all
 * ```ts
 * import { isOptError, type OptErrorCode } from "@cadasto/templates";
 * declare const error: unknown;
 * const syntax: OptErrorCode = "not_xml";
 * if (isOptError(error) && error.code === syntax) console.error(`line ${error.line}`);
 * ```
 */
export type OptErrorCode =
  /** The file is not well-formed XML (`line` and `column` say where): check that it is the .opt file itself, complete and not an HTML error page. */
  | "not_xml"
  /** The root element is not an openEHR `template` (namespace `http://schemas.openehr.org/v1`): export the operational template (OPT 1.4) from your modelling tool, not an archetype or a web template. */
  | "not_a_template"
  /** The root has no `template_id/value`: the file is not a complete OPT; export it again. */
  | "missing_template_id"
  /** The `concept` element is empty: give the template a concept name in your modelling tool and export it again. */
  | "empty_concept"
  /** The `definition` has no root `archetype_id/value`: the file is cut short or not an OPT; export it again. */
  | "missing_archetype_id";

/**
 * An operational template (OPT) that cannot be used: not well-formed XML
 * (`not_xml`, with 1-based `line` and `column`), a root element that is not
 * an openEHR `template` (`not_a_template`), no root `template_id`
 * (`missing_template_id`), an empty `concept` (`empty_concept`) or no root
 * archetype id (`missing_archetype_id`).
 *
 * @example Report where a broken file breaks
 * ```ts
 * import { readOptMetadata, isOptError } from "@cadasto/templates";
 * try {
 *   await readOptMetadata("<template xmlns='http://schemas.openehr.org/v1'>");
 * } catch (error) {
 *   if (isOptError(error) && error.code === "not_xml") {
 *     console.error(`line ${error.line}, column ${error.column}: ${error.message}`);
 *   }
 * }
 * ```
 */
export class OptError extends Error {
  /** Why the file was refused. */
  declare readonly code: OptErrorCode;
  /** 1-based line of a `not_xml` error, when known. */
  declare readonly line: number | undefined;
  /** 1-based column of a `not_xml` error, when known. */
  declare readonly column: number | undefined;
  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param code Why the file was refused.
   * @param message What is wrong and what to do.
   * @param options Position and cause.
   */
  constructor(
    code: OptErrorCode,
    message: string,
    options: { line?: number; column?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    brand(this, "OptError", { code, line: options.line, column: options.column });
  }
}

/**
 * Whether `value` is a {@linkcode TemplateIdError} (from any realm or copy of this package).
 *
 * @param value Anything caught.
 * @returns `true` for a {@linkcode TemplateIdError}.
 *
 * @example Narrow a caught error
 * ```ts
 * import { formatTemplateVersionId, isTemplateIdError } from "@cadasto/templates";
 * try {
 *   formatTemplateVersionId({ templateId: "" });
 * } catch (error) {
 *   if (isTemplateIdError(error)) console.error(error.code);
 * }
 * ```
 */
export function isTemplateIdError(value: unknown): value is TemplateIdError {
  return hasKind(value, ["TemplateIdError"]);
}

/**
 * Whether `value` is an {@linkcode OptError} (from any realm or copy of this package).
 *
 * @param value Anything caught.
 * @returns `true` for an {@linkcode OptError}.
 *
 * @example Narrow a caught error
 * ```ts
 * import { readOptMetadata, isOptError } from "@cadasto/templates";
 * try {
 *   await readOptMetadata("not xml");
 * } catch (error) {
 *   if (isOptError(error)) console.error(error.code, error.line, error.column);
 * }
 * ```
 */
export function isOptError(value: unknown): value is OptError {
  return hasKind(value, ["OptError"]);
}


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
  /** The answer is not what the openEHR Definition API promises (e.g. a list that is not a JSON array): check that `baseUrl` points at the openEHR API, not a web page or proxy. */
  | "invalid_response";

/**
 * A templates client problem that is not an HTTP error status: an option
 * refused before any request (`invalid_base_url`, `invalid_option`, with
 * `field` naming it), a request that never got an answer (`network_error`,
 * with the `method` and `url` and the runtime's error as `cause`), or an
 * answer that is not what the openEHR Definition API promises
 * (`invalid_response`).
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
  constructor(
    code: TemplatesClientErrorCode,
    message: string,
    options: { field?: string; method?: string; url?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const { field, method, url } = options;
    brand(this, "TemplatesClientError", { code, field, method, url });
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
  /** 400: the server refused the request (see `serverMessage` and `details`): fix the request it names, e.g. the template id. */
  | "bad_request"
  /** 401, also after a fresh token: check the client's `audience` (the API base URL) and that the token source belongs to this environment. */
  | "unauthorized"
  /** 403: the token lacks a scope the call needs: request `api.write` to upload, `api.read` to read. */
  | "forbidden"
  /** 404: no template with that id (or version) exists: upload it first, or list templates to find the right id. */
  | "not_found"
  /** 406: the server cannot answer in the format asked for (e.g. no web template for this template): ask for `format: "opt"` instead. */
  | "not_acceptable"
  /** 409: a plain openEHR server already has this template id (Cadasto keeps versions instead): upload under a new template id, or use `ensure` to skip identical uploads. */
  | "conflict"
  /** 415: the server does not accept the body's content type: upload the OPT XML itself (the client sends `application/xml`). */
  | "unsupported_media_type"
  /** 422: the server parsed the OPT but refused it (see `details`): fix the template in your modelling tool and export it again. */
  | "unprocessable_template"
  /** 5xx: the server failed: try again later; report it to Cadasto with `serverMessage` if it persists. */
  | "server_error"
  /** A status the Definition API does not define: look at `status` and `serverMessage`; check that `baseUrl` points at the openEHR API. */
  | "unexpected_status";

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
export interface TemplatesApiErrorInit {
  /** The HTTP status. */
  readonly status: number;
  /** The request method, e.g. `POST`. */
  readonly method: string;
  /** The request URL (never with credentials or a token). */
  readonly url: string;
  /** The server's own message, parsed from its error body, when it sent one. */
  readonly serverMessage?: string | undefined;
  /** The server's own error code (`code` or EHRbase's `error`), when it sent one. */
  readonly serverCode?: string | undefined;
  /** Itemised problems (`validationErrors` or `errors`), as text. */
  readonly details?: readonly string[] | undefined;
  /** The parsed error body (JSON value or text), kept for inspection. */
  readonly body?: unknown;
}

/**
 * The openEHR Definition API answered with an error status. `code` follows
 * the status (`bad_request` 400, `unauthorized` 401, `forbidden` 403,
 * `not_found` 404, `not_acceptable` 406, `conflict` 409 — thrown as
 * {@linkcode TemplateConflictError} —, `unsupported_media_type` 415,
 * `unprocessable_template` 422, `server_error` 5xx, `unexpected_status`
 * otherwise); `serverMessage`, `serverCode` and `details` come from the error
 * body, whichever of the three openEHR shapes it has (`{message,
 * validationErrors}`, `{message, code, errors}`, EHRbase's `{error,
 * message}`). The message names the request and says what to do. No token
 * is ever part of it.
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
export class TemplatesApiError extends Error {
  /** Which failure, from the HTTP status. */
  declare readonly code: TemplatesApiErrorCode;
  /** The HTTP status. */
  declare readonly status: number;
  /** The request method. */
  declare readonly method: string;
  /** The request URL. */
  declare readonly url: string;
  /** The server's message from the error body, when present. */
  declare readonly serverMessage: string | undefined;
  /** The server's error code from the error body, when present. */
  declare readonly serverCode: string | undefined;
  /** Itemised problems from the error body (validation errors), possibly empty. */
  declare readonly details: readonly string[];
  /** The parsed error body. */
  declare readonly body: unknown;
  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param message What went wrong and what to do.
   * @param init The status, the request and the parsed body.
   */
  constructor(message: string, init: TemplatesApiErrorInit) {
    super(message);
    const { status, method, url, serverMessage, serverCode, details = [], body } = init;
    const code = API_ERROR_CODES[status] ?? (status >= 500 && status <= 599 ? "server_error" : "unexpected_status");
    brand(this, "TemplatesApiError", { code, status, method, url, serverMessage, serverCode, details, body });
  }
}

/**
 * A 409 Conflict: the server already has a template with this `template_id`
 * and does not keep versions (a plain openEHR server; Cadasto keeps every
 * upload as a new version instead). Use {@linkcode TemplatesClient.ensure}
 * to skip unchanged uploads, or change the `template_id`.
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
  declare readonly code:
    /** 409: a plain openEHR server already has this template id (Cadasto keeps versions instead): upload it under a new template id, or use `ensure` to skip identical uploads. */
    | "conflict";
  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param message What went wrong and what to do.
   * @param init The status (409), the request and the parsed body.
   */
  constructor(message: string, init: TemplatesApiErrorInit) {
    super(message, init);
    brand(this, "TemplateConflictError");
  }
}

const API_ERROR_CODES: Readonly<Record<number, TemplatesApiErrorCode>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  406: "not_acceptable",
  409: "conflict",
  415: "unsupported_media_type",
  422: "unprocessable_template",
};

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
  return hasKind(value, ["TemplatesClientError"]);
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
  return hasKind(value, ["TemplatesApiError", "TemplateConflictError"]);
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
  return hasKind(value, ["TemplateConflictError"]);
}
