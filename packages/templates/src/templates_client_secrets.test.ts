// The access token never reaches an error of the templates client, even from
// a server that echoes the Authorization header back: in a 400 message, 422
// validation errors, a 500 text body, and the WWW-Authenticate challenge of a
// second 401. A real HTTP server on 127.0.0.1 plays the echoing server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadFixtures } from "../test/fixtures.ts";
import { createTemplatesClient, isTemplatesApiError } from "./mod.ts";

let server: Server;
let baseUrl: string;
const [opt] = loadFixtures();
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJlLXRoYXQtbXVzdC1ub3QtbGVhaw";

beforeAll(async () => {
  // A path segment or template_id of three digits is the status to answer, echoing the request's Authorization header.
  server = createServer((request, response) => {
    request.resume();
    const url = new URL(request.url ?? "/", "http://x");
    const status = Number(/\/(\d{3})(\/|$)/.exec(url.pathname)?.[1] ?? url.searchParams.get("template_id") ?? 418);
    const echoed = String(request.headers.authorization ?? "");
    response.statusCode = status;
    if (status === 401) response.setHeader("www-authenticate", `Bearer error="invalid_token", error_description="refused ${echoed}"`);
    if (status === 500) {
      response.setHeader("content-type", "text/plain");
      response.end(`proxy error for request with ${echoed}`);
      return;
    }
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ message: `bad request: ${echoed}`, validationErrors: [{ path: echoed, message: `header ${echoed}` }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openehr/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the bearer token is scrubbed from every error built from a response", () => {
  test.each([400, 422, 500, 401])("status %i", async (status) => {
    let handedOut = 0;
    const auth = { getToken: async () => ({ value: `${TOKEN}${++handedOut}` }), invalidate: () => undefined };
    const templates = createTemplatesClient({ baseUrl, auth, retry: 0 });
    const error = await templates.get(String(status)).catch((e: unknown) => e);
    expect(isTemplatesApiError(error)).toBe(true);
    const shown = [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join("\n");
    expect(shown).toContain("[redacted]");
    expect(shown).not.toContain(TOKEN.slice(0, 20));
    expect(handedOut).toBe(status === 401 ? 2 : 1);
  });

  test("an upload's 422 and a list's 500 too", async () => {
    const auth = { getToken: async () => ({ value: TOKEN }), invalidate: () => undefined };
    const templates = createTemplatesClient({ baseUrl: baseUrl.replace("/openehr/v1", "/422"), auth, retry: 0 });
    const upload = await templates.upload(opt?.bytes ?? "").catch((e: unknown) => e);
    const listed = await createTemplatesClient({ baseUrl, auth, retry: 0 })
      .list({ templateId: "500" })
      .catch((e: unknown) => e);
    for (const error of [upload, listed]) {
      expect(isTemplatesApiError(error)).toBe(true);
      expect(JSON.stringify(error) + String(error)).not.toContain(TOKEN.slice(0, 20));
    }
  });
});
