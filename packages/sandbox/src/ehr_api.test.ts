import { describe, expect, it } from "vitest";
import { api, sandboxWithApi } from "../test/clinical.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function status(id: string, namespace: string): Record<string, unknown> {
  return {
    _type: "EHR_STATUS",
    archetype_node_id: "openEHR-EHR-EHR_STATUS.generic.v1",
    name: { value: "EHR Status" },
    subject: { external_ref: { id: { _type: "GENERIC_ID", value: id, scheme: "id_scheme" }, namespace, type: "PERSON" } },
    is_queryable: true,
    is_modifiable: true,
  };
}

describe("EHR API", () => {
  const ctx = sandboxWithApi();

  it("POST /ehr without a body creates an EHR: 201, Location, ETag, and the EHR with Prefer: return=representation", async () => {
    const response = await ctx.client.json("POST", "/ehr", { headers: { prefer: "return=representation" } });
    expect(response.status).toBe(201);
    const ehrId = response.body.ehr_id.value;
    expect(ehrId).toMatch(UUID);
    expect(response.headers.get("location")).toBe(`${ctx.sb.apiBaseUrl}/ehr/${ehrId}`);
    expect(response.headers.get("etag")).toBe(`"${ehrId}"`);
    expect(Number.isNaN(Date.parse(response.headers.get("last-modified") ?? ""))).toBe(false);
    expect(response.body.ehr_status.id.value).toMatch(/^[0-9a-f-]{36}::cadasto-sandbox::1$/);
    const read = await ctx.client.json("GET", `/ehr/${ehrId}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(response.body);
  });

  it("answers Prefer: return=minimal with an empty body", async () => {
    const response = await ctx.client.request("POST", "/ehr", { headers: { prefer: "return=minimal" } });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe("");
    expect(response.headers.get("location")).toMatch(/\/ehr\/[0-9a-f-]{36}$/);
  });

  it("creates an EHR for a subject, finds it by subject, and refuses a second one with 409", async () => {
    const subject = `patient-${crypto.randomUUID()}`;
    const ehrId = await ctx.client.ehr(status(subject, "example.hospital"));
    const found = await ctx.client.json("GET", `/ehr?subject_id=${subject}&subject_namespace=example.hospital`);
    expect(found.status).toBe(200);
    expect(found.body.ehr_id.value).toBe(ehrId);
    const again = await ctx.client.json("POST", "/ehr", { body: status(subject, "example.hospital") });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(subject);
    const none = await ctx.client.json("GET", "/ehr?subject_id=nobody&subject_namespace=example.hospital");
    expect(none.status).toBe(404);
  });

  it("PUT /ehr/{ehr_id} creates an EHR with the client's id; a second PUT is 409", async () => {
    const ehrId = crypto.randomUUID();
    const created = await ctx.client.request("PUT", `/ehr/${ehrId}`, { headers: { prefer: "return=minimal" } });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`${ctx.sb.apiBaseUrl}/ehr/${ehrId}`);
    expect((await ctx.client.json("GET", `/ehr/${ehrId}`)).body.ehr_id.value).toBe(ehrId);
    expect((await ctx.client.request("PUT", `/ehr/${ehrId}`)).status).toBe(409);
  });

  it("answers 404 for an unknown EHR and 400 for a malformed id, with an openEHR error body", async () => {
    const unknown = await ctx.client.json("GET", `/ehr/${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: "not_found", errors: [] });
    const malformed = await ctx.client.json("GET", "/ehr/not-a-uuid");
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain("not-a-uuid");
  });

  it("versions EHR_STATUS: PUT needs the latest uid in If-Match (else 412 naming it), and the old version stays readable", async () => {
    const ehrId = await ctx.client.ehr();
    const first = await ctx.client.json("GET", `/ehr/${ehrId}/ehr_status`);
    expect(first.status).toBe(200);
    const uid1 = first.body.uid.value;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(first.headers.get("etag")).toBe(`"${uid1}"`);
    const subject = `s-${crypto.randomUUID()}`;
    const updated = await ctx.client.json("PUT", `/ehr/${ehrId}/ehr_status`, {
      body: status(subject, "ns"),
      headers: { "if-match": `"${uid1}"`, prefer: "return=representation" },
    });
    expect(updated.status).toBe(200);
    const uid2 = updated.body.uid.value;
    expect(uid2).toBe(uid1.replace(/::1$/, "::2"));
    expect(updated.headers.get("etag")).toBe(`"${uid2}"`);
    const stale = await ctx.client.json("PUT", `/ehr/${ehrId}/ehr_status`, {
      body: status(subject, "ns"),
      headers: { "if-match": `"${uid1}"` },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe(`"${uid2}"`);
    expect(stale.body.message).toContain(uid2);
    const missing = await ctx.client.json("PUT", `/ehr/${ehrId}/ehr_status`, { body: status(subject, "ns") });
    expect(missing.status).toBe(412);
    expect((await ctx.client.json("GET", `/ehr?subject_id=${subject}&subject_namespace=ns`)).body.ehr_id.value).toBe(ehrId);
    const old = await ctx.client.json("GET", `/ehr/${ehrId}/ehr_status/${encodeURIComponent(uid1)}`);
    expect(old.body.uid.value).toBe(uid1);
    const before = await ctx.client.json("GET", `/ehr/${ehrId}/ehr_status?version_at_time=${encodeURIComponent(between)}`);
    expect(before.body.uid.value).toBe(uid1);
  });

  it("needs api.write to create and api.read to read, and a token at all", async () => {
    const reader = await api(ctx.sb, "api.read");
    const refused = await reader.json("POST", "/ehr");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("www-authenticate")).toContain("insufficient_scope");
    const ehrId = await ctx.client.ehr();
    expect((await reader.json("GET", `/ehr/${ehrId}`)).status).toBe(200);
    const anonymous = await fetch(`${ctx.sb.apiBaseUrl}/ehr/${ehrId}`);
    expect(anonymous.status).toBe(401);
    const writer = await api(ctx.sb, "api.write");
    expect((await writer.json("GET", `/ehr/${ehrId}`)).status).toBe(403);
  });

  it("answers 405 with Allow for a method an endpoint does not take", async () => {
    const response = await ctx.client.json("DELETE", "/ehr");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST, GET");
  });
});
