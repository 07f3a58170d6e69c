import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import ky, { HTTPError } from "ky";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { authFetch } from "./auth_fetch.ts";
import { clientCredentials } from "./client_credentials.ts";
import { isOAuthError, type OAuthError } from "./errors.ts";
import { kyAuthHooks } from "./ky_auth_hooks.ts";
import type { TokenSource } from "./token_source.ts";
import { startTestApi, type TestApi } from "../test/api_server.ts";
import { caught, everythingShown, sandboxClient, seenErrors, seenTokens } from "../test/helpers.ts";

let sb: Sandbox;
let api: TestApi;

beforeAll(async () => {
  [sb, api] = await Promise.all([startSandbox(), startTestApi()]);
});
afterAll(() => Promise.all([sb.close(), api.close()]));
afterEach(() => {
  for (const seen of api.seen) if (seen.authorization) seenTokens.add(seen.authorization.slice("Bearer ".length));
});
beforeEach(() => {
  api.seen.length = 0;
  api.rejectAll = false;
  sb.faults.reset();
});

function tokens(): TokenSource {
  return clientCredentials(sandboxClient(sb, { scope: "api.read" }));
}

describe("authFetch()", () => {
  test("adds Authorization: Bearer with the source's token", async () => {
    const source = tokens();
    const response = await authFetch(source)(`${api.url}/things`);
    expect(response.status).toBe(200);
    expect(api.seen[0]?.authorization).toBe(`Bearer ${(await source.getToken()).value}`);
  });

  test("on a 401 it invalidates exactly the token used, gets a new one and sends the POST body again", async () => {
    const source = tokens();
    const stale = await source.getToken();
    api.reject(stale.value);
    const start = sb.stats.tokenRequests;
    const response = await authFetch(source)(`${api.url}/upload`, { method: "POST", body: "<template/>" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ method: "POST", body: "<template/>" });
    expect(api.seen.map((s) => s.authorization === `Bearer ${stale.value}`)).toEqual([true, false]);
    expect(api.seen.map((s) => s.body)).toEqual(["<template/>", "<template/>"]);
    expect(sb.stats.tokenRequests - start).toBe(1);
  });

  test("a ReadableStream body is replayed after a 401 (the clone tees it)", async () => {
    const source = tokens();
    api.reject((await source.getToken()).value);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("streamed "));
        controller.enqueue(new TextEncoder().encode("body"));
        controller.close();
      },
    });
    const response = await authFetch(source)(`${api.url}/upload`, { method: "PUT", body, duplex: "half" } as RequestInit);
    expect(response.status).toBe(200);
    expect(api.seen.map((s) => s.body)).toEqual(["streamed body", "streamed body"]);
  });

  test("a caller's own Authorization header is replaced and its other headers kept, as an object, Headers, pairs or a Request", async () => {
    const source = tokens();
    const bearer = `Bearer ${(await source.getToken()).value}`;
    const fetchWithAuth = authFetch(source);
    const url = `${api.url}/things`;
    const own = { Authorization: "Bearer the-callers-own", Accept: "text/x-kept" };
    await fetchWithAuth(url, { headers: own });
    await fetchWithAuth(url, { headers: new Headers(own) });
    await fetchWithAuth(url, { headers: Object.entries(own) });
    await fetchWithAuth(new Request(url, { headers: own }));
    expect(api.seen.map((s) => [s.authorization, s.accept])).toEqual(Array.from({ length: 4 }, () => [bearer, "text/x-kept"]));
    expect(own).toEqual({ Authorization: "Bearer the-callers-own", Accept: "text/x-kept" });
  });

  test("a Request with a body is sent again after a 401, its headers kept", async () => {
    const source = tokens();
    api.reject((await source.getToken()).value);
    const request = new Request(`${api.url}/upload`, { method: "POST", body: "<request/>", headers: { accept: "text/x-kept" } });
    const response = await authFetch(source)(request);
    expect(response.status).toBe(200);
    expect(api.seen.map((s) => [s.body, s.accept])).toEqual([
      ["<request/>", "text/x-kept"],
      ["<request/>", "text/x-kept"],
    ]);
  });

  test("bytes, a Blob and URLSearchParams bodies are sent again after a 401", async () => {
    const source = tokens();
    const fetchWithAuth = authFetch(source);
    const url = `${api.url}/upload`;
    for (const body of [new TextEncoder().encode("bytes"), new Blob(["blob"]), new URLSearchParams({ q: "1" })]) {
      api.reject((await source.getToken()).value);
      expect((await fetchWithAuth(url, { method: "POST", body })).status).toBe(200);
    }
    expect(api.seen.map((s) => s.body)).toEqual(["bytes", "bytes", "blob", "blob", "q=1", "q=1"]);
  });

  test("twenty concurrent calls hitting 401 with the same stale token share one token request", async () => {
    const source = tokens();
    api.reject((await source.getToken()).value);
    const start = sb.stats.tokenRequests;
    const fetchWithAuth = authFetch(source);
    const responses = await Promise.all(Array.from({ length: 20 }, () => fetchWithAuth(`${api.url}/x`)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(sb.stats.tokenRequests - start).toBe(1);
  });

  test("a second 401 is an OAuthError invalid_token saying that a fresh token was refused too", async () => {
    api.rejectAll = true;
    const error = (await caught(authFetch(tokens())(`${api.url}/x?q=1`))) as OAuthError;
    expect(isOAuthError(error)).toBe(true);
    expect(error.code).toBe("invalid_token");
    expect(error.status).toBe(401);
    expect(error.url).toBe(`${api.url}/x`);
    expect(error.message).toMatch(/a fresh token was refused too: check audience/);
    expect(api.seen).toHaveLength(2);
  });

  test("other statuses pass through untouched", async () => {
    const response = await authFetch(tokens())(`${api.url}/x`, { method: "DELETE" });
    expect(response.status).toBe(200);
    expect(api.seen).toHaveLength(1);
  });

  test("the request's signal stops the wait for a token with its reason", async () => {
    sb.faults.delayTokenRequests(2000);
    const reason = new Error("user navigated away");
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 50);
    expect(await caught(authFetch(tokens())(`${api.url}/x`, { signal: controller.signal }))).toBe(reason);
    expect(api.seen).toHaveLength(0);
  });

  test("errors from token failures reach the caller unchanged (an OAuth refusal)", async () => {
    sb.faults.failTokenRequests(1, 400, {
      body: JSON.stringify({ error: "invalid_scope" }),
      headers: { "content-type": "application/json" },
    });
    expect(((await caught(authFetch(tokens())(`${api.url}/x`))) as OAuthError).code).toBe("invalid_scope");
  });
});

