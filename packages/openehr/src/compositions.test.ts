// compositions.* against the real sandbox over HTTP, with the real
// composition fixtures and their OPTs.
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { composition, FIXTURES, expectRefusedBeforeRequest, type Harness, harness, PAIRS } from "../test/sandbox.ts";
import { isApiError, isPreconditionFailedError } from "./mod.ts";

let h: Harness;
let ehrId: string;
const versions = new Map<string, string>();

/** The composition as the sandbox stores it, minus what the server assigns: uid, and the template id it pins. */
function comparable(value: Record<string, unknown>): Record<string, unknown> {
  const { uid: _uid, ...rest } = structuredClone(value);
  const details = rest.archetype_details as { template_id?: { value?: string } } | undefined;
  if (details?.template_id !== undefined) delete details.template_id.value;
  return rest;
}

beforeAll(async () => {
  h = await harness();
  for (const pair of PAIRS) if (!versions.has(pair.opt)) versions.set(pair.opt, await h.upload(pair.opt));
  ehrId = (await h.client.ehrs.create()).ehrId;
});

afterAll(async () => {
  await h?.close();
});

describe("compositions.create() and get() on every fixture", () => {
  for (const pair of PAIRS) {
    test(`${pair.file} (${pair.format}) is committed and reads back equal`, async () => {
      const sent = composition(pair.file);
      const before = structuredClone(sent);
      const format = pair.format;
      const templateId = format === "flat" ? pair.templateId : undefined;
      const written = await h.client.compositions.create(ehrId, sent, { format, templateId });
      expect(written.uid).toMatch(/^[0-9a-f-]{36}::[^:]+::1$/);
      expect(written.objectId).toBe(written.uid.split("::")[0]);
      expect(written.version).toBe(1);
      expect(written.location).toContain(written.uid.split("::")[0]);
      const back = await h.client.compositions.get(ehrId, written.uid, { format });
      expect(back.uid).toBe(written.uid);
      expect(sent).toEqual(before);
      if (format === "flat") expect(back.composition).toEqual(sent);
      else expect(comparable(back.composition)).toEqual(comparable(sent));
    });
  }
});

describe("template versions", () => {
  test("a commit pinned to version A still reads back as A after version B is uploaded, and the caller's object is not changed", async () => {
    const a = await h.upload("minimal_evaluation.en.v1.opt");
    const sent = composition("minimal_evaluation.json");
    const pinnedA = await h.client.compositions.create(ehrId, sent, { templateId: a });
    expect((sent.archetype_details as { template_id: { value: string } }).template_id.value).toBe("minimal_evaluation.en.v1");
    const b = await h.upload("minimal_evaluation.en.v1.opt");
    expect(b).not.toBe(a);
    const pinnedB = await h.client.compositions.create(ehrId, sent, { templateId: b });
    const templateOf = async (uid: string) =>
      ((await h.client.compositions.get(ehrId, uid)).composition.archetype_details as { template_id: { value: string } }).template_id.value;
    expect(await templateOf(pinnedA.uid)).toBe(a);
    expect(await templateOf(pinnedB.uid)).toBe(b);
    // A plain template id is recorded as the latest version at commit time.
    const plain = await h.client.compositions.create(ehrId, sent, { templateId: "minimal_evaluation.en.v1" });
    expect(await templateOf(plain.uid)).toBe(b);
  });

  test("a commit naming an unknown template version is a typed 422 that names it", async () => {
    const unknown = "minimal_evaluation.en.v1::00000000-0000-4000-8000-000000000000";
    const error = await h.client.compositions
      .create(ehrId, composition("minimal_evaluation.json"), { templateId: unknown })
      .catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 422, code: "unprocessable_entity" });
    expect((error as Error).message).toContain("00000000-0000-4000-8000-000000000000");
  });
});

