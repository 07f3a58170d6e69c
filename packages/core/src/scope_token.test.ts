import { describe, expect, test } from "vitest";
import { isScopeToken } from "./scope_token.ts";

describe("isScopeToken()", () => {
  test("accepts RFC 6749 §3.3 tokens, up to both ends of each range", () => {
    for (const token of ["api.read", "api.write", "!", "#", "[", "]", "~", "system/*.read", "a:b=c"]) {
      expect(isScopeToken(token), token).toBe(true);
    }
  });

  test('refuses what is not a string (RegExp.test would read undefined as the text "undefined")', () => {
    for (const value of [undefined, null, 123, ["api.read"], { toString: () => "api.read" }]) {
      expect(isScopeToken(value), String(value)).toBe(false);
    }
  });

  test("refuses the empty string, spaces, the quote, the backslash, controls and non-ASCII", () => {
    for (const token of ["", " ", "api read", '"', "api\\read", "\x7f", "api\n", "\t", "é", "api\u2028"]) {
      expect(isScopeToken(token), JSON.stringify(token)).toBe(false);
    }
  });
});
