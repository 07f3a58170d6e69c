import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { clientCredentials } from "./client_credentials.ts";
import type { ClientCredentialsOptions } from "./client_credentials_options.ts";
import { isOAuthError, isTokenEndpointError, type OAuthError, type TokenEndpointError } from "./errors.ts";
import { discover } from "@cadasto/discovery";
import { memoryTokenStore, type TokenStore } from "./token_store.ts";
import { caught, everythingShown, sandboxClient, seenErrors, seenTokens } from "../test/helpers.ts";

// Every printable ASCII character RFC 6749 allows in a client id / secret (VSCHAR, %x20-7E).
const PRINTABLE = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i)).join("");
const SPECIAL_ID = "svc:a+b&c%d/e=f g";
const SPECIAL_SECRET = `p:+&%/= ${PRINTABLE}`;
const POST_ID = "post-only-client";
const POST_SECRET = "post+secret:with&special=chars %";

let sb: Sandbox;
let secrets: string[];

beforeAll(async () => {
  sb = await startSandbox({
    clients: [
      { clientId: "default-client", clientSecret: "d3fault-Secret-Value-1234567890", scopes: ["api.read", "api.write"] },
      { clientId: SPECIAL_ID, clientSecret: SPECIAL_SECRET, scopes: ["api.read"] },
      { clientId: POST_ID, clientSecret: POST_SECRET, scopes: ["api.read"], authMethod: "client_secret_post" },
    ],
  });
  secrets = [sb.clientSecret, SPECIAL_SECRET, POST_SECRET];
});
afterAll(() => sb.close());
beforeEach(() => sb.faults.reset());

/** Options for the sandbox's first client; fast retries so fault tests stay quick. */
function options(extra: Partial<ClientCredentialsOptions> = {}): ClientCredentialsOptions {
  return sandboxClient(sb, { scope: ["api.read", "api.write"], retry: { attempts: 3, deadline: 5000, timeout: 2000 }, ...extra });
}

async function token(source: ReturnType<typeof clientCredentials>): Promise<string> {
  const t = await source.getToken();
  seenTokens.add(t.value);
  return t.value;
}

