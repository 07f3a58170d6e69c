import { describe, expect, test } from "vitest";
import { checkBaseUrl, isLoopback } from "./_base_url.ts";
import { isTemplatesClientError, type TemplatesClientError } from "./errors.ts";

function refusal(value: unknown): TemplatesClientError {
  try {
    checkBaseUrl(value);
  } catch (error) {
    if (isTemplatesClientError(error)) return error;
    throw error;
  }
  throw new Error(`accepted ${String(value)}`);
}

describe("checkBaseUrl", () => {
  test("accepts https anywhere and http on loopback, dropping trailing slashes", () => {
    expect(checkBaseUrl("https://acme.api.prod.cadasto.io/openehr/v1/")).toBe("https://acme.api.prod.cadasto.io/openehr/v1");
    expect(checkBaseUrl(new URL("http://127.0.0.1:8080/openehr/v1"))).toBe("http://127.0.0.1:8080/openehr/v1");
    expect(checkBaseUrl("http://localhost:3000/openehr/v1")).toBe("http://localhost:3000/openehr/v1");
    expect(checkBaseUrl("http://[::1]:3000/openehr/v1")).toBe("http://[::1]:3000/openehr/v1");
  });

  test.each([
    [undefined, /is missing/],
    ["openehr/v1", /not an absolute URL/],
    ["ftp://acme.example/openehr/v1", /uses ftp:/],
    ["http://acme.api.prod.cadasto.io/openehr/v1", /http on acme\.api\.prod\.cadasto\.io.*use https/],
    ["http://127.0.0.1.nip.io/openehr/v1", /use https/],
    ["https://user:pw@acme.example/openehr/v1", /contains credentials/],
    ["https://acme.example/openehr/v1?x=1", /query or fragment/],
  ])("refuses %s, naming baseUrl", (value, reason) => {
    const error = refusal(value);
    expect(error.code).toBe("invalid_base_url");
    expect(error.field).toBe("baseUrl");
    expect(error.message).toMatch(/^baseUrl /);
    expect(error.message).toMatch(reason);
  });

  test("the credentials refused are not repeated in the message", () => {
    expect(refusal("https://user:s3cret@acme.example/openehr/v1").message).not.toContain("s3cret");
  });

  test("isLoopback knows 127/8, localhost and ::1 only", () => {
    expect(["127.0.0.1", "127.1.2.3", "localhost", "api.localhost", "[::1]"].every(isLoopback)).toBe(true);
    expect(["10.0.0.1", "example.com", "127.0.0.1.example.com", "[::2]"].some(isLoopback)).toBe(false);
  });
});
