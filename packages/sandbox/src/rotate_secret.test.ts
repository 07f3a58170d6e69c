import { describe, expect, it } from "vitest";
import { accessToken, basicTokenRequest } from "../test/helpers.ts";
import { startSandbox } from "./start_sandbox.ts";

describe("sandbox.rotateSecret()", () => {
  it("returns a new secret that works at once, while the old one is refused and issued tokens stay valid", async () => {
    const sb = await startSandbox();
    try {
      const old = sb.clientSecret;
      const token = await accessToken(sb);
      const fresh = sb.rotateSecret(sb.clientId);
      expect(fresh).not.toBe(old);
      expect(fresh.length).toBeGreaterThanOrEqual(24);
      expect(sb.clientSecret).toBe(fresh);
      const refused = await basicTokenRequest(sb, {}, old);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: string }).error).toBe("invalid_client");
      expect((await basicTokenRequest(sb, {}, fresh)).status).toBe(200);
      const api = await fetch(`${sb.apiBaseUrl}/definition/template/adl1.4`, { headers: { authorization: `Bearer ${token}` } });
      expect(api.status).toBe(200);
      expect(JSON.stringify(sb)).not.toContain(fresh);
    } finally {
      await sb.close();
    }
  });

  it("refuses an unknown client and a private_key_jwt client, naming it", async () => {
    const sb = await startSandbox({
      clients: [
        { clientId: "a", clientSecret: "a-secret" },
        { clientId: "k", jwks: { kty: "EC", crv: "P-384", x: "x", y: "y", kid: "1" } },
      ],
    });
    try {
      expect(() => sb.rotateSecret("nobody")).toThrow(
        expect.objectContaining({ code: "invalid_option", message: expect.stringContaining('"nobody"') }),
      );
      expect(() => sb.rotateSecret("k")).toThrow(/uses private_key_jwt/);
    } finally {
      await sb.close();
    }
  });
});
