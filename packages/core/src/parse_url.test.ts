import { describe, expect, it } from "vitest";
import { tryParseUrl, urlProblem } from "./parse_url.ts";

describe("tryParseUrl()", () => {
  it("parses strings and URLs, and gives undefined for anything else", () => {
    expect(tryParseUrl("https://acme.auth.prod.cadasto.io")?.href).toBe("https://acme.auth.prod.cadasto.io/");
    const url = new URL("https://a.example/x");
    const copy = tryParseUrl(url);
    expect(copy?.href).toBe(url.href);
    expect(copy).not.toBe(url);
    for (const value of ["acme", "", "/relative", 42, undefined, null, {}]) expect(tryParseUrl(value)).toBeUndefined();
  });
});

describe("urlProblem()", () => {
  const code = (url: string, options?: { allowQuery?: boolean }) => urlProblem(new URL(url), options)?.code;

  it("accepts an https URL and an http loopback URL", () => {
    expect(code("https://acme.api.prod.cadasto.io/openehr/v1")).toBeUndefined();
    expect(code("http://127.0.0.1:8080/openehr/v1")).toBeUndefined();
  });

  it("names the first problem: scheme, credentials, fragment, query, insecure", () => {
    expect(code("ftp://example.com")).toBe("unsupported_scheme");
    expect(code("http://user:pw@example.com?x#y")).toBe("credentials");
    expect(code("http://example.com/?x#y")).toBe("fragment");
    expect(code("http://example.com/?x")).toBe("query");
    expect(code("http://example.com/")).toBe("insecure");
    expect(code("http://api.localhost/")).toBe("insecure");
  });

  it("accepts a query when asked", () => {
    expect(code("https://example.com/?x=1", { allowQuery: true })).toBeUndefined();
  });

  it("never repeats credentials in its message", () => {
    expect(urlProblem(new URL("https://me:s3cr3t@example.com"))?.message).not.toContain("s3cr3t");
  });
});
