import { describe, expect, it } from "vitest";
import { composition, etagUid, sandboxWithApi } from "../test/clinical.ts";

describe("fault hooks and counters on the clinical endpoints", () => {
  const ctx = sandboxWithApi();

  it("failApiRequests answers the next requests with 503, Retry-After and an openEHR error body, then recovers", async () => {
    ctx.sb.faults.failApiRequests(2, 503, { headers: { "retry-after": "1" } });
    for (let i = 0; i < 2; i++) {
      const failed = await ctx.client.json("POST", "/ehr");
      expect(failed.status).toBe(503);
      expect(failed.headers.get("retry-after")).toBe("1");
      expect(failed.body).toMatchObject({ code: "temporarily_unavailable", errors: [] });
    }
    expect((await ctx.client.json("POST", "/ehr")).status).toBe(201);
  });

  it("delayApi holds clinical requests until reset", async () => {
    ctx.sb.faults.delayApi(60_000);
    let answered = false;
    const pending = ctx.client.request("POST", "/query/aql", { body: { q: "SELECT e/ehr_id/value FROM EHR e" } }).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    ctx.sb.faults.reset();
    expect((await pending).status).toBe(200);
  });

  it("counts requests per endpoint, by the spec's path template", async () => {
    await ctx.client.upload("minimal_evaluation.en.v1.opt");
    const ehrId = await ctx.client.ehr();
    const before = ctx.sb.stats.requests;
    const uid = etagUid(await ctx.client.commit(ehrId, await composition("minimal_evaluation.json")));
    await ctx.client.request("GET", `/ehr/${ehrId}/composition/${encodeURIComponent(uid)}`);
    await ctx.client.request("GET", `/ehr/${ehrId}/composition/${encodeURIComponent(uid)}`);
    await ctx.client.request("GET", "/nothing/here");
    const after = ctx.sb.stats.requests;
    const delta = (key: string) => (after[key] ?? 0) - (before[key] ?? 0);
    expect(delta("POST /ehr/{ehr_id}/composition")).toBe(1);
    expect(delta("GET /ehr/{ehr_id}/composition/{uid_based_id}")).toBe(2);
    expect(delta("other")).toBe(1);
    expect(delta("POST /ehr")).toBe(0);
    expect(after["POST /definition/template/adl1.4"]).toBe(1);
  });
});
