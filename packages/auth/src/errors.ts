import { inspectAs } from "./_redact.ts";

const BRAND = Symbol.for("@cadasto/auth.error");

/** Fields every error of this package shows in `toJSON` and `util.inspect`. */
function describe(error: Error & { code: string }, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, code: error.code, message: error.message };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) out[key] = value;
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined) out.cause = cause instanceof Error ? `${cause.name}: ${cause.message}` : cause;
  return out;
}

function hasBrand(value: unknown, kind: string): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === kind;
}

const OAUTH_HINTS: Record<string, string> = {
  invalid_client:
    "check the client id and secret (CADASTO_CLIENT_ID, CADASTO_CLIENT_SECRET) and that the server accepts the authMethod used",
  invalid_grant: "check that the client is enabled and allowed the client_credentials grant",
  unauthorized_client: "check that the client is allowed the client_credentials grant",
  invalid_scope: "check the requested scope against the scopes granted to this client",
  invalid_request: "check the audience (the API base URL) and the other request parameters",
  invalid_target: "check the audience: it must be the API base URL exactly",
  unsupported_grant_type: "this server does not offer the client_credentials grant; check the token endpoint",
  invalid_token:
    "the API refused a freshly issued token too: check that the audience is the API base URL and that the client has the scopes this call needs",
};

/**
 * What an {@linkcode OAuthError} carries besides its code.
 *
 * @example Build an error the way the package does
 * ```ts
 * import { OAuthError, type OAuthErrorInit } from "@cadasto/auth";
 * const init: OAuthErrorInit = { status: 401, description: "client authentication failed" };
 * console.log(new OAuthError("invalid_client", init).message);
 * ```
 */
export interface OAuthErrorInit {
  /** The HTTP status of the answer. */
  status: number;
  /** The server's `error_description`, when it sent one. */
  description?: string | undefined;
  /** The server's `error_uri`, when it sent one. */
  uri?: string | undefined;
  /** Where the answer came from, e.g. the token endpoint URL. */
  url?: string | undefined;
  /** The parsed error body or challenge (never the request, never a token). */
  cause?: unknown;
}

/**
 * The authorization server (or, for `invalid_token`, the API) refused the
 * request with an RFC 6749 / RFC 6750 error. Never retried: the request has
 * to change first. `code` is the server's `error` (`invalid_client`,
 * `invalid_grant`, `invalid_scope`, `invalid_request`, …, and `invalid_token`
 * when an API answered 401 twice through {@linkcode authFetch} or
 * {@linkcode kyAuthHooks}); the message says what to check.
 *
 * A wrong secret sent with `client_secret_basic` is often answered with a
 * `WWW-Authenticate` challenge rather than a JSON body: it is reported here
 * too, as `invalid_client`.
 *
 * @example React to a wrong secret
 * ```ts
 * import { clientCredentials, isOAuthError } from "@cadasto/auth";
 * declare const clientSecret: string;
 * const tokens = clientCredentials({
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: "my-service",
 *   clientSecret,
 *   audience: "https://acme.api.prod.cadasto.io/openehr/v1",
 * });
 * try {
 *   await tokens.getToken();
 * } catch (error) {
 *   if (isOAuthError(error) && error.code === "invalid_client") console.error(error.message);
 *   else throw error;
 * }
 * ```
 */
export class OAuthError extends Error {
  /** The RFC 6749 / RFC 6750 `error` code, e.g. `invalid_client`. */
  readonly code: string;
  /** The server's `error_description`, if any. */
  readonly description: string | undefined;
  /** The server's `error_uri`, if any. */
  readonly uri: string | undefined;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The URL that answered. */
  readonly url: string | undefined;
  override readonly name: string = "OAuthError";

  /**
   * @param code The RFC 6749 `error` code.
   * @param init Status, description and where it came from.
   */
  constructor(code: string, init: OAuthErrorInit) {
    const hint = OAUTH_HINTS[code] ?? "see the error description and the server's documentation for this code";
    const what = init.description ? `${code} (${init.description})` : code;
    const where = init.url ? ` from ${init.url}` : "";
    super(`OAuth error ${what}, HTTP ${init.status}${where}: ${hint}.`, { cause: init.cause });
    this.code = code;
    this.description = init.description;
    this.uri = init.uri;
    this.status = init.status;
    this.url = init.url;
    Object.defineProperty(this, BRAND, { value: "OAuthError" });
  }

