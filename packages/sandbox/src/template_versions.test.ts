import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, api, composition, etagUid } from "../test/clinical.ts";
import { type Sandbox, startSandbox } from "./start_sandbox.ts";

describe("compositions pinned to template versions", () => {
  let sb: Sandbox;
  let client: Api;
  let ehrId: string;
  beforeAll(async () => {
    sb = await startSandbox();
    client = await api(sb);
    ehrId = await client.ehr();
  });
  afterAll(() => sb.close());

  async function templateOf(uid: string): Promise<string> {
    const read = await client.json("GET", `/ehr/${ehrId}/composition/${encodeURIComponent(uid)}`);
    return read.body.archetype_details.template_id.value;
  }

  it("records the latest version for a plain id and the named one for {template_id}::{uid}, before and after a second upload", async () => {
    const first = await client.upload("minimal_evaluation.en.v1.opt");
    const body = await composition("minimal_evaluation.json");
    const plain = etagUid(await client.commit(ehrId, body));
    body.archetype_details.template_id.value = first;
    const pinnedFirst = etagUid(await client.commit(ehrId, body));
    expect(await templateOf(plain)).toBe(first);
    expect(await templateOf(pinnedFirst)).toBe(first);

    const second = await client.upload("minimal_evaluation.en.v1.opt");
    expect(second).not.toBe(first);
    body.archetype_details.template_id.value = "minimal_evaluation.en.v1";
    const plainAfter = etagUid(await client.commit(ehrId, body));
    body.archetype_details.template_id.value = first;
    const pinnedAfter = etagUid(await client.commit(ehrId, body));
    expect(await templateOf(plainAfter)).toBe(second);
    expect(await templateOf(pinnedAfter)).toBe(first);
    // Older commits still show the version they were committed against.
    expect(await templateOf(plain)).toBe(first);

    const versions = await client.json("POST", "/query/aql", {
      body: {
        q: "SELECT c/uid/value AS uid, c/archetype_details/template_id/value AS template FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = $ehr ORDER BY uid",
        query_parameters: { ehr: ehrId },
      },
    });
    const expected = [
      [plain, first],
      [pinnedFirst, first],
      [plainAfter, second],
      [pinnedAfter, first],
    ].sort((a, b) => ((a[0] ?? "") < (b[0] ?? "") ? -1 : 1));
    expect(versions.body.rows).toEqual(expected);
  });

  it("takes the template id from openehr-template-id for FLAT, pinned or not", async () => {
    const version = await client.upload("International_Patient_Summary.opt");
    const flat = await composition("ips_flat.json");
    const headers = { "content-type": "application/openehr.wt.flat+json", "openehr-template-id": version };
    const uid = etagUid(await client.commit(ehrId, flat, headers));
    const read = await client.request("GET", `/ehr/${ehrId}/composition/${encodeURIComponent(uid)}`);
    expect(decodeURIComponent(read.headers.get("openehr-template-id") ?? "")).toBe(version);
  });

  it("answers 422 naming an unknown template or template version", async () => {
    await client.upload("minimal_evaluation.en.v1.opt");
    const body = await composition("minimal_evaluation.json");
    for (const id of ["no.such.template", `minimal_evaluation.en.v1::${crypto.randomUUID()}`]) {
      body.archetype_details.template_id.value = id;
      const response = await client.json("POST", `/ehr/${ehrId}/composition`, { body });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: "unknown_template", errors: [id] });
      expect(response.body.message).toContain(id);
    }
  });

  it("answers 422 when the root archetype_node_id is not the template version's root archetype", async () => {
    await client.upload("minimal_evaluation.en.v1.opt");
    const body = await composition("minimal_evaluation.json");
    body.archetype_node_id = "openEHR-EHR-COMPOSITION.encounter.v1";
    const response = await client.json("POST", `/ehr/${ehrId}/composition`, { body });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe("archetype_mismatch");
    expect(response.body.message).toContain("openEHR-EHR-COMPOSITION.minimal.v1");
  });
});
