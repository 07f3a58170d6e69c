import { describe, expect, it } from "vitest";
import { parseCommandLine } from "./parse_command_line.ts";
import { isUsageError } from "./usage_error.ts";

describe("parseCommandLine()", () => {
  const options = { port: { type: "string" }, json: { type: "boolean" } } as const;

  it("parses flags and, when allowed, positionals", () => {
    expect(parseCommandLine(["--port", "80", "--json"], options).values).toEqual({ port: "80", json: true });
    expect(parseCommandLine(["list", "--json"], options, true).positionals).toEqual(["list"]);
  });

  it("throws a UsageError for unknown flags, missing values and unexpected arguments", () => {
    for (const argv of [["--nope"], ["--port"], ["extra"]]) {
      let caught: unknown;
      try {
        parseCommandLine(argv, options);
      } catch (error) {
        caught = error;
      }
      expect(isUsageError(caught), argv.join(" ")).toBe(true);
    }
  });

  it("throws a help request, not a usage error, for -h", () => {
    let caught: unknown;
    try {
      parseCommandLine(["-h"], options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(isUsageError(caught)).toBe(false);
  });
});
