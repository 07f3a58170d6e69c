import { createHash, randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "./start_sandbox.ts";

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;

async function proof(keys: Keys, htm: string, htu: string, extra: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ htm, htu, jti: randomUUID(), ...extra })
    .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: await exportJWK(keys.publicKey) })
    .setIssuedAt()
    .sign(keys.privateKey);
}

describe("DPoP (RFC 9449)", () => {
  let sb: Sandbox;
  let keys: Keys;
  let token: string;
  let list: string;
  beforeAll(async () => {
    sb = await startSandbox();
    keys = await generateKeyPair("ES256");
    list = `${sb.apiBaseUrl}/definition/template/adl1.4`;
    const response = await fetch(sb.tokenEndpoint, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${sb.clientId}:${sb.clientSecret}`).toString("base64")}`,
        dpop: await proof(keys, "POST", sb.tokenEndpoint),
      },
      body: new URLSearchParams({ grant_type: "client_credentials", audience: sb.apiBaseUrl }),
    });
    const body = (await response.json()) as { token_type: string; access_token: string };
    expect(response.status).toBe(200);
    expect(body.token_type).toBe("DPoP");
    token = body.access_token;
  });
  afterAll(() => sb.close());

  const ath = (value: string) => createHash("sha256").update(value).digest("base64url");
  const call = async (init: { scheme?: string; dpop?: string; url?: string }) =>
    fetch(init.url ?? list, { headers: { authorization: `${init.scheme ?? "DPoP"} ${token}`, ...(init.dpop ? { dpop: init.dpop } : {}) } });

  it("advertises its proof algorithms and binds a token when the client sends a proof", async () => {
    const config = (await (await fetch(`${sb.authBaseUrl}/.well-known/smart-configuration`)).json()) as Record<string, string[]>;
    expect(config.dpop_signing_alg_values_supported).toContain("ES256");
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { cnf?: { jkt?: string } };
    expect(claims.cnf?.jkt).toMatch(/^[\w-]{43}$/);
  });

  it("accepts the bound token with a fresh proof for the request, on the templates API", async () => {
    const response = await call({ dpop: await proof(keys, "GET", list, { ath: ath(token) }) });
    expect(response.status).toBe(200);
  });

  it("refuses the bound token as Bearer, without a proof, with a replayed proof, another key, URL or token", async () => {
    const other = await generateKeyPair("ES256");
    const good = await proof(keys, "GET", list, { ath: ath(token) });
    expect((await call({ dpop: good })).status).toBe(200);
    const cases: [Parameters<typeof call>[0], RegExp][] = [
      [{ scheme: "Bearer", dpop: await proof(keys, "GET", list, { ath: ath(token) }) }, /send it as Authorization: DPoP/],
      [{}, /needs a DPoP proof/],
      [{ dpop: good }, /jti was used before/],
      [{ dpop: await proof(other, "GET", list, { ath: ath(token) }) }, /another key/],
      [{ dpop: await proof(keys, "GET", `${sb.apiBaseUrl}/ehr`, { ath: ath(token) }) }, /htu/],
      [{ dpop: await proof(keys, "POST", list, { ath: ath(token) }) }, /htm/],
      [{ dpop: await proof(keys, "GET", list, { ath: ath("another token") }) }, /ath/],
    ];
    for (const [init, reason] of cases) {
      const response = await call(init);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^DPoP realm="cadasto-sandbox"/);
      expect(((await response.json()) as { message: string }).message).toMatch(reason);
    }
  });
});
