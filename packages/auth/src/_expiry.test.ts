import { describe, expect, test } from "vitest";
import { defaultMargin, tokenTimes } from "./_expiry.ts";

describe("token expiry and renewal instants", () => {
  test("an hour-long token is renewed 6 minutes (10%) before expiry, counted from the send time", () => {
    const sentAt = 1_000_000;
    expect(tokenTimes(sentAt, 3600, undefined)).toEqual({
      expiresAt: sentAt + 3_600_000,
      renewAt: sentAt + 3_600_000 - 360_000,
    });
  });

  test("a 5-minute token gets the 60 s floor, not 10% (30 s)", () => {
    expect(defaultMargin(300_000)).toBe(60_000);
    expect(tokenTimes(0, 300, undefined).renewAt).toBe(240_000);
  });

  test("a token shorter than two minutes is renewed at half its life, not on every call", () => {
    expect(tokenTimes(0, 2, undefined)).toEqual({ expiresAt: 2000, renewAt: 1000 });
  });

  test("an explicit refreshMargin wins, still clamped to half the lifetime", () => {
    expect(tokenTimes(0, 3600, 10_000).renewAt).toBe(3_590_000);
    expect(tokenTimes(0, 10, 60_000).renewAt).toBe(5000);
  });
});