  /**
   * A plain object for logs (`JSON.stringify`): code, message, status, url, cause.
   *
   * @returns The safe fields of the error.
   */
  toJSON(): Record<string, unknown> {
    return describe(this, { status: this.status, description: this.description, url: this.url });
  }

}

/**
 * Why a {@linkcode TokenEndpointError} was thrown:
 *
 * - `http_error`: a status without an OAuth error body (5xx, 429, an HTML
 *   page, …); `retryable` for 5xx and 429.
 * - `network_error`: no HTTP answer (refused or reset connection, DNS, TLS).
 * - `timeout`: one attempt took longer than `retry.timeout`.
 * - `deadline_exceeded`: retrying would run past `retry.deadline`.
 * - `invalid_response`: a 200 answer that is not a usable token (not JSON,
 *   no `access_token`, missing, zero or negative `expires_in`, a `token_type`
 *   other than Bearer).
 *
 * @example Decide from the code
 * ```ts
 * import type { TokenEndpointErrorCode } from "@cadasto/auth";
 * declare const code: TokenEndpointErrorCode;
 * console.log(code === "invalid_response" ? "the server is not a conforming OAuth server" : "try again later");
 * ```
 */
export type TokenEndpointErrorCode =
  | "http_error"
  | "network_error"
  | "timeout"
  | "deadline_exceeded"
  | "invalid_response";

/**
 * What a {@linkcode TokenEndpointError} carries besides its code and message.
 *
 * @example Build an error the way the package does
 * ```ts
 * import { TokenEndpointError, type TokenEndpointErrorInit } from "@cadasto/auth";
 * const init: TokenEndpointErrorInit = { status: 503, retryable: true };
 * console.log(new TokenEndpointError("http_error", "The token endpoint answered 503.", init).retryable);
 * ```
 */
export interface TokenEndpointErrorInit {
  /** The HTTP status, when there was an answer. */
  status?: number | undefined;
  /** Whether trying again later can succeed. */
  retryable: boolean;
  /** How many attempts were made before giving up. */
  attempts?: number | undefined;
  /** Where the request went. */
  url?: string | undefined;
  /** The underlying error or a summary of the answer (never a token, never the secret). */
  cause?: unknown;
}

/**
 * The token endpoint could not be reached or did not answer with a usable
 * token, after the retries allowed. `retryable` says whether trying later can
 * help; the message says what to check.
 *
 * @example Tell a passing outage from a broken server
 * ```ts
 * import { clientCredentials, isTokenEndpointError } from "@cadasto/auth";
 * declare const clientSecret: string;
 * const tokens = clientCredentials({
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: "my-service",
 *   clientSecret,
 *   audience: "https://acme.api.prod.cadasto.io/openehr/v1",
 * });
 * try {
 *   await tokens.getToken();
 * } catch (error) {
 *   if (isTokenEndpointError(error) && error.retryable) console.warn("auth server unavailable:", error.message);
 *   else throw error;
 * }
 * ```
 */
export class TokenEndpointError extends Error {
  /** Why it failed; see {@linkcode TokenEndpointErrorCode}. */
  readonly code: TokenEndpointErrorCode;
  /** The HTTP status, when there was an answer. */
  readonly status: number | undefined;
  /** Whether trying again later can succeed. */
  readonly retryable: boolean;
  /** How many attempts were made. */
  readonly attempts: number | undefined;
  /** Where the request went. */
  readonly url: string | undefined;
  override readonly name: string = "TokenEndpointError";