describe("clientCredentials() against the sandbox's oidc-provider", () => {
  test("getToken() returns a Bearer token with the granted scopes and an expiry counted from the request, never past the JWT's exp", async () => {
    const before = Date.now();
    const source = clientCredentials(options());
    const t = await source.getToken();
    seenTokens.add(t.value);
    expect(t.tokenType).toBe("bearer");
    expect([...t.scope].sort()).toEqual(["api.read", "api.write"]);
    const exp = JSON.parse(Buffer.from(t.value.split(".")[1] ?? "", "base64url").toString()).exp as number;
    expect(t.expiresAt).toBeLessThanOrEqual(exp * 1000);
    expect(t.expiresAt).toBeGreaterThanOrEqual(before + 3_599_000); // exp counts whole seconds
    expect(t.expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });

  test("a second getToken() is served from the cache: one token request", async () => {
    const source = clientCredentials(options());
    const start = sb.stats.tokenRequests;
    const a = await token(source);
    const b = await token(source);
    expect(a).toBe(b);
    expect(sb.stats.tokenRequests - start).toBe(1);
  });

  test("client_secret_basic form-urlencodes ids and secrets with : + & % / = spaces and all printable ASCII (RFC 6749 §2.3.1)", async () => {
    const source = clientCredentials(options({ clientId: SPECIAL_ID, clientSecret: SPECIAL_SECRET, scope: "api.read" }));
    expect(await token(source)).toBeTruthy();
  });

  test("client_secret_post sends the same special characters in the body", async () => {
    const source = clientCredentials(
      options({ clientId: SPECIAL_ID, clientSecret: SPECIAL_SECRET, scope: "api.read", authMethod: "client_secret_post" }),
    );
    expect(await token(source)).toBeTruthy();
  });

  test("the discovery document's token_endpoint_auth_methods_supported picks client_secret_post for a post-only client", async () => {
    const source = clientCredentials({
      ...options({ clientId: POST_ID, clientSecret: POST_SECRET, scope: "api.read" }),
      tokenEndpoint: undefined,
      discovery: { token_endpoint: sb.tokenEndpoint, token_endpoint_auth_methods_supported: ["client_secret_post"] },
    });
    expect(await token(source)).toBeTruthy();
  });

  test("a wrong secret with client_secret_basic is an OAuthError invalid_client that says what to check, not retried", async () => {
    const start = sb.stats.tokenRequests;
    const source = clientCredentials(options({ clientSecret: "wrong-secret-value" }));
    const error = (await caught(source.getToken())) as OAuthError;
    expect(isOAuthError(error)).toBe(true);
    expect(error.code).toBe("invalid_client");
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/check clientId, clientSecret \(or privateKey and keyId\) and authMethod/);
    expect(sb.stats.tokenRequests - start).toBe(1);
  });

  test("a wrong secret with client_secret_post is an OAuthError invalid_client too", async () => {
    const source = clientCredentials(options({ clientSecret: "wrong-secret-value", authMethod: "client_secret_post" }));
    const error = (await caught(source.getToken())) as OAuthError;
    expect(error.code).toBe("invalid_client");
  });

  test("basic auth for a post-only client is refused as invalid_client", async () => {
    const source = clientCredentials(
      options({ clientId: POST_ID, clientSecret: POST_SECRET, scope: "api.read", authMethod: "client_secret_basic" }),
    );
    expect(((await caught(source.getToken())) as OAuthError).code).toBe("invalid_client");
  });

  test("a scope the client was not granted is an OAuthError invalid_scope", async () => {
    const source = clientCredentials(options({ clientId: SPECIAL_ID, clientSecret: SPECIAL_SECRET, scope: "api.write" }));
    const error = (await caught(source.getToken())) as OAuthError;
    expect(error.code).toBe("invalid_scope");
    expect(error.message).toMatch(/check scope against the scopes granted/);
  });

  test("1,000 concurrent getToken() calls on a cold cache make exactly one token request", async () => {
    const source = clientCredentials(options());
    const start = sb.stats.tokenRequests;
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => source.getToken()));
    expect(new Set(tokens.map((t) => t.value)).size).toBe(1);
    expect(sb.stats.tokenRequests - start).toBe(1);
  });

  test("a failure is shared by every concurrent caller and not cached", async () => {
    const source = clientCredentials(options());
    const start = sb.stats.tokenRequests;
    sb.faults.failTokenRequests(1, 400);
    const errors = await Promise.all(Array.from({ length: 50 }, () => caught(source.getToken())));
    expect(new Set(errors).size).toBe(1);
    expect((errors[0] as OAuthError).code).toBe("invalid_request");
    expect(await token(source)).toBeTruthy();
    expect(sb.stats.tokenRequests - start).toBe(2);
  });
});

describe("wiring", () => {
  test("clientCredentials({ discovery }) takes the endpoint and auth method from @cadasto/discovery's discover()", async () => {
    const discovery = await discover(sb.authBaseUrl);
    const source = clientCredentials({ ...options(), tokenEndpoint: undefined, discovery });
    expect(await token(source)).toBeTruthy();
    expect(JSON.parse(JSON.stringify(source)).tokenEndpoint).toBe(discovery.token_endpoint);
  });

  test("the fetch option carries the token requests", async () => {
    const urls: string[] = [];
    const own: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    expect(await token(clientCredentials(options({ fetch: own })))).toBeTruthy();
    expect(urls).toEqual([sb.tokenEndpoint]);
  });

  test("customFetch, the deprecated name of fetch, still carries the token requests", async () => {
    const urls: string[] = [];
    const customFetch: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    expect(await token(clientCredentials(options({ customFetch })))).toBeTruthy();
    expect(urls).toEqual([sb.tokenEndpoint]);
  });

  test("an already aborted signal rejects at once with its reason, without a request", async () => {
    const start = sb.stats.tokenRequests;
    const reason = new Error("already cancelled");
    expect(await caught(clientCredentials(options()).getToken({ signal: AbortSignal.abort(reason) }))).toBe(reason);
    expect(sb.stats.tokenRequests).toBe(start);
  });

  test("a store that fails is skipped: tokens still come from the endpoint", async () => {
    const broken: TokenStore = {
      get: () => {
        throw new Error("store down"); // even synchronously
      },
      set: () => Promise.reject(new Error("store down")),
    };
    expect(await token(clientCredentials(options({ store: broken })))).toBeTruthy();
  });

  test("a token another instance put in a shared store is used without a request", async () => {
    const store = memoryTokenStore();
    const first = await clientCredentials(options({ store })).getToken();
    const start = sb.stats.tokenRequests;
    const second = await clientCredentials(options({ store })).getToken();
    expect(second.value).toBe(first.value);
    expect(sb.stats.tokenRequests).toBe(start);
  });
});

