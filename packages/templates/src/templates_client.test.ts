// createTemplatesClient() against the real sandbox over HTTP, with real tokens
// from @cadasto/auth and the real OPT fixtures.
import { inspect } from "node:util";
import { clientCredentials, isOAuthError, type TokenSource } from "@cadasto/auth";
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import ky from "ky";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sha256Hex } from "./_bytes.ts";
import { type Fixture, loadFixtures } from "../test/fixtures.ts";
import {
  createTemplatesClient,
  isOptError,
  isTemplatesApiError,
  isTemplatesClientError,
  type TemplatesApiError,
  type TemplatesClient,
  type UploadProgressEvent,
} from "./mod.ts";

const fixtures = loadFixtures();
const fixture = (file: string): Fixture => {
  const found = fixtures.find((f) => f.file === file);
  if (found === undefined) throw new Error(`no fixture ${file}`);
  return found;
};
/** Whether the text encodes to exactly `bytes` (vitest's deep equality is slow on megabytes). */
const sameBytes = (text: string, bytes: Uint8Array): boolean => Buffer.from(text, "utf8").equals(bytes);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let sandbox: Sandbox;
let auth: TokenSource;
let templates: TemplatesClient;
const READER = { clientId: "reader", clientSecret: "reader-secret-0123456789", scopes: ["api.read"] };
const WRITER = { clientId: "writer", clientSecret: "writer-secret-0123456789", scopes: ["api.read", "api.write"] };

const tokens = (client: { clientId: string; clientSecret: string; scopes: string[] }) =>
  clientCredentials({
    tokenEndpoint: sandbox.tokenEndpoint,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    audience: sandbox.apiBaseUrl,
    scope: client.scopes,
  });

beforeAll(async () => {
  sandbox = await startSandbox({ clients: [WRITER, READER] });
  auth = tokens(WRITER);
  templates = createTemplatesClient({ baseUrl: sandbox.apiBaseUrl, auth });
});

afterAll(async () => {
  await sandbox?.close();
});

async function apiError(promise: Promise<unknown>): Promise<TemplatesApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isTemplatesApiError(error)) throw new Error(`expected a TemplatesApiError, got ${String(error)}`);
  return error;
}