describe("update, delete and history", () => {
  test("update with the current If-Match makes version 2; a stale one is a PreconditionFailedError", async () => {
    const sent = composition("minimal_evaluation.json");
    const v1 = await h.client.compositions.create(ehrId, sent);
    const changed = { ...sent, name: { _type: "DV_TEXT", value: "Minimal, corrected" } };
    const v2 = await h.client.compositions.update(ehrId, v1.objectId, changed, {
      ifMatch: v1.uid,
      audit: { committer: "test", description: "fix" },
    });
    expect(v2.objectId).toBe(v1.objectId);
    expect(v2.version).toBe(2);
    const latest = await h.client.compositions.get(ehrId, v1.objectId);
    expect(latest.uid).toBe(v2.uid);
    expect(latest.composition.name).toEqual({ _type: "DV_TEXT", value: "Minimal, corrected" });
    const stale = await h.client.compositions.update(ehrId, v1.objectId, changed, { ifMatch: v1.uid }).catch((e: unknown) => e);
    expect(isPreconditionFailedError(stale)).toBe(true);
    expect(stale).toMatchObject({ status: 412, code: "precondition_failed" });
    expect((stale as Error).message).toContain("read it again");
    // The first version is still readable by its uid.
    expect((await h.client.compositions.get(ehrId, v1.uid)).composition.name).toEqual(sent.name);
    const history = await h.client.compositions.history(ehrId, v1.objectId);
    expect(history.map((item) => item.uid)).toEqual([v1.uid, v2.uid]);
    expect(history[1]?.committer).toBe("test");
  });

  test("delete with the latest uid, then get is a typed error; deleting again is refused", async () => {
    const v1 = await h.client.compositions.create(ehrId, composition("minimal_instruction.json"));
    const deleted = await h.client.compositions.delete(ehrId, v1.uid);
    expect(deleted.deleted).toBe(v1.uid);
    const gone = await h.client.compositions.get(ehrId, v1.objectId).catch((e: unknown) => e);
    expect(isApiError(gone)).toBe(true);
    expect((gone as { status: number }).status).toBeOneOf([404, 204]);
    const again = await h.client.compositions.delete(ehrId, v1.uid).catch((e: unknown) => e);
    expect(isApiError(again)).toBe(true);
  });

  test("versionAtTime reads the version current at that time", async () => {
    const v1 = await h.client.compositions.create(ehrId, composition("minimal_evaluation.json"));
    const between = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await h.client.compositions.update(ehrId, v1.objectId, composition("minimal_evaluation.json"), { ifMatch: v1.uid });
    const atThen = await h.client.compositions.get(ehrId, v1.objectId, { versionAtTime: between });
    expect(atThen.uid).toBe(v1.uid);
    const now = await h.client.compositions.get(ehrId, v1.objectId, { versionAtTime: new Date() });
    expect(now.version).toBe(2);
  });

  test("prefer representation returns the stored composition", async () => {
    const written = await h.client.compositions.create(ehrId, composition("minimal_evaluation.json"), { prefer: "representation" });
    expect(written.composition?.uid).toEqual({ _type: "OBJECT_VERSION_ID", value: written.uid });
  });
});

describe("bad input is refused before any request", () => {
  test.each([
    ["an EHR id that is not a UUID", () => h.client.compositions.create("not-a-uuid", composition("minimal_evaluation.json")), "ehrId"],
    [
      "a version uid with two parts",
      () => h.client.compositions.delete(ehrId, "8849182c-82ad-4088-a07f-48ead4180515::sys"),
      "precedingVersionUid",
    ],
    ["a path-traversal id", () => h.client.compositions.get(ehrId, "../../definition/template/adl1.4"), "id"],
    [
      "an ifMatch of another composition",
      () =>
        h.client.compositions.update(
          ehrId,
          "8849182c-82ad-4088-a07f-48ead4180515",
          {},
          { ifMatch: "11111111-82ad-4088-a07f-48ead4180515::sys::1" },
        ),
      "options.ifMatch",
    ],
    [
      "an empty template id part",
      () =>
        h.client.compositions.create(ehrId, composition("minimal_evaluation.json"), {
          templateId: "::0c05260d-421a-402e-bc65-dc8e3cc529a8",
        }),
      "options.templateId",
    ],
    [
      "FLAT without a template id",
      () => h.client.compositions.create(ehrId, composition("ips_flat.json"), { format: "flat" }),
      "options.templateId",
    ],
    [
      "a composition that is not an object",
      () => h.client.compositions.create(ehrId, [] as unknown as Record<string, unknown>),
      "composition",
    ],
    [
      "an unknown format",
      () => h.client.compositions.get(ehrId, "8849182c-82ad-4088-a07f-48ead4180515", { format: "xml" as "flat" }),
      "options.format",
    ],
    [
      "an audit with a line break",
      () => h.client.compositions.create(ehrId, composition("minimal_evaluation.json"), { audit: { committer: "a\r\nx-injected: 1" } }),
      "options.audit.committer",
    ],
  ])("%s", (_name, call, field) => expectRefusedBeforeRequest(h, call, field));
});

test("the fixture table lists every composition file", () => {
  expect(PAIRS.map((pair) => pair.file).sort()).toEqual(
    readdirSync(new URL("compositions/", FIXTURES))
      .filter((name) => name.endsWith(".json"))
      .sort(),
  );
});
