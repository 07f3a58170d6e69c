// The lifetime policy, clock skew, refresh-ahead jitter, events, per-caller time
// limits and store coordination, against the sandbox's real oidc-provider.
import ky from "ky";
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { clientCredentials } from "./client_credentials.ts";
import type { ClientCredentialsOptions } from "./client_credentials_options.ts";
import type { AuthEvent } from "./events.ts";
import { kyAuthHooks } from "./ky_auth_hooks.ts";
import { memoryTokenStore, type StoredToken, type TokenStore } from "./token_store.ts";
import { caught, everythingShown, sandboxClient, seenErrors, seenTokens } from "../test/helpers.ts";

let sb: Sandbox;
const events: AuthEvent[] = [];
const onEvent = (event: AuthEvent) => events.push(event);

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.faults.reset());

function options(extra: Partial<ClientCredentialsOptions> = {}): ClientCredentialsOptions {
  return sandboxClient(sb, { scope: "api.read", retry: { attempts: 2, deadline: 5000, timeout: 4000 }, onEvent, ...extra });
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const fakeJwt = (claims: Record<string, unknown>) => `${b64url({ alg: "none" })}.${b64url(claims)}.c2lnbmF0dXJl`;
const answer = (body: Record<string, unknown>) => {
  if (typeof body.access_token === "string") seenTokens.add(body.access_token);
  sb.faults.failTokenRequests(1, 200, { body: JSON.stringify(body), headers: { "content-type": "application/json" } });
};
const MINUTE = 60_000;

describe("expires_in is parsed strictly", () => {
  test.each([
    ["3600 seconds, trust me", "3600 seconds, trust me"],
    ["1e308", 1e308],
    ["a string that is not a number", "soon"],
  ])("expires_in %s is an invalid_response TokenEndpointError, not a token", async (_what, expiresIn) => {
    answer({ access_token: "t0k3n-lenient-expiry", token_type: "Bearer", expires_in: expiresIn });
    const error = (await caught(clientCredentials(options()).getToken())) as { code: string };
    expect(error.code).toBe("invalid_response");
  });

  test("a numeric string expires_in is accepted", async () => {
    answer({ access_token: "t0k3n-string-expiry", token_type: "Bearer", expires_in: "120" });
    const before = Date.now();
    const token = await clientCredentials(options()).getToken();
    expect(token.expiresAt).toBeGreaterThanOrEqual(before + 120_000);
    expect(token.expiresAt).toBeLessThanOrEqual(Date.now() + 120_000);
  });
});

describe("the lifetime policy", () => {
  test("no expires_in and not a JWT: the default lifetime (5 minutes) with one warning event per source", async () => {
    const seen: AuthEvent[] = [];
    const source = clientCredentials(options({ onEvent: (e) => seen.push(e) }));
    answer({ access_token: "t0k3n-without-expiry", token_type: "Bearer" });
    const before = Date.now();
    const token = await source.getToken();
    expect(token.expiresAt - before).toBeGreaterThan(5 * MINUTE - 1000);
    expect(token.expiresAt - Date.now()).toBeLessThanOrEqual(5 * MINUTE);
    source.invalidate(token);
    answer({ access_token: "t0k3n-without-expiry-2", token_type: "Bearer" });
    await source.getToken();
    const warnings = seen.filter((e) => e.type === "token.lifetime_assumed");
    expect(warnings).toEqual([expect.objectContaining({ lifetimeMs: 5 * MINUTE, source: "default" })]);
  });

  test("defaultLifetime sets that lifetime", async () => {
    answer({ access_token: "t0k3n-default-lifetime", token_type: "Bearer" });
    const token = await clientCredentials(options({ defaultLifetime: 90_000 })).getToken();
    expect(token.expiresAt - Date.now()).toBeLessThanOrEqual(90_000);
    expect(token.expiresAt - Date.now()).toBeGreaterThan(85_000);
  });

  test("no expires_in and a JWT: its exp (here 10 minutes after iat)", async () => {
    const iat = Math.floor(Date.now() / 1000);
    answer({ access_token: fakeJwt({ iat, exp: iat + 600 }), token_type: "Bearer" });
    const token = await clientCredentials(options()).getToken();
    expect(Math.abs(token.expiresAt - Date.now() - 10 * MINUTE)).toBeLessThan(2000);
  });

  test("defaultLifetime outside (0, a year] is refused before any request", () => {
    expect(() => clientCredentials(options({ defaultLifetime: 0 }))).toThrow(/defaultLifetime/);
    expect(() => clientCredentials(options({ storeTimeout: -1 }))).toThrow(/storeTimeout/);
  });
});

describe("clock skew", () => {
  test("a token stored by a host 10 minutes ahead is not served past the server's expiry by a correct host", async () => {
    const store = memoryTokenStore();
    const skew = 10 * MINUTE;
    const ahead = clientCredentials(options({ store, now: () => Date.now() + skew }));
    const first = await ahead.getToken();
    const normal = clientCredentials(options({ store }));
    const start = sb.stats.tokenRequests;
    const shared = await normal.getToken();
    expect(shared.value).toBe(first.value);
    // Both see the same instant of expiry, each in its own clock: the server's expiry.
    expect(Math.abs(first.expiresAt - skew - shared.expiresAt)).toBeLessThan(2500);
    for (let i = 0; i < 5; i++) {
      expect((await ahead.getToken()).value).toBe(first.value);
      expect((await normal.getToken()).value).toBe(first.value);
    }
    expect(sb.stats.tokenRequests).toBe(start);
  });

  test("a token stored by a host 10 minutes behind is kept in the server's clock, so a correct host uses it as is", async () => {
    const { store, sets } = recording(memoryTokenStore());
    const skew = -10 * MINUTE;
    const seen: AuthEvent[] = [];
    const behind = clientCredentials(options({ store, now: () => Date.now() + skew, onEvent: (e) => seen.push(e) }));
    const t = await behind.getToken();
    expect(seen.find((e) => e.type === "clock.skew")).toMatchObject({ offsetMs: expect.any(Number) });
    expect(Math.abs((seen.find((e) => e.type === "clock.skew") as { offsetMs: number }).offsetMs - 10 * MINUTE)).toBeLessThan(2000);
    // Stored in the server's clock: about the real expiry, not 10 minutes earlier.
    const stored = sets[0] as StoredToken;
    expect(Math.abs(stored.expiresAt - (t.expiresAt - skew))).toBeLessThan(2500);
    const correct = clientCredentials(options({ store }));
    const start = sb.stats.tokenRequests;
    const shared = await correct.getToken();
    expect(shared.value).toBe(t.value);
    expect(Math.abs(shared.expiresAt - (t.expiresAt - skew))).toBeLessThan(2500);
    expect(sb.stats.tokenRequests).toBe(start);
  });

  // The sandbox always sends a Date header; this fetch passes its real answer on without one
  // (what a proxy that drops it does), so the JWT's iat is the only clock left to measure by.
  const withoutDate: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const headers = new Headers(response.headers);
    headers.delete("date");
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };

  test("without a Date header the skew is measured from the JWT's iat", async () => {
    const seen: AuthEvent[] = [];
    const iat = Math.floor((Date.now() + 10 * MINUTE) / 1000);
    answer({ access_token: fakeJwt({ iat, exp: iat + 600 }), token_type: "Bearer", expires_in: 600 });
    await clientCredentials(options({ fetch: withoutDate, onEvent: (e) => seen.push(e) })).getToken();
    const skew = seen.find((e) => e.type === "clock.skew") as { offsetMs: number } | undefined;
    expect(Math.abs((skew?.offsetMs ?? 0) - 10 * MINUTE)).toBeLessThan(2000);
  });

  test("without a Date header or a JWT there is nothing to measure by: no clock.skew, the host's clock is used", async () => {
    const seen: AuthEvent[] = [];
    answer({ access_token: "t0k3n-no-clock", token_type: "Bearer", expires_in: 600 });
    const before = Date.now();
    const token = await clientCredentials(options({ fetch: withoutDate, onEvent: (e) => seen.push(e) })).getToken();
    expect(seen.some((e) => e.type === "clock.skew")).toBe(false);
    expect(token.expiresAt - before).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(token.expiresAt - Date.now()).toBeLessThanOrEqual(10 * MINUTE);
  });

  test("a host 10 minutes behind renews before the server's expiry, not on every call", async () => {
    let offset = -10 * MINUTE;
    const source = clientCredentials(options({ now: () => Date.now() + offset }));
    const first = await source.getToken();
    const start = sb.stats.tokenRequests;
    for (let i = 0; i < 5; i++) expect((await source.getToken()).value).toBe(first.value);
    expect(sb.stats.tokenRequests).toBe(start);
    // Move this host's clock to 2 minutes before the token's expiry (its own view): inside the window.
    offset += first.expiresAt - 2 * MINUTE - (Date.now() + offset);
    await source.getToken();
    await expect.poll(() => sb.stats.tokenRequests - start, { timeout: 5000 }).toBe(1);
  });
});

