import { type ErrorBrand, errorBrand, inspectAs, type LegacyBrand } from "@cadasto/core";

// @cadasto/auth 0.1 branded every error with Symbol.for("@cadasto/auth.error") set to its name.
const legacy = (name: string): LegacyBrand => ({ key: "@cadasto/auth.error", value: name });
const SUBCLASSES = ["OAuthError", "TokenEndpointError", "AuthOptionsError"] as const;
/** Each subclass's brand (also recognising its 0.1 brand), and AuthError's, which any of them carries. */
const BRANDS = Object.fromEntries([
  ...SUBCLASSES.map((name) => [name, errorBrand(name, { legacy: [legacy(name)] })]),
  ["AuthError", errorBrand("AuthError", { legacy: SUBCLASSES.map(legacy) })],
]) as Record<(typeof SUBCLASSES)[number] | "AuthError", ErrorBrand>;

/**
 * The base of every error this package throws: a stable `code`, a message
 * that says what to check, and `toJSON`/`util.inspect` that show only safe
 * fields (never a secret or a token). Catch the subclasses:
 * {@linkcode OAuthError}, {@linkcode TokenEndpointError},
 * {@linkcode AuthOptionsError}; {@linkcode isAuthError} recognises any of them.
 *
 * @example Log any auth failure as JSON
 * ```ts
 * import { AuthError } from "@cadasto/auth";
 * declare const error: unknown;
 * if (error instanceof AuthError) console.error(JSON.stringify(error));
 * ```
 */
export class AuthError extends Error {
  /** Why it failed; each subclass documents its codes. */
  readonly code: string;

  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param name The subclass name (also its cross-realm brand, `Symbol.for("cadasto.<name>")`).
   * @param code The stable code.
   * @param message What happened and what to check.
   * @param cause The underlying error or a summary (never a token or the secret).
   */
  constructor(name: string, code: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = name;
    this.code = code;
    BRANDS.AuthError.mark(this);
    if (Object.hasOwn(BRANDS, name)) BRANDS[name as keyof typeof BRANDS].mark(this);
  }

  /**
   * A plain object for logs: name, message, code and the subclass fields; the cause as text.
   *
   * @returns The safe fields of the error.
   */
  toJSON(): Record<string, unknown> {
    const { cause } = this;
    return { ...(this as object), message: this.message, cause: cause instanceof Error ? `${cause.name}: ${cause.message}` : cause };
  }
}

inspectAs(AuthError, (error) => `${error.stack}\n${JSON.stringify(error)}`);

const HINTS: Record<string, string> = {
  invalid_client: "check clientId, clientSecret (or privateKey and keyId) and authMethod",
  invalid_grant: "check that the client may use client_credentials",
  unauthorized_client: "check that the client may use client_credentials",
  unsupported_grant_type: "check that the server offers client_credentials",
  invalid_scope: "check scope against the scopes granted to the client",
  invalid_request: "check audience (the API base URL) and scope",
  invalid_target: "check audience: it must be the API base URL",
  invalid_token: "a fresh token was refused too: check audience and the scopes the call needs",
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
  /** Set when the credential's provider was called again after an `invalid_client` answer. */
  reread?: CredentialReread | undefined;
}

/**
 * What happened when a secret or key provider was read again after an
 * `invalid_client` answer: `changed` false means it returned the same value
 * (the store still holds the old one); true means the new value was refused too.
 *
 * @example Explain a refused rotation
 * ```ts
 * import type { CredentialReread } from "@cadasto/auth";
 * declare const reread: CredentialReread;
 * console.log(reread.changed ? "the new value was refused too" : `update ${reread.field} in the secret store`);
 * ```
 */
export interface CredentialReread {
  /** `clientSecret` or `privateKey`. */
  readonly field: "clientSecret" | "privateKey";
  /** Whether the provider returned a different value (which was then tried once and refused). */
  readonly changed: boolean;
}

