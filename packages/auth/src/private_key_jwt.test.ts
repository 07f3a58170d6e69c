import { inspect } from "node:util";
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import { discover } from "@cadasto/discovery";
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { caught, everythingShown } from "../test/helpers.ts";
import { authFetch } from "./auth_fetch.ts";
import { clientCredentials } from "./client_credentials.ts";
import type { ClientCredentialsOptions } from "./client_credentials_options.ts";
import { isAuthOptionsError, isOAuthError } from "./errors.ts";

interface Pair {
  privateKey: CryptoKey;
  pem: string;
  privateJwk: JsonWebKey;
  publicJwk: JsonWebKey & { kid: string; alg: string };
}

async function pair(alg: "RS384" | "ES384", kid: string): Promise<Pair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return {
    privateKey,
    pem: await exportPKCS8(privateKey),
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg } as JsonWebKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg },
  };
}

let sb: Sandbox;
let rs: Pair;
let es: Pair;
let next: Pair;
let stranger: Pair;

beforeAll(async () => {
  [rs, es, next, stranger] = await Promise.all([
    pair("RS384", "rs-1"),
    pair("ES384", "es-1"),
    pair("ES384", "es-2"),
    pair("ES384", "es-1"),
  ]);
  sb = await startSandbox({
    clients: [
      { clientId: "rs-client", jwks: { keys: [rs.publicJwk] } },
      { clientId: "es-client", jwks: { keys: [es.publicJwk, next.publicJwk] } },
      { clientId: "secret-client", clientSecret: "a-secret-client-secret" },
    ],
  });
});
afterAll(() => sb.close());

const keyClient = (extra: Partial<ClientCredentialsOptions>): ClientCredentialsOptions => ({
  tokenEndpoint: sb.tokenEndpoint,
  clientId: "es-client",
  audience: sb.apiBaseUrl,
  ...extra,
});

function keyMaterial(p: Pair): string[] {
  const { d } = p.privateJwk as { d: string };
  return [d, p.pem.split("\n")[1] ?? p.pem];
}

