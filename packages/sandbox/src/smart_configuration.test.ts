import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "./start_sandbox.ts";

describe("GET /.well-known/smart-configuration", () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(() => sb.close());

  it("names the token endpoint, auth methods, scopes and the openEHR base URL", async () => {
    const response = await fetch(`${sb.authBaseUrl}/.well-known/smart-configuration`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      issuer: sb.authBaseUrl,
      token_endpoint: sb.tokenEndpoint,
      authorization_endpoint: `${sb.authBaseUrl}/auth`,
      grant_types_supported: ["client_credentials"],
      scopes_supported: ["api.read", "api.write"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "private_key_jwt"],
      services: { "org.openehr.rest": { baseUrl: sb.apiBaseUrl } },
    });
    expect(Array.isArray(body.capabilities)).toBe(true);
  });

  it("sends Cache-Control and an ETag, and answers 304 to If-None-Match", async () => {
    const first = await fetch(`${sb.authBaseUrl}/.well-known/smart-configuration`);
    expect(first.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    const second = await fetch(`${sb.authBaseUrl}/.well-known/smart-configuration`, {
      headers: { "if-none-match": etag ?? "" },
    });
    expect(second.status).toBe(304);
  });

  it("serves a JWKS the token signatures verify against", async () => {
    const response = await fetch(`${sb.authBaseUrl}/jwks`);
    const { keys } = (await response.json()) as { keys: Array<Record<string, unknown>> };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256" });
    expect(keys[0]).not.toHaveProperty("d");
  });
});
