import { describe, expect, test } from "vitest";
import { isTokenEndpointError } from "./errors.ts";
import { DEFAULT_LIFETIME_MS, lifetimeOf } from "./_lifetime.ts";
import { jitteredRenewAt } from "./_refresh_policy.ts";

const where = { url: "https://auth.example/token", status: 200 };
const life = (expiresIn: unknown, jwt?: { iat?: number; exp?: number }) =>
  lifetimeOf(expiresIn, jwt, 1_000_000, DEFAULT_LIFETIME_MS, where);

describe("the lifetime policy", () => {
  test.each([3600, "3600", " 3600 ", 0.5, "1.5", 31_536_000])("expires_in %j is accepted", (value) => {
    expect(life(value)).toEqual({ ms: Number(value) * 1000, source: "expires_in" });
  });

  test.each([
    "3600 seconds, trust me",
    1e308,
    "1e3",
    "0x10",
    "",
    " ",
    "-5",
    -5,
    0,
    "0",
    Number.NaN,
    Number.POSITIVE_INFINITY,
    31_536_001,
    true,
    [3600],
    { seconds: 3600 },
  ])("expires_in %j is refused with a typed invalid_response error", (value) => {
    let error: unknown;
    try {
      life(value);
    } catch (caught) {
      error = caught;
    }
    expect(isTokenEndpointError(error)).toBe(true);
    expect((error as { code: string }).code).toBe("invalid_response");
    expect((error as Error).message).toMatch(/at most a year; check tokenEndpoint/);
  });

  test("no expires_in: a JWT's exp minus its iat", () => {
    expect(life(undefined, { iat: 100, exp: 700 })).toEqual({ ms: 600_000, source: "jwt_exp" });
  });

  test("no expires_in and a JWT without iat: exp counted from the send time in the server's clock", () => {
    expect(life(undefined, { exp: 1600 })).toEqual({ ms: 600_000, source: "jwt_exp" });
  });

  test("no expires_in and a JWT whose exp is past or beyond a year is refused", () => {
    expect(() => life(undefined, { iat: 100, exp: 100 })).toThrow(/JWT exp/);
    expect(() => life(undefined, { iat: 0, exp: 40_000_000 })).toThrow(/JWT exp/);
  });

  test("no expires_in and not a JWT: the default lifetime", () => {
    expect(life(undefined)).toEqual({ ms: DEFAULT_LIFETIME_MS, source: "default" });
    expect(life(null)).toEqual({ ms: DEFAULT_LIFETIME_MS, source: "default" });
  });
});

describe("refresh-ahead jitter", () => {
  test("the renewal point lies in the first half of the refresh window", () => {
    expect(jitteredRenewAt(1000, 2000, 0)).toBe(1000);
    expect(jitteredRenewAt(1000, 2000, 0.999_999)).toBeCloseTo(1500, 2);
    expect(jitteredRenewAt(1000, 2000, 0.5)).toBe(1250);
  });
});
