import { inspectAs, REDACTED } from "@cadasto/core";

/**
 * A bearer token from the token endpoint. `value` is what goes into
 * `Authorization: Bearer …`; `JSON.stringify` and `util.inspect` show
 * `[redacted]` instead, so logging a token object never leaks it.
 *
 * @example Log what a token allows, never the token
 * ```ts
 * import { type AccessToken, clientCredentials } from "@cadasto/auth";
 * declare const clientSecret: string;
 * const tokens = clientCredentials({
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: "my-service",
 *   clientSecret,
 *   audience: "https://acme.api.prod.cadasto.io/openehr/v1",
 * });
 * const token: AccessToken = await tokens.getToken();
 * console.log(JSON.stringify(token), new Date(token.expiresAt).toISOString());
 * ```
 */
export interface AccessToken {
  /** The token itself. Keep it out of logs. */
  readonly value: string;
  /** When it expires, in epoch milliseconds, counted from when the request was sent. */
  readonly expiresAt: number;
  /** The scopes granted (the server's `scope`, else the scopes requested). */
  readonly scope: readonly string[];
  /** The token type, lower case (`bearer`). */
  readonly tokenType: string;
}

/** Internal implementation: the value sits in a private field. */
export class BearerToken implements AccessToken {
  readonly #value: string;
  readonly expiresAt: number;
  readonly scope: readonly string[];
  readonly tokenType: string;

  constructor(value: string, expiresAt: number, scope: readonly string[], tokenType: string) {
    this.#value = value;
    this.expiresAt = expiresAt;
    this.scope = Object.freeze([...scope]);
    this.tokenType = tokenType;
  }

  get value(): string {
    return this.#value;
  }

  toJSON(): Record<string, unknown> {
    return { value: REDACTED, expiresAt: this.expiresAt, scope: this.scope, tokenType: this.tokenType };
  }

  toString(): string {
    return `AccessToken(${REDACTED})`;
  }
}

inspectAs(BearerToken, (token) => `AccessToken ${JSON.stringify(token.toJSON())}`);
