import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discoverEndpoints } from "@cadasto/discovery";
import { startSandbox } from "@cadasto/sandbox";
import { exportPKCS8, exportJWK, generateKeyPair } from "jose";
import { describe, expect, test } from "vitest";
import { caught, everythingShown } from "../../test/helpers.ts";
import { clientCredentials } from "../client_credentials.ts";
import { cadastoFromEnv } from "./cadasto_from_env.ts";

describe("@cadasto/auth/node cadastoFromEnv()", () => {
  test("reads CADASTO_CLIENT_SECRET_FILE on each token request: a secret re-mounted after a rotation works without a restart", async () => {
    const sb = await startSandbox();
    const dir = await mkdtemp(join(tmpdir(), "cadasto-env-"));
    try {
      const file = join(dir, "secret");
      await writeFile(file, `${sb.clientSecret}\n`);
      const env = cadastoFromEnv({ CADASTO_AUTH_URL: sb.authBaseUrl, CADASTO_CLIENT_ID: sb.clientId, CADASTO_CLIENT_SECRET_FILE: file });
      const { configuration, apiBaseUrl } = await discoverEndpoints(env.endpoints);
      const tokens = clientCredentials({ discovery: configuration, audience: apiBaseUrl, ...env.credentials });
      await tokens.getToken();
      const fresh = sb.rotateSecret(sb.clientId);
      await writeFile(file, fresh);
      tokens.invalidate();
      await tokens.getToken();
      expect(sb.stats.tokenRequests).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await sb.close();
    }
  });

  test("reads a PKCS#8 key file for private_key_jwt, and a missing file fails the request with provider_failed", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES384", { extractable: true });
    const sb = await startSandbox({ clients: [{ clientId: "k", jwks: { ...(await exportJWK(publicKey)), kid: "k-1" } }] });
    const dir = await mkdtemp(join(tmpdir(), "cadasto-env-"));
    try {
      const pem = await exportPKCS8(privateKey);
      const file = join(dir, "key.pem");
      await writeFile(file, pem);
      const vars = { CADASTO_AUTH_URL: sb.authBaseUrl, CADASTO_CLIENT_ID: "k", CADASTO_PRIVATE_KEY_FILE: file, CADASTO_KEY_ID: "k-1" };
      const env = cadastoFromEnv(vars);
      await clientCredentials({ tokenEndpoint: sb.tokenEndpoint, audience: sb.apiBaseUrl, ...env.credentials }).getToken();
      const missing = cadastoFromEnv({ ...vars, CADASTO_PRIVATE_KEY_FILE: join(dir, "absent.pem") });
      const error = await caught(
        clientCredentials({ tokenEndpoint: sb.tokenEndpoint, audience: sb.apiBaseUrl, ...missing.credentials }).getToken(),
      );
      expect(error).toMatchObject({ name: "CredentialError", code: "provider_failed", field: "privateKey", cause: { code: "ENOENT" } });
      expect(everythingShown(error)).not.toContain(pem.split("\n")[1]);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await sb.close();
    }
  });

  test("returns undefined with optional when nothing is set, and names problems like the main entry", () => {
    expect(cadastoFromEnv({ HOME: "/root" }, { optional: true })).toBeUndefined();
    expect(() => cadastoFromEnv({ CADASTO_TENANT: "acme" })).toThrow(
      expect.objectContaining({
        code: "invalid_env",
        problems: [
          expect.objectContaining({ variable: "CADASTO_CLIENT_ID" }),
          expect.objectContaining({ variable: "CADASTO_CLIENT_SECRET" }),
        ],
      }),
    );
  });
});