describe("renewal", () => {
  test("a failed background renewal keeps the valid token serving, is not cached, and is tried again", async () => {
    let now = Date.now();
    const source = clientCredentials(options({ now: () => now, retry: { attempts: 1 } }));
    const first = await source.getToken();
    now = first.expiresAt - 60_000;
    const start = sb.stats.tokenRequests;
    sb.faults.failTokenRequests(1, 503);
    expect((await source.getToken()).value).toBe(first.value);
    await expect.poll(() => sb.stats.tokenRequests - start, { timeout: 5000 }).toBe(1);
    expect((await source.getToken()).value).toBe(first.value);
    await expect.poll(async () => (await source.getToken()).value !== first.value, { timeout: 5000 }).toBe(true);
    expect(sb.stats.tokenRequests - start).toBe(2);
  });

  test("inside the refresh margin the valid token keeps serving while one background renewal runs", async () => {
    let now = Date.now();
    const source = clientCredentials(options({ now: () => now }));
    const start = sb.stats.tokenRequests;
    const first = await source.getToken();
    now = first.expiresAt - 60_000; // inside the 6-minute margin of a 1-hour token
    const during = await Promise.all(Array.from({ length: 20 }, () => source.getToken()));
    for (const t of during) expect(t.value).toBe(first.value);
    await expect.poll(() => sb.stats.tokenRequests - start, { timeout: 5000 }).toBe(2);
    await expect.poll(async () => (await source.getToken()).value !== first.value, { timeout: 5000 }).toBe(true);
    expect(sb.stats.tokenRequests - start).toBe(2);
  });

  test("outside the margin the token is reused without any request", async () => {
    let now = Date.now();
    const source = clientCredentials(options({ now: () => now }));
    const first = await source.getToken();
    const start = sb.stats.tokenRequests;
    now = first.expiresAt - 7 * 60_000; // 7 minutes left: outside the 6-minute margin
    expect((await source.getToken()).value).toBe(first.value);
    expect(sb.stats.tokenRequests).toBe(start);
  });

  test("past expiry callers wait for a new token", async () => {
    let now = Date.now();
    const source = clientCredentials(options({ now: () => now }));
    const first = await source.getToken();
    now = first.expiresAt + 1;
    const second = await source.getToken();
    expect(second.value).not.toBe(first.value);
    expect(second.expiresAt).toBeGreaterThan(now);
  });

  test("with an 8-second token the renewal starts in the first half of the refresh window (jitter), in real time", async () => {
    // exp counts whole seconds, so the token lives 7 to 8 s: the window (half the life) opens
    // at 3.5-4 s and the jittered renewal point lies before 6 s.
    const short = await startSandbox({ tokenTtlSeconds: 8 });
    try {
      const source = clientCredentials(sandboxClient(short));
      const first = await source.getToken();
      await new Promise((r) => setTimeout(r, 3000));
      expect((await source.getToken()).value).toBe(first.value); // before the refresh window: no request
      expect(short.stats.tokenRequests).toBe(1);
      await new Promise((r) => setTimeout(r, 3300)); // 6.3 s: past any renewal point, before expiry
      expect((await source.getToken()).value).toBe(first.value); // still valid: served while renewing
      await expect.poll(() => short.stats.tokenRequests, { timeout: 5000 }).toBe(2);
      await expect.poll(async () => (await source.getToken()).value !== first.value, { timeout: 5000 }).toBe(true);
    } finally {
      await short.close();
    }
  });

  test("invalidate() drops exactly the token given, not a newer one", async () => {
    let now = Date.now();
    const source = clientCredentials(options({ now: () => now }));
    const old = await source.getToken();
    now = old.expiresAt + 1;
    const fresh = await source.getToken();
    const start = sb.stats.tokenRequests;
    source.invalidate(old);
    expect((await source.getToken()).value).toBe(fresh.value);
    expect(sb.stats.tokenRequests).toBe(start);
    source.invalidate(fresh.value);
    const third = await source.getToken();
    expect(third.value).not.toBe(fresh.value);
    expect(sb.stats.tokenRequests).toBe(start + 1);
    source.invalidate(); // no argument: whatever is cached
    expect((await source.getToken()).value).not.toBe(third.value);
    expect(sb.stats.tokenRequests).toBe(start + 2);
  });

  test("a shared store keys tokens by the full request: two scopes never get each other's token, one config shares", async () => {
    const store = memoryTokenStore();
    const read = clientCredentials(options({ scope: "api.read", store }));
    const write = clientCredentials(options({ scope: "api.write", store }));
    const readAgain = clientCredentials(options({ scope: ["api.read"], store }));
    const r = await read.getToken();
    const w = await write.getToken();
    expect(w.value).not.toBe(r.value);
    expect(w.scope).toEqual(["api.write"]);
    const start = sb.stats.tokenRequests;
    expect((await readAgain.getToken()).value).toBe(r.value);
    expect(sb.stats.tokenRequests).toBe(start);
  });
});

