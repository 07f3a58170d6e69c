// ehrs.* against the real sandbox over HTTP.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectRefusedBeforeRequest, type Harness, harness } from "../test/sandbox.ts";
import { isConflictError, isPreconditionFailedError } from "./mod.ts";

let h: Harness;

beforeAll(async () => {
  h = await harness();
});

afterAll(async () => {
  await h?.close();
});

describe("ehrs", () => {
  test("create() without options gives a new EHR with its id and creation time; get() reads it", async () => {
    const ehr = await h.client.ehrs.create();
    expect(ehr.ehrId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(ehr.timeCreated ?? "")).not.toBeNaN();
    const back = await h.client.ehrs.get(ehr.ehrId);
    expect(back.ehrId).toBe(ehr.ehrId);
    expect(back.timeCreated).toBe(ehr.timeCreated);
  });

  test("create({ ehrId }) uses the caller's id (PUT /ehr/{ehr_id}); a second time is a ConflictError", async () => {
    const ehrId = randomUUID();
    expect((await h.client.ehrs.create({ ehrId })).ehrId).toBe(ehrId);
    expect(h.sandbox.stats.requests["PUT /ehr/{ehr_id}"]).toBe(1);
    const again = await h.client.ehrs.create({ ehrId }).catch((e: unknown) => e);
    expect(isConflictError(again)).toBe(true);
  });

  test("findBySubject() finds the EHR created for a subject, undefined for another; one subject gets one EHR", async () => {
    const subject = { id: `patient-${randomUUID()}`, namespace: "hospital.example.patients" };
    const ehr = await h.client.ehrs.create({ subject });
    expect((await h.client.ehrs.findBySubject(subject))?.ehrId).toBe(ehr.ehrId);
    expect(await h.client.ehrs.findBySubject({ ...subject, id: "nobody" })).toBeUndefined();
    const second = await h.client.ehrs.create({ subject }).catch((e: unknown) => e);
    expect(isConflictError(second)).toBe(true);
  });

  test("status.get() and update() with If-Match; a stale If-Match is a PreconditionFailedError", async () => {
    const { ehrId } = await h.client.ehrs.create();
    const current = await h.client.ehrs.status.get(ehrId);
    expect(current.status._type).toBe("EHR_STATUS");
    const written = await h.client.ehrs.status.update(
      ehrId,
      { ...current.status, is_queryable: false },
      { ifMatch: current.uid, prefer: "representation" },
    );
    expect(written.version).toBe(2);
    expect(written.status?.is_queryable).toBe(false);
    expect((await h.client.ehrs.status.get(ehrId)).uid).toBe(written.uid);
    const stale = await h.client.ehrs.status.update(ehrId, current.status, { ifMatch: current.uid }).catch((e: unknown) => e);
    expect(isPreconditionFailedError(stale)).toBe(true);
  });

  test("an unknown EHR id is a not_found ApiError", async () => {
    await expect(h.client.ehrs.get(randomUUID())).rejects.toMatchObject({ status: 404, code: "not_found" });
  });

  test.each([
    ["get with a malformed id", () => h.client.ehrs.get("42"), "ehrId"],
    ["create with a malformed id", () => h.client.ehrs.create({ ehrId: "../ehr" }), "options.ehrId"],
    [
      "create with both subject and status",
      () => h.client.ehrs.create({ subject: { id: "a", namespace: "b" }, status: {} }),
      "options.status",
    ],
    ["findBySubject without a namespace", () => h.client.ehrs.findBySubject({ id: "a", namespace: "" }), "subject.namespace"],
    [
      "status.update with a one-part ifMatch",
      () => h.client.ehrs.status.update(randomUUID(), {}, { ifMatch: randomUUID() }),
      "options.ifMatch",
    ],
  ])("%s is refused before any request", (_name, call, field) => expectRefusedBeforeRequest(h, call, field));
});
