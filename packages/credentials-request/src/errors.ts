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
  /**
   * A stable code, e.g. `missing_field`, `wrong_type`, `unknown_field`,
   * `empty_field`, `too_long`, `control_characters`, `unknown_environment`,
   * `no_environment`, `unknown_flow`, `invalid_uri_characters`,
   * `not_absolute_url`, `unsupported_scheme`, `insecure_url`,
   * `url_credentials`, `wildcard`, `redirect_uri_fragment`,
   * `origin_has_path`, `origin_has_query`, `origin_has_fragment`,
   * `origin_trailing_slash`, `scopes_separated_by_commas`, `invalid_scope`,
   * `no_scope`, `invalid_email`, `redirect_uris_for_machine_client`,
   * `origins_for_machine_client`, `missing_redirect_uris`; for warnings
   * `staging_renamed`, `unknown_scope`, `localhost_redirect_uri`; for
   * {@linkcode toMailtoUrl} `invalid_recipient`.
   */
  readonly code: string;
}

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
export type CredentialsRequestErrorCode = "invalid_request" | "invalid_recipient";

const BRAND = Symbol.for("@cadasto/credentials-request.CredentialsRequestError");

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
  constructor(
    code: CredentialsRequestErrorCode,
    issues: readonly CredentialsRequestIssue[],
    options?: { cause?: unknown },
  ) {
    super(describe(issues), options);
    this.code = code;
    this.issues = issues;
    Object.defineProperty(this, BRAND, { value: true });
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
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
