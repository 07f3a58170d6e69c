import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { failure, json, startTestServer, type TestServer } from "../test/server.ts";
import { discoverEndpoints } from "./discover_endpoints.ts";

const server: TestServer = await startTestServer();
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe("discoverEndpoints()", () => {
  it("reads the configuration from authBaseUrl and takes the advertised API, else the given one", async () => {
    server.handle(
      json({ token_endpoint: `${server.origin}/token`, services: { "org.openehr.rest": { baseUrl: `${server.origin}/openehr/v1` } } }),
    );
    const found = await discoverEndpoints({ authBaseUrl: server.origin }, { cache: false });
    expect(found).toEqual({
      authBaseUrl: server.origin,
      apiBaseUrl: `${server.origin}/openehr/v1`,
      configuration: expect.objectContaining({ token_endpoint: `${server.origin}/token` }),
    });
    const given = await discoverEndpoints({ authBaseUrl: server.origin, apiBaseUrl: "http://127.0.0.1:9/api" }, { cache: false });
    expect(given.apiBaseUrl).toBe("http://127.0.0.1:9/api");
    expect(server.requests).toHaveLength(2);
  });

  it("says missing_service when neither the document, the caller nor a tenant names the API", async () => {
    server.handle(json({ token_endpoint: `${server.origin}/token` }));
    expect((await failure(discoverEndpoints({ authBaseUrl: server.origin }, { cache: false }))).code).toBe("missing_service");
  });

  it("refuses bad input before any request: no auth server, a bad tenant, an insecure API URL", async () => {
    expect((await failure(discoverEndpoints({}))).code).toBe("invalid_option");
    expect((await failure(discoverEndpoints({ tenant: "acme corp" }))).code).toBe("invalid_tenant");
    expect((await failure(discoverEndpoints({ tenant: "acme", environment: "staging" as never }))).code).toBe("invalid_environment");
    const insecure = await failure(discoverEndpoints({ authBaseUrl: server.origin, apiBaseUrl: "http://api.example.com/openehr/v1" }));
    expect(insecure.code).toBe("insecure_endpoint");
    expect(insecure.message).toContain("apiBaseUrl");
    expect(server.requests).toHaveLength(0);
  });

  it("derives the tenant's auth server when only a tenant is given (the request goes to its documented host)", async () => {
    // A fetch double that only records the URL: the tenant's real host cannot be reached from tests.
    let asked: string | undefined;
    const fetch: typeof globalThis.fetch = async (input) => {
      asked = String(input instanceof Request ? input.url : input);
      throw new TypeError("no network in tests");
    };
    const error = await failure(discoverEndpoints({ tenant: "acme", environment: "acceptation" }, { fetch, cache: false }));
    expect(asked).toBe("https://acme.auth.acc.cadasto.io/.well-known/smart-configuration");
    expect(error.code).toBe("network_error");
  });
});
