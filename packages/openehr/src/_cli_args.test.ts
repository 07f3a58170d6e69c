import { isUsageError } from "@cadasto/core/cli";
import { describe, expect, test } from "vitest";
import { parseCall } from "./_cli_args.ts";

describe("cadasto-openehr command line", () => {
  test("query with typed and plain parameters, a page size and a format", () => {
    const call = parseCall([
      "query",
      "SELECT x FROM EHR e WHERE a = $a AND n > $n",
      "--param",
      "a=text:with=signs",
      "--param",
      "n:=5",
      "--page-size",
      "50",
      "--format",
      "ndjson",
    ]);
    expect(call).toMatchObject({
      action: "query",
      args: ["SELECT x FROM EHR e WHERE a = $a AND n > $n"],
      params: { a: "text:with=signs", n: 5 },
      pageSize: 50,
      format: "ndjson",
      json: false,
    });
  });

  test("--json on query means --format json", () => {
    expect(parseCall(["query", "SELECT 1", "--json"])).toMatchObject({ format: "json", json: true });
  });

  test("composition commit with a pinned template and a format", () => {
    const call = parseCall([
      "composition",
      "commit",
      "7d9c8e4f-2a61-4c0b-9d35-0f4c1b2a3e5d",
      "c.json",
      "--template-id",
      "t::0c05260d-421a-402e-bc65-dc8e3cc529a8",
      "--format",
      "flat",
    ]);
    expect(call).toMatchObject({ action: "composition commit", templateId: "t::0c05260d-421a-402e-bc65-dc8e3cc529a8", format: "flat" });
  });

  test("ehr create with a subject", () => {
    expect(parseCall(["ehr", "create", "--subject-id", "1", "--subject-namespace", "ns"]).subject).toEqual({ id: "1", namespace: "ns" });
  });

  test.each([
    [[], /a command is missing/],
    [["patient"], /unknown command "patient"/],
    [["ehr", "delete"], /ehr needs one of create, get/],
    [["ehr", "get"], /ehr get needs <ehr_id>/],
    [["composition", "commit", "x"], /needs <ehr_id> <file.json>/],
    [["query", "SELECT 1", "--format", "xml"], /--format must be table, json, ndjson, csv/],
    [["composition", "get", "a", "b", "--format", "csv"], /--format must be canonical, flat, structured/],
    [["query", "SELECT 1", "--json", "--format", "csv"], /contradict/],
    [["query", "SELECT 1", "--param", "novalue"], /not name=value/],
    [["query", "SELECT 1", "--param", "n:=[1]"], /takes a number/],
    [["query", "SELECT 1", "--param", "a=1", "--param", "a=2"], /given twice/],
    [["query", "SELECT 1", "--page-size", "0"], /--page-size must be/],
    [["ehr", "create", "--subject-id", "1"], /go together/],
    [["ehr", "get", "x", "--template-id", "t"], /--template-id does not apply to ehr get/],
    [["ehr", "create", "--client-secret", "s"], /environment only/],
    [["query", "SELECT 1", "--unknown"], /Unknown option/],
  ])("%j is a usage error", (argv, message) => {
    let error: unknown;
    try {
      parseCall(argv);
    } catch (caught) {
      error = caught;
    }
    expect(isUsageError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});