/** A store that records what is set in it. */
function recording(inner: TokenStore): { store: TokenStore; sets: StoredToken[] } {
  const sets: StoredToken[] = [];
  const store: TokenStore = {
    ...inner,
    get: (key) => inner.get(key),
    set: (key, token, ttl) => {
      sets.push(token);
      return inner.set(key, token, ttl);
    },
  };
  return { store, sets };
}

describe("refresh-ahead jitter", () => {
  test("sources with their own stores pick different renewal points inside the refresh window", async () => {
    let now = Date.now();
    const sources = Array.from({ length: 30 }, () => clientCredentials(options({ now: () => now, scope: "api.read" })));
    const tokens = await Promise.all(sources.map((s) => s.getToken()));
    const start = sb.stats.tokenRequests;
    // A quarter into the 6-minute window of a 1-hour token: each source is past its point with probability 1/2.
    now = (tokens[0]?.expiresAt ?? 0) - 6 * MINUTE + 90_000 + 1000;
    for (const s of sources) await s.getToken();
    await new Promise((r) => setTimeout(r, 500));
    const renewed = sb.stats.tokenRequests - start;
    expect(renewed).toBeGreaterThan(0);
    expect(renewed).toBeLessThan(30);
    // Past the middle of the window every source has renewed (or is renewing).
    now = (tokens[0]?.expiresAt ?? 0) - 3 * MINUTE + 2000;
    for (const s of sources) await s.getToken();
    await expect.poll(() => sb.stats.tokenRequests - start, { timeout: 10_000 }).toBe(30);
  });
});

