// query.* against the real sandbox over HTTP: 2,500 real compositions
// (minimal_evaluation.json with a different magnitude each), committed in
// contributions of 100.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { composition, expectRefusedBeforeRequest, type Harness, harness } from "../test/sandbox.ts";
import { aql, isApiError } from "./mod.ts";

const COUNT = 2_500;
let h: Harness;
let ehrId: string;
let otherEhrId: string;
let versionId: string;

beforeAll(async () => {
  h = await harness();
  versionId = await h.upload("minimal_evaluation.en.v1.opt");
  ehrId = (await h.client.ehrs.create()).ehrId;
  otherEhrId = (await h.client.ehrs.create()).ehrId;
  const base = composition("minimal_evaluation.json");
  for (let start = 0; start < COUNT; start += 100) {
    const versions = Array.from({ length: 100 }, (_, i) => {
      const body = structuredClone(base);
      const [evaluation] = body.content as { data: { items: { value: { magnitude: number } }[] } }[];
      const [item] = evaluation?.data.items ?? [];
      if (item === undefined) throw new Error("minimal_evaluation.json has no magnitude");
      item.value.magnitude = start + i;
      return { composition: body };
    });
    await h.client.contributions.commit(ehrId, { versions, audit: { committer: "query-test" } });
  }
  await h.client.compositions.create(otherEhrId, composition("minimal_evaluation.json"));
}, 300_000);

afterAll(async () => {
  await h?.close();
});

describe("query.aql()", () => {
  test("typed records keyed by the AS aliases, with the raw columns and rows kept", async () => {
    const result = await h.client.query.aql<{ uid: string; template: string; magnitude: number }>(
      aql`SELECT c/uid/value AS uid, c/archetype_details/template_id/value AS template, o/data[at0001]/items[at0002]/value/magnitude AS magnitude
          FROM EHR e CONTAINS COMPOSITION c CONTAINS EVALUATION o
          WHERE e/ehr_id/value = ${ehrId} AND o/data[at0001]/items[at0002]/value/magnitude < ${3}
          ORDER BY magnitude`,
    );
    expect(result.columns.map((column) => column.name)).toEqual(["uid", "template", "magnitude"]);
    expect(result.rows).toHaveLength(3);
    expect(result.records.map((record) => record.magnitude)).toEqual([0, 1, 2]);
    for (const [index, record] of result.records.entries()) {
      expect(record.template).toBe(versionId);
      expect(record.uid).toBe(result.rows[index]?.[0]);
    }
  });

  test("offset and fetch page the result; GET sends the same query in the URL", async () => {
    const query = aql<{
      magnitude: number;
    }>`SELECT o/data[at0001]/items[at0002]/value/magnitude AS magnitude FROM EHR e CONTAINS COMPOSITION c CONTAINS EVALUATION o WHERE e/ehr_id/value = ${ehrId} ORDER BY magnitude`;
    const post = await h.client.query.aql(query, { offset: 10, fetch: 5 });
    expect(post.records.map((record) => record.magnitude)).toEqual([10, 11, 12, 13, 14]);
    const get = await h.client.query.aql(query, { offset: 10, fetch: 5, method: "GET" });
    expect(get.rows).toEqual(post.rows);
    expect(h.sandbox.stats.requests["GET /query/aql"]).toBeGreaterThanOrEqual(1);
  });

  test("an injection attempt in a parameter returns no extra rows", async () => {
    const hostile = "' OR 1=1 --";
    const injected = await h.client.query.aql(
      aql`SELECT c/uid/value AS uid FROM EHR e CONTAINS COMPOSITION c WHERE c/name/value = ${hostile}`,
    );
    expect(injected.rows).toEqual([]);
    const named = await h.client.query.aql(
      aql`SELECT c/uid/value AS uid FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = ${otherEhrId} AND c/name/value = ${"Minimal"}`,
    );
    expect(named.rows).toHaveLength(1);
  });

  test("a construct the server does not support is a bad_request ApiError naming it", async () => {
    const error = await h.client.query
      .aql("SELECT c FROM EHR e CONTAINS COMPOSITION c WHERE c/name/value MATCHES {'a'}")
      .catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, code: "bad_request" });
    expect((error as Error).message).toContain("MATCHES");
  });

  test("query.stored() runs a stored query with parameters, by version too", async () => {
    const token = (await h.auth.getToken()).value;
    const name = "org.example::magnitudes";
    const response = await fetch(`${h.sandbox.apiBaseUrl}/definition/query/${encodeURIComponent(name)}/1.0.0`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" },
      body: `SELECT o/data[at0001]/items[at0002]/value/magnitude AS magnitude FROM EHR e CONTAINS COMPOSITION c CONTAINS EVALUATION o WHERE e/ehr_id/value = $ehrId ORDER BY magnitude`,
    });
    expect(response.status).toBeLessThan(300);
    const latest = await h.client.query.stored<{ magnitude: number }>(name, { params: { ehrId }, fetch: 2 });
    expect(latest.records).toEqual([{ magnitude: 0 }, { magnitude: 1 }]);
    const pinned = await h.client.query.stored(name, { version: "1.0.0", params: { ehrId }, fetch: 2, method: "GET" });
    expect(pinned.rows).toEqual(latest.rows);
  });
});

describe("query.rows()", () => {
  test(`pages through ${COUNT.toLocaleString("en")} rows and yields each exactly once`, async () => {
    const before = h.sandbox.stats.requests["POST /query/aql"] ?? 0;
    const seen = new Set<number>();
    let count = 0;
    const query = aql<{
      magnitude: number;
    }>`SELECT o/data[at0001]/items[at0002]/value/magnitude AS magnitude FROM EHR e CONTAINS COMPOSITION c CONTAINS EVALUATION o WHERE e/ehr_id/value = ${ehrId} ORDER BY magnitude`;
    for await (const row of h.client.query.rows(query, { pageSize: 300 })) {
      seen.add(row.magnitude);
      count++;
    }
    expect(count).toBe(COUNT);
    expect(seen.size).toBe(COUNT);
    expect(Math.min(...seen)).toBe(0);
    expect(Math.max(...seen)).toBe(COUNT - 1);
    // 2,500 rows in pages of 300: 9 pages, the last one short.
    expect((h.sandbox.stats.requests["POST /query/aql"] ?? 0) - before).toBe(9);
  });

  test("stops when the caller breaks out, and a bad page size is refused before any request", async () => {
    let count = 0;
    for await (const _row of h.client.query.rows("SELECT c/uid/value AS uid FROM EHR e CONTAINS COMPOSITION c", { pageSize: 10 })) {
      if (++count === 15) break;
    }
    expect(count).toBe(15);
    await expectRefusedBeforeRequest(
      h,
      async () => {
        for await (const _row of h.client.query.rows("SELECT c FROM EHR e", { pageSize: 0 })) break;
      },
      "options.pageSize",
    );
  });

  test.each([
    ["an empty query", () => h.client.query.aql("  "), "q"],
    ["a parameter name that is not a name", () => h.client.query.aql({ q: "SELECT c FROM EHR e", params: { "a b": 1 } }), "params.a b"],
    ["a negative offset", () => h.client.query.aql("SELECT c FROM EHR e", { offset: -1 }), "options.offset"],
    ["a stored query name that is not qualified", () => h.client.query.stored("../definition"), "name"],
  ])("%s is refused before any request", (_name, call, field) => expectRefusedBeforeRequest(h, call, field));
});
