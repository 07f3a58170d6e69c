import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "./start_sandbox.ts";

async function keyPair(alg: "RS384" | "ES384", kid: string) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg } };
}

function assertionRequest(sb: Sandbox, clientId: string, assertion: string): Promise<Response> {
  return fetch(sb.tokenEndpoint, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      audience: sb.apiBaseUrl,
      client_id: clientId,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
    }),
  });
}

function assertion(sb: Sandbox, clientId: string, key: CryptoKey, alg: string, kid: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg, kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(sb.tokenEndpoint)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime("60s")
    .sign(key);
}

describe("private_key_jwt clients", () => {
  let sb: Sandbox;
  let rs: Awaited<ReturnType<typeof keyPair>>;
  let es: Awaited<ReturnType<typeof keyPair>>;
  let next: Awaited<ReturnType<typeof keyPair>>;
  beforeAll(async () => {
    [rs, es, next] = await Promise.all([keyPair("RS384", "rs-1"), keyPair("ES384", "es-1"), keyPair("ES384", "es-2")]);
    sb = await startSandbox({
      clients: [
        { clientId: "rs", jwks: { keys: [rs.publicJwk] } },
        { clientId: "es", jwks: { keys: [es.publicJwk, next.publicJwk] }, scopes: ["api.read"] },
      ],
    });
  });
  afterAll(() => sb.close());

  it("issues tokens for RS384 and ES384 assertions, with the client's scopes", async () => {
    const a = await assertionRequest(sb, "rs", await assertion(sb, "rs", rs.privateKey, "RS384", "rs-1"));
    expect(a.status).toBe(200);
    const b = await assertionRequest(sb, "es", await assertion(sb, "es", es.privateKey, "ES384", "es-1"));
    expect(b.status).toBe(200);
    expect(((await b.json()) as { scope: string }).scope).toBe("api.read");
  });

  it("accepts both keys of a two-key JWKS (a rotation in progress)", async () => {
    const response = await assertionRequest(sb, "es", await assertion(sb, "es", next.privateKey, "ES384", "es-2"));
    expect(response.status).toBe(200);
  });

  it("refuses an assertion signed with a key that is not registered, and a replayed one", async () => {
    const wrong = await assertionRequest(sb, "rs", await assertion(sb, "rs", es.privateKey, "ES384", "rs-1"));
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe("invalid_client");
    const once = await assertion(sb, "rs", rs.privateKey, "RS384", "rs-1");
    expect((await assertionRequest(sb, "rs", once)).status).toBe(200);
    expect((await assertionRequest(sb, "rs", once)).status).toBe(401);
  });

  it("advertises private_key_jwt and the signing algorithms in its SMART configuration", async () => {
    const config = (await (await fetch(`${sb.authBaseUrl}/.well-known/smart-configuration`)).json()) as Record<string, string[]>;
    expect(config.token_endpoint_auth_methods_supported).toContain("private_key_jwt");
    expect(config.token_endpoint_auth_signing_alg_values_supported).toEqual(expect.arrayContaining(["RS384", "ES384"]));
  });

  it("refuses to register a private JWK", async () => {
    const { privateKey } = await generateKeyPair("ES384", { extractable: true });
    const jwk = await exportJWK(privateKey);
    await expect(startSandbox({ clients: [{ clientId: "x", jwks: jwk as never }] })).rejects.toThrow(/private member "d"/);
  });
});