describe("private_key_jwt", () => {
  test("RS384 and ES384 keys get tokens from the sandbox, chosen from discovery, given as PEM, JWK or CryptoKey", async () => {
    const config = await discover(sb.authBaseUrl);
    const forms: ClientCredentialsOptions[] = [
      { ...keyClient({ clientId: "rs-client", privateKey: rs.pem, keyId: "rs-1" }), discovery: config, tokenEndpoint: undefined },
      keyClient({ clientId: "rs-client", privateKey: rs.privateJwk }),
      keyClient({ privateKey: es.pem, keyId: "es-1", algorithm: "ES384" }),
      keyClient({ privateKey: es.privateKey, keyId: "es-1" }),
    ];
    for (const options of forms) {
      const tokens = clientCredentials(options);
      const token = await tokens.getToken();
      expect(token.value.split(".")).toHaveLength(3);
      expect(JSON.stringify(tokens)).toMatch(/"privateKey":"\[redacted\]","authMethod":"private_key_jwt"/);
    }
    const api = authFetch(clientCredentials(keyClient({ privateKey: es.pem, keyId: "es-1" })));
    expect((await api(`${sb.apiBaseUrl}/definition/template/adl1.4`)).status).toBe(200);
  });

  test("a key the server does not know is refused with invalid_client, and no key material shows anywhere", async () => {
    const tokens = clientCredentials(keyClient({ privateKey: stranger.pem, keyId: "es-1" }));
    const error = await caught(tokens.getToken());
    expect(isOAuthError(error)).toBe(true);
    expect(error).toMatchObject({ code: "invalid_client", status: 401 });
    const shown = [everythingShown(error), JSON.stringify(tokens), inspect(tokens, { showHidden: true, depth: 10 })].join("\n");
    for (const secret of keyMaterial(stranger)) expect(shown).not.toContain(secret);
  });

  test("a key provider rotates from the old to the new key of a two-key JWKS; after invalid_client it is read once more", async () => {
    let current: Pair = es;
    let reads = 0;
    const tokens = clientCredentials(
      keyClient({
        privateKey: () => {
          reads++;
          return current.privateJwk;
        },
      }),
    );
    await tokens.getToken();
    current = next;
    tokens.invalidate();
    await tokens.getToken();
    expect(reads).toBe(2);
    // A provider handing out an unregistered key, then the registered one: one refusal, one re-read, a token.
    let step = 0;
    const recovering = clientCredentials(
      keyClient({
        privateKey: () => (step++ === 0 ? { privateKey: stranger.pem, keyId: "es-9" } : { privateKey: next.pem, keyId: "es-2" }),
      }),
    );
    await recovering.getToken();
    expect(step).toBe(2);
    const stuck = clientCredentials(keyClient({ privateKey: () => stranger.privateJwk }));
    expect(await caught(stuck.getToken())).toMatchObject({ code: "invalid_client", reread: { field: "privateKey", changed: false } });
  });

  test("is refused at construction when discovery does not advertise it, or not the key's algorithm", () => {
    const discovery = { token_endpoint: sb.tokenEndpoint, token_endpoint_auth_methods_supported: ["client_secret_basic"] };
    const noMethod = () => clientCredentials({ ...keyClient({ privateKey: es.pem }), tokenEndpoint: undefined, discovery });
    expect(noMethod).toThrow(expect.objectContaining({ code: "unsupported_auth_method", field: "privateKey" }));
    const rsOnly = {
      ...discovery,
      token_endpoint_auth_methods_supported: ["private_key_jwt"],
      token_endpoint_auth_signing_alg_values_supported: ["RS384"],
    };
    const noAlg = () => clientCredentials({ ...keyClient({ privateKey: es.privateJwk }), tokenEndpoint: undefined, discovery: rsOnly });
    expect(noAlg).toThrow(expect.objectContaining({ code: "unsupported_auth_method", field: "algorithm" }));
  });

  test("refuses wrong key options before any request, never echoing the key", () => {
    const cases: [Partial<ClientCredentialsOptions>, string, RegExp][] = [
      [{ privateKey: es.pem, clientSecret: "x" }, "privateKey", /not both/],
      [{ privateKey: es.pem.replace(/PRIVATE KEY/g, "EC PRIVATE KEY") }, "privateKey", /openssl pkcs8 -topk8/],
      [{ privateKey: es.publicJwk }, "privateKey", /public JWK/],
      [{ privateKey: es.pem, authMethod: "client_secret_basic" }, "authMethod", /private_key_jwt/],
      [{ privateKey: es.pem, algorithm: "HS256" as never }, "algorithm", /must be one of/],
      [{ privateKey: es.pem, keyId: " " }, "keyId", /non-empty/],
      [{ authMethod: "private_key_jwt", clientSecret: "x" }, "authMethod", /needs privateKey/],
      [{}, "clientSecret", /or give privateKey/],
    ];
    for (const [extra, field, message] of cases) {
      let error: unknown;
      try {
        clientCredentials(keyClient(extra));
      } catch (caught) {
        error = caught;
      }
      expect(isAuthOptionsError(error), field).toBe(true);
      expect(error).toMatchObject({ field, message: expect.stringMatching(message) });
      for (const secret of keyMaterial(es)) expect(everythingShown(error)).not.toContain(secret);
    }
  });

  test("a key of the wrong type for the algorithm fails the token request with invalid_credential", async () => {
    const before = sb.stats.tokenRequests;
    const error = await caught(clientCredentials(keyClient({ privateKey: rs.pem, algorithm: "ES384" })).getToken());
    expect(error).toMatchObject({ name: "CredentialError", code: "invalid_credential", field: "privateKey" });
    for (const secret of keyMaterial(rs)) expect(everythingShown(error)).not.toContain(secret);
    expect(sb.stats.tokenRequests).toBe(before);
  });

  test("a key provider's unusable value fails that token request with invalid_credential, before any request; the next read is used", async () => {
    const before = sb.stats.tokenRequests;
    const values: unknown[] = [es.publicJwk, { privateKey: es.privateJwk, algorithm: "RS384" }, { privateKey: es.pem, keyId: "es-1" }];
    const tokens = clientCredentials(keyClient({ privateKey: () => values.shift() as JsonWebKey }));
    const first = await caught(tokens.getToken());
    expect(first).toMatchObject({ name: "CredentialError", code: "invalid_credential", field: "privateKey" });
    expect((first as Error).message).toMatch(/public JWK/);
    expect(await caught(tokens.getToken())).toMatchObject({ code: "invalid_credential", message: expect.stringMatching(/alg ES384/) });
    expect(sb.stats.tokenRequests).toBe(before);
    expect((await tokens.getToken()).value.split(".")).toHaveLength(3);
    for (const secret of keyMaterial(es)) expect(everythingShown(first)).not.toContain(secret);
  });

  test("the assertion names the token endpoint as aud, expires within 60 s and has a new jti each time", async () => {
    const assertions: Record<string, unknown>[] = [];
    // Passes every request on to the sandbox; only reads the assertion it carries.
    const spy: typeof fetch = async (input, init) => {
      const body = new URLSearchParams(String(init?.body));
      const payload = body.get("client_assertion")?.split(".")[1] ?? "";
      assertions.push(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
      return fetch(input, init);
    };
    const tokens = clientCredentials(keyClient({ privateKey: es.pem, keyId: "es-1", customFetch: spy }));
    await tokens.getToken();
    tokens.invalidate();
    await tokens.getToken();
    expect(assertions).toHaveLength(2);
    const [a, b] = assertions as [Record<string, number | string>, Record<string, number | string>];
    expect(a).toMatchObject({ aud: sb.tokenEndpoint, iss: "es-client", sub: "es-client" });
    expect(Number(a.exp) - Number(a.iat)).toBeLessThanOrEqual(60);
    expect(a.jti).not.toBe(b.jti);
  });
});
