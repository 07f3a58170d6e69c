import { describe, expect, test } from "vitest";
import { parseCredentialsRequest, toMarkdown } from "./mod.ts";
import { expectGolden } from "../test/golden.ts";
import { browserApp, machineToMachine } from "../test/requests.ts";

describe("toMarkdown()", () => {
  test("renders a browser app with PKCE like the golden file", () => {
    expectGolden(toMarkdown(parseCredentialsRequest(browserApp).request), "markdown_browser_pkce.md");
  });

  test("escapes user text so it cannot add links, HTML or headings", () => {
    const markdown = toMarkdown(
      parseCredentialsRequest({
        ...machineToMachine,
        applicationName: "[click](https://evil.example) <b>*x*</b>",
        description: "First line\n# not a heading\n- not a list",
      }).request,
    );
    expect(markdown).toContain("\\[click\\](https://evil.example) \\<b\\>\\*x\\*\\</b\\>");
    expect(markdown).toContain("\n  \\# not a heading\n  \\- not a list\n");
  });

  test("puts scopes with backticks in code spans that hold them", () => {
    const markdown = toMarkdown(parseCredentialsRequest({ ...machineToMachine, scopes: "api.read a`b" }).request);
    expect(markdown).toContain("`api.read` ``a`b``");
  });
});
