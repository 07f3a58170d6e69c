import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startSandbox } from "@cadasto/sandbox";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clientCredentials } from "../client_credentials.ts";
import { generateSigningKey } from "../generate_signing_key.ts";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../../dist/node/keygen.js", import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cadasto-keygen-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("generateSigningKey()", () => {
  test("makes RS384 and ES384 key pairs whose public JWKS the sandbox accepts, the PEM hidden from JSON", async () => {
    for (const algorithm of ["RS384", "ES384"] as const) {
      const key = await generateSigningKey({ algorithm });
      expect(key.publicJwk).toMatchObject({ kid: key.keyId, alg: algorithm, use: "sig" });
      expect(Object.keys(key.publicJwk)).not.toContain("d");
      expect(key.privateKey.extractable).toBe(false);
      expect(JSON.stringify(key)).not.toContain(key.privateKeyPem.split("\n")[1]);
      const sb = await startSandbox({ clients: [{ clientId: "gen", jwks: key.jwks as never }] });
      try {
        for (const privateKey of [key.privateKey, key.privateKeyPem]) {
          const tokens = clientCredentials({
            tokenEndpoint: sb.tokenEndpoint,
            clientId: "gen",
            privateKey,
            keyId: key.keyId,
            audience: sb.apiBaseUrl,
          });
          expect((await tokens.getToken()).value).toMatch(/^eyJ/);
        }
        // The default kid is the thumbprint, which a PEM without keyId also gets.
        const tokens = clientCredentials({
          tokenEndpoint: sb.tokenEndpoint,
          clientId: "gen",
          privateKey: key.privateKeyPem,
          audience: sb.apiBaseUrl,
        });
        expect((await tokens.getToken()).value).toMatch(/^eyJ/);
      } finally {
        await sb.close();
      }
    }
  });
});

describe("cadasto-keygen", () => {
  test("writes the private key (mode 0600) and prints the public JWKS; refuses to overwrite", async () => {
    const out = join(dir, "key.pem");
    const { stdout, stderr } = await run(process.execPath, [bin, "--out", out, "--algorithm", "RS384", "--key-id", "svc-1"]);
    const jwks = JSON.parse(stdout) as { keys: Record<string, string>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", kid: "svc-1", alg: "RS384", use: "sig" });
    expect(jwks.keys[0]).not.toHaveProperty("d");
    expect(stderr).toContain("key id svc-1");
    const pem = await readFile(out, "utf8");
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(stdout).not.toContain(pem.split("\n")[1]);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    await writeFile(join(dir, "keep.pem"), "mine");
    const again = await run(process.execPath, [bin, "--out", join(dir, "keep.pem")]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining("exists already") });
    expect(await readFile(join(dir, "keep.pem"), "utf8")).toBe("mine");
  });

  test("refuses a missing --out and an unknown algorithm with exit code 2", async () => {
    for (const args of [[], ["--out", join(dir, "x.pem"), "--algorithm", "HS256"]]) {
      const error = await run(process.execPath, [bin, ...args]).catch((caught: { code: number; stderr: string }) => caught);
      expect(error).toMatchObject({ code: 2, stderr: expect.stringMatching(/^cadasto-keygen: /) });
    }
  });
});
