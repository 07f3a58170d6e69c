// Test-only: one member of a fleet, a real child process with its own token source and
// its own Redis client (node-redis or ioredis). Driven by its parent over IPC; imports
// the built packages (`pnpm build` first; `pnpm test` does that).
import { authFetch, clientCredentials } from "@cadasto/auth";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { redisTokenStore } from "../dist/mod.js";

let source;
let redis;
const events = [];
const tokens = new Set();
const errors = [];
let offsetMs = 0;

const jwtExp = (value) => JSON.parse(Buffer.from(value.split(".")[1] ?? "", "base64url").toString()).exp * 1000;

async function get() {
  try {
    const token = await source.getToken();
    tokens.add(token.value);
    // Valid by the token server's real clock (the JWT's own exp), whatever this process's `now` says.
    return { token, expired: jwtExp(token.value) <= Date.now() };
  } catch (error) {
    errors.push(JSON.stringify(error) ?? String(error));
    return { error };
  }
}

async function init(msg) {
  offsetMs = msg.offsetMs ?? 0;
  let store;
  if (msg.redisPort !== undefined) {
    if (msg.client === "ioredis") {
      redis = new Redis(msg.redisPort, "127.0.0.1", { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 100 });
      redis.on("error", () => undefined);
      await new Promise((resolve) => redis.once("ready", resolve));
    } else {
      redis = createClient({
        url: `redis://127.0.0.1:${msg.redisPort}`,
        disableOfflineQueue: true,
        socket: { reconnectStrategy: () => 100 },
      });
      redis.on("error", () => undefined);
      await redis.connect();
    }
    store = redisTokenStore(redis, { encryptionKey: msg.encryptionKey, prefix: msg.prefix, leaseMs: msg.leaseMs });
  }
  source = clientCredentials({
    ...msg.client_options,
    store,
    storeTimeout: msg.storeTimeout,
    retry: { attempts: 3, deadline: 30_000, timeout: 15_000 },
    now: offsetMs ? () => Date.now() + offsetMs : undefined,
    onEvent: (event) => {
      events.push(event);
      if (event.type === "lease.acquired") process.send({ event: event.type });
    },
  });
  return { pid: process.pid };
}

const served = () => events.filter((e) => e.type === "token.served");

async function handle(msg) {
  switch (msg.cmd) {
    case "init":
      return init(msg);
    case "burst": {
      const results = await Promise.all(Array.from({ length: msg.n }, get));
      return { errors: results.filter((r) => r.error).length, distinct: new Set(results.map((r) => r.token?.value)).size };
    }
    case "run": {
      // Calls getToken() every few ms until `distinct` tokens were seen or `ms` passed.
      if (msg.skipFirst) await get(); // the first token: the one call allowed to wait
      const end = Date.now() + msg.ms;
      const firstServed = served().length;
      let calls = 0;
      let expired = 0;
      let failed = 0;
      while (Date.now() < end && (msg.distinct === undefined || tokens.size < msg.distinct)) {
        const results = await Promise.all(Array.from({ length: 5 }, get));
        for (const r of results) {
          calls++;
          if (r.error) failed++;
          else if (r.expired) expired++;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      const after = served().slice(firstServed);
      return { calls, expired, errors: failed, distinct: tokens.size, notFromCache: after.filter((e) => e.from !== "cache").length };
    }
    case "fetch": {
      const response = await authFetch(source)(msg.url);
      await response.body?.cancel();
      return { status: response.status };
    }
    case "report":
      return { events, tokens: [...tokens], errors };
    case "exit":
      await (redis?.quit?.() ?? Promise.resolve()).catch(() => undefined);
      setTimeout(() => process.exit(0), 10);
      return {};
    default:
      throw new Error(`unknown command ${msg.cmd}`);
  }
}

process.on("message", (msg) => {
  handle(msg).then(
    (result) => process.send({ id: msg.id, result }),
    (error) => process.send({ id: msg.id, error: String(error?.stack ?? error) }),
  );
});
process.send({ ready: true });
