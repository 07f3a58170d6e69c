import { inspect } from "node:util";
import { runInNewContext } from "node:vm";
import { describe, expect, test } from "vitest";
import { BearerToken } from "./access_token.ts";
import {
  AuthOptionsError,
  isAuthError,
  isAuthOptionsError,
  isOAuthError,
  isTokenEndpointError,
  OAuthError,
  TokenEndpointError,
} from "./errors.ts";

describe("errors", () => {
  test("OAuthError says which code, which status and what to check", () => {
    const error = new OAuthError("invalid_client", { status: 401, description: "client authentication failed", url: "https://a/token" });
    expect(error.message).toMatch(/invalid_client \(client authentication failed\), HTTP 401 from https:\/\/a\/token/);
    expect(error.message).toMatch(/check clientId, clientSecret \(or privateKey and keyId\) and authMethod/);
    expect(error.name).toBe("OAuthError");
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "OAuthError", code: "invalid_client", status: 401 });
    expect(inspect(error)).toContain("invalid_client");
  });

  test("an unknown OAuth code still gets a hint", () => {
    expect(new OAuthError("slow_down", { status: 400 }).message).toMatch(/see the description/);
  });

  test("the guards tell the classes apart", () => {
    const oauth = new OAuthError("invalid_scope", { status: 400 });
    const endpoint = new TokenEndpointError("http_error", "x", { status: 503, retryable: true });
    const options = new AuthOptionsError("invalid_option", "audience", "required");
    expect([isOAuthError(oauth), isOAuthError(endpoint), isOAuthError(new Error("x")), isOAuthError(null)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect([isTokenEndpointError(endpoint), isTokenEndpointError(oauth)]).toEqual([true, false]);
    expect([isAuthOptionsError(options), isAuthOptionsError(endpoint)]).toEqual([true, false]);
  });

  test("the guards work across realms (brand, not instanceof)", () => {
    const foreign = runInNewContext(
      'const e = new Error("x"); Object.defineProperty(e, Symbol.for("@cadasto/auth.error"), { value: "OAuthError" }); e',
    ) as unknown;
    expect(foreign instanceof OAuthError).toBe(false);
    expect(isOAuthError(foreign)).toBe(true);
  });

  test("isAuthError() recognises every error of the package, and nothing else", () => {
    const errors = [
      new OAuthError("invalid_scope", { status: 400 }),
      new TokenEndpointError("http_error", "x", { status: 503, retryable: true }),
      new AuthOptionsError("invalid_option", "audience", "required"),
    ];
    for (const error of errors) expect(isAuthError(error), error.name).toBe(true);
    for (const value of [new Error("x"), { name: "OAuthError", code: "x" }, null, "OAuthError"]) expect(isAuthError(value)).toBe(false);
  });

  test("errors carry the SDK's brands, Symbol.for(\"cadasto.<ErrorName>\"), their own and AuthError's", () => {
    const error = new OAuthError("invalid_scope", { status: 400 }) as unknown as Record<symbol, unknown>;
    expect(error[Symbol.for("cadasto.OAuthError")]).toBe(true);
    expect(error[Symbol.for("cadasto.AuthError")]).toBe(true);
    expect(error[Symbol.for("cadasto.TokenEndpointError")]).toBeUndefined();
  });

  test("isAuthError() and the class guards accept errors made by @cadasto/auth 0.1 (its old brand)", () => {
    for (const name of ["OAuthError", "TokenEndpointError", "AuthOptionsError"]) {
      const old = runInNewContext(
        `const e = new Error("x"); Object.defineProperty(e, Symbol.for("@cadasto/auth.error"), { value: "${name}" }); e`,
      );
      expect(isAuthError(old), name).toBe(true);
    }
    const oldEndpoint = Object.defineProperty(new Error("x"), Symbol.for("@cadasto/auth.error"), { value: "TokenEndpointError" });
    expect([isTokenEndpointError(oldEndpoint), isOAuthError(oldEndpoint)]).toEqual([true, false]);
  });
});

describe("AccessToken", () => {
  const token = new BearerToken("eyJ.secret.token", 1234, ["api.read"], "bearer");

  test("value is readable for the Authorization header", () => {
    expect(token.value).toBe("eyJ.secret.token");
  });

  test("JSON.stringify, util.inspect, String() and spreading never show the value", () => {
    const shown = [JSON.stringify(token), inspect(token, { showHidden: true, depth: 5 }), String(token), JSON.stringify({ ...token })];
    for (const text of shown) expect(text).not.toContain("eyJ.secret.token");
    expect(JSON.parse(JSON.stringify(token))).toEqual({ value: "[redacted]", expiresAt: 1234, scope: ["api.read"], tokenType: "bearer" });
  });
});