function rereadHint(reread: CredentialReread | undefined): string {
  if (reread === undefined) return "";
  const what = reread.field === "clientSecret" ? "client secret" : "private key";
  return reread.changed
    ? ` The ${what} was re-read after the refusal; the new value was refused too: check that the store holds the credential registered with the server.`
    : ` The ${what} was re-read after the refusal and is unchanged: update it where the provider reads it (was it rotated on the server?).`;
}

/**
 * The `error` of an {@linkcode OAuthError}: the codes RFC 6749 §5.2 and RFC 6750
 * define, each with what to check; another server's own code passes through as is.
 *
 * @example Decide from the code
 * ```ts
 * import type { OAuthErrorCode } from "@cadasto/auth";
 * declare const code: OAuthErrorCode;
 * console.log(code === "invalid_client" ? "check the client id and secret" : code);
 * ```
 */
export type OAuthErrorCode =
  /** The server did not accept the client's authentication: check `clientId`, `clientSecret` and `authMethod` (a rotated secret? the right environment?). */
  | "invalid_client"
  /** The grant was refused: check that the client may use `client_credentials` in this environment. */
  | "invalid_grant"
  /** This client may not use the `client_credentials` grant: ask Cadasto to enable it for the client. */
  | "unauthorized_client"
  /** The server does not offer `client_credentials`: check that `tokenEndpoint` (or the discovery document) is the Cadasto auth server. */
  | "unsupported_grant_type"
  /** A requested scope is unknown or not granted to the client: compare `scope` with the scopes you were given (e.g. `api.read api.write`). */
  | "invalid_scope"
  /** The request is malformed or misses a parameter: check `audience` (the API base URL) and `scope`. */
  | "invalid_request"
  /** The `audience` is not an API this server issues tokens for: set it to the openEHR API base URL, e.g. `https://acme.api.prod.cadasto.io/openehr/v1`. */
  | "invalid_target"
  /** The API refused a fresh token too (401 twice through `authFetch` or `kyAuthHooks`): check `audience` and the scopes the call needs. */
  | "invalid_token"
  /** Any other code a server sends, passed through unchanged: read `description`. */
  | (string & {});

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
export class OAuthError extends AuthError {
  /** The server's `error` code; see {@linkcode OAuthErrorCode}. */
  declare readonly code: OAuthErrorCode;
  /** The server's `error_description`, if any. */
  declare readonly description: string | undefined;
  /** The server's `error_uri`, if any. */
  declare readonly uri: string | undefined;
  /** The HTTP status of the answer. */
  declare readonly status: number;
  /** The URL that answered. */
  declare readonly url: string | undefined;
  /** Set when the secret or key provider was read again after `invalid_client`. */
  declare readonly reread: CredentialReread | undefined;

  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param code The RFC 6749 `error` code, e.g. `invalid_client`.
   * @param init Status, description and where it came from.
   */
  constructor(code: OAuthErrorCode, init: OAuthErrorInit) {
    const { description, status, url, uri, cause, reread } = init;
    super(
      "OAuthError",
      code,
      `OAuth error ${code}${description ? ` (${description})` : ""}, HTTP ${status}${url ? ` from ${url}` : ""}: ${HINTS[code] ?? "see the description"}.${rereadHint(reread)}`,
      cause,
    );
    Object.assign(this, { description, uri, status, url, reread });
  }
}

/**
 * Why a {@linkcode TokenEndpointError} was thrown; each code says what it
 * means and what to do.
 *
 * @example Decide from the code
 * ```ts
 * import type { TokenEndpointErrorCode } from "@cadasto/auth";
 * declare const code: TokenEndpointErrorCode;
 * console.log(code === "invalid_response" ? "the server is not a conforming OAuth server" : "try again later");
 * ```
 */
