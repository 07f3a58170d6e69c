import { AuthOptionsError, type StoredToken, type TokenLease, type TokenStore } from "@cadasto/auth";
import { DELETE_IF_PREFIX, GET_WITH_TTL, type Send, sender } from "./_commands.ts";
import { digest, importKey, prefixOf, seal, unseal } from "./_seal.ts";

/**
 * The Redis clients {@linkcode redisTokenStore} accepts, by shape: node-redis
 * (`redis` / `@redis/client`: `sendCommand(args)`) or ioredis
 * (`call(command, ...args)`), so neither is a dependency of this package.
 *
 * @example Both standard clients fit
 * ```ts
 * import type { RedisClientLike } from "@cadasto/auth-redis";
 * import { Redis } from "ioredis";
 * import { createClient } from "redis";
 * const clients: RedisClientLike[] = [createClient(), new Redis({ lazyConnect: true })];
 * console.log(clients.length);
 * ```
 */
export type RedisClientLike =
  | { sendCommand(args: string[]): Promise<unknown> }
  | { call(command: string, ...args: string[]): Promise<unknown> };

/**
 * Options of {@linkcode redisTokenStore}. Give `encryptionKey` (the same on
 * every instance), or say `dangerouslyStorePlaintext: true` when the Redis
 * server's ACLs, TLS and backups are protection enough.
 *
 * @example A 32-byte key from the environment
 * ```ts
 * import type { RedisTokenStoreOptions } from "@cadasto/auth-redis";
 * const options: RedisTokenStoreOptions = {
 *   encryptionKey: process.env.TOKEN_ENCRYPTION_KEY ?? "", // `openssl rand -base64 32`
 *   prefix: "billing:cadasto:",
 *   leaseMs: 10_000,
 * };
 * ```
 */
export interface RedisTokenStoreOptions {
  /**
   * The AES-256-GCM key tokens are encrypted with: 32 bytes, as base64 / base64url text,
   * a `Uint8Array`, or a Web Crypto `CryptoKey` (AES-GCM, encrypt and decrypt).
   */
  encryptionKey?: CryptoKey | Uint8Array | string | undefined;
  /** Keep tokens readable in Redis: only when its ACLs alone are to protect them. */
  dangerouslyStorePlaintext?: boolean | undefined;
  /** Prefix of every key (default `cadasto:auth:`). */
  prefix?: string | undefined;
  /**
   * How long a renewal lease lasts, in ms (default 10 000): when its holder dies, another
   * instance renews after at most this long. Keep it above the token request's usual time.
   */
  leaseMs?: number | undefined;
}

/**
 * A {@linkcode TokenStore} in Redis, so that a fleet of processes shares one
 * token and makes one token request per lifetime: the instance that finds the
 * token missing or in its refresh window takes a short lease (`SET … NX PX`),
 * renews and publishes; the others keep serving the valid token or poll for
 * the published one. A refused token is removed for every instance (an atomic
 * compare-and-delete). Works with `redis` / `@redis/client` (`createClient()`)
 * and `ioredis` (`new Redis()`), connected by you; attach an `error` listener
 * to the client, as both clients require.
 *
 * Keys are `<prefix>token:<h>` and `<prefix>lease:<h>`, `h` being SHA-256 of the
 * token source's request key (token URL, client id, auth method, scopes,
 * audience; never the secret); each expires with its token, and `get` reports
 * the key's remaining time (`PTTL`), so a host whose clock is off serves a
 * shared token for exactly as long as it is valid. Values are
 * AES-256-GCM ciphertexts bound to their key, so a dump, a replica, a backup or
 * `MONITOR` shows no usable token.
 *
 * A slow or failing Redis never reaches callers: `clientCredentials` bounds each
 * store call by its `storeTimeout` and renews on its own meanwhile (a `store.error` event).
 *
 * @param client A connected node-redis or ioredis client (a single node, or a Sentinel-managed one).
 * @param options The encryption key (or plaintext consent), key prefix and lease time.
 * @returns The store, for `clientCredentials({ store })`.
 * @throws {AuthOptionsError} No usable client, a key that is not 32 bytes, no
 *   `encryptionKey` without `dangerouslyStorePlaintext`, or a bad `prefix` / `leaseMs`.
 *
 * @example One token for every replica of a service
 * ```ts
 * import { clientCredentials } from "@cadasto/auth";
 * import { redisTokenStore } from "@cadasto/auth-redis";
 * import { createClient } from "redis";
 * const redis = createClient({ url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", disableOfflineQueue: true });
 * redis.on("error", (error) => console.warn("redis:", error.message));
 * await redis.connect();
 * const tokens = clientCredentials({
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: process.env.CADASTO_CLIENT_ID ?? "",
 *   clientSecret: process.env.CADASTO_CLIENT_SECRET ?? "",
 *   audience: "https://acme.api.prod.cadasto.io/openehr/v1",
 *   store: redisTokenStore(redis, { encryptionKey: process.env.TOKEN_ENCRYPTION_KEY ?? "" }),
 * });
 * console.log((await tokens.getToken()).expiresAt);
 * ```
 */
