import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { isSandboxError } from "./errors.ts";
import { startSandbox } from "./start_sandbox.ts";

describe("startSandbox()", () => {
  it("listens on 127.0.0.1 on a free port by default", async () => {
    const sb = await startSandbox();
    try {
      expect(sb.authBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sb.apiBaseUrl).toBe(`${sb.authBaseUrl}/openehr/v1`);
      expect(sb.tokenEndpoint).toBe(`${sb.authBaseUrl}/token`);
      expect(sb.clientId).not.toBe("");
      expect(sb.clientSecret.length).toBeGreaterThanOrEqual(24);
    } finally {
      await sb.close();
    }
  });

  it("refuses a non-loopback host unless allowNonLoopback is set", async () => {
    const error = await startSandbox({ host: "0.0.0.0" }).catch((e: unknown) => e);
    expect(isSandboxError(error)).toBe(true);
    expect(error).toMatchObject({ code: "invalid_option", message: expect.stringContaining("allowNonLoopback") });
  });

  it("refuses a bad port and a bad token lifetime, naming the option", async () => {
    await expect(startSandbox({ port: 70000 })).rejects.toThrow(/port/);
    await expect(startSandbox({ tokenTtlSeconds: 0 })).rejects.toThrow(/tokenTtlSeconds/);
  });

  it("refuses duplicate client ids and unknown client scopes, naming the client", async () => {
    const twice = [
      { clientId: "a", clientSecret: "x" },
      { clientId: "a", clientSecret: "y" },
    ];
    await expect(startSandbox({ clients: twice })).rejects.toThrow(/clients\[1\]\.clientId "a" is given twice/);
    await expect(startSandbox({ clients: [{ clientId: "a", clientSecret: "x", scopes: ["admin"] }] })).rejects.toThrow(
      /clients\[0\]\.scopes: unknown scope "admin"/,
    );
    await expect(startSandbox({ clients: [] })).rejects.toMatchObject({ code: "invalid_option" });
  });

  it("refuses an unknown option such as a misspelt tokenTtlSeconds", async () => {
    const options = { tokenTTL: 5 } as unknown as Parameters<typeof startSandbox>[0];
    await expect(startSandbox(options)).rejects.toThrow(/unknown option "tokenTTL"/);
  });

  it("reports a taken port as listen_failed", async () => {
    const sb = await startSandbox();
    try {
      const error = await startSandbox({ port: Number(new URL(sb.authBaseUrl).port) }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "listen_failed" });
    } finally {
      await sb.close();
    }
  });

  it("keeps the client secret out of JSON.stringify and util.inspect", async () => {
    const sb = await startSandbox();
    try {
      expect(sb.clientSecret).not.toBe("");
      expect(JSON.stringify(sb)).not.toContain(sb.clientSecret);
      expect(inspect(sb, { depth: 5 })).not.toContain(sb.clientSecret);
      expect(JSON.stringify(sb)).toContain(sb.clientId);
    } finally {
      await sb.close();
    }
  });
});
