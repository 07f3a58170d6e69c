import { errorBrand } from "@cadasto/core";
import { AuthError } from "./errors.ts";

const BRAND = errorBrand("CredentialError");

/**
 * A secret or key provider failed when a token was needed: it threw
 * (`provider_failed`, its error is the `cause`), or it returned something
 * that is not a usable secret or key (`invalid_credential`: an empty value, a
 * PEM that is not PKCS#8, a key for another algorithm, …); or, for a
 * `privateKey`, the `private_key_jwt` code that loads on first use could not
 * be loaded (`load_failed`). `field` is `clientSecret` or `privateKey`. Never
 * carries the secret or the key.
 *
 * @example Tell a vault outage from a wrong value
 * ```ts
 * import { isCredentialError, type TokenSource } from "@cadasto/auth";
 * declare const tokens: TokenSource;
 * try {
 *   await tokens.getToken();
 * } catch (error) {
 *   if (isCredentialError(error)) console.error(error.field, error.code, error.message);
 *   else throw error;
 * }
 * ```
 */
export class CredentialError extends AuthError {
  /** `provider_failed`, `invalid_credential` or `load_failed`. */
  declare readonly code: /** The secret or key provider threw (its error is the `cause`): check the secret store it reads (reachable? permission?); the next token request calls it again. */
    | "provider_failed"
    /** The provider returned something unusable (an empty value, a PEM that is not PKCS#8, a key for another algorithm, …): fix the value where the provider reads it. */
    | "invalid_credential"
    /** The `private_key_jwt` code, which loads on first use, could not be loaded (its error is the `cause`: a bundle chunk not served, an offline page): serve every file your bundler emitted, or reload; the next token request tries again. */
    | "load_failed";
  /** `clientSecret` or `privateKey`. */
  declare readonly field: "clientSecret" | "privateKey";

  /**
   * Creates the error; the package throws it, so you rarely need to.
   *
   * @param code Why the credential is not usable.
   * @param field Which option's provider.
   * @param message What is wrong and what to check.
   * @param cause The provider's own error, for `provider_failed`.
   */
  constructor(code: CredentialError["code"], field: CredentialError["field"], message: string, cause?: unknown) {
    super("CredentialError", code, `${field}: ${message}`, cause);
    Object.assign(this, { field });
    BRAND.mark(this);
  }
}

/**
 * Whether `value` is a {@linkcode CredentialError}, across copies and realms.
 *
 * @param value Anything caught.
 * @returns `true` for a `CredentialError`.
 *
 * @example Narrow a caught error
 * ```ts
 * import { isCredentialError } from "@cadasto/auth";
 * declare const error: unknown;
 * if (isCredentialError(error)) console.error(`check the ${error.field} provider`);
 * ```
 */
export function isCredentialError(value: unknown): value is CredentialError {
  return BRAND.is(value);
}