export function redisTokenStore(client: RedisClientLike, options: RedisTokenStoreOptions = {}): TokenStore {
  const send = sender(client);
  if (send === undefined) {
    throw new AuthOptionsError("invalid_option", "client", "must be a node-redis (`createClient()`) or ioredis (`new Redis()`) client.");
  }
  const { encryptionKey, dangerouslyStorePlaintext = false, prefix = "cadasto:auth:", leaseMs = 10_000 } = options;
  if (typeof prefix !== "string" || prefix.length > 200)
    throw new AuthOptionsError("invalid_option", "prefix", "must be a string of at most 200 characters.");
  if (typeof leaseMs !== "number" || !Number.isInteger(leaseMs) || leaseMs < 100 || leaseMs > 600_000) {
    throw new AuthOptionsError("invalid_option", "leaseMs", `must be an integer from 100 to 600000, got ${String(leaseMs)}.`);
  }
  if (encryptionKey === undefined || encryptionKey === "") {
    if (dangerouslyStorePlaintext !== true) {
      throw new AuthOptionsError(
        "invalid_option",
        "encryptionKey",
        "give a 32-byte key (e.g. `openssl rand -base64 32`, the same on every instance), or set dangerouslyStorePlaintext: true to rely on Redis ACLs alone.",
      );
    }
  } else if (dangerouslyStorePlaintext) {
    throw new AuthOptionsError(
      "invalid_option",
      "dangerouslyStorePlaintext",
      "give either encryptionKey or dangerouslyStorePlaintext, not both.",
    );
  } else if (typeof encryptionKey === "string" && !/^[A-Za-z0-9+/_-]{43}=?$/.test(encryptionKey.trim())) {
    throw new AuthOptionsError(
      "invalid_option",
      "encryptionKey",
      "must be 32 bytes in base64 or base64url (44 characters, e.g. `openssl rand -base64 32`).",
    );
  } else if (encryptionKey instanceof Uint8Array && encryptionKey.length !== 32) {
    throw new AuthOptionsError("invalid_option", "encryptionKey", `must be 32 bytes (AES-256), got ${encryptionKey.length}.`);
  }
  const cryptoKey = encryptionKey === undefined || encryptionKey === "" ? undefined : importKey(encryptionKey);
  cryptoKey?.catch(() => undefined); // reported by the first store call
  return new RedisStore(send, prefix, leaseMs, cryptoKey);
}

class RedisStore implements TokenStore {
  readonly #send: Send;
  readonly #prefix: string;
  readonly #leaseMs: number;
  readonly #key: Promise<CryptoKey> | undefined;
  readonly #names = new Map<string, Promise<string>>();

  constructor(send: Send, prefix: string, leaseMs: number, key: Promise<CryptoKey> | undefined) {
    this.#send = send;
    this.#prefix = prefix;
    this.#leaseMs = leaseMs;
    this.#key = key;
  }

  /** The Redis key for one request key: a hash, so that key names reveal nothing and stay short. */
  #name(kind: "token" | "lease", key: string): Promise<string> {
    let hash = this.#names.get(key);
    if (hash === undefined) {
      hash = digest(key);
      this.#names.set(key, hash);
    }
    return hash.then((h) => `${this.#prefix}${kind}:${h}`);
  }

  async get(key: string): Promise<StoredToken | undefined> {
    const name = await this.#name("token", key);
    const reply = await this.#send(["EVAL", GET_WITH_TTL, "1", name]);
    const [text, ttl] = Array.isArray(reply) ? reply : [];
    if (text === null || text === undefined) return undefined;
    const token = await unseal(String(text), name, await this.#key);
    const ttlMs = Number(ttl);
    return ttlMs > 0 ? { ...token, ttlMs } : token;
  }

  async set(key: string, token: StoredToken, ttlMs?: number): Promise<void> {
    const name = await this.#name("token", key);
    const ttl = Math.floor(ttlMs ?? token.expiresAt - Date.now());
    if (!(ttl > 0)) return;
    await this.#send(["SET", name, await seal(token, name, await this.#key), "PX", String(ttl)]);
  }

  async delete(key: string, value: string): Promise<void> {
    const name = await this.#name("token", key);
    await this.#send(["EVAL", DELETE_IF_PREFIX, "1", name, await prefixOf(value, this.#key !== undefined)]);
  }

  async lease(key: string): Promise<TokenLease | undefined> {
    const name = await this.#name("lease", key);
    const id = `${crypto.randomUUID()}.`;
    const reply = await this.#send(["SET", name, id, "NX", "PX", String(this.#leaseMs)]);
    if (reply === null || reply === undefined) return undefined;
    return { release: async () => void (await this.#send(["EVAL", DELETE_IF_PREFIX, "1", name, id])) };
  }
}
