/**
 * A token as a {@linkcode TokenStore} keeps it: plain data, so an adapter can
 * serialise it (`JSON.stringify` shows the value: encrypt it or keep it in a
 * store only your service can read).
 *
 * @example Check whether a stored token is still worth using
 * ```ts
 * import type { StoredToken } from "@cadasto/auth";
 * declare const stored: StoredToken;
 * console.log(Date.now() < stored.renewAt ? "fresh" : "renew soon");
 * ```
 */
export interface StoredToken {
  /** The token itself. */
  value: string;
  /** Expiry, epoch milliseconds. */
  expiresAt: number;
  /** When renewal should start, epoch milliseconds. */
  renewAt: number;
  /** The scopes granted. */
  scope: string[];
  /** The token type, lower case. */
  tokenType: string;
}

/**
 * Where a token source keeps its token, so that several instances of a
 * service can share one token instead of each requesting its own. Keys say
 * which request the token answers (token URL, client id, auth method, sorted
 * scopes, audience; never the secret), so one store can serve several
 * configurations. `get` returns `undefined` when nothing is stored. A store
 * that rejects is skipped (the token source then asks the token endpoint).
 * The default is an in-memory store per token source ({@linkcode memoryTokenStore}).
 *
 * @example A store over Redis (any client with get/set and expiry)
 * ```ts
 * import { clientCredentials, type StoredToken, type TokenStore } from "@cadasto/auth";
 * declare const redis: {
 *   get(key: string): Promise<string | null>;
 *   set(key: string, value: string, mode: "PX", ms: number): Promise<unknown>;
 * };
 * declare const clientSecret: string;
 * const store: TokenStore = {
 *   async get(key) {
 *     const json = await redis.get(`token:${key}`);
 *     return json === null ? undefined : (JSON.parse(json) as StoredToken);
 *   },
 *   async set(key, token) {
 *     await redis.set(`token:${key}`, JSON.stringify(token), "PX", Math.max(1, token.expiresAt - Date.now()));
 *   },
 * };
 * const tokens = clientCredentials({
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: "my-service",
 *   clientSecret,
 *   audience: "https://acme.api.prod.cadasto.io/openehr/v1",
 *   store,
 * });
 * ```
 */
export interface TokenStore {
  /**
   * Reads the token stored for `key`.
   *
   * @param key Which request the token answers.
   * @returns The stored token, or `undefined`.
   */
  get(key: string): Promise<StoredToken | undefined>;
  /**
   * Stores a new token for `key`, replacing the previous one.
   *
   * @param key Which request the token answers.
   * @param token The token to keep until `token.expiresAt`.
   */
  set(key: string, token: StoredToken): Promise<void>;
}

/**
 * An in-memory {@linkcode TokenStore}: the default (one per token source).
 * Pass one instance to several token sources to let them share tokens
 * within a process.
 *
 * @returns A new, empty store.
 *
 * @example Share one store between two token sources
 * ```ts
 * import { clientCredentials, memoryTokenStore } from "@cadasto/auth";
 * declare const clientSecret: string;
 * const store = memoryTokenStore();
 * const options = {
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: "my-service",
 *   clientSecret,
 *   audience: "https://acme.api.prod.cadasto.io/openehr/v1",
 *   store,
 * };
 * const a = clientCredentials(options);
 * const b = clientCredentials(options);
 * console.log((await a.getToken()).expiresAt === (await b.getToken()).expiresAt);
 * ```
 */
export function memoryTokenStore(): TokenStore {
  const tokens = new Map<string, StoredToken>();
  return {
    get: (key) => Promise.resolve(tokens.get(key)),
    set: (key, token) => {
      tokens.set(key, token);
      return Promise.resolve();
    },
  };
}
