import { describe, expect, test } from "vitest";
import { versionFromEtag, versionFromLocation } from "./_version_headers.ts";

const COLLECTION = "http://127.0.0.1:9/openehr/v1/definition/template/adl1.4";
const UID = "0c05260d-421a-402e-bc65-dc8e3cc529a8";

describe("versionFromLocation", () => {
  test("reads a percent-encoded version id from an absolute Location", () => {
    const location = `${COLLECTION}/K%C3%B6rpergr%C3%B6%C3%9Fe%3A%3A${UID}`;
    expect(versionFromLocation(location, COLLECTION, "Körpergröße")).toEqual({ templateId: "Körpergröße", uid: UID, location });
  });

  test("resolves a relative Location against the request URL", () => {
    expect(versionFromLocation(`/openehr/v1/definition/template/adl1.4/Demo%20Vitals::${UID}`, COLLECTION, "Demo Vitals")).toEqual({
      templateId: "Demo Vitals",
      uid: UID,
      location: `http://127.0.0.1:9/openehr/v1/definition/template/adl1.4/Demo%20Vitals::${UID}`,
    });
  });

  test("a Location naming the template without a version gives the template id alone", () => {
    expect(versionFromLocation(`${COLLECTION}/Demo%20Vitals`, COLLECTION, "Demo Vitals")).toEqual({
      templateId: "Demo Vitals",
      location: `${COLLECTION}/Demo%20Vitals`,
    });
  });

  test("a namespaced template id is not split", () => {
    expect(versionFromLocation(`${COLLECTION}/org.highmed%3A%3Avitals.v1`, COLLECTION, "org.highmed::vitals.v1")).toEqual({
      templateId: "org.highmed::vitals.v1",
      location: `${COLLECTION}/org.highmed%3A%3Avitals.v1`,
    });
  });

  test("an absent, empty or foreign Location gives nothing", () => {
    expect(versionFromLocation(null, COLLECTION, "Demo Vitals")).toBeUndefined();
    expect(versionFromLocation(" ", COLLECTION, "Demo Vitals")).toBeUndefined();
    expect(versionFromLocation(`${COLLECTION}/Other::${UID}`, COLLECTION, "Demo Vitals")).toBeUndefined();
  });
});

describe("versionFromEtag", () => {
  test('strips W/ and the quotes: W/"Demo Vitals::uid"', () => {
    expect(versionFromEtag(`W/"Demo Vitals::${UID}"`, "Demo Vitals")).toEqual({ templateId: "Demo Vitals", uid: UID });
    expect(versionFromEtag(`"Demo Vitals::${UID}"`, "Demo Vitals")).toEqual({ templateId: "Demo Vitals", uid: UID });
    expect(versionFromEtag(`Demo Vitals::${UID}`, "Demo Vitals")).toEqual({ templateId: "Demo Vitals", uid: UID });
  });

  test("a percent-encoded ETag is decoded when the raw value does not name the template", () => {
    expect(versionFromEtag(`"K%C3%B6rpergr%C3%B6%C3%9Fe::${UID}"`, "Körpergröße")).toEqual({ templateId: "Körpergröße", uid: UID });
  });

  test("an ETag that is a content hash, or empty, is not a version", () => {
    expect(versionFromEtag('"33a64df551425fcc55e4d42a148795d9f25f89d4"', "Demo Vitals")).toBeUndefined();
    expect(versionFromEtag('W/""', "Demo Vitals")).toBeUndefined();
    expect(versionFromEtag(null, "Demo Vitals")).toBeUndefined();
  });
});
