import { errorBrand } from "@cadasto/core";

/**
 * One problem (or warning) with a credentials request, ready to show beside
 * the form field it belongs to.
 *
 * @example Show each problem beside its field
 * ```ts
 * import { safeParseCredentialsRequest, type CredentialsRequestIssue } from "@cadasto/credentials-request";
 * const result = safeParseCredentialsRequest({ applicationName: "" });
 * const issues: readonly CredentialsRequestIssue[] = result.ok ? [] : result.issues;
 * for (const issue of issues) console.log(`${issue.dotPath}: ${issue.message} (${issue.code})`);
 * ```
 */
export interface CredentialsRequestIssue {
  /** Where the problem is, e.g. `["contact", "email"]` or `["redirectUris", 0]`; empty for the whole request. */
  readonly path: readonly (string | number)[];
  /** The same path as a dotted string, e.g. `"contact.email"`, `"redirectUris.0"`; `""` for the whole request. */
  readonly dotPath: string;
  /** A sentence saying what is wrong and how to fix it. */
  readonly message: string;
  /** A stable code: what is wrong, see {@linkcode CredentialsRequestIssueCode}. */
  readonly code: CredentialsRequestIssueCode;
}

/**
 * The stable code of a {@linkcode CredentialsRequestIssue}: what is wrong with
 * the request, or (for warnings) what to double-check.
 *
 * @example Pick out one problem
 * ```ts
 * import { safeParseCredentialsRequest, type CredentialsRequestIssueCode } from "@cadasto/credentials-request";
 * const wildcard: CredentialsRequestIssueCode = "wildcard";
 * const result = safeParseCredentialsRequest({ redirectUris: ["https://*.example.com/callback"] });
 * console.log(!result.ok && result.issues.some((issue) => issue.code === wildcard));
 * ```
 */
export type CredentialsRequestIssueCode =
  /** A required field is absent: add it (the message names it). */
  | "missing_field"
  /** A field has the wrong type (e.g. a number where text belongs): give it the type the message names. */
  | "wrong_type"
  /** A field's value is refused by the schema: correct it as the message says. */
  | "invalid_value"
  /** The request has a field the schema does not know: remove it or fix its spelling. */
  | "unknown_field"
  /** A text field is empty: write it. */
  | "empty_field"
  /** A text field is longer than allowed: shorten it to the length the message gives. */
  | "too_long"
  /** A list has more items than allowed (100), or its text is too long: send fewer, or split the request. */
  | "too_many_items"
  /** A text field contains control characters, or line breaks (Unicode line and paragraph separators included) where one line is expected: keep it to plain text. */
  | "control_characters"
  /** An environment is not `development`, `acceptation` or `production`: use one of those. */
  | "unknown_environment"
  /** No environment is given: name at least one. */
  | "no_environment"
  /** `flow` is not `client-credentials` or `authorization-code-pkce`: use one of those (or leave it out to infer it). */
  | "unknown_flow"
  /** A URL contains characters a URL cannot hold (spaces, quotes, <, >, \\ or non-ASCII): percent-encode them, or write an international domain name in its xn-- form. */
  | "invalid_uri_characters"
  /** A redirect URI or origin is not an absolute URL: write it in full, with scheme and host. */
  | "not_absolute_url"
  /** A URL uses a scheme other than https (or http on loopback): use an https URL. */
  | "unsupported_scheme"
  /** A URL uses http on a host other than the loopback interface: use https (http only for 127.0.0.1 or [::1], RFC 8252 §7.3). */
  | "insecure_url"
  /** A URL contains a user name or password: remove the part before `@`. */
  | "url_credentials"
  /** A redirect URI or origin has `*` in its host name or path: Cadasto matches them exactly, so list every one in full. */
  | "wildcard"
  /** A redirect URI has a `#fragment`: remove it (RFC 6749 §3.1.2 forbids fragments). */
  | "redirect_uri_fragment"
  /** An origin has a path: an origin is only scheme, host and port, e.g. `https://app.example.com`. */
  | "origin_has_path"
  /** An origin has a query: remove it; an origin is only scheme, host and port. */
  | "origin_has_query"
  /** An origin has a fragment: remove it; an origin is only scheme, host and port. */
  | "origin_has_fragment"
  /** An origin ends in `/`: remove the slash (browsers send origins without one). */
  | "origin_trailing_slash"
  /** Scopes are separated by commas: separate them with spaces, e.g. `api.read api.write`. */
  | "scopes_separated_by_commas"
  /** A scope contains characters a scope cannot hold (RFC 6749 §3.3): use a scope like `api.read`. */
  | "invalid_scope"
  /** No scope is given: request at least one, e.g. `api.read`. */
  | "no_scope"
  /** The contact email is not an email address: write it as `name@example.com`. */
  | "invalid_email"
  /** A `client-credentials` (machine-to-machine) request lists redirect URIs: remove them, or choose `authorization-code-pkce` if users sign in. */
  | "redirect_uris_for_machine_client"
  /** A `client-credentials` request lists CORS origins: remove them; machine clients do not run in browsers. */
  | "origins_for_machine_client"
  /** An `authorization-code-pkce` request has no redirect URI: add the URL your app receives the sign-in answer on. */
  | "missing_redirect_uris"
  /** Warning: `staging` is the older name of `acceptation`; the request says `acceptation`. */
  | "staging_renamed"
  /** Warning: a scope Cadasto does not document; keep it only if Cadasto asked you to request it. */
  | "unknown_scope"
  /** Warning: a redirect URI uses `localhost`, which RFC 8252 §8.3 advises against: use `127.0.0.1` (or `[::1]`). */
  | "localhost_redirect_uri"
  /** `toMailtoUrl` got no recipient or one that is not an email address: pass the address to send the request to. */
  | "invalid_recipient"
  /** `toClientMetadata`'s `jwks` is not a JWK Set of 1 to a few RSA or EC public keys: pass the public JWK Set `cadasto-keygen` printed. */
  | "invalid_jwks"
  /** A key in `jwks` holds a private member (`d`, `p`, `q`, …): send only the public key, and keep the private key secret. */
  | "private_key_in_jwks"
  /** A key in `jwks` has no `kid`: give it the key id the client sends in its assertions (`cadasto-keygen` sets one). */
  | "missing_kid"
  /** `jwks` is given for a public client (browser or native app), which cannot keep a private key: leave out `jwks`. */
  | "jwks_for_public_client";