export type TokenEndpointErrorCode =
  /** A status without an OAuth error body (5xx, 429, an HTML page, …); `retryable` for 5xx and 429: retry later, or check `tokenEndpoint` when it is a 404 or an HTML page. */
  | "http_error"
  /** No HTTP answer (refused or reset connection, DNS, TLS): check the host and your network; it is retried within `retry.deadline`. */
  | "network_error"
  /** One attempt took longer than `retry.timeout`: the server is slow or unreachable; raise `retry.timeout` or try later. */
  | "timeout"
  /** Retrying would run past `retry.deadline`: the server kept failing; look at `cause` for the last failure, or raise `retry.deadline`. */
  | "deadline_exceeded"
  /** A 200 answer that is not a usable token (not JSON, no `access_token`, missing, zero or negative `expires_in`, a `token_type` other than Bearer): `tokenEndpoint` is not a conforming OAuth server. */
  | "invalid_response"
  /** The answer holds more than 1 MiB once decompressed (a token response is a few KB; a compressed "bomb" is refused as it inflates): check that `tokenEndpoint` is the Cadasto auth server, not a proxy or a file server. */
  | "response_too_large";

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
export class TokenEndpointError extends AuthError {
  /** Why it failed; see {@linkcode TokenEndpointErrorCode}. */
  declare readonly code: TokenEndpointErrorCode;
  /** The HTTP status, when there was an answer. */
  declare readonly status: number | undefined;
  /** Whether trying again later can succeed. */
  declare readonly retryable: boolean;
  /** How many attempts were made. */
  declare readonly attempts: number | undefined;
  /** Where the request went. */
  declare readonly url: string | undefined;

  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param code Why it failed.
   * @param message What happened and what to check.
   * @param init Status, retryability, attempts and cause.
   */
  constructor(code: TokenEndpointErrorCode, message: string, init: TokenEndpointErrorInit) {
    const { status, retryable, attempts, url, cause } = init;
    super("TokenEndpointError", code, message, cause);
    Object.assign(this, { status, retryable, attempts, url });
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
export class AuthOptionsError extends AuthError {
  /** `invalid_option`, `insecure_endpoint`, `unsupported_auth_method` or `browser_not_allowed`. */
  declare readonly code: /** An option is missing or has the wrong type or value (`field` names it): fix that option. */
    | "invalid_option"
    /** `tokenEndpoint` uses http on a host that is not loopback: use https. */
    | "insecure_endpoint"
    /** The discovery document does not advertise the `authMethod` you chose: use one it lists in `token_endpoint_auth_methods_supported`. */
    | "unsupported_auth_method"
    /** A client secret would be used in a browser, where anyone can read it: get tokens on a server and call the API from there. */
    | "browser_not_allowed";
  /** The option refused, e.g. `audience`. */
  declare readonly field: string;

  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param code Why the option was refused.
   * @param field The option's name.
   * @param message What is wrong and how to fix it.
   */
  constructor(code: AuthOptionsError["code"], field: string, message: string) {
    super("AuthOptionsError", code, `${field}: ${message}`);
    Object.assign(this, { field });
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
  return BRANDS.OAuthError.is(value);
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
  return BRANDS.TokenEndpointError.is(value);
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
  return BRANDS.AuthOptionsError.is(value);
}

/**
 * Whether `value` is an {@linkcode AuthError} of any kind ({@linkcode OAuthError},
 * {@linkcode TokenEndpointError}, {@linkcode AuthOptionsError}), across copies
 * of this package and realms (checks a brand, not only `instanceof`).
 *
 * @param value Anything caught.
 * @returns `true` for any error of this package.
 *
 * @example Log any auth failure, rethrow the rest
 * ```ts
 * import { isAuthError } from "@cadasto/auth";
 * declare const error: unknown;
 * if (isAuthError(error)) console.error(error.code, JSON.stringify(error));
 * else throw error;
 * ```
 */
export function isAuthError(value: unknown): value is AuthError {
  return BRANDS.AuthError.is(value);
}
