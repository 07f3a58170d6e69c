import { createServer } from "node:net";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicTokenRequest, postTokenRequest } from "../test/helpers.ts";
import { type Sandbox, startSandbox } from "./start_sandbox.ts";

interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
}

describe("token endpoint (oidc-provider)", () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ tokenTtlSeconds: 2 });
  });
  afterAll(() => sb.close());

  it("issues a token to a client using client_secret_basic", async () => {
    const response = await basicTokenRequest(sb);
    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenResponse;
    expect(body.token_type).toBe("Bearer");
    expect(body.scope).toBe("api.read api.write");
  });

  it("issues a token to a client using client_secret_post", async () => {
    const response = await postTokenRequest(sb, { scope: "api.read" });
    expect(response.status).toBe(200);
    expect(((await response.json()) as TokenResponse).scope).toBe("api.read");
  });

  it("answers 401 invalid_client for a wrong secret", async () => {
    const response = await basicTokenRequest(sb, {}, "wrong-secret");
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe("invalid_client");
  });

  it("answers invalid_scope for an unknown scope", async () => {
    const response = await postTokenRequest(sb, { scope: "api.read patients.delete" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; error_description: string };
    expect(body.error).toBe("invalid_scope");
    expect(body.error_description).toContain("patients.delete");
  });

  it("refuses an audience other than the API base URL with invalid_target", async () => {
    const response = await basicTokenRequest(sb, { audience: "https://elsewhere.example/openehr/v1" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe("invalid_target");
  });

  it("requires the audience parameter (invalid_request)", async () => {
    const response = await fetch(sb.tokenEndpoint, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: sb.clientId, client_secret: sb.clientSecret }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; error_description: string };
    expect(body.error).toBe("invalid_request");
    expect(body.error_description).toContain("audience");
  });

  it("issues a JWT that verifies against the JWKS and carries scope, aud and exp", async () => {
    const body = (await (await basicTokenRequest(sb, { scope: "api.write" })).json()) as TokenResponse;
    const jwks = createRemoteJWKSet(new URL(`${sb.authBaseUrl}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(body.access_token, jwks, {
      issuer: sb.authBaseUrl,
      audience: sb.apiBaseUrl,
      typ: "at+jwt",
    });
    expect(protectedHeader.alg).toBe("ES256");
    expect(payload.scope).toBe("api.write");
    expect(payload.client_id).toBe(sb.clientId);
    expect(payload.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it("honours tokenTtlSeconds in expires_in and exp", async () => {
    const body = (await (await basicTokenRequest(sb)).json()) as TokenResponse;
    expect(body.expires_in).toBe(2);
    const { exp, iat } = decodeJwt(body.access_token);
    expect((exp ?? 0) - (iat ?? 0)).toBe(2);
  });

  it("counts POSTs that reach the token endpoint in stats.tokenRequests", async () => {
    const before = sb.stats.tokenRequests;
    await basicTokenRequest(sb);
    await basicTokenRequest(sb, {}, "wrong");
    expect(sb.stats.tokenRequests).toBe(before + 2);
  });
});

describe("clients option", () => {
  it("restricts a client to its scopes and auth method", async () => {
    const sb = await startSandbox({
      clients: [{ clientId: "reader", clientSecret: "s3cret", scopes: ["api.read"], authMethod: "client_secret_post" }],
    });
    try {
      const basic = await basicTokenRequest(sb);
      expect(basic.status).toBe(401);
      expect(((await basic.json()) as { error: string }).error).toBe("invalid_client");
      const defaulted = (await (await postTokenRequest(sb)).json()) as TokenResponse;
      expect(defaulted.scope).toBe("api.read");
      const denied = await postTokenRequest(sb, { scope: "api.write" });
      expect(((await denied.json()) as { error: string }).error).toBe("invalid_scope");
    } finally {
      await sb.close();
    }
  });

  it("accepts client ids and secrets that need form-encoding in the Basic header", async () => {
    const sb = await startSandbox({ clients: [{ clientId: "ci client:1", clientSecret: "p@ss:w%rd+ &=" }] });
    try {
      expect((await basicTokenRequest(sb)).status).toBe(200);
    } finally {
      await sb.close();
    }
  });

  it("refuses ids and secrets outside RFC 6749's printable ASCII before listening", async () => {
    await expect(startSandbox({ clients: [{ clientId: "ci", clientSecret: "geheim-é" }] })).rejects.toMatchObject({
      code: "invalid_option",
      message: expect.stringContaining("clients[0].clientSecret"),
    });
  });
});

describe("close()", () => {
  it("frees the port, also with a keep-alive connection open", async () => {
    const sb = await startSandbox();
    const port = Number(new URL(sb.authBaseUrl).port);
    await basicTokenRequest(sb); // fetch keeps the connection alive
    await sb.close();
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once("error", reject);
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
    });
  });

  it("can be called twice", async () => {
    const sb = await startSandbox();
    await Promise.all([sb.close(), sb.close()]);
  });
});
