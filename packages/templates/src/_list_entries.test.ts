import { describe, expect, test } from "vitest";
import { latestFirst, toEntries } from "./_list_entries.ts";
import { isTemplatesClientError } from "./client_errors.ts";

const UID_A = "0c05260d-421a-402e-bc65-dc8e3cc529a8";
const UID_B = "b077c676-2d29-4ac7-bd01-d97c76cddd52";
const URL_ = "http://127.0.0.1:9/openehr/v1/definition/template/adl1.4";

describe("toEntries", () => {
  test("types each entry, parses the version id and keeps unknown fields", () => {
    const raw = {
      template_id: `Demo Vitals::${UID_A}`,
      concept: "Demo Vitals",
      archetype_id: "openEHR-EHR-COMPOSITION.encounter.v1",
      created_timestamp: "2026-11-23T09:00:00.000Z",
      version: "1",
      extra: { nested: true },
    };
    const [entry] = toEntries([raw], "GET", URL_);
    expect(entry).toEqual({
      templateId: "Demo Vitals",
      uid: UID_A,
      versionId: `Demo Vitals::${UID_A}`,
      concept: "Demo Vitals",
      archetypeId: "openEHR-EHR-COMPOSITION.encounter.v1",
      createdTimestamp: "2026-11-23T09:00:00.000Z",
      fields: raw,
    });
  });

  test("a plain openEHR entry (no uid) has the template id as version id; a namespaced id stays whole", () => {
    const entries = toEntries([{ template_id: "org.highmed::vitals.v1" }, { template_id: "Anamnese", uid: UID_B }], "GET", URL_);
    expect(entries.map((e) => [e.templateId, e.uid, e.versionId])).toEqual([
      ["org.highmed::vitals.v1", undefined, "org.highmed::vitals.v1"],
      ["Anamnese", UID_B, `Anamnese::${UID_B}`],
    ]);
  });

  test("a body that is not an array of entries with template_id is an invalid_response", () => {
    for (const body of [{ templates: [] }, [{ concept: "x" }], ["Demo Vitals"], null]) {
      let caught: unknown;
      try {
        toEntries(body, "GET", URL_);
      } catch (error) {
        caught = error;
      }
      expect(isTemplatesClientError(caught) && caught.code === "invalid_response").toBe(true);
    }
  });

  test("an entry that is null, a number, an array or a string is an invalid_response naming its index", () => {
    for (const item of [null, 42, ["Demo Vitals"], "Demo Vitals", true]) {
      expect(() => toEntries([{ template_id: "ok" }, item], "GET", URL_)).toThrow(
        `GET ${URL_}: entry 1 has no template_id: the server does not follow the openEHR Definition API.`,
      );
    }
  });
});

describe("latestFirst", () => {
  const entry = (id: string, createdTimestamp?: string) => {
    const [only] = toEntries(
      [{ template_id: id, ...(createdTimestamp === undefined ? {} : { created_timestamp: createdTimestamp }) }],
      "GET",
      URL_,
    );
    if (only === undefined) throw new Error("no entry");
    return only;
  };

  test("orders by created_timestamp, latest first, across offsets and sub-millisecond digits", () => {
    const sorted = latestFirst([
      entry("a", "2026-11-23T09:00:00.000Z"),
      entry("b", "2026-11-23T10:30:00+01:00"),
      entry("c", "2026-11-23T09:45:00.000123Z"),
      entry("d", "2026-11-23T09:45:00.000456Z"),
    ]);
    expect(sorted.map((e) => e.templateId)).toEqual(["d", "c", "b", "a"]);
  });

  test("entries without a readable timestamp go last; ties put the one the server listed later first", () => {
    const sorted = latestFirst([entry("x"), entry("y", "garbage"), entry("p", "2026-01-01T00:00:00Z"), entry("q", "2026-01-01T00:00:00Z")]);
    expect(sorted.map((e) => e.templateId)).toEqual(["q", "p", "y", "x"]);
  });

  test("two versions with the same created_timestamp: the higher version number is the latest, whatever the list order", () => {
    const [a, b] = toEntries(
      [
        { template_id: "t", uid: "0c05260d-421a-402e-bc65-dc8e3cc529a8", created_timestamp: "2026-01-01T00:00:00.000Z", version: "2" },
        { template_id: "t", uid: "1c05260d-421a-402e-bc65-dc8e3cc529a8", created_timestamp: "2026-01-01T00:00:00.000Z", version: 1 },
      ],
      "GET",
      URL_,
    );
    if (a === undefined || b === undefined) throw new Error("no entries");
    expect(latestFirst([a, b]).map((e) => e.uid)).toEqual([a.uid, b.uid]);
    expect(latestFirst([b, a]).map((e) => e.uid)).toEqual([a.uid, b.uid]);
  });
});
