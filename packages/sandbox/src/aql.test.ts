import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, api, composition, etagUid, type Json } from "../test/clinical.ts";
import { type Sandbox, startSandbox } from "./start_sandbox.ts";

interface Committed {
  ehrId: string;
  uid: string;
  kind: "evaluation" | "instruction" | "vitals";
  start: string;
  magnitude?: number;
  duration?: string;
}

const EVALUATION = "o/data[at0001]/items[at0002]/value/magnitude";
const DURATION = "c/content[openEHR-EHR-INSTRUCTION.minimal.v1]/activities[at0001]/description[at0002]/items[at0003]/value/value";

describe("AQL over a few hundred compositions", () => {
  let sb: Sandbox;
  let client: Api;
  const ehrs: string[] = [];
  const committed: Committed[] = [];

  async function aql(q: string, extra: Record<string, unknown> = {}): Promise<{ status: number; body: Json }> {
    return client.json("POST", "/query/aql", { body: { q, ...extra } });
  }
  async function rows(q: string, extra: Record<string, unknown> = {}): Promise<unknown[][]> {
    const result = await aql(q, extra);
    if (result.status !== 200) throw new Error(`${result.status}: ${JSON.stringify(result.body)}`);
    return result.body.rows;
  }

  beforeAll(async () => {
    sb = await startSandbox();
    client = await api(sb);
    for (const opt of ["minimal_evaluation.en.v1.opt", "minimal_instruction.en.v1.opt", "Demo_Vitals.opt"]) await client.upload(opt);
    for (let i = 0; i < 6; i++) ehrs.push(await client.ehr());
    const templates = {
      evaluation: await composition("minimal_evaluation.json"),
      instruction: await composition("minimal_instruction.json"),
      vitals: await composition("demo_vitals_352.json"),
    };
    const jobs = Array.from({ length: 300 }, (_, i) => async () => {
      const kind = (["evaluation", "instruction", "vitals"] as const)[i % 3] ?? "vitals";
      const body = structuredClone(templates[kind]);
      const start = `2021-01-${String((i % 28) + 1).padStart(2, "0")}T10:${String(i % 60).padStart(2, "0")}:00Z`;
      body.context.start_time.value = start;
      const record: Committed = { ehrId: ehrs[i % 6] ?? "", uid: "", kind, start };
      if (kind === "evaluation") body.content[0].data.items[0].value.magnitude = record.magnitude = i;
      if (kind === "instruction") body.content[0].activities[0].description.items[0].value.value = record.duration = `PT${i}M`;
      const response = await client.commit(record.ehrId, body);
      if (response.status !== 201) throw new Error(`commit ${i}: ${response.status} ${await response.text()}`);
      record.uid = etagUid(response);
      committed.push(record);
    });
    for (let i = 0; i < jobs.length; i += 20) await Promise.all(jobs.slice(i, i + 20).map((job) => job()));
  }, 120_000);
  afterAll(() => sb.close());

  it("selects RM attributes with aliases, filtered by a parameter and ordered", async () => {
    const ehrId = ehrs[2] ?? "";
    const result = await aql(
      "SELECT c/uid/value AS uid, c/context/start_time/value AS start FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = $ehr ORDER BY start DESC, uid",
      { query_parameters: { ehr: ehrId } },
    );
    expect(result.status).toBe(200);
    expect(result.body.columns).toEqual([
      { name: "uid", path: "c/uid/value" },
      { name: "start", path: "c/context/start_time/value" },
    ]);
    const expected = committed
      .filter((c) => c.ehrId === ehrId)
      .sort((a, b) => (a.start === b.start ? (a.uid < b.uid ? -1 : 1) : a.start < b.start ? 1 : -1))
      .map((c) => [c.uid, c.start]);
    expect(expected.length).toBe(50);
    expect(result.body.rows).toEqual(expected);
    expect(result.body.meta).toMatchObject({ _type: "RESULTSET", resultsize: 50 });
    expect(result.body.q).toContain("$ehr");
  });

  it("resolves archetype paths inside a contained entry, with comparisons on numbers", async () => {
    const got = await rows(
      `SELECT c/uid/value AS uid, ${EVALUATION} AS m FROM EHR e CONTAINS COMPOSITION c[openEHR-EHR-COMPOSITION.minimal.v1] CONTAINS EVALUATION o[openEHR-EHR-EVALUATION.minimal.v1] WHERE ${EVALUATION} >= $min AND ${EVALUATION} < 200 ORDER BY m DESC`,
      { query_parameters: { min: 150 } },
    );
    const expected = committed
      .filter((c) => c.magnitude !== undefined && c.magnitude >= 150 && c.magnitude < 200)
      .sort((a, b) => (b.magnitude ?? 0) - (a.magnitude ?? 0))
      .map((c) => [c.uid, c.magnitude]);
    expect(expected.length).toBeGreaterThan(10);
    expect(got).toEqual(expected);
  });

  it("matches a path written without node-id predicates like the one with them", async () => {
    const bare = await rows("SELECT o/data/items/value/magnitude AS m FROM EHR e CONTAINS COMPOSITION c CONTAINS EVALUATION o ORDER BY m");
    expect(bare).toEqual(
      committed
        .filter((c) => c.kind === "evaluation")
        .map((c) => [c.magnitude])
        .sort((a, b) => Number(a[0]) - Number(b[0])),
    );
  });

  it("follows a path from the composition into a nested archetype, and EXISTS on it", async () => {
    const ehrId = ehrs[4] ?? "";
    const got = await rows(
      `SELECT c/uid/value AS uid, ${DURATION} AS d FROM EHR e CONTAINS COMPOSITION c WHERE EXISTS ${DURATION} AND e/ehr_id/value = $ehr ORDER BY uid`,
      {
        query_parameters: { ehr: ehrId },
      },
    );
    const expected = committed
      .filter((c) => c.ehrId === ehrId && c.kind === "instruction")
      .sort((a, b) => (a.uid < b.uid ? -1 : 1))
      .map((c) => [c.uid, c.duration]);
    expect(expected.length).toBeGreaterThan(0);
    expect(got).toEqual(expected);
  });

  it("counts, with OR, NOT and LIKE on the pinned template id", async () => {
    expect(await rows("SELECT COUNT(*) AS n FROM EHR e CONTAINS COMPOSITION c CONTAINS INSTRUCTION i")).toEqual([[100]]);
    const ehrId = ehrs[0] ?? "";
    const got = await rows(
      "SELECT COUNT(c/uid/value) AS n FROM EHR e CONTAINS COMPOSITION c WHERE NOT (c/archetype_details/template_id/value LIKE 'Demo Vitals::*' OR e/ehr_id/value = $ehr)",
      {
        query_parameters: { ehr: ehrId },
      },
    );
    expect(got).toEqual([[committed.filter((c) => c.kind !== "vitals" && c.ehrId !== ehrId).length]]);
  });

  it("pages with offset and fetch: every row exactly once, in the unpaged order; LIMIT/OFFSET in the query too", async () => {
    const q = "SELECT c/uid/value AS uid FROM EHR e CONTAINS COMPOSITION c";
    const all = await rows(q);
    expect(all.map((r) => r[0]).sort()).toEqual(committed.map((c) => c.uid).sort());
    const paged: unknown[][] = [];
    for (let offset = 0; ; offset += 37) {
      const page = await rows(q, { offset, fetch: 37 });
      paged.push(...page);
      if (page.length < 37) break;
    }
    expect(paged).toEqual(all);
    expect(await rows(`${q} LIMIT 10 OFFSET 5`)).toEqual(all.slice(5, 15));
    expect(await rows(`${q} LIMIT 10 OFFSET 5`, { offset: 8, fetch: 5 })).toEqual(all.slice(13, 15));
  });

  it("binds parameter values: quotes and AQL or SQL keywords match only themselves", async () => {
    const ehrId = await client.ehr();
    const name = `O'Brien "quoted" OR 1=1 -- ; DROP TABLE version; SELECT`;
    const body = await composition("minimal_evaluation.json");
    body.name.value = name;
    expect((await client.commit(ehrId, body)).status).toBe(201);
    const q = "SELECT c/name/value AS name FROM EHR e CONTAINS COMPOSITION c WHERE c/name/value = $name";
    expect(await rows(q, { query_parameters: { name } })).toEqual([[name]]);
    for (const hostile of ["' OR 1=1 --", "x' OR '1'='1", '" OR ""="', "$name", "Minimal' OR c/name/value = 'Minimal", "*"]) {
      expect(await rows(q, { query_parameters: { name: hostile } })).toEqual([]);
    }
    expect(
      await rows("SELECT COUNT(*) AS n FROM EHR e CONTAINS COMPOSITION c WHERE c/name/value LIKE $p", {
        query_parameters: { p: "O'Brien*" },
      }),
    ).toEqual([[1]]);
    expect(await rows("SELECT COUNT(*) AS n FROM EHR e CONTAINS COMPOSITION c")).toEqual([[301]]);
  });

  it("pins the EHR in FROM, starts FROM COMPOSITION without the EHR, and returns whole objects for a bare variable", async () => {
    const ehrId = ehrs[5] ?? "";
    const pinned = await rows("SELECT c/uid/value AS uid FROM EHR e[ehr_id/value = $ehr] CONTAINS COMPOSITION c ORDER BY uid", {
      query_parameters: { ehr: ehrId },
    });
    expect(pinned).toEqual(
      committed
        .filter((c) => c.ehrId === ehrId)
        .map((c) => [c.uid])
        .sort((a, b) => ((a[0] ?? "") < (b[0] ?? "") ? -1 : 1)),
    );
    const count = await rows("SELECT COUNT(*) AS n FROM COMPOSITION c[openEHR-EHR-COMPOSITION.encounter.v1]");
    expect(count).toEqual([[committed.filter((c) => c.kind === "vitals").length]]);
    const [first] = committed.filter((c) => c.kind === "evaluation");
    const whole = await rows("SELECT c, o FROM EHR e CONTAINS COMPOSITION c CONTAINS EVALUATION o WHERE c/uid/value = $uid", {
      query_parameters: { uid: first?.uid ?? "" },
    });
    const stored = await client.json("GET", `/ehr/${first?.ehrId}/composition/${encodeURIComponent(first?.uid ?? "")}`);
    expect(whole).toEqual([[stored.body, stored.body.content[0]]]);
  });

  it("answers GET /query/aql with q and parameters in the query string", async () => {
    const ehrId = ehrs[1] ?? "";
    const q = "SELECT COUNT(*) AS n FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = $ehr";
    const response = await client.json(
      "GET",
      `/query/aql?q=${encodeURIComponent(q)}&query_parameters=${encodeURIComponent(`ehr=${ehrId}`)}`,
    );
    expect(response.status).toBe(200);
    expect(response.body.rows).toEqual([[50]]);
  });

  it("refuses what the subset does not cover with a 400 naming it, never a wrong answer", async () => {
    const cases: Array<[string, string]> = [
      ["SELECT DISTINCT c/uid/value FROM EHR e CONTAINS COMPOSITION c", "DISTINCT"],
      ["SELECT TOP 5 c/uid/value FROM EHR e CONTAINS COMPOSITION c", "TOP"],
      ["SELECT MAX(c/uid/value) FROM EHR e CONTAINS COMPOSITION c", "MAX"],
      ["SELECT c/uid/value FROM EHR e CONTAINS COMPOSITION c WHERE c/name/value matches {'a'}", "MATCHES"],
      ["SELECT c/uid/value FROM EHR e CONTAINS COMPOSITION c CONTAINS (OBSERVATION o AND EVALUATION v)", "CONTAINS"],
      ["SELECT o/data[at0001, 'name']/items FROM EHR e CONTAINS COMPOSITION c CONTAINS EVALUATION o", "[at0001, 'name']"],
      [
        "SELECT c/uid/value FROM EHR e CONTAINS COMPOSITION c CONTAINS SECTION s[openEHR-EHR-SECTION.a.v1] CONTAINS CLUSTER x[openEHR-EHR-CLUSTER.b.v1]",
        "CONTAINS CLUSTER",
      ],
      ["SELECT c/uid/value, COUNT(*) FROM EHR e CONTAINS COMPOSITION c", "GROUP BY"],
      ["SELECT x/uid/value FROM EHR e CONTAINS COMPOSITION c", "x is not a variable"],
      ["SELECT c/uid/value FROM EHR e CONTAINS COMPOSITION c WHERE c/uid/value = $missing", "$missing"],
      ["SELECT e/ehr_status/other_details FROM EHR e", "EHR path"],
      ["SELECT c/uid/value FROM EHR e CONTAINS COMPOSITION c WHERE c/uid/value IN ('a')", "IN"],
      ["SELECT c/uid/value FROM EHR e CONTAINS COMPOSITION c CONTAINS CLUSTER x", "archetype_id"],
      ["DELETE FROM EHR e", "DELETE"],
    ];
    for (const [q, named] of cases) {
      const result = await aql(q);
      expect(result.status, q).toBe(400);
      expect(result.body.code, q).toBe("unsupported_aql");
      expect(result.body.message, q).toContain(named);
    }
  });

  it("stores queries by name and version and runs them with parameters", async () => {
    const q = "SELECT COUNT(*) AS n FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = $ehr";
    const stored = await client.request("PUT", "/definition/query/org.example::count/1.0.0", {
      body: q,
      headers: { "content-type": "text/plain" },
    });
    expect(stored.status).toBe(200);
    expect(stored.headers.get("location")).toBe(`${sb.apiBaseUrl}/definition/query/org.example%3A%3Acount/1.0.0`);
    const next = await client.request("PUT", "/definition/query/org.example::count", { body: { q: "SELECT COUNT(*) AS n FROM EHR e" } });
    expect(next.headers.get("location")).toMatch(/\/1\.0\.1$/);
    expect(
      (await client.request("PUT", "/definition/query/org.example::count/1.0.0", { body: q, headers: { "content-type": "text/plain" } }))
        .status,
    ).toBe(409);
    expect(
      (
        await client.request("PUT", "/definition/query/org.example::bad", {
          body: "SELECT TOP 1 e FROM EHR e",
          headers: { "content-type": "text/plain" },
        })
      ).status,
    ).toBe(400);
    const listed = await client.json("GET", "/definition/query/org.example::count");
    expect(listed.body.map((v: Json) => v.version)).toEqual(["1.0.0", "1.0.1"]);
    const ehrId = ehrs[3] ?? "";
    const run = await client.json("POST", "/query/org.example::count/1.0.0", { body: { query_parameters: { ehr: ehrId } } });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ name: "org.example::count", rows: [[50]] });
    const latest = await client.json("GET", "/query/org.example::count");
    expect(latest.body.rows).toEqual([[7]]);
    expect((await client.json("GET", "/query/org.example::nothing")).status).toBe(404);
  });
});
