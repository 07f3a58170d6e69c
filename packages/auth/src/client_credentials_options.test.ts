import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { clientCredentials } from "./client_credentials.ts";
import type { ClientCredentialsOptions } from "./client_credentials_options.ts";
import { type AuthOptionsError, isAuthOptionsError } from "./errors.ts";
import { everythingShown } from "../test/helpers.ts";

const SECRET = "s3cr3t-never-shown";
const base: ClientCredentialsOptions = {
  tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
  clientId: "my-service",
  clientSecret: SECRET,
  audience: "https://acme.api.prod.cadasto.io/openehr/v1",
};

function refusal(options: Partial<ClientCredentialsOptions> & Record<string, unknown>): AuthOptionsError {
  let calls = 0;
  const fetch = (() => {
    calls++;
    return Promise.reject(new Error("must not be called"));
  }) as typeof globalThis.fetch;
  try {
    clientCredentials({ ...base, fetch, ...options } as ClientCredentialsOptions);
  } catch (error) {
    expect(calls).toBe(0);
    if (!isAuthOptionsError(error)) throw error;
    expect(everythingShown(error)).not.toContain(SECRET);
    return error;
  }
  throw new Error("expected clientCredentials() to refuse the options");
}

describe("clientCredentials() checks its options before any request", () => {
  test.each([
    [{ audience: "" }, "audience", "invalid_option"],
    [{ audience: undefined }, "audience", "invalid_option"],
    [{ clientId: "  " }, "clientId", "invalid_option"],
    [{ clientSecret: "" }, "clientSecret", "invalid_option"],
    [{ tokenEndpoint: undefined }, "tokenEndpoint", "invalid_option"],
    [{ tokenEndpoint: "not a url" }, "tokenEndpoint", "invalid_option"],
    [{ tokenEndpoint: "ftp://example.com/token" }, "tokenEndpoint", "invalid_option"],
    [{ tokenEndpoint: "https://user:pw@example.com/token" }, "tokenEndpoint", "invalid_option"],
    [{ tokenEndpoint: "http://auth.example.com/token" }, "tokenEndpoint", "insecure_endpoint"],
    [{ tokenEndpoint: "http://10.0.0.1/token" }, "tokenEndpoint", "insecure_endpoint"],
    [{ tokenEndpoint: "http://auth.localhost:8080/token" }, "tokenEndpoint", "insecure_endpoint"],
    [{ fetch: "fetch" }, "fetch", "invalid_option"],
    [{ fetch: undefined, customFetch: 42 }, "customFetch", "invalid_option"],
    [{ customFetch: () => Promise.reject(new Error("another fetch")) }, "customFetch", "invalid_option"],
    [{ scope: ["api.read", "bad scope"] }, "scope", "invalid_option"],
    [{ scope: ['say"hi'] }, "scope", "invalid_option"],
    [{ scope: ["api.read", 42] }, "scope", "invalid_option"],
    [{ scope: 42 }, "scope", "invalid_option"],
    [{ authMethod: "private_key_jwt" }, "authMethod", "invalid_option"],
    [{ retry: { attempts: 0 } }, "retry.attempts", "invalid_option"],
    [{ retry: { attempts: 1.5 } }, "retry.attempts", "invalid_option"],
    [{ retry: { deadline: -1 } }, "retry.deadline", "invalid_option"],
    [{ retry: { timeout: Number.NaN } }, "retry.timeout", "invalid_option"],
    [{ refreshMargin: -5 }, "refreshMargin", "invalid_option"],
  ])("refuses %j, naming %s", (options, field, code) => {
    const error = refusal(options as Record<string, unknown>);
    expect(error.field).toBe(field);
    expect(error.code).toBe(code);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  test("refuses a token endpoint that differs from the discovery document's", () => {
    const error = refusal({ discovery: { token_endpoint: "https://other.example/token" } });
    expect(error.field).toBe("tokenEndpoint");
    expect(error.message).toMatch(/differs from discovery\.token_endpoint/);
  });

  test("refuses an auth method the discovery document does not advertise", () => {
    const error = refusal({
      tokenEndpoint: undefined,
      discovery: { token_endpoint: base.tokenEndpoint ?? "", token_endpoint_auth_methods_supported: ["client_secret_post"] },
      authMethod: "client_secret_basic",
    });
    expect(error.code).toBe("unsupported_auth_method");
    expect(error.message).toMatch(/client_secret_post/);
  });

  test("refuses a server that advertises neither secret-based method", () => {
    const error = refusal({
      tokenEndpoint: undefined,
      discovery: { token_endpoint: base.tokenEndpoint ?? "", token_endpoint_auth_methods_supported: ["private_key_jwt"] },
    });
    expect(error.code).toBe("unsupported_auth_method");
  });

  test("picks client_secret_post when the discovery document only offers that", () => {
    const source = clientCredentials({
      ...base,
      tokenEndpoint: undefined,
      discovery: { token_endpoint: base.tokenEndpoint ?? "", token_endpoint_auth_methods_supported: ["client_secret_post"] },
    });
    expect(JSON.parse(JSON.stringify(source)).authMethod).toBe("client_secret_post");
  });

  test("accepts http only on loopback hosts", () => {
    for (const host of ["127.0.0.1:8080", "localhost", "[::1]:9000"]) {
      expect(() => clientCredentials({ ...base, tokenEndpoint: `http://${host}/token` })).not.toThrow();
    }
  });

  test("refuses to run in a browser unless dangerouslyAllowBrowser is set", () => {
    const g = globalThis as { document?: unknown };
    g.document = {};
    try {
      const error = refusal({});
      expect(error.code).toBe("browser_not_allowed");
      expect(() => clientCredentials({ ...base, dangerouslyAllowBrowser: true })).not.toThrow();
    } finally {
      delete g.document;
    }
  });

  test("a token source shows no secret in JSON.stringify, util.inspect or String()", () => {
    const source = clientCredentials({ ...base, scope: "api.write api.read api.read" });
    const shown = [JSON.stringify(source), inspect(source, { depth: 10, showHidden: true }), String(source)];
    for (const text of shown) expect(text).not.toContain(SECRET);
    expect(JSON.parse(JSON.stringify(source))).toMatchObject({
      clientId: "my-service",
      clientSecret: "[redacted]",
      authMethod: "client_secret_basic",
      scope: ["api.read", "api.write"],
    });
    // The fields in a fixed order, the credential (redacted) right after the client id.
    expect(Object.keys(JSON.parse(JSON.stringify(source)))).toEqual([
      "tokenEndpoint",
      "clientId",
      "clientSecret",
      "authMethod",
      "audience",
      "scope",
    ]);
  });
});
