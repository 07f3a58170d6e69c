// Every error a call can end in, from the real sandbox over HTTP: the REST
// core's typed errors with the openEHR error body parsed, and what they say.
import { randomUUID } from "node:crypto";
import { clientCredentials } from "@cadasto/auth";
import { parseEtag } from "@cadasto/rest";
import { startSandbox } from "@cadasto/sandbox";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { composition, type Harness, harness } from "../test/sandbox.ts";
import { createOpenEhrClient, isApiError, isPreconditionFailedError, isRestClientError } from "./mod.ts";

let h: Harness;
let ehrId: string;

beforeAll(async () => {
  h = await harness();
  await h.upload("minimal_evaluation.en.v1.opt");
  ehrId = (await h.client.ehrs.create()).ehrId;
});

afterAll(async () => {
  await h?.close();
});

describe("typed errors", () => {
  test("401 without a token: unauthorized, telling to pass auth", async () => {
    const anonymous = createOpenEhrClient({ baseUrl: h.sandbox.apiBaseUrl });
    const error = await anonymous.ehrs.create().catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, code: "unauthorized" });
    expect((error as Error).message).toContain("pass auth");
  });

  test("403 for a write with a read-only token: forbidden, naming the api.write scope", async () => {
    const sandbox = await startSandbox({ clients: [{ clientId: "reader", clientSecret: "reader-secret-1", scopes: ["api.read"] }] });
    try {
      const auth = clientCredentials({
        tokenEndpoint: sandbox.tokenEndpoint,
        clientId: "reader",
        clientSecret: "reader-secret-1",
        audience: sandbox.apiBaseUrl,
        scope: ["api.read"],
      });
      const error = await createOpenEhrClient({ baseUrl: sandbox.apiBaseUrl, auth })
        .ehrs.create()
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 403, code: "forbidden" });
      expect((error as Error).message).toContain("api.write");
    } finally {
      await sandbox.close();
    }
  });

  test("406 when a canonical composition is asked for as FLAT (the server does not convert)", async () => {
    const { uid } = await h.client.compositions.create(ehrId, composition("minimal_evaluation.json"));
    const error = await h.client.compositions.get(ehrId, uid, { format: "flat" }).catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect((error as { status: number }).status).toBe(406);
    expect(error).toMatchObject({ code: "not_acceptable" });
  });

  test("415 for a media type the server does not take (sent by a fetch that rewrites it)", async () => {
    // The fetch only changes the content type: the 415 and its body are the sandbox's own.
    const fetch: typeof globalThis.fetch = (input, init) => {
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      headers.set("content-type", "text/plain");
      return globalThis.fetch(input instanceof Request ? new Request(input, { headers }) : input, { ...init, headers });
    };
    const client = createOpenEhrClient({ baseUrl: h.sandbox.apiBaseUrl, auth: h.auth, fetch });
    const error = await client.compositions.create(ehrId, composition("minimal_evaluation.json")).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 415, code: "unsupported_media_type" });
  });

  test("412 carries the server's current version in etag and says to read again", async () => {
    const v1 = await h.client.compositions.create(ehrId, composition("minimal_evaluation.json"));
    const v2 = await h.client.compositions.update(ehrId, v1.objectId, composition("minimal_evaluation.json"), { ifMatch: v1.uid });
    const stale = await h.client.compositions.delete(ehrId, v1.uid).catch((e: unknown) => e);
    expect(isPreconditionFailedError(stale)).toBe(true);
    expect(parseEtag((stale as { etag?: string }).etag)?.value).toBe(v2.uid);
    expect((stale as Error).message).toMatch(/read it again with compositions\.get\(\) and retry/);
  });

  test("5xx after retries: server_error; a GET is retried on 503 with Retry-After, a POST is not", async () => {
    h.sandbox.faults.failApiRequests(1, 503, { headers: { "retry-after": "0" } });
    expect((await h.client.ehrs.get(ehrId)).ehrId).toBe(ehrId);
    const before = h.sandbox.stats.apiRequests;
    h.sandbox.faults.failApiRequests(1, 503, { body: JSON.stringify({ error: "Service Unavailable", message: "maintenance" }) });
    const error = await h.client.compositions.create(ehrId, composition("minimal_evaluation.json")).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, code: "server_error", serverMessage: "maintenance" });
    // The REST core's default advice for a 5xx (the openEHR client has none of its own).
    expect((error as Error).message).toMatch(
      /\. The server failed: retry later; if it keeps failing, contact Cadasto support with the time and the request\.$/,
    );
    expect(h.sandbox.stats.apiRequests - before).toBe(1);
    h.sandbox.faults.reset();
  });

  test("a malformed id never reaches the server, even through a custom fetch", async () => {
    let calls = 0;
    const counting: typeof globalThis.fetch = (input, init) => {
      calls++;
      return globalThis.fetch(input, init);
    };
    const client = createOpenEhrClient({ baseUrl: h.sandbox.apiBaseUrl, fetch: counting });
    const error = await client.compositions.get(randomUUID(), "a/../../b").catch((e: unknown) => e);
    expect(isRestClientError(error)).toBe(true);
    expect(calls).toBe(0);
  });

  test("an http base URL on a public host is refused when the client is made", () => {
    let error: unknown;
    try {
      createOpenEhrClient({ baseUrl: "http://api.example.com/openehr/v1" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: "invalid_base_url" });
  });
});
