// The fleet row: 8 processes sharing a Redis store vs 8 with their own memory stores,
// token requests per token lifetime (counted by the sandbox, in its own process); and
// getToken() p99 served from the local copy with a Redis store behind it vs a memory
// store (in this process): the hot path must not go to Redis.
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { missingExports } from "./available.mjs";
import { startRedisProcess } from "./redis.mjs";
import { startSandboxProcess } from "./sandbox.mjs";
import { median, percentile } from "./stats.mjs";

const PROCESSES = 8;
const TTL_SECONDS = 10;
const MARGIN_MS = TTL_SECONDS * 100; // 10%, the default's share of a 60-minute token
const LIFETIMES = 3;
const HOT_CALLS = 200_000;
const HOT_ROUNDS = 5;
const childPath = fileURLToPath(new URL("fleet-child.mjs", import.meta.url));

function startChild(config) {
  const child = fork(childPath, [JSON.stringify(config)], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const messages = [];
  let wake;
  child.on("message", (m) => {
    messages.push(m);
    wake?.();
  });
  const next = () =>
    new Promise((resolve, reject) => {
      const check = () => (messages.length ? resolve(messages.shift()) : undefined);
      wake = check;
      child.once("exit", (code) => reject(new Error(`fleet process exited (${code}): ${stderr.slice(-300)}`)));
      check();
    });
  return { child, next };
}

/** One fleet over LIFETIMES token lifetimes: token requests per lifetime after the first token. */
async function fleetRun(sb, redisPort, encryptionKey) {
  const client = { tokenEndpoint: sb.tokenEndpoint, clientId: sb.clientId, clientSecret: sb.clientSecret, audience: sb.apiBaseUrl };
  const spanMs = LIFETIMES * TTL_SECONDS * 1000;
  const prefix = `bench:${randomBytes(4).toString("hex")}:`;
  const children = Array.from({ length: PROCESSES }, () =>
    startChild({ client, redisPort, encryptionKey, prefix, spanMs, refreshMargin: MARGIN_MS }),
  );
  await Promise.all(children.map((c) => c.next())); // each has its first token
  const before = (await sb.stats()).tokenRequests;
  for (const c of children) c.child.send({ go: true });
  const done = await Promise.all(children.map((c) => c.next()));
  const tokenRequests = (await sb.stats()).tokenRequests - before;
  return { tokenRequests, perLifetime: tokenRequests / LIFETIMES, calls: done.reduce((n, d) => n + d.calls, 0) };
}

/** getToken() p99 (µs) over HOT_CALLS calls served from the local copy. */
async function hotPath(source) {
  await source.getToken();
  const durations = new Float64Array(HOT_CALLS);
  for (let i = 0; i < HOT_CALLS; i++) {
    const start = performance.now();
    await source.getToken();
    durations[i] = performance.now() - start;
  }
  return { p50Us: percentile(durations, 50) * 1000, p99Us: percentile(durations, 99) * 1000 };
}

export async function measureFleet() {
  const skipped = await missingExports({ "@cadasto/auth": ["clientCredentials"], "@cadasto/auth-redis": ["redisTokenStore"] });
  if (skipped) return { skipped };
  const { clientCredentials } = await import("@cadasto/auth");
  const { redisTokenStore } = await import("@cadasto/auth-redis");
  const { createClient } = await import("redis");
  const encryptionKey = randomBytes(32).toString("base64");
  const redisServer = await startRedisProcess();
  const [shared, own, hotBox] = await Promise.all([
    startSandboxProcess({ tokenTtlSeconds: TTL_SECONDS }),
    startSandboxProcess({ tokenTtlSeconds: TTL_SECONDS }),
    startSandboxProcess({}),
  ]);
  try {
    // Both fleets at once, each against its own sandbox (the sandbox counts per process).
    const [redisFleet, memoryFleet] = await Promise.all([fleetRun(shared, redisServer.port, encryptionKey), fleetRun(own, undefined)]);

    const redis = createClient({ url: `redis://127.0.0.1:${redisServer.port}` });
    redis.on("error", () => undefined);
    await redis.connect();
    const client = {
      tokenEndpoint: hotBox.tokenEndpoint,
      clientId: hotBox.clientId,
      clientSecret: hotBox.clientSecret,
      audience: hotBox.apiBaseUrl,
    };
    const withRedis = clientCredentials({ ...client, store: redisTokenStore(redis, { encryptionKey, prefix: "bench:hot:" }) });
    const withMemory = clientCredentials(client);
    const rounds = { redis: [], memory: [] };
    for (let r = 0; r < HOT_ROUNDS; r++) {
      for (const side of r % 2 ? ["memory", "redis"] : ["redis", "memory"]) {
        rounds[side].push(await hotPath(side === "redis" ? withRedis : withMemory));
      }
    }
    await redis.quit();
    const p99 = (side) => median(rounds[side].map((x) => x.p99Us));
    const p50 = (side) => median(rounds[side].map((x) => x.p50Us));
    return {
      description:
        `${PROCESSES} processes, each its own token source and calling getToken() every ~5 ms (10 at a time), over ${LIFETIMES} token lifetimes ` +
        `(TTL ${TTL_SECONDS} s, renewed from 10% before expiry, jittered); token requests after each process's first token, counted by the sandbox. ` +
        `Hot path: ${HOT_CALLS.toLocaleString("en")} sequential getToken() calls served from the local copy in one process, ` +
        `median of ${HOT_ROUNDS} alternating rounds.`,
      fleets: [
        { id: "redis", label: `${PROCESSES} processes, one Redis store (@cadasto/auth-redis)`, ...redisFleet },
        { id: "memory", label: `${PROCESSES} processes, each its own memory store`, ...memoryFleet },
      ],
      hotPath: {
        redisP99Us: p99("redis"),
        memoryP99Us: p99("memory"),
        redisP50Us: p50("redis"),
        memoryP50Us: p50("memory"),
        ratio: p99("redis") / p99("memory"),
        rounds,
      },
    };
  } finally {
    await Promise.all([shared.close(), own.close(), hotBox.close(), redisServer.close()]);
  }
}
