import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type Handler, type TestServer, json, startTestServer, testDocument } from "../test/server.ts";
import { discover, refresh } from "./discover.ts";
import { type DiscoveryCache, type DiscoveryCacheEntry, MemoryDiscoveryCache } from "./discovery_cache.ts";
import { isDiscoveryError } from "./errors.ts";

let server: TestServer;
let cache: MemoryDiscoveryCache;
let version = 1;

/** Serves the documented body with an ETag per version; answers 304 to a matching If-None-Match. */
function versioned(headers: Record<string, string> = {}): Handler {
  return (req, res, origin) => {
    const etag = `"v${version}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag, ...headers }).end();
      return;
    }
    const body = JSON.parse(testDocument("cadasto.json", origin));
    body.scopes_supported = [`api.v${version}`];
    json(body, { headers: { etag, ...headers } })(req, res, origin);
  };
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  cache = new MemoryDiscoveryCache();
  version = 1;
  server.handle(versioned());
});
afterEach(() => {
  vi.useRealTimers();
});

const MINUTE = 60_000;

describe("discover() caches documents", () => {
  it("discover() answers a second call from the cache within 15 minutes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await discover(server.origin, { cache });
    vi.advanceTimersByTime(14 * MINUTE);
    const config = await discover(server.origin, { cache });
    expect(config.scopes_supported).toEqual(["api.v1"]);
    expect(server.requests).toHaveLength(1);
    expect(cache.size).toBe(1);
  });

  it("discover() revalidates with If-None-Match after 15 minutes and a 304 extends the entry", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await discover(server.origin, { cache });
    vi.advanceTimersByTime(15 * MINUTE + 1);
    const config = await discover(server.origin, { cache });
    expect(config.scopes_supported).toEqual(["api.v1"]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers["if-none-match"]).toBe('"v1"');
    vi.advanceTimersByTime(14 * MINUTE);
    await discover(server.origin, { cache });
    expect(server.requests).toHaveLength(2);
  });

  it("discover() takes the new document when the ETag changed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await discover(server.origin, { cache });
    version = 2;
    vi.advanceTimersByTime(16 * MINUTE);
    const config = await discover(server.origin, { cache });
    expect(config.scopes_supported).toEqual(["api.v2"]);
    expect((await cache.get(`${server.origin}/.well-known/smart-configuration`))?.etag).toBe('"v2"');
  });

  it("discover() takes the TTL from Cache-Control max-age, minus Age", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    server.handle(versioned({ "cache-control": "public, max-age=120", age: "20" }));
    await discover(server.origin, { cache });
    vi.advanceTimersByTime(99_000);
    await discover(server.origin, { cache });
    expect(server.requests).toHaveLength(1);
    vi.advanceTimersByTime(2_000);
    await discover(server.origin, { cache });
    expect(server.requests).toHaveLength(2);
  });

  it("discover() revalidates every time on Cache-Control: no-cache and stores nothing on no-store", async () => {
    server.handle(versioned({ "cache-control": "no-cache" }));
    await discover(server.origin, { cache });
    await discover(server.origin, { cache });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers["if-none-match"]).toBe('"v1"');

    const other = new MemoryDiscoveryCache();
    server.handle(versioned({ "cache-control": "no-store" }));
    await discover(server.origin, { cache: other });
    await discover(server.origin, { cache: other });
    expect(other.size).toBe(0);
    expect(server.requests).toHaveLength(4);
  });

  it("discover() shares one request among concurrent callers", async () => {
    const handler = versioned();
    server.handle((req, res, origin) => setTimeout(() => handler(req, res, origin), 50));
    const configs = await Promise.all(Array.from({ length: 50 }, () => discover(server.origin, { cache })));
    expect(server.requests).toHaveLength(1);
    expect(new Set(configs.map((c) => c.token_endpoint)).size).toBe(1);
  });

  it("discover() lets one caller abort without cancelling the shared request", async () => {
    const handler = versioned();
    server.handle((req, res, origin) => setTimeout(() => handler(req, res, origin), 100));
    const controller = new AbortController();
    const leaving = discover(server.origin, { cache, signal: controller.signal });
    const staying = discover(server.origin, { cache });
    setTimeout(() => controller.abort(new Error("gone")), 20);
    const left = await leaving.catch((e: unknown) => e);
    expect(isDiscoveryError(left) && left.code).toBe("aborted");
    expect((await staying).token_endpoint).toBe(`${server.origin}/oauth2/token`);
    expect(server.requests).toHaveLength(1);
  });

  it("discover() keeps the shared request for a caller with neither a signal nor a timeout when the others leave", async () => {
    let seen: AbortSignal | undefined;
    const fetch: typeof globalThis.fetch = (input, init) => {
      seen = init?.signal ?? undefined;
      return globalThis.fetch(input, init);
    };
    const handler = versioned();
    server.handle((req, res, origin) => setTimeout(() => handler(req, res, origin), 300));
    const staying = discover(server.origin, { cache, fetch, timeout: 0 });
    const leaving = await discover(server.origin, { cache, fetch, timeout: 50 }).catch((e: unknown) => e);
    expect(isDiscoveryError(leaving) && leaving.code).toBe("timeout");
    expect(seen?.aborted).toBe(false);
    expect((await staying).token_endpoint).toBe(`${server.origin}/oauth2/token`);
    expect(server.requests).toHaveLength(1);
  });

  it("discover() shares no request between callers with different caches, or with none", async () => {
    const handler = versioned();
    server.handle((req, res, origin) => setTimeout(() => handler(req, res, origin), 50));
    const other = new MemoryDiscoveryCache();
    await Promise.all([
      discover(server.origin, { cache }),
      discover(server.origin, { cache }),
      discover(server.origin, { cache: other }),
      discover(server.origin, { cache: false }),
      discover(server.origin, { cache: false }),
    ]);
    expect(server.requests).toHaveLength(4);
  });

  it("discover() makes no shared request for a caller whose signal has already aborted", async () => {
    const fetch = vi.fn(globalThis.fetch);
    const error = await discover(server.origin, { cache, fetch, signal: AbortSignal.abort(new Error("stop")) }).catch((e: unknown) => e);
    expect(isDiscoveryError(error) && error.code).toBe("aborted");
    expect(isDiscoveryError(error) && error.message).toContain("before it started");
    await new Promise((resolve) => setTimeout(resolve, 0)); // a request started behind the caller's back would be sent by now
    expect(fetch).not.toHaveBeenCalled();
  });

  it("discover() gives up at a joining caller's own timeout while the shared request goes on for the first", async () => {
    const handler = versioned();
    server.handle((req, res, origin) => setTimeout(() => handler(req, res, origin), 2_000));
    const started = Date.now();
    const first = discover(server.origin, { cache, timeout: 10_000 });
    const joiner = discover(server.origin, { cache, timeout: 300 });
    const joined = await joiner.catch((e: unknown) => e);
    const gaveUpAfter = Date.now() - started;
    expect(isDiscoveryError(joined) && joined.code).toBe("timeout");
    expect(isDiscoveryError(joined) && joined.message).toContain("300 ms");
    expect(gaveUpAfter).toBeLessThan(1_500);
    expect((await first).token_endpoint).toBe(`${server.origin}/oauth2/token`);
    expect(server.requests).toHaveLength(1);
  });

  it("discover() settles a joiner at its own timeout behind a hanging first caller with timeout 0", async () => {
    server.handle(() => {});
    const controller = new AbortController();
    const first = discover(server.origin, { cache, timeout: 0, signal: controller.signal }).catch((e: unknown) => e);
    const joined = await discover(server.origin, { cache, timeout: 500 }).catch((e: unknown) => e);
    expect(isDiscoveryError(joined) && joined.code).toBe("timeout");
    controller.abort(new Error("done"));
    const left = await first;
    expect(isDiscoveryError(left) && left.code).toBe("aborted");
    expect(server.requests).toHaveLength(1);
  });

  it("discover() cancels the shared request once no caller waits, and the next call makes a new one", async () => {
    let seen: AbortSignal | undefined;
    const customFetch: typeof fetch = (input, init) => {
      seen = init?.signal ?? undefined;
      return fetch(input, init);
    };
    server.handle(() => {});
    const controller = new AbortController();
    const first = discover(server.origin, { cache, timeout: 0, signal: controller.signal, customFetch }).catch((e: unknown) => e);
    const gone = await discover(server.origin, { cache, timeout: 100, customFetch }).catch((e: unknown) => e);
    expect(isDiscoveryError(gone) && gone.code).toBe("timeout");
    expect(seen?.aborted).toBe(false);
    controller.abort(new Error("done"));
    expect(isDiscoveryError(await first)).toBe(true);
    expect(seen?.aborted).toBe(true);
    server.handle(versioned());
    expect((await discover(server.origin, { cache, customFetch })).token_endpoint).toBe(`${server.origin}/oauth2/token`);
    expect(server.requests).toHaveLength(2);
  });

  it("refresh() revalidates a fresh entry", async () => {
    await discover(server.origin, { cache });
    version = 2;
    const config = await refresh(server.origin, { cache });
    expect(config.scopes_supported).toEqual(["api.v2"]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers["if-none-match"]).toBe('"v1"');
  });

  it("discover() does not cache failures", async () => {
    server.handle(json({}, { status: 503 }));
    await expect(discover(server.origin, { cache })).rejects.toMatchObject({ code: "http_error" });
    server.handle(versioned());
    await discover(server.origin, { cache });
    expect(server.requests).toHaveLength(2);
  });

  it("discover() checks a cached document again with each call's allowedOrigins", async () => {
    server.handle(json({ token_endpoint: "https://login.acme.example/oauth2/token" }));
    await discover(server.origin, { cache, allowedOrigins: ["https://login.acme.example"] });
    await expect(discover(server.origin, { cache })).rejects.toMatchObject({ code: "foreign_origin" });
    expect(server.requests).toHaveLength(1);
  });

  it("discover() validates what a pluggable cache returns", async () => {
    const store = new Map<string, DiscoveryCacheEntry>();
    const custom: DiscoveryCache = {
      get: async (key) => store.get(key),
      set: async (key, entry) => {
        store.set(key, entry);
      },
      delete: async (key) => {
        store.delete(key);
      },
    };
    await discover(server.origin, { cache: custom });
    const key = `${server.origin}/.well-known/smart-configuration`;
    expect(store.get(key)?.etag).toBe('"v1"');
    store.set(key, { document: { token_endpoint: "http://evil.example/token" }, expiresAt: Date.now() + MINUTE });
    await expect(discover(server.origin, { cache: custom })).rejects.toMatchObject({ code: "insecure_endpoint" });
    expect(server.requests).toHaveLength(1);
  });

  it("discover() uses one process-wide cache by default", async () => {
    const fresh = await startTestServer(versioned());
    try {
      await discover(fresh.origin);
      await discover(`${fresh.origin}/`);
      expect(fresh.requests).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it("discover() refuses a cache that is not a DiscoveryCache, before any request", async () => {
    await expect(discover(server.origin, { cache: {} as DiscoveryCache })).rejects.toMatchObject({ code: "invalid_option" });
    expect(server.requests).toHaveLength(0);
  });
});