describe("each caller's own time limit while sharing a request", () => {
  test("getToken({ timeout }) joined to a slow request gives up at its own limit; the request goes on for the others", async () => {
    const source = clientCredentials(options());
    sb.faults.delayTokenRequests(1500);
    const patient = source.getToken();
    const started = Date.now();
    const error = (await caught(source.getToken({ timeout: 200 }))) as { code: string };
    expect(error.code).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1400);
    sb.faults.reset();
    expect((await patient).value).toBeTruthy();
  });

  test("a ky request with timeout: 300 joined to a slow token request fails at its own limit, not after the token request", async () => {
    const api = sb.apiBaseUrl;
    const source = clientCredentials(options());
    const client = ky.create({ prefixUrl: api, hooks: kyAuthHooks(source), retry: 0 });
    sb.faults.delayTokenRequests(3000);
    const patient = source.getToken();
    const started = Date.now();
    const error = await caught(client.get("definition/template/adl1.4", { timeout: 300 }).json());
    expect(Date.now() - started).toBeLessThan(2500);
    expect((error as { code?: string }).code).toBe("timeout");
    sb.faults.reset();
    expect((await patient).value).toBeTruthy();
  });
});

describe("coordination through the store", () => {
  test("two sources sharing a memory store make one token request on a cold start (the lease)", async () => {
    const store = memoryTokenStore();
    const start = sb.stats.tokenRequests;
    const a = clientCredentials(options({ store }));
    const b = clientCredentials(options({ store }));
    const all = await Promise.all([...Array.from({ length: 50 }, () => a.getToken()), ...Array.from({ length: 50 }, () => b.getToken())]);
    expect(new Set(all.map((t) => t.value)).size).toBe(1);
    expect(sb.stats.tokenRequests - start).toBe(1);
  });

  test("invalidate() removes the refused token from a shared store: one renewal for both sources", async () => {
    const store = memoryTokenStore();
    const a = clientCredentials(options({ store }));
    const b = clientCredentials(options({ store }));
    const old = await a.getToken();
    expect((await b.getToken()).value).toBe(old.value);
    const start = sb.stats.tokenRequests;
    a.invalidate(old);
    b.invalidate(old);
    const [x, y] = await Promise.all([a.getToken(), b.getToken()]);
    expect(x.value).not.toBe(old.value);
    expect(y.value).toBe(x.value);
    expect(sb.stats.tokenRequests - start).toBe(1);
    expect(await clientCredentials(options({ store })).getToken()).toMatchObject({ value: x.value });
  });

  test("a store that hangs is bypassed after storeTimeout with a store.error event; callers get a token", async () => {
    const seen: AuthEvent[] = [];
    const hanging: TokenStore = { get: () => new Promise(() => undefined), set: () => new Promise(() => undefined) };
    const token = await clientCredentials(options({ store: hanging, storeTimeout: 100, onEvent: (e) => seen.push(e) })).getToken();
    expect(token.value).toBeTruthy();
    expect(seen.filter((e) => e.type === "store.error").map((e) => (e as { operation: string }).operation)).toEqual(["get", "set"]);
  });

  test("an onEvent listener that throws never reaches the caller", async () => {
    const source = clientCredentials(
      options({
        onEvent: () => {
          throw new Error("listener bug");
        },
      }),
    );
    expect((await source.getToken()).value).toBeTruthy();
  });
});

