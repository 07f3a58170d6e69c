import type { AccessToken } from "./access_token.ts";

/**
 * Options for one {@linkcode TokenSource.getToken} call.
 *
 * @example Give up waiting for a token after two seconds
 * ```ts
 * import type { GetTokenOptions, TokenSource } from "@cadasto/auth";
 * declare const tokens: TokenSource;
 * const options: GetTokenOptions = { timeout: 2_000 };
 * await tokens.getToken(options);
 * ```
 */
export interface GetTokenOptions {
  /** Stops this caller's wait; the promise rejects with the signal's reason. Other callers sharing the request keep waiting. */
  signal?: AbortSignal | undefined;
  /**
   * This caller's own limit on the wait, in ms: past it the promise rejects with a
   * `timeout` {@linkcode TokenEndpointError}, while a token request shared with other
   * callers goes on for them. Default: no limit of its own (the `retry` options bound the request).
   */
  timeout?: number | undefined;
}

/**
 * Something that hands out bearer tokens: cached, renewed ahead of expiry,
 * one token request for any number of concurrent callers. Made by
 * {@linkcode clientCredentials}; consumed by {@linkcode authFetch},
 * {@linkcode kyAuthHooks} and `@cadasto/templates`.
 *
 * @example Use a token source directly
 * ```ts
 * import type { TokenSource } from "@cadasto/auth";
 * declare const tokens: TokenSource;
 * const token = await tokens.getToken();
 * const response = await fetch("https://acme.api.prod.cadasto.io/openehr/v1/definition/template/adl1.4", {
 *   headers: { authorization: `Bearer ${token.value}` },
 * });
 * if (response.status === 401) tokens.invalidate(token);
 * ```
 */
export interface TokenSource {
  /**
   * A token valid now: the cached one while it is outside the refresh
   * margin, the cached one (with a renewal started in the background) inside
   * it, a new one when none is valid.
   *
   * @param options A signal and a time limit for this caller's wait.
   * @returns The token.
   * @throws {OAuthError} The server refused the request (not retried).
   * @throws {TokenEndpointError} No usable answer within the retries, or none within `timeout`.
   */
  getToken(options?: GetTokenOptions): Promise<AccessToken>;
  /**
   * Forgets a token the API refused, so the next `getToken()` requests a
   * new one. Only that token is dropped: a newer token already cached stays.
   * Without an argument, drops whatever is cached.
   *
   * @param token The token (or its value) that was refused.
   */
  invalidate(token?: AccessToken | string): void;
}
