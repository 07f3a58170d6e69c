import { describe, expect, it } from "vitest";
import { isDiscoveryError } from "./errors.ts";
import { OPENEHR_REST_SERVICE, openEhrBaseUrl } from "./open_ehr_base_url.ts";
import type { SmartConfiguration } from "./smart_configuration.ts";

const base: SmartConfiguration = { token_endpoint: "https://acme.auth.prod.cadasto.io/oauth2/token" };
const advertised: SmartConfiguration = {
  ...base,
  services: { [OPENEHR_REST_SERVICE]: { baseUrl: "https://acme.api.prod.cadasto.io/openehr/v1" } },
};

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isDiscoveryError(error)) return error.code;
    throw error;
  }
  return "no error";
}

describe("openEhrBaseUrl()", () => {
  it("openEhrBaseUrl() returns the advertised org.openehr.rest baseUrl exactly", () => {
    expect(OPENEHR_REST_SERVICE).toBe("org.openehr.rest");
    expect(openEhrBaseUrl(advertised)).toBe("https://acme.api.prod.cadasto.io/openehr/v1");
  });

  it("openEhrBaseUrl() prefers the advertised URL over the fallback", () => {
    expect(openEhrBaseUrl(advertised, { fallback: "https://other.example/openehr/v1" })).toBe(
      "https://acme.api.prod.cadasto.io/openehr/v1",
    );
  });

  it("openEhrBaseUrl() uses the fallback when the service is not advertised", () => {
    expect(openEhrBaseUrl(base, { fallback: "https://acme.api.prod.cadasto.io/openehr/v1" })).toBe(
      "https://acme.api.prod.cadasto.io/openehr/v1",
    );
    expect(openEhrBaseUrl(base, { fallback: new URL("http://127.0.0.1:8080/openehr/v1") })).toBe("http://127.0.0.1:8080/openehr/v1");
  });

  it("openEhrBaseUrl() throws missing_service when absent and no fallback is given", () => {
    expect(code(() => openEhrBaseUrl(base))).toBe("missing_service");
    expect(code(() => openEhrBaseUrl({ ...base, services: { "org.example.other": { baseUrl: "https://x.example" } } }))).toBe(
      "missing_service",
    );
    expect(code(() => openEhrBaseUrl({ ...base, services: { [OPENEHR_REST_SERVICE]: { description: "no URL" } } }))).toBe(
      "missing_service",
    );
  });

  it("openEhrBaseUrl() names the fix in the missing_service message", () => {
    try {
      openEhrBaseUrl(base);
      expect.fail("expected an error");
    } catch (error) {
      expect(String(error)).toContain("fallback");
      expect(String(error)).toContain('services["org.openehr.rest"].baseUrl');
    }
  });

  it("openEhrBaseUrl() refuses a fallback that is not a secure URL", () => {
    expect(code(() => openEhrBaseUrl(base, { fallback: "http://api.acme.example/openehr/v1" }))).toBe("insecure_endpoint");
    expect(code(() => openEhrBaseUrl(base, { fallback: "api.acme.example" }))).toBe("invalid_url");
  });
});
