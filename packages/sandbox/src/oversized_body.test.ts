// A 413 must leave the connection usable: plain fetch keeps connections alive and sends the
// next request on the same socket, which failed with ECONNRESET when the sandbox answered
// before it had read the oversized body.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessToken } from "../test/helpers.ts";
import { type Sandbox, startSandbox } from "./start_sandbox.ts";

describe("an oversized request body", () => {
  let sb: Sandbox;
  let token: string;
  let templates: string;
  beforeAll(async () => {
    sb = await startSandbox();
    token = await accessToken(sb);
    templates = `${sb.apiBaseUrl}/definition/template/adl1.4`;
  });
  afterAll(() => sb.close());

  it("gets a 413 upload after upload, and the request after each on the same kept-alive connection succeeds", async () => {
    const oversized = new Uint8Array(17 * 1024 * 1024).fill(0x20);
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const refused = await fetch(templates, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/xml" },
        body: oversized,
      });
      expect(refused.status).toBe(413);
      expect(((await refused.json()) as { message: string }).message).toContain("larger than");
      const next = await fetch(templates, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
      expect(next.status).toBe(200);
      await next.arrayBuffer();
    }
  }, 120_000);

  it("gets a 413 from the clinical API (POST /ehr) for a JSON body over 16 MiB, and the request after each on the same connection succeeds", async () => {
    const oversized = `{"padding":"${"x".repeat(17 * 1024 * 1024)}"}`;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const refused = await fetch(`${sb.apiBaseUrl}/ehr`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: oversized,
      });
      expect(refused.status).toBe(413);
      expect(await refused.text()).toContain("larger than 16 MiB");
      const next = await fetch(templates, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
      expect(next.status).toBe(200);
      await next.arrayBuffer();
    }
  }, 120_000);

  it("gets a 413 from the token endpoint for a body over its limit, and the next token request succeeds", async () => {
    const oversized = `grant_type=client_credentials&padding=${"x".repeat(200 * 1024)}`;
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const refused = await fetch(sb.tokenEndpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: oversized,
      });
      expect(refused.status).toBe(413);
      await refused.arrayBuffer();
      expect(await accessToken(sb)).toMatch(/\./);
    }
  }, 120_000);
});