/**
 * Why a {@linkcode CredentialsRequestError} was thrown: `invalid_request`
 * (the request has problems, see `issues`) or `invalid_recipient` (the
 * address given to {@linkcode toMailtoUrl} is not an email address).
 *
 * @example Tell the two apart
 * ```ts
 * import type { CredentialsRequestErrorCode } from "@cadasto/credentials-request";
 * declare const code: CredentialsRequestErrorCode;
 * console.log(code === "invalid_recipient" ? "check the address" : "fix the request");
 * ```
 */
export type CredentialsRequestErrorCode =
  /** The request has problems (see `issues`, each with its field, message and code): fix each field it names. */
  | "invalid_request"
  /** The address given to `toMailtoUrl` is not an email address: pass the address to send the request to, e.g. `api-access@cadasto.example`. */
  | "invalid_recipient";

// Errors from @cadasto/credentials-request 0.1 carry the old brand: still recognised.
const BRAND = errorBrand("CredentialsRequestError", { legacy: [{ key: "@cadasto/credentials-request.CredentialsRequestError" }] });

function describe(issues: readonly CredentialsRequestIssue[]): string {
  const lines = issues.map((issue) => `- ${issue.dotPath || "request"}: ${issue.message}`);
  const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
  return `The credentials request has ${count}:\n${lines.join("\n")}`;
}

/**
 * Thrown when a credentials request is invalid; `issues` lists every problem
 * with its field path, a sentence saying how to fix it, and a stable code.
 *
 * @example Catch it and list the problems
 * ```ts
 * import { isCredentialsRequestError, parseCredentialsRequest } from "@cadasto/credentials-request";
 * try {
 *   parseCredentialsRequest({ applicationName: "Acme" });
 * } catch (error) {
 *   if (!isCredentialsRequestError(error)) throw error;
 *   for (const issue of error.issues) console.error(`${issue.dotPath}: ${issue.message}`);
 * }
 * ```
 */
export class CredentialsRequestError extends Error {
  /** Always "CredentialsRequestError". */
  override readonly name: "CredentialsRequestError" = "CredentialsRequestError";
  /** Why it was thrown. */
  readonly code: CredentialsRequestErrorCode;
  /** Every problem found, in field order. */
  readonly issues: readonly CredentialsRequestIssue[];

  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param code Why it is thrown.
   * @param issues Every problem found (at least one).
   * @param options `cause`: the underlying valibot issues, if any.
   */
  constructor(code: CredentialsRequestErrorCode, issues: readonly CredentialsRequestIssue[], options?: { cause?: unknown }) {
    super(describe(issues), options);
    this.code = code;
    this.issues = issues;
    BRAND.mark(this);
  }
}

/**
 * Tells whether `value` is a {@linkcode CredentialsRequestError}, also one
 * from another copy of this package or another realm (checks a brand, not
 * `instanceof`).
 *
 * @param value Anything, typically a caught error.
 * @returns `true` when `value` is a `CredentialsRequestError`.
 *
 * @example Narrow a caught error
 * ```ts
 * import { isCredentialsRequestError } from "@cadasto/credentials-request";
 * declare const error: unknown;
 * if (isCredentialsRequestError(error)) console.log(error.code, error.issues.length);
 * ```
 */
export function isCredentialsRequestError(value: unknown): value is CredentialsRequestError {
  return BRAND.is(value);
}
