import { describe, expect, it } from "vitest";
import { isTemplateIdError } from "./errors.ts";
import { formatTemplateVersionId, parseTemplateVersionId } from "./template_version_id.ts";

const UID = "0c05260d-421a-402e-bc65-dc8e3cc529a8";

describe("parseTemplateVersionId()", () => {
  const valid: Array<[string, string, string | undefined]> = [
    ["Demo Vitals", "Demo Vitals", undefined],
    [`Demo Vitals::${UID}`, "Demo Vitals", UID],
    ["org.highmed::vitals.v1", "org.highmed::vitals.v1", undefined],
    [`org.highmed::vitals.v1::${UID}`, "org.highmed::vitals.v1", UID],
    [`Körpergröße::${UID.toUpperCase()}`, "Körpergröße", UID.toUpperCase()],
    ["a::b::c", "a::b::c", undefined],
    [`x::${UID}x`, `x::${UID}x`, undefined],
    ["x::0c05260d421a402ebc65dc8e3cc529a8", "x::0c05260d421a402ebc65dc8e3cc529a8", undefined],
    [`a:::${UID}`, "a:", UID],
    ["00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000", undefined],
  ];
  for (const [input, templateId, uid] of valid) {
    it(`splits ${JSON.stringify(input)} into ${JSON.stringify(templateId)} + ${String(uid)}`, () => {
      const parsed = parseTemplateVersionId(input);
      expect(parsed.templateId).toBe(templateId);
      expect(parsed.uid).toBe(uid);
    });
    it(`round-trips ${JSON.stringify(input)} exactly`, () => {
      expect(formatTemplateVersionId(parseTemplateVersionId(input))).toBe(input);
    });
  }

  const invalid: Array<[string, "templateId" | "uid"]> = [
    ["", "templateId"],
    [`::${UID}`, "templateId"],
    ["::vitals", "templateId"],
    ["Demo Vitals::", "uid"],
    ["::", "uid"],
  ];
  for (const [input, part] of invalid) {
    it(`refuses ${JSON.stringify(input)} naming the ${part} part`, () => {
      let caught: unknown;
      try {
        parseTemplateVersionId(input);
      } catch (error) {
        caught = error;
      }
      expect(isTemplateIdError(caught)).toBe(true);
      expect(caught).toMatchObject({ code: "invalid_template_id", part });
    });
  }
});

describe("formatTemplateVersionId()", () => {
  it("joins the template id and the uid with ::", () => {
    expect(formatTemplateVersionId({ templateId: "org.highmed::vitals.v1", uid: UID })).toBe(`org.highmed::vitals.v1::${UID}`);
  });
  it("returns a plain template id without a uid", () => {
    expect(formatTemplateVersionId({ templateId: "Demo Vitals" })).toBe("Demo Vitals");
  });
  it("refuses an empty template id", () => {
    expect(() => formatTemplateVersionId({ templateId: "", uid: UID })).toThrow(/templateId is empty/);
  });
  it("refuses a uid that is not a UUID, naming the uid part", () => {
    expect(() => formatTemplateVersionId({ templateId: "t", uid: "v2" })).toThrow(expect.objectContaining({ part: "uid" }));
  });
  it("refuses a plain template id that would read back as a version id", () => {
    expect(() => formatTemplateVersionId({ templateId: `t::${UID}` })).toThrow(expect.objectContaining({ part: "templateId" }));
  });
  it.each([undefined, null, "Demo Vitals"])(
    "refuses %j instead of { templateId, uid? } with a TemplateIdError, not a TypeError",
    (parts) => {
      let error: unknown;
      try {
        formatTemplateVersionId(parts as never);
      } catch (caught) {
        error = caught;
      }
      expect(isTemplateIdError(error)).toBe(true);
      expect(error).toMatchObject({ code: "invalid_template_id", part: "templateId" });
    },
  );
});
