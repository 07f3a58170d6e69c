// The fleet: N real processes, each with its own clientCredentials() and Redis client
// (half node-redis, half ioredis), one real redis-server, the sandbox's real oidc-provider.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { type Member, startFleet, stopFleet } from "../test/fleet.ts";
import { type RedisServer, startRedis } from "../test/redis_server.ts";

const N = 8;
const KEY = Buffer.alloc(32, 42).toString("base64");
const MINUTE = 60_000;

let redis: RedisServer;
let inspector: ReturnType<typeof createClient>;
let long: Sandbox;
let short: Sandbox;
let fleet: Member[] = [];
let prefixCount = 0;
/** Everything the fleets showed: events, errors, output, Redis keys and values, and the tokens they saw. */
const shown: string[] = [];
const tokensSeen = new Set<string>();
const secrets: string[] = [];

beforeAll(async () => {
  redis = await startRedis();
  inspector = createClient({ url: redis.url });
  inspector.on("error", () => undefined);
  await inspector.connect();
  // Short tokens: 8 s. A JWT's exp counts whole seconds, so a "2 s" token lives 1 to 2 s and
  // leaves a process 0.25 s between its latest renewal point and expiry: less than a 2-core
  // CI machine shared by several sessions (load average 30 seen here) can promise a child's
  // event loop. 8 s tokens live 7 to 8 s, with 1.75 s of slack.
  [long, short] = await Promise.all([startSandbox(), startSandbox({ tokenTtlSeconds: 8 })]);
  secrets.push(long.clientSecret, short.clientSecret, KEY);
});
afterEach(async () => {
  for (const m of fleet) {
    if (m.child.exitCode !== null || m.child.signalCode !== null) continue;
    const report = await m.ask<{ events: unknown[]; tokens: string[]; errors: string[] }>({ cmd: "report" });
    shown.push(JSON.stringify(report.events), ...report.errors);
    for (const t of report.tokens) tokensSeen.add(t);
  }
  for (const m of fleet) shown.push(...m.output);
  for (const key of await inspector.keys("*")) shown.push(key, (await inspector.get(key)) ?? "");
  await stopFleet(fleet);
  fleet = [];
  long.faults.reset();
  short.faults.reset();
});
afterAll(async () => {
  await inspector?.quit();
  await Promise.all([long?.close(), short?.close()]);
  await redis?.stop();
});

function member(sb: Sandbox, extra: Record<string, unknown> = {}) {
  const prefix = `fleet${prefixCount++}:`;
  return (i: number) => ({
    client: i % 2 ? "ioredis" : "redis",
    redisPort: redis.port,
    encryptionKey: KEY,
    prefix,
    leaseMs: 2000,
    // Generous: on a heavily loaded machine a Redis round trip can take over a second, and a
    // store slower than storeTimeout is bypassed (that fallback has its own test below).
    storeTimeout: 5000,
    client_options: { tokenEndpoint: sb.tokenEndpoint, clientId: sb.clientId, clientSecret: sb.clientSecret, audience: sb.apiBaseUrl },
    ...extra,
  });
}

const all = <T>(msg: Record<string, unknown>) => Promise.all(fleet.map((m) => m.ask<T>(msg)));

