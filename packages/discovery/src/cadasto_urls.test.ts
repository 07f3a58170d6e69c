import { describe, expect, it } from "vitest";
import { cadastoUrls } from "./cadasto_urls.ts";
import { type DiscoveryError, isDiscoveryError } from "./errors.ts";

function thrown(fn: () => unknown): DiscoveryError {
  try {
    fn();
  } catch (error) {
    if (isDiscoveryError(error)) return error;
    throw error;
  }
  return expect.fail("expected a DiscoveryError");
}

describe("cadastoUrls()", () => {
  it("cadastoUrls() gives the documented production hosts by default", () => {
    expect(cadastoUrls({ tenant: "acme" })).toEqual({
      authBaseUrl: "https://acme.auth.prod.cadasto.io",
      apiBaseUrl: "https://acme.api.prod.cadasto.io/openehr/v1",
    });
    expect(cadastoUrls({ tenant: "acme", environment: "production" })).toEqual(cadastoUrls({ tenant: "acme" }));
  });

  it("cadastoUrls() infers acc and dev for acceptation and development", () => {
    expect(cadastoUrls({ tenant: "acme", environment: "acceptation" }).authBaseUrl).toBe("https://acme.auth.acc.cadasto.io");
    expect(cadastoUrls({ tenant: "acme", environment: "development" }).apiBaseUrl).toBe("https://acme.api.dev.cadasto.io/openehr/v1");
  });

  it("cadastoUrls() lets hostLabel override the inferred label", () => {
    expect(cadastoUrls({ tenant: "acme", environment: "acceptation", hostLabel: "test" })).toEqual({
      authBaseUrl: "https://acme.auth.test.cadasto.io",
      apiBaseUrl: "https://acme.api.test.cadasto.io/openehr/v1",
    });
  });

  it("cadastoUrls() lowers upper-case letters and accepts digits and inner hyphens", () => {
    expect(cadastoUrls({ tenant: "Acme-2" }).authBaseUrl).toBe("https://acme-2.auth.prod.cadasto.io");
    expect(cadastoUrls({ tenant: "a".repeat(63) }).authBaseUrl).toContain("a".repeat(63));
    expect(cadastoUrls({ tenant: "x" }).authBaseUrl).toBe("https://x.auth.prod.cadasto.io");
  });

  it.each([
    ["empty", ""],
    ["with a space", "acme corp"],
    ["with a dot", "acme.evil"],
    ["with a slash", "acme/x"],
    ["with an @", "user@acme"],
    ["starting with a hyphen", "-acme"],
    ["ending with a hyphen", "acme-"],
    ["non-ASCII", "zürich"],
    ["64 characters long", "a".repeat(64)],
    ["not a string", 42],
  ])("cadastoUrls() refuses a tenant %s", (_name, tenant) => {
    const error = thrown(() => cadastoUrls({ tenant: tenant as string }));
    expect(error.code).toBe("invalid_tenant");
    expect(error.message).toContain("tenant");
  });

  it("cadastoUrls() refuses an unknown environment, naming the known ones", () => {
    const error = thrown(() => cadastoUrls({ tenant: "acme", environment: "staging" as "production" }));
    expect(error.code).toBe("invalid_environment");
    expect(error.message).toContain("production, acceptation, development");
  });

  it("cadastoUrls() refuses a hostLabel that is not a DNS label", () => {
    const error = thrown(() => cadastoUrls({ tenant: "acme", hostLabel: "prod.evil.example/x" }));
    expect(error.code).toBe("invalid_environment");
    expect(error.message).toContain("hostLabel");
  });

  it("cadastoUrls() refuses a missing options object", () => {
    expect(thrown(() => cadastoUrls(undefined as unknown as { tenant: string })).code).toBe("invalid_tenant");
  });
});