describe("createTemplatesClient() against the sandbox", () => {
  test("upload() sends every fixture and get() reads each version back byte-identical", async () => {
    for (const f of fixtures) {
      const result = await templates.upload(f.bytes);
      expect(result.templateId).toBe(f.templateId);
      expect(result.source).toBe("location");
      expect(result.uid).toMatch(UUID);
      expect(result.versionId).toBe(`${f.templateId}::${result.uid}`);
      expect(result.location).toBe(`${sandbox.apiBaseUrl}/definition/template/adl1.4/${encodeURIComponent(result.versionId)}`);
      const text = await templates.get(result.versionId);
      expect(await sha256Hex(new TextEncoder().encode(text))).toBe(f.sha256);
      expect(sameBytes(text, f.bytes)).toBe(true);
    }
  });

  test("two uploads of one template_id give two versions, and versions() lists them latest first", async () => {
    const a = fixture("family_history.v.1.2.3.opt");
    const b = fixture("family_history.v.1.2.3__updated.opt");
    const first = await templates.upload(a.bytes);
    const second = await templates.upload(b.bytes);
    expect(second.versionId).not.toBe(first.versionId);
    const versions = await templates.versions(a.templateId);
    const ids = versions.map((v) => v.versionId);
    expect(ids.indexOf(second.versionId)).toBeLessThan(ids.indexOf(first.versionId));
    expect(ids[0]).toBe(second.versionId);
    expect(versions.every((v) => v.templateId === a.templateId)).toBe(true);
    const times = versions.map((v) => Date.parse(v.createdTimestamp ?? ""));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    // The template id alone reads the latest version.
    expect(sameBytes(await templates.get(a.templateId), b.bytes)).toBe(true);
    expect(sameBytes(await templates.get(first.versionId), a.bytes)).toBe(true);
  });

  test("list() types every entry, parses the version id and keeps the server's other fields", async () => {
    const f = fixture("minimal_evaluation.en.v1.opt");
    const uploaded = await templates.upload(f.bytes);
    const entries = await templates.list();
    const mine = entries.find((e) => e.versionId === uploaded.versionId);
    expect(mine).toMatchObject({
      templateId: f.templateId,
      uid: uploaded.uid,
      concept: f.concept,
      archetypeId: f.archetypeId,
    });
    expect(Number.isNaN(Date.parse(mine?.createdTimestamp ?? ""))).toBe(false);
    expect(mine?.fields.version).toBeTypeOf("string");
    const filtered = await templates.list({ templateId: f.templateId });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((e) => e.templateId === f.templateId)).toBe(true);
  });

  test("ids with spaces and non-ASCII (Demo Vitals, Körpergröße) are URL-encoded", async () => {
    for (const file of ["Demo_Vitals.opt", "Koerpergroesse.opt"]) {
      const f = fixture(file);
      const uploaded = await templates.upload(f.bytes);
      expect(uploaded.templateId).toBe(f.templateId);
      expect(sameBytes(await templates.get(f.templateId), f.bytes)).toBe(true);
      expect(sameBytes(await templates.get(uploaded.versionId), f.bytes)).toBe(true);
      const [latest] = await templates.versions(f.templateId);
      expect(latest?.versionId).toBe(uploaded.versionId);
    }
  });

  test("ensure() uploads once, then reports unchanged; changed bytes make a new version", async () => {
    const fresh = await startSandbox({ clients: [WRITER] });
    try {
      const client = createTemplatesClient({
        baseUrl: fresh.apiBaseUrl,
        auth: clientCredentials({
          tokenEndpoint: fresh.tokenEndpoint,
          clientId: WRITER.clientId,
          clientSecret: WRITER.clientSecret,
          audience: fresh.apiBaseUrl,
          scope: WRITER.scopes,
        }),
      });
      const a = fixture("family_history.v.1.2.3.opt");
      const b = fixture("family_history.v.1.2.3__updated.opt");
      const first = await client.ensure(a.bytes);
      expect(first).toMatchObject({ uploaded: true, templateId: a.templateId, sha256: a.sha256 });
      const again = await client.ensure(a.bytes);
      expect(again).toMatchObject({ uploaded: false, versionId: first.versionId, sha256: a.sha256 });
      expect((await client.versions(a.templateId)).length).toBe(1);
      const changed = await client.ensure(b.bytes);
      expect(changed.uploaded).toBe(true);
      expect(changed.versionId).not.toBe(first.versionId);
      expect((await client.ensure(b.bytes)).uploaded).toBe(false);
      expect((await client.versions(a.templateId)).map((v) => v.versionId)).toEqual([changed.versionId, first.versionId]);
    } finally {
      await fresh.close();
    }
  });

  test("upload() reports progress while streaming a 4 MB OPT", async () => {
    const f = fixture("Anamnese.opt");
    const events: UploadProgressEvent[] = [];
    const result = await templates.upload(f.bytes, { onProgress: (e) => events.push(e) });
    expect(result.templateId).toBe(f.templateId);
    expect(events.length).toBeGreaterThan(10);
    expect(events[0]).toEqual({ loaded: 0, total: f.bytes.length });
    expect(events.at(-1)).toEqual({ loaded: f.bytes.length, total: f.bytes.length });
    expect(events.every((e, i) => i === 0 || e.loaded >= (events[i - 1]?.loaded ?? 0))).toBe(true);
    expect(sameBytes(await templates.get(result.versionId), f.bytes)).toBe(true);
  });

  test('upload() with prefer "return=representation" still reads the version from Location', async () => {
    const f = fixture("minimal_evaluation.en.v1.opt");
    const result = await templates.upload(f.bytes, { prefer: "return=representation" });
    expect(result.source).toBe("location");
    expect(result.versionId).toMatch(new RegExp(`^${f.templateId.replace(/\./g, "\\.")}::`));
  });

  test("a ky instance sends the requests, and its HTTP errors are still typed", async () => {
    const client = createTemplatesClient({ baseUrl: sandbox.apiBaseUrl, auth, ky: ky.create({ retry: 0 }) });
    const f = fixture("Koerpergroesse.opt");
    const events: UploadProgressEvent[] = [];
    const uploaded = await client.upload(f.bytes, { onProgress: (e) => events.push(e) });
    expect(events.at(-1)).toEqual({ loaded: f.bytes.length, total: f.bytes.length });
    expect(sameBytes(await client.get(uploaded.versionId), f.bytes)).toBe(true);
    const error = await apiError(client.get("No Such Template"));
    expect(error.code).toBe("not_found");
  });
});

