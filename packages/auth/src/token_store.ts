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
  /** Expiry, epoch milliseconds by the token server's clock (this host's clock corrected by the skew measured). */
  expiresAt: number;
  /** When the refresh window starts, epoch milliseconds by the token server's clock. */
  renewAt: number;
  /** The scopes granted. */
  scope: string[];
  /** The token type, lower case. */
  tokenType: string;
  /**
   * Optional, set by a store's `get`: how many ms the token has left by the store's own
   * clock (Redis: `PTTL`). A host whose clock is off then serves the token for exactly
   * that long, even before it measured its skew on a token request of its own.
   */
  ttlMs?: number | undefined;
}

/**
 * Where a token source keeps its token, so that several instances of a
 * service can share one token instead of each requesting its own. Keys say
 * which request the token answers (token URL, client id, auth method, sorted
 * scopes, audience; never the secret), so one store can serve several
 * configurations. `get` returns `undefined` when nothing is stored. A store
 * that rejects, or takes longer than the `storeTimeout` option, is skipped (the
 * token source then asks the token endpoint) and reported as a `store.error` event.
 * The default is an in-memory store per token source ({@linkcode memoryTokenStore}).
 *
 * Two optional methods let a fleet of processes make one token request per
 * lifetime: `lease` (one instance renews, the others keep serving the valid
 * token or wait for the new one) and `delete` (a token the API refused is
 * dropped for everyone). A store with only `get` and `set` still works: each
 * instance then renews on its own. `@cadasto/auth-redis` implements all four.
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
 *   async set(key, token, ttlMs = 60_000) {
 *     await redis.set(`token:${key}`, JSON.stringify(token), "PX", Math.max(1, Math.floor(ttlMs)));
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
   * @param ttlMs How long from now the token is valid, in ms: use it for the store's own expiry
   *   (`token.expiresAt` is in the server's clock, which may differ from this host's).
   */
  set(key: string, token: StoredToken, ttlMs?: number): Promise<void>;
  /**
   * Optional. Removes the token stored for `key` if it is still `value` (a newer token stays).
   *
   * @param key Which request the token answers.
   * @param value The token the API refused.
   */
  delete?(key: string, value: string): Promise<void>;
  /**
   * Optional. Takes the short lease to renew the token for `key`, unless another
   * instance holds it. The lease must expire by itself (in case its holder dies).
   *
   * @param key Which request the token answers.
   * @returns The lease, or `undefined` when another instance holds it.
   */
  lease?(key: string): Promise<TokenLease | undefined>;
}

/**
 * A lease from {@linkcode TokenStore.lease}: while it is held, other instances
 * wait for the token its holder publishes instead of requesting their own.
 *
 * @example Renew only while holding the lease
 * ```ts
 * import type { TokenStore } from "@cadasto/auth";
 * declare const store: Required<TokenStore>;
 * const lease = await store.lease("key");
 * if (lease) {
 *   try {
 *     // request the token, then store.set(...)
 *   } finally {
 *     await lease.release();
 *   }
 * }
 * ```
 */
export interface TokenLease {
  /** Gives the lease up before it expires (only if this holder still has it). */
  release(): Promise<void>;
}

/** How long a lease of {@linkcode memoryTokenStore} lasts, ms. */
const MEMORY_LEASE_MS = 10_000;

/**
 * An in-memory {@linkcode TokenStore}: the default (one per token source).
 * Pass one instance to several token sources to let them share tokens
 * within a process (with `lease` and `delete`, so they make one request).
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
  const leases = new Map<string, { until: number }>();
  return {
    get: (key) => Promise.resolve(tokens.get(key)),
    set: (key, token) => {
      tokens.set(key, token);
      return Promise.resolve();
    },
    delete: (key, value) => {
      if (tokens.get(key)?.value === value) tokens.delete(key);
      return Promise.resolve();
    },
    lease: (key) => {
      const held = leases.get(key);
      if (held !== undefined && held.until > Date.now()) return Promise.resolve(undefined);
      const mine = { until: Date.now() + MEMORY_LEASE_MS };
      leases.set(key, mine);
      return Promise.resolve({
        release: () => {
          if (leases.get(key) === mine) leases.delete(key);
          return Promise.resolve();
        },
      });
    },
  };
}