describe("against the sandbox's templates API (real token checks)", () => {
  test("a token the API finds expired (the client's clock stalled) is replaced once and the call succeeds, with authFetch and with ky", async () => {
    // 2 s, not 1: exp has whole-second resolution, so a fresh token must outlive the retried call
    const short = await startSandbox({ tokenTtlSeconds: 2 });
    const stalled = Date.now();
    try {
      const source = clientCredentials(
        sandboxClient(short, {
          scope: "api.read",
          now: () => stalled, // this client's clock stopped, so it believes its token is still fresh
        }),
      );
      const list = `${short.apiBaseUrl}/definition/template/adl1.4`;
      const stale = await source.getToken();
      seenTokens.add(stale.value);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const response = await authFetch(source)(list);
      expect(response.status).toBe(200);
      expect(short.stats.tokenRequests).toBe(2);
      expect(short.stats.apiRequests).toBe(2); // the 401 for the expired token, then the retry
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const client = ky.create({ hooks: kyAuthHooks(source), retry: 0 });
      expect(Array.isArray(await client.get(list).json())).toBe(true);
      expect(short.stats.tokenRequests).toBe(3);
      expect(short.stats.apiRequests).toBe(4);
    } finally {
      await short.close();
    }
  });
});

describe("the README example", () => {
  test("works against the sandbox (authFetch and ky, listing templates)", async () => {
    const api = sb.apiBaseUrl;
    const tokens = clientCredentials({
      tokenEndpoint: sb.tokenEndpoint,
      clientId: sb.clientId,
      clientSecret: sb.clientSecret,
      audience: api,
      scope: ["api.read", "api.write"],
    });
    const response = await authFetch(tokens)(`${api}/definition/template/adl1.4`);
    expect(response.status).toBe(200);
    expect(Array.isArray(await response.json())).toBe(true);
    const client = ky.create({ prefixUrl: api, hooks: kyAuthHooks(tokens) });
    expect(Array.isArray(await client.get("definition/template/adl1.4").json())).toBe(true);
  });
});

describe("kyAuthHooks()", () => {
  test("ky requests carry the bearer token", async () => {
    const source = tokens();
    const client = ky.create({ prefixUrl: api.url, hooks: kyAuthHooks(source), retry: 0 });
    expect(await client.get("things").json()).toEqual({ method: "GET", body: "" });
    expect(api.seen[0]?.authorization).toBe(`Bearer ${(await source.getToken()).value}`);
  });

  test("on a 401 the hook invalidates that token and ky gets the answer to the retried request, body included", async () => {
    const source = tokens();
    const stale = await source.getToken();
    api.reject(stale.value);
    const client = ky.create({ prefixUrl: api.url, hooks: kyAuthHooks(source), retry: 0 });
    expect(await client.post("upload", { body: "payload" }).json()).toEqual({ method: "POST", body: "payload" });
    expect(api.seen.map((s) => s.body)).toEqual(["payload", "payload"]);
    expect(api.seen[1]?.authorization).not.toBe(`Bearer ${stale.value}`);
  });

  test("a second 401 through ky is an OAuthError invalid_token, not an HTTPError", async () => {
    api.rejectAll = true;
    const client = ky.create({ prefixUrl: api.url, hooks: kyAuthHooks(tokens()), retry: 0 });
    const error = await caught(client.get("x").json());
    expect(error).not.toBeInstanceOf(HTTPError);
    expect((error as OAuthError).code).toBe("invalid_token");
    expect(api.seen).toHaveLength(2);
  });

  test("no error from these paths shows the client secret or a token", async () => {
    expect(seenErrors.length).toBeGreaterThan(3);
    expect(seenTokens.size).toBeGreaterThan(3);
    for (const error of seenErrors) {
      const shown = everythingShown(error);
      expect(shown).not.toContain(sb.clientSecret);
      for (const value of seenTokens) expect(shown).not.toContain(value);
    }
  });
});
