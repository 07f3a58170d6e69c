import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, api, composition, type Json } from "../test/clinical.ts";
import { type Sandbox, startSandbox } from "./start_sandbox.ts";

function version(data: Json, change = "249", preceding?: string): Json {
  return {
    _type: "ORIGINAL_VERSION",
    ...(preceding === undefined ? {} : { preceding_version_uid: { value: preceding } }),
    commit_audit: {
      change_type: { value: "x", defining_code: { terminology_id: { value: "openehr" }, code_string: change } },
      committer: { name: "Nurse Ratched" },
    },
    lifecycle_state: { value: "complete", defining_code: { terminology_id: { value: "openehr" }, code_string: "532" } },
    data,
  };
}

describe("contributions", () => {
  let sb: Sandbox;
  let client: Api;
  let ehrId: string;
  beforeAll(async () => {
    sb = await startSandbox();
    client = await api(sb);
    await client.upload("minimal_evaluation.en.v1.opt");
    await client.upload("minimal_instruction.en.v1.opt");
    ehrId = await client.ehr();
  });
  afterAll(() => sb.close());

  async function count(): Promise<number> {
    const result = await client.json("POST", "/query/aql", {
      body: { q: "SELECT COUNT(*) AS n FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = $ehr", query_parameters: { ehr: ehrId } },
    });
    return result.body.rows[0][0];
  }

  it("commits two compositions in one contribution, readable with GET …/contribution/{uid}", async () => {
    const response = await client.json("POST", `/ehr/${ehrId}/contribution`, {
      body: {
        versions: [version(await composition("minimal_evaluation.json")), version(await composition("minimal_instruction.json"))],
        audit: { committer: { name: "Nurse Ratched" } },
      },
      headers: { prefer: "return=representation" },
    });
    expect(response.status).toBe(201);
    const uid = response.body.uid.value;
    expect(response.headers.get("location")).toBe(`${sb.apiBaseUrl}/ehr/${ehrId}/contribution/${uid}`);
    expect(response.body.versions).toHaveLength(2);
    for (const ref of response.body.versions) {
      const read = await client.json("GET", `/ehr/${ehrId}/composition/${encodeURIComponent(ref.id.value)}`);
      expect(read.status).toBe(200);
    }
    const again = await client.json("GET", `/ehr/${ehrId}/contribution/${uid}`);
    expect(again.body).toEqual(response.body);
    expect(again.body.audit.committer.name).toBe("Nurse Ratched");
    const version1 = await client.json(
      "GET",
      `/ehr/${ehrId}/versioned_composition/${response.body.versions[0].id.value.split("::")[0]}/version`,
    );
    expect(version1.body.contribution.id.value).toBe(uid);
  });

  it("stores nothing when one version is bad: an unknown template, a stale preceding version, a missing preceding version", async () => {
    const good = await composition("minimal_evaluation.json");
    const created = await client.commit(ehrId, good);
    const v1 = (created.headers.get("etag") ?? "").slice(1, -1);
    const bad = await composition("minimal_evaluation.json");
    bad.archetype_details.template_id.value = "never.uploaded";
    const before = await count();
    const cases: Array<[Json[], number]> = [
      [[version(good), version(bad)], 422],
      [[version(good), version(good, "251", v1.replace(/::1$/, "::9"))], 412],
      [[version(good), version(good, "251", `${crypto.randomUUID()}::cadasto-sandbox::1`)], 404],
      [[version(good), version(good, "251")], 400],
      [[version(good, "251", v1), version(good, "251", v1)], 400],
    ];
    for (const [versions, status] of cases) {
      const response = await client.json("POST", `/ehr/${ehrId}/contribution`, { body: { versions, audit: {} } });
      expect(response.status).toBe(status);
      expect(response.body.message).toMatch(/versions\[1\]/);
    }
    expect(await count()).toBe(before);
    const history = await client.json("GET", `/ehr/${ehrId}/versioned_composition/${v1.split("::")[0]}/revision_history`);
    expect(history.body).toHaveLength(1);
  });

  it("modifies and deletes through a contribution", async () => {
    const created = await client.commit(ehrId, await composition("minimal_evaluation.json"));
    const v1 = (created.headers.get("etag") ?? "").slice(1, -1);
    const other = await client.commit(ehrId, await composition("minimal_instruction.json"));
    const w1 = (other.headers.get("etag") ?? "").slice(1, -1);
    const response = await client.json("POST", `/ehr/${ehrId}/contribution`, {
      body: { versions: [version(await composition("minimal_evaluation.json"), "251", v1), version(null, "523", w1)], audit: {} },
      headers: { prefer: "return=representation" },
    });
    expect(response.status).toBe(201);
    expect(response.body.versions.map((v: Json) => v.id.value)).toEqual([v1.replace(/::1$/, "::2"), w1.replace(/::1$/, "::2")]);
    expect((await client.request("GET", `/ehr/${ehrId}/composition/${w1.split("::")[0]}`)).status).toBe(204);
  });

  it("answers 400 for a contribution without versions and 404 for an unknown one", async () => {
    expect((await client.json("POST", `/ehr/${ehrId}/contribution`, { body: { versions: [] } })).status).toBe(400);
    expect((await client.json("GET", `/ehr/${ehrId}/contribution/${crypto.randomUUID()}`)).status).toBe(404);
  });
});
