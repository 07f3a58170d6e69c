import { generateKeyPairSync } from "node:crypto";
import { describe, expect, test } from "vitest";
import { parseCredentialsRequest, toClientMetadata } from "./mod.ts";
import { browserApp, machineToMachine } from "../test/requests.ts";

const metadataOf = (input: unknown) => toClientMetadata(parseCredentialsRequest(input).request);

describe("toClientMetadata()", () => {
  test("describes a machine-to-machine client with RFC 7591 names", () => {
    expect(metadataOf(machineToMachine)).toEqual({
      client_name: "Acme Lab Sync",
      redirect_uris: [],
      grant_types: ["client_credentials"],
      response_types: [],
      token_endpoint_auth_method: "client_secret_basic",
      scope: "api.read api.write",
      contacts: ["jane.doe@acme.example"],
    });
  });

  test("describes a browser app as a public client using the authorization code", () => {
    expect(metadataOf(browserApp)).toEqual({
      client_name: "Acme Template Browser",
      redirect_uris: ["https://templates.acme.example/auth/callback", "http://127.0.0.1:5173/auth/callback"],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      scope: "api.read",
      contacts: ["ravi.kumar@acme.example"],
    });
  });

  test("a native app with only loopback redirect URIs is a public client", () => {
    const native = { ...browserApp, allowedOrigins: [], redirectUris: ["http://127.0.0.1:8765/cb", "http://[::1]:8765/cb"] };
    expect(metadataOf(native).token_endpoint_auth_method).toBe("none");
  });

  test("a server-side web app (https redirect, no origins) keeps a secret", () => {
    const server = { ...browserApp, allowedOrigins: [], redirectUris: ["https://portal.acme.example/cb"] };
    expect(metadataOf(server).token_endpoint_auth_method).toBe("client_secret_basic");
  });
});

describe("toClientMetadata() with jwks (private_key_jwt)", () => {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-384" });
  const publicJwk = { ...publicKey.export({ format: "jwk" }), kid: "lab-sync-1", alg: "ES384", use: "sig" };
  const request = () => parseCredentialsRequest(machineToMachine).request;

  test("attaches a JWKS (or one JWK) and switches the method to private_key_jwt", () => {
    for (const jwks of [{ keys: [publicJwk] }, publicJwk]) {
      const metadata = toClientMetadata(request(), { jwks });
      expect(metadata).toMatchObject({ token_endpoint_auth_method: "private_key_jwt", jwks: { keys: [publicJwk] } });
    }
  });

  test("refuses a private key, a key without kid, a non-key and a public client, naming each key", () => {
    const privateJwk = { ...privateKey.export({ format: "jwk" }), kid: "k" };
    const issuesOf = (jwks: unknown, input: unknown = machineToMachine) => {
      try {
        toClientMetadata(parseCredentialsRequest(input).request, { jwks });
      } catch (error) {
        expect(String(error)).not.toContain(String(privateJwk.d));
        return (error as { issues: { dotPath: string; code: string }[] }).issues.map((issue) => `${issue.dotPath} ${issue.code}`);
      }
      throw new Error("expected a CredentialsRequestError");
    };
    expect(issuesOf({ keys: [publicJwk, privateJwk] })).toEqual(["jwks.keys.1 private_key_in_jwks"]);
    expect(
      issuesOf({
        keys: [
          { ...publicJwk, kid: undefined },
          { kty: "oct", k: "x" },
        ],
      }),
    ).toEqual(["jwks.keys.0 missing_kid", "jwks.keys.1 invalid_jwks"]);
    expect(issuesOf({ keys: [] })).toEqual(["jwks.keys invalid_jwks"]);
    expect(issuesOf({ keys: [publicJwk] }, browserApp)).toEqual(["jwks jwks_for_public_client"]);
  });
});