  /**
   * @param code Why it failed.
   * @param message What happened and what to check.
   * @param init Status, retryability, attempts and cause.
   */
  constructor(code: TokenEndpointErrorCode, message: string, init: TokenEndpointErrorInit) {
    super(message, { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.retryable = init.retryable;
    this.attempts = init.attempts;
    this.url = init.url;
    Object.defineProperty(this, BRAND, { value: "TokenEndpointError" });
  }

  /**
   * A plain object for logs (`JSON.stringify`).
   *
   * @returns The safe fields of the error.
   */
  toJSON(): Record<string, unknown> {
    return describe(this, { status: this.status, retryable: this.retryable, attempts: this.attempts, url: this.url });
  }

}

/**
 * An option passed to {@linkcode clientCredentials} was refused before any
 * request. `field` names the option; `code` is `invalid_option`,
 * `insecure_endpoint` (http on a host that is not loopback),
 * `unsupported_auth_method` (the server does not advertise it) or
 * `browser_not_allowed` (a client secret in a browser is a leak).
 *
 * @example Report a configuration mistake
 * ```ts
 * import { clientCredentials, isAuthOptionsError } from "@cadasto/auth";
 * try {
 *   clientCredentials({ tokenEndpoint: "http://auth.example.com/token", clientId: "a", clientSecret: "b", audience: "c" });
 * } catch (error) {
 *   if (isAuthOptionsError(error)) console.error(error.field, error.message);
 * }
 * ```
 */
export class AuthOptionsError extends Error {
  /** `invalid_option`, `insecure_endpoint`, `unsupported_auth_method` or `browser_not_allowed`. */
  readonly code: "invalid_option" | "insecure_endpoint" | "unsupported_auth_method" | "browser_not_allowed";
  /** The option refused, e.g. `audience`. */
  readonly field: string;
  override readonly name: string = "AuthOptionsError";

  /**
   * @param code Why the option was refused.
   * @param field The option's name.
   * @param message What is wrong and how to fix it.
   */
  constructor(code: AuthOptionsError["code"], field: string, message: string) {
    super(`${field}: ${message}`);
    this.code = code;
    this.field = field;
    Object.defineProperty(this, BRAND, { value: "AuthOptionsError" });
  }

  /**
   * A plain object for logs (`JSON.stringify`).
   *
   * @returns The safe fields of the error.
   */
  toJSON(): Record<string, unknown> {
    return describe(this, { field: this.field });
  }

}

/**
 * Whether `value` is an {@linkcode OAuthError}, also one from another copy of
 * this package or another realm (checks a brand, not only `instanceof`).
 *
 * @param value Anything caught.
 * @returns `true` for an `OAuthError`.
 *
 * @example Narrow a caught error
 * ```ts
 * import { isOAuthError } from "@cadasto/auth";
 * declare const error: unknown;
 * if (isOAuthError(error)) console.error(error.code, error.status);
 * ```
 */
export function isOAuthError(value: unknown): value is OAuthError {
  return hasBrand(value, "OAuthError");
}

/**
 * Whether `value` is a {@linkcode TokenEndpointError}, across copies and realms.
 *
 * @param value Anything caught.
 * @returns `true` for a `TokenEndpointError`.
 *
 * @example Narrow a caught error
 * ```ts
 * import { isTokenEndpointError } from "@cadasto/auth";
 * declare const error: unknown;
 * if (isTokenEndpointError(error)) console.error(error.code, error.retryable);
 * ```
 */
export function isTokenEndpointError(value: unknown): value is TokenEndpointError {
  return hasBrand(value, "TokenEndpointError");
}

/**
 * Whether `value` is an {@linkcode AuthOptionsError}, across copies and realms.
 *
 * @param value Anything caught.
 * @returns `true` for an `AuthOptionsError`.
 *
 * @example Narrow a caught error
 * ```ts
 * import { isAuthOptionsError } from "@cadasto/auth";
 * declare const error: unknown;
 * if (isAuthOptionsError(error)) console.error(`fix option ${error.field}`);
 * ```
 */
export function isAuthOptionsError(value: unknown): value is AuthOptionsError {
  return hasBrand(value, "AuthOptionsError");
}

const types: { prototype: Error & { toJSON(): unknown } }[] = [OAuthError, TokenEndpointError, AuthOptionsError];
for (const type of types) {
  inspectAs(type, (error) => `${error.stack}\n${JSON.stringify(error.toJSON(), null, 2)}`);
}
