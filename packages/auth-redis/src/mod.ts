/**
 * A Redis token store (`TokenStore`) for `@cadasto/auth`: a fleet of processes
 * shares one token and makes one token request per lifetime, through a
 * short cross-process lease; tokens are encrypted at rest (AES-256-GCM).
 * Works with the `redis` / `@redis/client` and `ioredis` clients (peers).
 *
 * @example Share tokens across replicas
 * ```ts
 * import { clientCredentials } from "@cadasto/auth";
 * import { redisTokenStore } from "@cadasto/auth-redis";
 * import { Redis } from "ioredis";
 * const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
 * redis.on("error", (error) => console.warn("redis:", error.message));
 * const tokens = clientCredentials({
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: process.env.CADASTO_CLIENT_ID ?? "",
 *   clientSecret: process.env.CADASTO_CLIENT_SECRET ?? "",
 *   audience: "https://acme.api.prod.cadasto.io/openehr/v1",
 *   store: redisTokenStore(redis, { encryptionKey: process.env.TOKEN_ENCRYPTION_KEY ?? "" }),
 * });
 * console.log((await tokens.getToken()).scope);
 * ```
 *
 * @module
 */

export { type RedisClientLike, redisTokenStore, type RedisTokenStoreOptions } from "./redis_token_store.ts";
