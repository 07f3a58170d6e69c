import { describe, expect, test } from "vitest";
import { rowWriter } from "./_cli_rows.ts";

function written(format: "table" | "json" | "ndjson" | "csv", rows: Record<string, unknown>[]): string {
  let text = "";
  const writer = rowWriter(format, (chunk) => {
    text += chunk;
  });
  for (const row of rows) writer.row(row);
  writer.end();
  return text;
}

const rows = [
  { uid: "a::s::1", name: 'say "hi", twice', n: 1 },
  { uid: "b::s::1", name: "line\nbreak", n: null },
];

describe("query output formats", () => {
  test("csv quotes fields with commas, quotes and line breaks (RFC 4180)", () => {
    expect(written("csv", rows)).toBe('uid,name,n\r\na::s::1,"say ""hi"", twice",1\r\nb::s::1,"line\nbreak",\r\n');
  });

  test("json is one valid array, ndjson one object a line", () => {
    expect(JSON.parse(written("json", rows))).toEqual(rows);
    expect(JSON.parse(written("json", []))).toEqual([]);
    expect(
      written("ndjson", rows)
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(rows);
  });

  test("table aligns columns and says when there are no rows", () => {
    const lines = written("table", [
      { uid: "a", name: "long name" },
      { uid: "bbbb", name: "x" },
    ])
      .trimEnd()
      .split("\n");
    expect(lines).toEqual(["uid   name", "a     long name", "bbbb  x"]);
    expect(written("table", [])).toBe("no rows\n");
  });
});
