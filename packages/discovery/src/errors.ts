import { errorBrand } from "@cadasto/core";

/**
 * Why a {@linkcode DiscoveryError} was thrown. Each code says what it means
 * and what to check.
 *
 * @example Decide what to do from the code
 * ```ts
 * import type { DiscoveryErrorCode } from "@cadasto/discovery";
 * declare const code: DiscoveryErrorCode;
 * const retry = code === "timeout" || code === "network_error" || code === "http_error";
 * console.log(retry ? "try again later" : "fix the configuration");
 * ```
 */
export type DiscoveryErrorCode =
  /** A URL you passed (or one in the document) does not parse, is not http(s), or carries credentials, a query or a fragment: pass the auth server's base URL, e.g. `https://acme.auth.prod.cadasto.io`. */
  | "invalid_url"
  /** The `tenant` given to `cadastoUrls` is not a DNS label: use the lowercase tenant name Cadasto gave you (letters, digits, hyphens). */
  | "invalid_tenant"
  /** The `environment` is not `production`, `acceptation` or `development`: use one of those. */
  | "invalid_environment"
  /** An option was refused before any request (the message names it): fix that option. */
  | "invalid_option"
  /** The server answered with a non-2xx status (see `status`): check the auth base URL and the tenant; retry later on 5xx. */
  | "http_error"
  /** The body is not JSON (wrong `Content-Type` or unparsable): the URL probably points at a web page, not the auth server. */
  | "invalid_json"
  /** The JSON is not a valid SMART configuration (see `issues`): the server is not a Cadasto auth server, or it is misconfigured. */
  | "invalid_document"
  /** A URL in the document uses http on a host that is not loopback: use https (http is accepted only for 127.0.0.1, [::1] and localhost). */
  | "insecure_endpoint"
  /** The token endpoint is on another origin than the discovery document: if that is intended, allow the origin with `allowedOrigins`. */
  | "foreign_origin"
  /** The document's `issuer` names another origin than the server it was fetched from (RFC 8414 §3.3): check the auth base URL, or that a proxy is not rewriting the document. */
  | "issuer_mismatch"
  /** The configuration does not advertise the service asked for (e.g. `org.openehr.rest`): pass the API base URL yourself, e.g. with `openEhrBaseUrl(config, { fallback })`. */
  | "missing_service"
  /** No complete answer within the `timeout`: try again, or raise `timeout`. */
  | "timeout"
  /** Your `signal` aborted the request (`cause` is its reason): nothing to fix unless that was not intended. */
  | "aborted"
  /** The request failed before an HTTP answer (DNS, refused connection, TLS): check the host name and your network, then try again. (Called `network` before 0.2; the name is the same in every package now.) */
  | "network_error";

/**
 * One problem found in a SMART configuration document: where (`path`, e.g.
 * `"services.org.openehr.rest.baseUrl"` as `["services", "org.openehr.rest", "baseUrl"]`)
 * and what is wrong.
 *
 * @example Print every problem of an invalid document
 * ```ts
 * import { type DiscoveryIssue, isDiscoveryError } from "@cadasto/discovery";
 * declare const error: unknown;
 * const issues: readonly DiscoveryIssue[] = isDiscoveryError(error) ? error.issues : [];
 * for (const issue of issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
 * ```
 */
export interface DiscoveryIssue {
  /** The field path inside the document, outermost key first; empty for the document itself. */
  readonly path: readonly (string | number)[];
  /** What is wrong with the value there. */
  readonly message: string;
}

/**
 * What a {@linkcode DiscoveryError} can carry besides its code and message.
 *
 * @example Build an error the way the package does
 * ```ts
 * import { DiscoveryError, type DiscoveryErrorInit } from "@cadasto/discovery";
 * const init: DiscoveryErrorInit = { status: 503, url: "https://acme.auth.prod.cadasto.io/.well-known/smart-configuration" };
 * console.log(new DiscoveryError("http_error", "The server answered 503.", init).status);
 * ```
 */
export interface DiscoveryErrorInit {
  /** The HTTP status, for `http_error`. */
  status?: number;
  /** The URL that was requested or refused, when there is one. */
  url?: string;
  /** The problems found, for `invalid_document`, `insecure_endpoint` and `foreign_origin`. */
  issues?: readonly DiscoveryIssue[];
  /** The underlying error or value. */
  cause?: unknown;
}

// Errors from @cadasto/discovery 0.1 carry the old brand: still recognised.
const BRAND = errorBrand("DiscoveryError", { legacy: [{ key: "@cadasto/discovery.DiscoveryError" }] });

/**
 * Thrown by every function of `@cadasto/discovery`; `code` is stable, the
 * message says what to check. Never contains a secret (discovery sends none).
 *
 * @example Tell a bad document from an unreachable server
 * ```ts
 * import { discover, isDiscoveryError } from "@cadasto/discovery";
 * try {
 *   await discover("https://acme.auth.prod.cadasto.io");
 * } catch (error) {
 *   if (!isDiscoveryError(error)) throw error;
 *   console.error(error.code, error.status ?? "", error.message);
 * }
 * ```
 */
export class DiscoveryError extends Error {
  /** Always "DiscoveryError". */
  override readonly name: "DiscoveryError" = "DiscoveryError";
  /** Why it was thrown. */
  readonly code: DiscoveryErrorCode;
  /** The HTTP status, for `http_error`. */
  readonly status: number | undefined;
  /** The URL that was requested or refused, when there is one. */
  readonly url: string | undefined;
  /** The problems found; empty unless `code` is about the document's content. */
  readonly issues: readonly DiscoveryIssue[];

  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param code Why it is thrown.
   * @param message A sentence saying what is wrong and what to check.
   * @param init Status, URL, issues and cause.
   */
  constructor(code: DiscoveryErrorCode, message: string, init: DiscoveryErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.url = init.url;
    this.issues = init.issues ?? [];
    BRAND.mark(this);
  }
}

/**
 * Whether a value is a {@linkcode DiscoveryError}, also when it comes from
 * another copy of the package or another realm (it checks a brand, not only
 * `instanceof`).
 *
 * @param value Anything caught.
 * @returns `true` when `value` is a `DiscoveryError`.
 *
 * @example Narrow a caught error
 * ```ts
 * import { discover, isDiscoveryError } from "@cadasto/discovery";
 * const config = await discover("https://acme.auth.prod.cadasto.io").catch((error: unknown) => {
 *   if (isDiscoveryError(error) && error.code === "timeout") return undefined;
 *   throw error;
 * });
 * console.log(config?.token_endpoint);
 * ```
 */
export function isDiscoveryError(value: unknown): value is DiscoveryError {
  return value instanceof DiscoveryError || BRAND.is(value);
}
