import { describe, expect, it } from "vitest";
import { isUuid, UUID_PATTERN } from "./uuid.ts";

describe("UUID_PATTERN / isUuid()", () => {
  it("accepts the 8-4-4-4-12 form in any case, any version", () => {
    for (const value of [
      "8849182c-82ad-4088-a07f-48ead4180515",
      "8849182C-82AD-4088-A07F-48EAD4180515",
      "00000000-0000-0000-0000-000000000000",
      crypto.randomUUID(),
    ]) {
      expect(isUuid(value), value).toBe(true);
    }
  });

  it("refuses other shapes, surrounding text and non-strings", () => {
    for (const value of [
      "8849182c82ad4088a07f48ead4180515",
      "{8849182c-82ad-4088-a07f-48ead4180515}",
      " 8849182c-82ad-4088-a07f-48ead4180515",
      "8849182c-82ad-4088-a07f-48ead4180515\n",
      "g849182c-82ad-4088-a07f-48ead4180515",
      "vitals.v1",
      42,
      undefined,
    ]) {
      expect(isUuid(value), String(value)).toBe(false);
    }
  });

  it("keeps no state between tests (no g flag)", () => {
    const id = crypto.randomUUID();
    expect([UUID_PATTERN.test(id), UUID_PATTERN.test(id)]).toEqual([true, true]);
  });
});
