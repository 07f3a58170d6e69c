import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { targetFromEnv } from "./target.ts";

describe("targetFromEnv()", () => {
  test("chooses the sandbox when no CADASTO_* variable is set", () => {
    expect(targetFromEnv({ PATH: "/usr/bin" })).toEqual({ kind: "sandbox" });
  });

  test("derives a tenant's auth and API URLs from CADASTO_TENANT and CADASTO_ENVIRONMENT", () => {
    const target = targetFromEnv({
      CADASTO_TENANT: "acme",
      CADASTO_ENVIRONMENT: "production",
      CADASTO_CLIENT_ID: "id",
      CADASTO_CLIENT_SECRET: "s3cret",
    });
    expect(target).toMatchObject({
      kind: "tenant",
      authBaseUrl: expect.stringContaining("acme.auth.prod.cadasto.io"),
      apiBaseUrl: expect.stringContaining("acme.api.prod.cadasto.io/openehr/v1"),
      apiBaseUrlOverrides: false,
      credentials: { clientId: "id", clientSecret: "s3cret" },
    });
  });

  test("lets CADASTO_AUTH_URL and CADASTO_API_URL win, and reads CADASTO_SCOPE", () => {
    const target = targetFromEnv({
      CADASTO_TENANT: "acme",
      CADASTO_AUTH_URL: "https://auth.example.test",
      CADASTO_API_URL: "https://api.example.test/openehr/v1",
      CADASTO_CLIENT_ID: "id",
      CADASTO_CLIENT_SECRET: "s3cret",
      CADASTO_SCOPE: "api.read",
    });
    expect(target).toMatchObject({
      authBaseUrl: "https://auth.example.test",
      apiBaseUrl: "https://api.example.test/openehr/v1",
      apiBaseUrlOverrides: true,
      credentials: { scope: ["api.read"] },
    });
  });

  test("names every missing variable and never echoes the secret", () => {
    expect(() => targetFromEnv({ CADASTO_CLIENT_SECRET: "s3cret" })).toThrow(
      /CADASTO_TENANT is not set.*\n.*CADASTO_CLIENT_ID is not set.*\n.*unset every CADASTO_\* variable/,
    );
    try {
      targetFromEnv({ CADASTO_CLIENT_SECRET: "s3cret" });
    } catch (error) {
      expect(String(error)).not.toContain("s3cret");
      expect(error).toMatchObject({ code: "invalid_env" });
    }
  });

  test("refuses a secret given twice (CADASTO_CLIENT_SECRET and CADASTO_CLIENT_SECRET_FILE)", () => {
    expect(() =>
      targetFromEnv({
        CADASTO_TENANT: "acme",
        CADASTO_CLIENT_ID: "id",
        CADASTO_CLIENT_SECRET: "s",
        CADASTO_CLIENT_SECRET_FILE: "/run/secrets/x",
      }),
    ).toThrow(/CADASTO_CLIENT_SECRET_FILE is set together with CADASTO_CLIENT_SECRET/);
  });

  test("refuses an unknown CADASTO_ENVIRONMENT and a relative CADASTO_AUTH_URL", () => {
    const base = { CADASTO_CLIENT_ID: "id", CADASTO_CLIENT_SECRET: "s" };
    expect(() => targetFromEnv({ ...base, CADASTO_TENANT: "acme", CADASTO_ENVIRONMENT: "staging" })).toThrow(
      expect.objectContaining({ code: "invalid_env" }),
    );
    expect(() => targetFromEnv({ ...base, CADASTO_AUTH_URL: "auth.example.test" })).toThrow(
      expect.objectContaining({ code: "invalid_env" }),
    );
  });
});

describe("a tenant target", () => {
  test("keeps the client secret out of JSON.stringify and util.inspect, also after a spread", () => {
    const target = targetFromEnv({
      CADASTO_AUTH_URL: "https://auth.example.test",
      CADASTO_CLIENT_ID: "id",
      CADASTO_CLIENT_SECRET: "s3cret-value",
    });
    expect(target.kind === "tenant" && target.credentials.clientSecret).toBe("s3cret-value");
    for (const value of [target, { ...target }]) {
      expect(JSON.stringify(value)).not.toContain("s3cret-value");
      expect(JSON.stringify(value)).toContain('"clientSecret":"[redacted]"');
      expect(inspect(value)).not.toContain("s3cret-value");
      expect(inspect(value, { showHidden: true, depth: 5 })).not.toContain("s3cret-value");
    }
  });
});