describe("token endpoint faults", () => {
  test.each([500, 502, 503])("HTTP %i is retried and then succeeds", async (status) => {
    const source = clientCredentials(options());
    const start = sb.stats.tokenRequests;
    sb.faults.failTokenRequests(1, status);
    expect(await token(source)).toBeTruthy();
    expect(sb.stats.tokenRequests - start).toBe(2);
  });

  test("503 with Retry-After: 1 waits about a second before retrying", async () => {
    const source = clientCredentials(options());
    sb.faults.failTokenRequests(1, 503, { headers: { "retry-after": "1" } });
    const started = Date.now();
    expect(await token(source)).toBeTruthy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  test("429 is retried", async () => {
    const source = clientCredentials(options());
    const start = sb.stats.tokenRequests;
    sb.faults.failTokenRequests(1, 429, { headers: { "retry-after": "0" } });
    expect(await token(source)).toBeTruthy();
    expect(sb.stats.tokenRequests - start).toBe(2);
  });

  test("persistent 503 gives up after the attempts allowed with a retryable TokenEndpointError", async () => {
    const source = clientCredentials(options());
    sb.faults.failTokenRequests(3, 503);
    const error = (await caught(source.getToken())) as TokenEndpointError;
    expect(isTokenEndpointError(error)).toBe(true);
    expect(error.code).toBe("http_error");
    expect(error.status).toBe(503);
    expect(error.retryable).toBe(true);
    expect(error.attempts).toBe(3);
    expect(error.message).toMatch(/Gave up after 3 attempts/);
  });

  test("a reset connection is a network error, retried", async () => {
    const source = clientCredentials(options());
    const start = sb.stats.tokenRequests;
    sb.faults.resetTokenConnections(1);
    expect(await token(source)).toBeTruthy();
    expect(sb.stats.tokenRequests - start).toBeGreaterThanOrEqual(1);
  });

  test("connections reset on every attempt end in network_error saying what to check", async () => {
    const source = clientCredentials(options());
    sb.faults.resetTokenConnections(3);
    const error = (await caught(source.getToken())) as TokenEndpointError;
    expect(error.code).toBe("network_error");
    expect(error.message).toMatch(/check the URL, DNS, proxy and firewall/);
  });

  test("a slow token endpoint hits the per-attempt timeout", async () => {
    const source = clientCredentials(options({ retry: { attempts: 2, timeout: 150, deadline: 5000 } }));
    sb.faults.delayTokenRequests(1000);
    const error = (await caught(source.getToken())) as TokenEndpointError;
    expect(error.code).toBe("timeout");
    expect(error.attempts).toBe(2);
    expect(error.message).toMatch(/retry\.timeout/);
  });

  test("the overall deadline bounds the retries", async () => {
    const source = clientCredentials(options({ retry: { attempts: 10, timeout: 5000, deadline: 1500 } }));
    sb.faults.failTokenRequests(10, 503, { headers: { "retry-after": "2" } });
    const error = (await caught(source.getToken())) as TokenEndpointError;
    expect(error.code).toBe("deadline_exceeded");
    expect(error.attempts).toBe(1);
  });

  test("the caller's AbortSignal cancels and the promise rejects with its reason", async () => {
    const source = clientCredentials(options());
    sb.faults.delayTokenRequests(2000);
    const reason = new Error("request cancelled by the caller");
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 50);
    expect(await caught(source.getToken({ signal: controller.signal }))).toBe(reason);
  });

  test.each([
    ["an HTML page", "<html><body>Bad gateway</body></html>", "text/html"],
    ["malformed JSON", '{"access_token": "abc", ', "application/json"],
    ["a zero expires_in", '{"access_token":"t0k3n-zero-expiry","token_type":"Bearer","expires_in":0}', "application/json"],
    ["a negative expires_in", '{"access_token":"t0k3n-negative-expiry","token_type":"Bearer","expires_in":-5}', "application/json"],
    ["an unknown token_type", '{"access_token":"t0k3n-mac-type","token_type":"mac","expires_in":60}', "application/json"],
    ["no access_token", '{"token_type":"Bearer","expires_in":60}', "application/json"],
  ])("a 200 answer with %s is an invalid_response TokenEndpointError, not retried", async (_what, body, type) => {
    for (const match of body.matchAll(/"access_token":"([^"]+)"/g)) if (match[1]) seenTokens.add(match[1]);
    const source = clientCredentials(options());
    const start = sb.stats.tokenRequests;
    sb.faults.failTokenRequests(1, 200, { body, headers: { "content-type": type } });
    const error = (await caught(source.getToken())) as TokenEndpointError;
    expect(error.code).toBe("invalid_response");
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check tokenEndpoint/);
    expect(sb.stats.tokenRequests - start).toBe(1);
  });

  test("a 404 HTML page is an http_error that points at the token endpoint URL, not retried", async () => {
    const source = clientCredentials(options());
    const start = sb.stats.tokenRequests;
    sb.faults.failTokenRequests(1, 404, { body: "<html>not found</html>", headers: { "content-type": "text/html" } });
    const error = (await caught(source.getToken())) as TokenEndpointError;
    expect(error.code).toBe("http_error");
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/check tokenEndpoint/);
    expect(sb.stats.tokenRequests - start).toBe(1);
  });

  test.each([
    [400, "invalid_grant"],
    [400, "invalid_request"],
    [401, "invalid_client"],
  ])("an OAuth %i %s is never retried", async (status, code) => {
    const source = clientCredentials(options());
    const start = sb.stats.tokenRequests;
    sb.faults.failTokenRequests(1, status, { body: JSON.stringify({ error: code }), headers: { "content-type": "application/json" } });
    expect(((await caught(source.getToken())) as OAuthError).code).toBe(code);
    expect(sb.stats.tokenRequests - start).toBe(1);
  });

  test("a Basic challenge in WWW-Authenticate (no JSON body) is an OAuthError invalid_client", async () => {
    const source = clientCredentials(options());
    sb.faults.failTokenRequests(1, 401, {
      body: "",
      headers: { "www-authenticate": 'Basic realm="token", error="invalid_client", error_description="bad secret"' },
    });
    const error = (await caught(source.getToken())) as OAuthError;
    expect(error.code).toBe("invalid_client");
    expect(error.description).toBe("bad secret");
    expect(error.status).toBe(401);
  });
});

describe("secrets and tokens never show", () => {
  test("no error from any fault above shows a client secret or a token in its message, stack, cause chain, JSON or inspect output", () => {
    // the scan itself finds a value hidden deep in a cause chain
    expect(everythingShown(new Error("outer", { cause: { inner: new Error("x", { cause: "needle-1234" }) } }))).toContain("needle-1234");
    expect(seenErrors.length).toBeGreaterThan(20);
    expect(seenTokens.size).toBeGreaterThan(3);
    for (const error of seenErrors) {
      const shown = everythingShown(error);
      for (const secret of secrets) expect(shown).not.toContain(secret);
      for (const value of seenTokens) expect(shown).not.toContain(value);
    }
  });
});