describe("a fleet of 8 processes sharing a Redis store", () => {
  test("8 processes × 500 concurrent getToken() on a cold store make 1 token request in all", async () => {
    fleet = await startFleet(N, member(long));
    const start = long.stats.tokenRequests;
    const results = await all<{ errors: number; distinct: number }>({ cmd: "burst", n: 500 });
    expect(results.map((r) => r.errors)).toEqual(Array(N).fill(0));
    expect(results.map((r) => r.distinct)).toEqual(Array(N).fill(1));
    expect(long.stats.tokenRequests - start).toBe(1);
  });

  test("the same 8 processes with memory stores make 8 (the comparison)", async () => {
    const base = member(long);
    fleet = await startFleet(N, (i) => ({ ...base(i), redisPort: undefined }));
    const start = long.stats.tokenRequests;
    await all({ cmd: "burst", n: 500 });
    expect(long.stats.tokenRequests - start).toBe(N);
  });

  test("8 processes over 3 short token lifetimes (8 s tokens) make 3 token requests, and no call waits after the first", async () => {
    fleet = await startFleet(N, member(short));
    const start = short.stats.tokenRequests;
    const results = await all<{ errors: number; expired: number; distinct: number; notFromCache: number; calls: number }>({
      cmd: "run",
      ms: 40_000,
      distinct: 3,
      skipFirst: true,
    });
    for (const r of results) {
      expect(r).toMatchObject({ errors: 0, expired: 0, distinct: 3, notFromCache: 0 });
      expect(r.calls).toBeGreaterThan(50);
    }
    expect(short.stats.tokenRequests - start).toBe(3);
  });

  test("the lease holder killed mid-request: another process renews within the lease time; no caller gets an error", async () => {
    let holder: number | undefined;
    fleet = await startFleet(N, member(long, { leaseMs: 1000 }), (i) => {
      holder ??= i;
    });
    long.faults.delayTokenRequests(60_000);
    const start = long.stats.tokenRequests;
    const bursts = fleet.map((m, i) => m.ask<{ errors: number; distinct: number }>({ cmd: "burst", n: 50 }).then((r) => ({ i, r })));
    await expect.poll(() => holder, { timeout: 10_000 }).toBeDefined();
    await expect.poll(() => long.stats.tokenRequests - start, { timeout: 10_000 }).toBe(1);
    fleet[holder as number]?.child.kill("SIGKILL");
    const killedAt = Date.now();
    long.faults.reset();
    const survivors = (await Promise.all(bursts.filter((_, i) => i !== holder))).map((x) => x.r);
    expect(Date.now() - killedAt).toBeLessThan(1000 + 5000); // the lease time, plus a loaded machine's slack
    for (const r of survivors) expect(r).toEqual({ errors: 0, distinct: 1 });
    expect(long.stats.tokenRequests - start).toBe(2);
  });

  test("a token in Redis that the API rejects with 401: invalidate() removes it for the whole fleet, one renewal", async () => {
    fleet = await startFleet(N, member(long));
    const [first] = await all<{ distinct: number }>({ cmd: "burst", n: 5 });
    expect(first?.distinct).toBe(1);
    const refused = new Set<string>();
    const api = await startApi(refused);
    try {
      // The API revokes the fleet's token: every process meets the 401.
      const { tokens } = await (fleet[0] as Member).ask<{ tokens: string[] }>({ cmd: "report" });
      for (const t of tokens) refused.add(t);
      const start = long.stats.tokenRequests;
      const statuses = await all<{ status: number }>({ cmd: "fetch", url: api.url });
      expect(statuses.map((s) => s.status)).toEqual(Array(N).fill(200));
      expect(long.stats.tokenRequests - start).toBe(1);
      const again = await all<{ status: number }>({ cmd: "fetch", url: api.url });
      expect(again.map((s) => s.status)).toEqual(Array(N).fill(200));
      expect(long.stats.tokenRequests - start).toBe(1);
    } finally {
      await new Promise((resolve) => api.server.close(resolve));
    }
  });

  test("clocks 10 minutes off (injected now, ±): tokens renewed before the server's expiry, not on every call", async () => {
    const six = await startSandbox({ tokenTtlSeconds: 6 });
    secrets.push(six.clientSecret);
    try {
      const base = member(six);
      fleet = await startFleet(N, (i) => ({ ...base(i), offsetMs: i === 0 ? 10 * MINUTE : i === 1 ? -10 * MINUTE : 0 }));
      const start = six.stats.tokenRequests;
      const results = await all<{ errors: number; expired: number; distinct: number; calls: number }>({ cmd: "run", ms: 7_000 });
      for (const r of results) expect(r).toMatchObject({ errors: 0, expired: 0 });
      // About 7 s / 3-4.5 s per renewal: 2 or 3 tokens, plus at most one per skewed process
      // (a host learns its skew from its own first token request).
      const requests = six.stats.tokenRequests - start;
      expect(requests).toBeGreaterThanOrEqual(2);
      expect(requests).toBeLessThanOrEqual(3 + 2);
    } finally {
      await stopFleet(fleet);
      fleet = [];
      await six.close();
    }
  });
});

describe("Redis stopped mid-run, then started again", () => {
  test("callers keep getting valid tokens (each process renews locally), and coordination resumes", async () => {
    fleet = await startFleet(N, member(short, { storeTimeout: 300 }));
    await all({ cmd: "burst", n: 5 });
    const during = all<{ errors: number; expired: number }>({ cmd: "run", ms: 12_000 });
    await new Promise((r) => setTimeout(r, 800));
    await redis.stop();
    await new Promise((r) => setTimeout(r, 8000)); // a token lifetime: every process renews while it is down
    await redis.start();
    await inspector.ping().catch(() => undefined);
    for (const r of await during) expect(r).toEqual(expect.objectContaining({ errors: 0, expired: 0 }));
    // Back together: over the next 12 s (1.5 lifetimes) about one request per renewal (2 or 3), not 8 or more.
    await all({ cmd: "run", ms: 1_500 });
    const start = short.stats.tokenRequests;
    const after = await all<{ errors: number; expired: number }>({ cmd: "run", ms: 12_000 });
    for (const r of after) expect(r).toEqual(expect.objectContaining({ errors: 0, expired: 0 }));
    const requests = short.stats.tokenRequests - start;
    expect(requests).toBeGreaterThanOrEqual(1);
    expect(requests).toBeLessThanOrEqual(4); // 8 processes on their own would make 8 to 16
  });
});

describe("nothing secret shows", () => {
  test("no token or secret in any event, error, log line, Redis key or Redis value of the fleets above", () => {
    expect(tokensSeen.size).toBeGreaterThan(5);
    expect(shown.length).toBeGreaterThan(50);
    const text = shown.join("\n");
    expect(text).toContain("token.served"); // the scan does read the events
    for (const secret of secrets) expect(text).not.toContain(secret);
    for (const token of tokensSeen) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.split(".")[2] as string); // not even the signature part
    }
  });
});

/** A resource server on 127.0.0.1 that answers 401 to the tokens in `refused`, 200 to others. */
async function startApi(refused: Set<string>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    res.writeHead(token === undefined || refused.has(token) ? 401 : 200, { "www-authenticate": 'Bearer error="invalid_token"' });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}
