// redisTokenStore() against a real redis-server, through both standard clients.
import { clientCredentials, type StoredToken, type TokenStore } from "@cadasto/auth";
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RedisServer, startRedis } from "../test/redis_server.ts";
import { redisTokenStore } from "./redis_token_store.ts";

const KEY = "A/wE8Xa1NkmJkO3Y7m4q1y0m2bq0w8o3c0k1t5w3y9Q="; // 32 bytes, base64
const OTHER_KEY = Buffer.alloc(32, 7).toString("base64");

let server: RedisServer;
let sb: Sandbox;
let nodeRedis: ReturnType<typeof createClient>;
let ioredis: Redis;

beforeAll(async () => {
  server = await startRedis();
  sb = await startSandbox();
  nodeRedis = createClient({ url: server.url });
  nodeRedis.on("error", () => undefined);
  await nodeRedis.connect();
  ioredis = new Redis(server.port, "127.0.0.1", { lazyConnect: true });
  ioredis.on("error", () => undefined);
  await ioredis.connect();
});
afterAll(async () => {
  await nodeRedis?.quit();
  ioredis?.disconnect();
  await sb?.close();
  await server?.stop();
});

const token = (value: string, lifeMs = 60_000): StoredToken => ({
  value,
  expiresAt: Date.now() + lifeMs,
  renewAt: Date.now() + lifeMs / 2,
  scope: ["api.read"],
  tokenType: "bearer",
});

// describe.each runs before beforeAll: name the client, look it up inside the tests.
const clients = ["redis (node-redis)", "ioredis"] as const;
const clientFor = (name: (typeof clients)[number]) => (name === "ioredis" ? ioredis : nodeRedis);

async function rawKeys(prefix: string): Promise<string[]> {
  return (await nodeRedis.keys(`${prefix}*`)).sort();
}

describe.each(clients)("redisTokenStore() with %s", (name) => {
  const prefix = `test:${name.split(" ")[0]}:`;
  const store = (): TokenStore => redisTokenStore(clientFor(name) as never, { encryptionKey: KEY, prefix });

  test("set then get returns the token; the key is the prefix and a hash, the value is ciphertext", async () => {
    const s = store();
    const t = token("eyJhbGciOi.secret-token-value.sig");
    await s.set("request-key-1", t, 60_000);
    const back = await s.get("request-key-1");
    expect(back).toEqual({ ...t, ttlMs: expect.any(Number) });
    expect(back?.ttlMs).toBeGreaterThan(55_000);
    const keys = await rawKeys(prefix);
    expect(keys).toEqual([expect.stringMatching(new RegExp(`^${prefix}token:[A-Za-z0-9_-]{43}$`))]);
    const raw = (await nodeRedis.get(keys[0] as string)) ?? "";
    expect(raw).toMatch(/^v1\./);
    expect(raw).not.toContain("secret-token-value");
    expect(Buffer.from(raw, "base64").toString("latin1")).not.toContain("secret-token-value");
    const ttl = await nodeRedis.pTTL(keys[0] as string);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await nodeRedis.del(keys);
  });

  test("get of a missing key is undefined", async () => {
    expect(await store().get("nothing-here")).toBeUndefined();
  });

  test("a value copied to another key does not decrypt (the key name is bound to the ciphertext)", async () => {
    const s = store();
    await s.set("a", token("token-a-1234"), 60_000);
    await s.set("b", token("token-b-1234"), 60_000);
    const [ka, kb] = await rawKeys(prefix);
    await nodeRedis.set(kb as string, (await nodeRedis.get(ka as string)) ?? "");
    const results = await Promise.allSettled([s.get("a"), s.get("b")]);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    await nodeRedis.del(await rawKeys(prefix));
  });

  test("another encryptionKey cannot read the token and says why", async () => {
    await store().set("k", token("token-k-1234"), 60_000);
    await expect(redisTokenStore(clientFor(name) as never, { encryptionKey: OTHER_KEY, prefix }).get("k")).rejects.toThrow(
      /same encryptionKey/,
    );
    await nodeRedis.del(await rawKeys(prefix));
  });

  test("delete removes the token only while it is still the value given", async () => {
    const s = store();
    await s.set("d", token("old-token-1234"), 60_000);
    expect(await s.delete?.("d", "old-token-12345")).toBeUndefined(); // a longer value is another token
    await s.delete?.("d", "other-token-1234");
    expect((await s.get("d"))?.value).toBe("old-token-1234");
    await s.delete?.("d", "old-token-1234");
    expect(await s.get("d")).toBeUndefined();
  });

  test("one lease at a time; released, it can be taken again; it expires by itself", async () => {
    const s = redisTokenStore(clientFor(name) as never, { encryptionKey: KEY, prefix, leaseMs: 300 });
    const first = await s.lease?.("l");
    expect(first).toBeDefined();
    expect(await s.lease?.("l")).toBeUndefined();
    await first?.release();
    const second = await s.lease?.("l");
    expect(second).toBeDefined();
    await new Promise((r) => setTimeout(r, 400));
    const third = await s.lease?.("l");
    expect(third).toBeDefined();
    await second?.release(); // an expired lease's release does not free the new holder's
    expect(await s.lease?.("l")).toBeUndefined();
    await third?.release();
  });

  test("dangerouslyStorePlaintext keeps a readable value", async () => {
    const s = redisTokenStore(clientFor(name) as never, { dangerouslyStorePlaintext: true, prefix });
    await s.set("p", token("plain-token-1234"), 60_000);
    expect((await s.get("p"))?.value).toBe("plain-token-1234");
    await nodeRedis.del(await rawKeys(prefix));
  });
});

describe("redisTokenStore() options", () => {
  test.each([
    [{}, /encryptionKey: give a 32-byte key/],
    [{ encryptionKey: "short" }, /44 characters/],
    [{ encryptionKey: new Uint8Array(16) }, /got 16/],
    [{ encryptionKey: KEY, dangerouslyStorePlaintext: true }, /not both/],
    [{ encryptionKey: KEY, leaseMs: 5 }, /leaseMs/],
  ])("%j is refused at once with the field named", (options, message) => {
    expect(() => redisTokenStore(nodeRedis, options)).toThrow(message);
  });

  test("something that is not a Redis client is refused", () => {
    expect(() => redisTokenStore({} as never, { encryptionKey: KEY })).toThrow(/node-redis .* or ioredis/);
  });
});

describe.each(clients)("clientCredentials() with a Redis store through %s", (name) => {
  test("a second source (another process in real life) uses the stored token without a request", async () => {
    const prefix = `cc:${name.split(" ")[0]}:`;
    const options = {
      tokenEndpoint: sb.tokenEndpoint,
      clientId: sb.clientId,
      clientSecret: sb.clientSecret,
      audience: sb.apiBaseUrl,
      store: redisTokenStore(clientFor(name) as never, { encryptionKey: KEY, prefix }),
    };
    const first = await clientCredentials(options).getToken();
    const start = sb.stats.tokenRequests;
    expect((await clientCredentials(options).getToken()).value).toBe(first.value);
    expect(sb.stats.tokenRequests).toBe(start);
    const keys = await rawKeys(prefix);
    for (const key of keys) expect(key).not.toContain(sb.clientId);
    for (const key of keys) expect(await nodeRedis.get(key)).not.toContain(first.value);
  });
});
