import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, api, COMPOSITION_FIXTURES, composition, etagUid, type Json } from "../test/clinical.ts";
import { type Sandbox, startSandbox } from "./start_sandbox.ts";

const FLAT = "application/openehr.wt.flat+json";

/** A composition as the sandbox stores it, minus what the server assigns. */
function withoutServerFields(value: Json): Json {
  const copy = structuredClone(value);
  delete copy.uid;
  delete copy.archetype_details.template_id.value;
  return copy;
}

describe("composition API", () => {
  let sb: Sandbox;
  let client: Api;
  let ehrId: string;
  beforeAll(async () => {
    sb = await startSandbox();
    client = await api(sb);
    for (const opt of new Set(COMPOSITION_FIXTURES.map((f) => f.opt))) await client.upload(opt);
    ehrId = await client.ehr();
  });
  afterAll(() => sb.close());

  for (const fixture of COMPOSITION_FIXTURES) {
    it(`commits ${fixture.file} (${fixture.format}) against ${fixture.opt} and reads it back`, async () => {
      const body = await composition(fixture.file);
      const headers: Record<string, string> =
        fixture.format === "flat" ? { "content-type": FLAT, "openehr-template-id": fixture.templateId } : {};
      const created = await client.commit(ehrId, body, headers);
      expect(created.status).toBe(201);
      const uid = etagUid(created);
      expect(uid).toMatch(/^[0-9a-f-]{36}::cadasto-sandbox::1$/);
      expect(created.headers.get("location")).toBe(`${sb.apiBaseUrl}/ehr/${ehrId}/composition/${encodeURIComponent(uid)}`);
      const objectId = uid.split("::")[0] ?? "";
      for (const id of [objectId, uid]) {
        const read = await client.request("GET", `/ehr/${ehrId}/composition/${encodeURIComponent(id)}`);
        expect(read.status).toBe(200);
        expect(read.headers.get("etag")).toBe(`"${uid}"`);
        expect(decodeURIComponent(read.headers.get("openehr-template-id") ?? "")).toMatch(
          new RegExp(`^${fixture.templateId}::[0-9a-f-]{36}$`),
        );
        const stored = await read.json();
        if (fixture.format === "flat") {
          expect(read.headers.get("content-type")).toContain(FLAT);
          expect(stored).toEqual(body);
        } else {
          expect(read.headers.get("content-type")).toContain("application/json");
          expect(stored.uid.value).toBe(uid);
          expect(stored.archetype_details.template_id.value).toMatch(new RegExp(`^${fixture.templateId}::[0-9a-f-]{36}$`));
          expect(withoutServerFields(stored)).toEqual(withoutServerFields(body));
        }
      }
    });
  }

  it("answers Prefer: return=representation with the stored composition and return=identifier with its uid", async () => {
    const body = await composition("minimal_evaluation.json");
    const full = await client.commit(ehrId, body, { prefer: "return=representation" });
    expect(full.status).toBe(201);
    expect(full.headers.get("preference-applied")).toBe("return=representation");
    expect((await full.json()).uid.value).toBe(etagUid(full));
    const id = await client.commit(ehrId, body, { prefer: "return=identifier" });
    expect((await id.json()).uid.value).toBe(etagUid(id));
  });

  it("updates with If-Match: a new version; a stale If-Match is 412 naming the latest; the history lists both", async () => {
    const body = await composition("minimal_evaluation.json");
    const v1 = etagUid(await client.commit(ehrId, body));
    const objectId = v1.split("::")[0];
    const path = `/ehr/${ehrId}/composition/${objectId}`;
    const updated = await client.request("PUT", path, { body, headers: { "if-match": `"${v1}"`, prefer: "return=minimal" } });
    expect(updated.status).toBe(200);
    const v2 = etagUid(updated);
    expect(v2).toBe(`${objectId}::cadasto-sandbox::2`);
    const stale = await client.json("PUT", path, { body, headers: { "if-match": `"${v1}"` } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe(`"${v2}"`);
    expect(stale.body).toMatchObject({ code: "version_conflict", errors: [v2] });
    expect((await client.json("PUT", path, { body })).status).toBe(412);
    const history = await client.json("GET", `/ehr/${ehrId}/versioned_composition/${objectId}/revision_history`);
    expect(history.body.map((item: Json) => item.version_id.value)).toEqual([v1, v2]);
    expect(history.body[1].audits[0].change_type.defining_code.code_string).toBe("251");
    const old = await client.json("GET", `/ehr/${ehrId}/composition/${encodeURIComponent(v1)}`);
    expect(old.body.uid.value).toBe(v1);
  });

  it("lets exactly one of 20 concurrent PUTs with one If-Match win; the others get 412 and no version is lost or doubled", async () => {
    const body = await composition("minimal_evaluation.json");
    const v1 = etagUid(await client.commit(ehrId, body));
    const objectId = v1.split("::")[0];
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        client.request("PUT", `/ehr/${ehrId}/composition/${objectId}`, { body, headers: { "if-match": `"${v1}"` } }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(412)]);
    const history = await client.json("GET", `/ehr/${ehrId}/versioned_composition/${objectId}/revision_history`);
    expect(history.body.map((item: Json) => item.version_id.value)).toEqual([v1, `${objectId}::cadasto-sandbox::2`]);
  });

  it("deletes with the preceding version uid: GET then answers 204, the versions stay in the history", async () => {
    const v1 = etagUid(await client.commit(ehrId, await composition("minimal_evaluation.json")));
    const objectId = v1.split("::")[0];
    const stale = await client.json("DELETE", `/ehr/${ehrId}/composition/${objectId}::cadasto-sandbox::7`);
    expect(stale.status).toBe(412);
    const deleted = await client.request("DELETE", `/ehr/${ehrId}/composition/${encodeURIComponent(v1)}`);
    expect(deleted.status).toBe(204);
    expect(etagUid(deleted)).toBe(`${objectId}::cadasto-sandbox::2`);
    expect((await client.request("GET", `/ehr/${ehrId}/composition/${objectId}`)).status).toBe(204);
    expect((await client.request("GET", `/ehr/${ehrId}/composition/${encodeURIComponent(v1)}`)).status).toBe(200);
    expect((await client.request("DELETE", `/ehr/${ehrId}/composition/${objectId}::cadasto-sandbox::2`)).status).toBe(404);
  });

  it("finds the version at a time, and the versioned composition", async () => {
    const body = await composition("minimal_evaluation.json");
    const v1 = etagUid(await client.commit(ehrId, body));
    const objectId = v1.split("::")[0];
    await new Promise((resolve) => setTimeout(resolve, 5));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await client.request("PUT", `/ehr/${ehrId}/composition/${objectId}`, { body, headers: { "if-match": `"${v1}"` } });
    const at = await client.json(
      "GET",
      `/ehr/${ehrId}/versioned_composition/${objectId}/version?version_at_time=${encodeURIComponent(between)}`,
    );
    expect(at.status).toBe(200);
    expect(at.body).toMatchObject({
      _type: "ORIGINAL_VERSION",
      uid: { value: v1 },
      lifecycle_state: { defining_code: { code_string: "532" } },
    });
    expect(at.body.data.uid.value).toBe(v1);
    const latest = await client.json("GET", `/ehr/${ehrId}/versioned_composition/${objectId}/version`);
    expect(latest.body.preceding_version_uid.value).toBe(v1);
    const before = await client.json("GET", `/ehr/${ehrId}/versioned_composition/${objectId}/version?version_at_time=2000-01-01T00:00:00Z`);
    expect(before.status).toBe(404);
    const versioned = await client.json("GET", `/ehr/${ehrId}/versioned_composition/${objectId}`);
    expect(versioned.body).toMatchObject({ uid: { value: objectId }, owner_id: { value: ehrId } });
  });

  it("keeps the audit details and lifecycle state the client sends", async () => {
    const created = await client.commit(ehrId, await composition("minimal_evaluation.json"), {
      "openehr-audit-details": 'change_type.code_string="249", description.value="first, \\"quoted\\"", committer.name="Dr. Who"',
      "openehr-version": 'lifecycle_state.code_string="553"',
    });
    const objectId = etagUid(created).split("::")[0];
    const version = await client.json("GET", `/ehr/${ehrId}/versioned_composition/${objectId}/version`);
    expect(version.body.commit_audit).toMatchObject({ committer: { name: "Dr. Who" }, description: { value: 'first, "quoted"' } });
    expect(version.body.lifecycle_state.defining_code.code_string).toBe("553");
  });

  it("refuses what it cannot store: 404 unknown EHR or composition, 400 malformed uid or JSON, 415 XML, FLAT without template id", async () => {
    const body = await composition("minimal_evaluation.json");
    expect((await client.commit(crypto.randomUUID(), body)).status).toBe(404);
    expect((await client.request("GET", `/ehr/${ehrId}/composition/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await client.request("GET", `/ehr/${ehrId}/composition/not-a-uid`)).status).toBe(400);
    expect((await client.request("GET", `/ehr/${ehrId}/composition/${crypto.randomUUID()}::other.system::1`)).status).toBe(404);
    expect((await client.commit(ehrId, "{ nope")).status).toBe(400);
    expect((await client.commit(ehrId, "<composition/>", { "content-type": "application/xml" })).status).toBe(415);
    const flat = await client.json("POST", `/ehr/${ehrId}/composition`, {
      body: await composition("ips_flat.json"),
      headers: { "content-type": FLAT },
    });
    expect(flat.status).toBe(400);
    expect(flat.body.message).toContain("openehr-template-id");
  });

  it("answers 406 when asked for another format than the stored one (no conversion)", async () => {
    const uid = etagUid(await client.commit(ehrId, await composition("minimal_evaluation.json")));
    const response = await client.json("GET", `/ehr/${ehrId}/composition/${encodeURIComponent(uid)}`, { headers: { accept: FLAT } });
    expect(response.status).toBe(406);
    expect(response.body.message).toContain("application/json");
  });
});