describe("events", () => {
  test("a request, a renewal and served calls are reported with durations and the key's non-secret parts", async () => {
    const seen: AuthEvent[] = [];
    const source = clientCredentials(options({ onEvent: (e) => seen.push(e) }));
    await source.getToken();
    await source.getToken();
    expect(seen.map((e) => e.type)).toEqual(["token.requested", "token.renewed", "token.served", "token.served"]);
    expect(seen[2]).toMatchObject({ from: "network", durationMs: expect.any(Number) });
    expect(seen[3]).toMatchObject({ from: "cache" });
    expect(seen[0]?.key).toEqual({
      tokenEndpoint: sb.tokenEndpoint,
      clientId: sb.clientId,
      authMethod: "client_secret_basic",
      audience: sb.apiBaseUrl,
      scope: ["api.read"],
    });
  });

  test("a failure is reported as token.failed with its code", async () => {
    const seen: AuthEvent[] = [];
    sb.faults.failTokenRequests(1, 400);
    await caught(clientCredentials(options({ onEvent: (e) => seen.push(e) })).getToken());
    expect(seen.find((e) => e.type === "token.failed")).toMatchObject({ code: "invalid_request" });
  });

  test("no event of this file carries a token or the client secret", () => {
    expect(events.length).toBeGreaterThan(50);
    const shown = JSON.stringify(events);
    expect(shown).not.toContain(sb.clientSecret);
    for (const value of seenTokens) expect(shown).not.toContain(value);
    expect(shown).not.toMatch(/eyJ[\w-]+\.[\w-]+/); // no JWT (every sandbox token is one)
    for (const error of seenErrors) expect(everythingShown(error)).not.toContain(sb.clientSecret);
  });
});
