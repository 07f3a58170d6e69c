// The Prefer / ETag / If-Match / Location helpers.
import { describe, expect, test } from "vitest";
import { ifMatch, parseEtag, parseLocation, prefer } from "./mod.ts";

const UID = "8849182c-82ad-4088-a07f-48ead4180515::cadasto.example::2";

describe("ETag and If-Match", () => {
  test("parseEtag() reads strong and weak tags and strips the quotes", () => {
    expect(parseEtag(`"${UID}"`)).toEqual({ value: UID, weak: false });
    expect(parseEtag(`W/"${UID}"`)).toEqual({ value: UID, weak: true });
    expect(parseEtag(` ${UID} `)).toEqual({ value: UID, weak: false });
    expect(parseEtag(null)).toBeUndefined();
    expect(parseEtag('""')).toBeUndefined();
  });

  test("ifMatch() quotes a version, keeps a tag already quoted, and round-trips parseEtag()", () => {
    expect(ifMatch(UID)).toBe(`"${UID}"`);
    expect(ifMatch(`W/"${UID}"`)).toBe(`W/"${UID}"`);
    const weak = parseEtag(`W/"${UID}"`);
    if (weak === undefined) throw new Error("no tag");
    expect(ifMatch(weak)).toBe(`W/"${UID}"`);
  });

  test.each(["", 'a"b', "a b", "a\nb", "größe"])("ifMatch(%j) is refused as invalid_option", (value) => {
    expect(() => ifMatch(value)).toThrow(expect.objectContaining({ code: "invalid_option", field: "ifMatch" }));
  });
});

describe("Prefer", () => {
  test("prefer() writes return=…, and refuses another value", () => {
    expect(prefer("minimal")).toBe("return=minimal");
    expect(prefer("identifier")).toBe("return=identifier");
    expect(prefer("representation")).toBe("return=representation");
    expect(() => prefer("everything" as never)).toThrow(expect.objectContaining({ code: "invalid_option", field: "prefer" }));
  });
});

describe("Location", () => {
  const request = "http://127.0.0.1:8080/openehr/v1/ehr/7d44b88c-4199-4bad-97dc-d78268e01398/composition";
  test("parseLocation() resolves against the request URL and decodes the last segment", () => {
    expect(parseLocation(`composition/${encodeURIComponent(UID)}/`, `${request}/`)).toEqual({
      url: `${request}/composition/${encodeURIComponent(UID)}/`,
      lastSegment: UID,
    });
    expect(parseLocation(`${request}/${UID}`, request)?.lastSegment).toBe(UID);
  });

  test("parseLocation() gives undefined for an absent or unparseable header, and keeps a malformed escape", () => {
    expect(parseLocation(null, request)).toBeUndefined();
    expect(parseLocation("  ", request)).toBeUndefined();
    expect(parseLocation("http://[bad", request)).toBeUndefined();
    expect(parseLocation("/x/%E0%A4%A", request)?.lastSegment).toBe("%E0%A4%A");
  });
});
