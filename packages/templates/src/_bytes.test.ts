import { describe, expect, it } from "vitest";
import { toBytes } from "./_bytes.ts";
import { isOptError, readOptMetadata } from "./mod.ts";

describe("toBytes()", () => {
  it("refuses what is not an OPT source with an OptError invalid_source, not a bare TypeError", async () => {
    const error = await toBytes(42 as unknown as string).catch((caught: unknown) => caught);
    expect(isOptError(error)).toBe(true);
    expect(error).toMatchObject({
      code: "invalid_source",
      message: expect.stringContaining("a string, bytes, a Blob or a ReadableStream"),
    });
  });
});

describe("readOptMetadata() from @cadasto/templates", () => {
  it("is @cadasto/opt's reader, and its errors pass the package's isOptError()", async () => {
    const error = await readOptMetadata("<not a template").catch((caught: unknown) => caught);
    expect(isOptError(error)).toBe(true);
    expect(error).toMatchObject({ code: "not_xml" });
  });
});
