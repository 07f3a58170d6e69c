import { describe, expect, test } from "vitest";
import { aql, isRestClientError } from "./mod.ts";

describe("aql`…`", () => {
  test("turns every interpolation into a $p parameter, never into the query text", () => {
    const ehrId = "7d9c8e4f-2a61-4c0b-9d35-0f4c1b2a3e5d";
    const query = aql`SELECT c/uid/value AS uid FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = ${ehrId} AND c/name/value = ${"x"}`;
    expect(query.q).toBe("SELECT c/uid/value AS uid FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = $p0 AND c/name/value = $p1");
    expect(query.params).toEqual({ p0: ehrId, p1: "x" });
  });

  test("an injection attempt stays a value", () => {
    const query = aql`SELECT c FROM EHR e CONTAINS COMPOSITION c WHERE c/name/value = ${"' OR 1=1 --"}`;
    expect(query.q).not.toContain("OR 1=1");
    expect(query.params).toEqual({ p0: "' OR 1=1 --" });
  });

  test("numbers, booleans and string arrays are kept; a Date becomes its ISO string", () => {
    const query = aql`SELECT x FROM EHR e WHERE a = ${1.5} AND b = ${true} AND c MATCHES ${["a", "b"]} AND d > ${new Date("2026-01-02T03:04:05Z")}`;
    expect(query.params).toEqual({ p0: 1.5, p1: true, p2: ["a", "b"], p3: "2026-01-02T03:04:05.000Z" });
  });

  test("a query without interpolations has no parameters", () => {
    expect(aql`SELECT e/ehr_id/value FROM EHR e`).toEqual({ q: "SELECT e/ehr_id/value FROM EHR e", params: {} });
  });

  test.each([
    ["a value inside quotes", () => aql`SELECT c FROM EHR e WHERE c/name/value = '${"x"}'`, "values[0]"],
    ["a value glued to a name", () => aql`SELECT c FROM EHR e WHERE c/name/value = ${"x"}abc`, "values[0]"],
    ["undefined", () => aql`SELECT c FROM EHR e WHERE c/name/value = ${undefined as unknown as string}`, "values[0]"],
    ["an object", () => aql`SELECT c FROM EHR e WHERE c/name/value = ${{} as unknown as string}`, "values[0]"],
    ["NaN", () => aql`SELECT c FROM EHR e WHERE c/x = ${Number.NaN}`, "values[0]"],
    ["an invalid Date", () => aql`SELECT c FROM EHR e WHERE c/x = ${new Date("nope")}`, "values[0]"],
  ])("refuses %s, naming the value", (_name, build, field) => {
    let error: unknown;
    try {
      build();
    } catch (caught) {
      error = caught;
    }
    expect(isRestClientError(error)).toBe(true);
    expect(error).toMatchObject({ code: "invalid_option", field });
  });
});
