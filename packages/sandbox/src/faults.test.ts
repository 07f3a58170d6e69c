import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { accessToken, basicTokenRequest } from "../test/helpers.ts";
import { type Sandbox, startSandbox } from "./start_sandbox.ts";

describe("sandbox.faults", () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterEach(() => sb.faults.reset());
  afterAll(() => sb.close());

  it("failTokenRequests answers the next N token requests with the status and an RFC 6749 body", async () => {
    sb.faults.failTokenRequests(2, 503, { headers: { "retry-after": "1" } });
    for (let i = 0; i < 2; i++) {
      const response = await basicTokenRequest(sb);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("1");
      expect(((await response.json()) as { error: string }).error).toBe("temporarily_unavailable");
    }
    expect((await basicTokenRequest(sb)).status).toBe(200);
  });

  it("failTokenRequests sends a custom body as given", async () => {
    sb.faults.failTokenRequests(1, 502, { body: "<html>bad gateway</html>", headers: { "content-type": "text/html" } });
    const response = await basicTokenRequest(sb);
    expect(response.status).toBe(502);
    expect(await response.text()).toBe("<html>bad gateway</html>");
  });

  it("resetTokenConnections drops the socket of the next N token requests", async () => {
    sb.faults.resetTokenConnections(1);
    await expect(basicTokenRequest(sb)).rejects.toThrow(TypeError);
    expect((await basicTokenRequest(sb)).status).toBe(200);
  });

  it("delayTokenRequests holds token answers until reset()", async () => {
    sb.faults.delayTokenRequests(5_000);
    const slow = fetch(sb.tokenEndpoint, { method: "POST", signal: AbortSignal.timeout(200) });
    await expect(slow).rejects.toMatchObject({ name: "TimeoutError" });
    sb.faults.reset();
    expect((await basicTokenRequest(sb)).status).toBe(200);
  });

  it("delayApi holds API answers until reset()", async () => {
    const token = await accessToken(sb);
    const url = `${sb.apiBaseUrl}/definition/template/adl1.4`;
    sb.faults.delayApi(5_000);
    const slow = fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(200) });
    await expect(slow).rejects.toMatchObject({ name: "TimeoutError" });
    sb.faults.reset();
    expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it("reset() clears pending failures and resets", async () => {
    sb.faults.failTokenRequests(3, 500);
    sb.faults.resetTokenConnections(3);
    sb.faults.reset();
    expect((await basicTokenRequest(sb)).status).toBe(200);
  });

  it("counts faulted token requests in stats.tokenRequests", async () => {
    const before = sb.stats.tokenRequests;
    sb.faults.failTokenRequests(1, 500);
    await basicTokenRequest(sb);
    expect(sb.stats.tokenRequests).toBe(before + 1);
  });

  it("refuses a negative count or a status outside 100-599", () => {
    expect(() => sb.faults.failTokenRequests(-1, 500)).toThrow(RangeError);
    expect(() => sb.faults.failTokenRequests(1, 42)).toThrow(/status/);
    expect(() => sb.faults.delayApi(Number.NaN)).toThrow(RangeError);
  });
});
