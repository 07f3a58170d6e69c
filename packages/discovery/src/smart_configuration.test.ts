import * as v from "valibot";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type SmartConfiguration, SmartConfigurationSchema, type SmartService } from "./smart_configuration.ts";

const documented = {
  authorization_endpoint: "https://acme.auth.prod.cadasto.io/oauth2/authorize",
  token_endpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
  grant_types_supported: ["client_credentials"],
  scopes_supported: ["api.read", "api.write"],
};

describe("SmartConfigurationSchema", () => {
  it("SmartConfigurationSchema accepts Cadasto's four documented fields and keeps unknown ones", () => {
    const output = v.parse(SmartConfigurationSchema, { ...documented, x_extra: { a: 1 } });
    expect(output).toEqual({ ...documented, x_extra: { a: 1 } });
  });

  it("SmartConfigurationSchema requires only token_endpoint", () => {
    expect(v.parse(SmartConfigurationSchema, { token_endpoint: documented.token_endpoint })).toEqual({
      token_endpoint: documented.token_endpoint,
    });
    const result = v.safeParse(SmartConfigurationSchema, {});
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => [v.getDotPath(issue), issue.message])).toEqual([
      ["token_endpoint", "is required: the URL where tokens are requested"],
    ]);
  });

  it("SmartConfigurationSchema reports every bad field with its path", () => {
    const result = v.safeParse(SmartConfigurationSchema, {
      token_endpoint: "ftp://acme.example/token",
      issuer: "http://acme.example",
      capabilities: [1],
      services: { "org.openehr.rest": { baseUrl: "https://u:p@api.example" } },
    });
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toEqual([
      "token_endpoint",
      "issuer",
      "capabilities.0",
      "services.org.openehr.rest.baseUrl",
    ]);
  });

  it("SmartConfigurationSchema accepts null-free optional fields only (no undefined/null in place of a list)", () => {
    expect(v.safeParse(SmartConfigurationSchema, { ...documented, scopes_supported: null }).success).toBe(false);
  });

  it("SmartConfigurationSchema's output type is SmartConfiguration and fits @cadasto/auth's discovery option", () => {
    expectTypeOf<v.InferOutput<typeof SmartConfigurationSchema>>().toEqualTypeOf<SmartConfiguration>();
    expectTypeOf<SmartConfiguration["token_endpoint"]>().toEqualTypeOf<string>();
    expectTypeOf<SmartConfiguration["scopes_supported"]>().toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf<NonNullable<SmartConfiguration["services"]>[string]>().toEqualTypeOf<SmartService>();
    // The shape @cadasto/auth's clientCredentials({ discovery }) takes, under exactOptionalPropertyTypes.
    expectTypeOf<SmartConfiguration>().toExtend<{
      token_endpoint: string;
      token_endpoint_auth_methods_supported?: readonly string[];
    }>();
  });
});