describe("errors from the sandbox", () => {
  test("get() of an unknown template is not_found with the server's message", async () => {
    const error = await apiError(templates.get("No Such Template"));
    expect(error).toMatchObject({ status: 404, code: "not_found", method: "GET" });
    expect(error.url).toBe(`${sandbox.apiBaseUrl}/definition/template/adl1.4/No%20Such%20Template`);
    expect(error.serverMessage).toContain("No Such Template");
    expect(error.message).toContain("check the id with list()");
  });

  test('get() as "web-template" from a server without web templates is not_acceptable (406)', async () => {
    const f = fixture("minimal_evaluation.en.v1.opt");
    await templates.upload(f.bytes);
    const error = await apiError(templates.get(f.templateId, { format: "web-template" }));
    expect(error).toMatchObject({ status: 406, code: "not_acceptable" });
    expect(error.serverMessage).toContain("web template");
  });

  test("a body the server finds malformed is bad_request (400) with its validationErrors as details", async () => {
    // A proxy that cuts the body in half after the local check passed: the sandbox refuses the truncated XML.
    const truncating: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method !== "POST") return fetch(request);
      const body = new Uint8Array(await request.arrayBuffer());
      return fetch(new Request(request, { body: body.slice(0, body.length >> 1) }));
    };
    const client = createTemplatesClient({ baseUrl: sandbox.apiBaseUrl, auth, fetch: truncating });
    const error = await apiError(client.upload(fixture("minimal_evaluation.en.v1.opt").bytes));
    expect(error).toMatchObject({ status: 400, code: "bad_request", method: "POST" });
    expect(error.serverMessage).toContain("not well-formed");
    expect(error.details.length).toBeGreaterThan(0);
    expect(error.message).toContain("fix the OPT");
  });

  test("a proxy that rewrites the Content-Type meets unsupported_media_type (415)", async () => {
    const rewriting: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      const headers = new Headers(request.headers);
      headers.set("content-type", "text/plain");
      return fetch(new Request(request, { headers }));
    };
    const client = createTemplatesClient({ baseUrl: sandbox.apiBaseUrl, auth, fetch: rewriting });
    const error = await apiError(client.upload(fixture("minimal_evaluation.en.v1.opt").bytes));
    expect(error).toMatchObject({ status: 415, code: "unsupported_media_type" });
    expect(error.message).toContain("application/xml");
  });

  test("a client with api.read only gets forbidden (403) on upload, and the message names api.write", async () => {
    const reader = createTemplatesClient({ baseUrl: sandbox.apiBaseUrl, auth: tokens(READER) });
    const error = await apiError(reader.upload(fixture("minimal_evaluation.en.v1.opt").bytes));
    expect(error).toMatchObject({ status: 403, code: "forbidden", method: "POST" });
    expect(error.message).toContain("api.write");
    expect(Array.isArray(await reader.list())).toBe(true);
  });

  test("without a token source the API answers unauthorized (401)", async () => {
    const anonymous = createTemplatesClient({ baseUrl: sandbox.apiBaseUrl });
    const error = await apiError(anonymous.list());
    expect(error).toMatchObject({ status: 401, code: "unauthorized" });
  });

  test("a token the API refuses twice is invalidated once, renewed once, then a TemplatesApiError unauthorized", async () => {
    // A token source handing out tokens the real API cannot verify.
    let handedOut = 0;
    const invalidated: unknown[] = [];
    const forged: TokenSource = {
      async getToken() {
        handedOut += 1;
        return { value: `forged-${handedOut}`, expiresAt: Date.now() + 60_000, scope: ["api.read"], tokenType: "Bearer" };
      },
      invalidate(token) {
        invalidated.push(token);
      },
    };
    const client = createTemplatesClient({ baseUrl: sandbox.apiBaseUrl, auth: forged });
    const error = await apiError(client.list());
    // The REST core replays once itself (no longer authFetch's OAuthError), so the error is built from the
    // response, scrubbed of both tokens sent: see "errors never carry the access token".
    expect(error).toMatchObject({ status: 401, code: "unauthorized" });
    expect(error.message).toContain("to a freshly requested token as well");
    expect(handedOut).toBe(2);
    expect(invalidated).toEqual(["forged-1"]);
  });

  test("a token endpoint refusal passes through as the OAuthError of @cadasto/auth", async () => {
    const wrongAudience = clientCredentials({
      tokenEndpoint: sandbox.tokenEndpoint,
      clientId: WRITER.clientId,
      clientSecret: WRITER.clientSecret,
      audience: `${sandbox.authBaseUrl}/other`,
      scope: WRITER.scopes,
    });
    const client = createTemplatesClient({ baseUrl: sandbox.apiBaseUrl, auth: wrongAudience });
    const before = sandbox.stats.apiRequests;
    const error = await client.list().catch((e: unknown) => e);
    expect(isOAuthError(error)).toBe(true);
    expect((error as { code?: unknown }).code).toBe("invalid_target");
    expect(sandbox.stats.apiRequests).toBe(before);
  });

  test("the client shows neither the secret nor the token in JSON.stringify or util.inspect", async () => {
    const token = await auth.getToken();
    const shown = [JSON.stringify(templates), inspect(templates, { depth: 10, showHidden: true })].join("\n");
    expect(shown).toContain(sandbox.apiBaseUrl);
    expect(shown).not.toContain(token.value);
    expect(shown).not.toContain(WRITER.clientSecret);
  });

  test("errors never carry the access token", async () => {
    const token = await auth.getToken();
    const error = await apiError(templates.get("No Such Template"));
    const everything = [error.message, JSON.stringify(error), JSON.stringify(error.body), String(error.stack)].join("\n");
    expect(everything).not.toContain(token.value);
    expect(everything).not.toContain(WRITER.clientSecret);
  });

  test("a broken OPT is refused before any request reaches the API", async () => {
    const before = sandbox.stats.apiRequests;
    for (const broken of ["plain text", "<html><body/></html>", fixture("Demo_Vitals.opt").bytes.slice(0, 5000)]) {
      const error = await templates.upload(broken).catch((e: unknown) => e);
      expect(isOptError(error)).toBe(true);
      const ensured = await templates.ensure(broken).catch((e: unknown) => e);
      expect(isOptError(ensured)).toBe(true);
    }
    expect(sandbox.stats.apiRequests).toBe(before);
  });

  test("an aborted signal stops a slow request with the signal's reason", async () => {
    sandbox.faults.delayApi(5_000);
    try {
      const controller = new AbortController();
      const pending = templates.list({ signal: controller.signal });
      setTimeout(() => controller.abort(new Error("stop")), 50);
      await expect(pending).rejects.toThrow("stop");
    } finally {
      sandbox.faults.reset();
    }
  });

  test("aborting a streamed upload rejects with the signal's reason and stores nothing", async () => {
    const f = fixture("Anamnese.opt");
    const before = (await templates.versions(f.templateId)).length;
    const controller = new AbortController();
    const pending = templates.upload(f.bytes, {
      signal: controller.signal,
      onProgress: ({ loaded }) => {
        if (loaded > 0) controller.abort(new Error("cancelled mid-upload"));
      },
    });
    await expect(pending).rejects.toThrow("cancelled mid-upload");
    expect((await templates.versions(f.templateId)).length).toBe(before);
  });

  test("a server that is not listening is a network_error naming the request", async () => {
    const closed = await startSandbox();
    const baseUrl = closed.apiBaseUrl;
    await closed.close();
    const client = createTemplatesClient({ baseUrl });
    const error = await client.list().catch((e: unknown) => e);
    expect(isTemplatesClientError(error)).toBe(true);
    expect(error).toMatchObject({ code: "network_error", method: "GET", url: `${baseUrl}/definition/template/adl1.4` });
    expect((error as Error).message).toContain("ECONNREFUSED");
  });
});
