// contributions.* against the real sandbox over HTTP, with real compositions.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { composition, expectRefusedBeforeRequest, type Harness, harness } from "../test/sandbox.ts";
import { aql, isApiError } from "./mod.ts";

let h: Harness;
let ehrId: string;
let evaluation: string;

beforeAll(async () => {
  h = await harness();
  evaluation = await h.upload("minimal_evaluation.en.v1.opt");
  await h.upload("minimal_instruction.en.v1.opt");
  ehrId = (await h.client.ehrs.create()).ehrId;
});

afterAll(async () => {
  await h?.close();
});

test("commit() stores two compositions in one contribution; get() lists both versions", async () => {
  const contribution = await h.client.contributions.commit(ehrId, {
    versions: [
      { composition: composition("minimal_evaluation.json"), templateId: evaluation },
      { composition: composition("minimal_instruction.json") },
    ],
    audit: { committer: "lab-import", description: "two at once" },
  });
  expect(contribution.uid).toMatch(/^[0-9a-f-]{36}$/);
  expect(contribution.versions).toHaveLength(2);
  const [first = "", second = ""] = contribution.versions;
  const a = await h.client.compositions.get(ehrId, first);
  expect((a.composition.archetype_details as { template_id: { value: string } }).template_id.value).toBe(evaluation);
  expect((await h.client.compositions.get(ehrId, second)).composition.name).toEqual(composition("minimal_instruction.json").name);
  const back = await h.client.contributions.get(ehrId, contribution.uid);
  expect(back.uid).toBe(contribution.uid);
  expect([...back.versions].sort()).toEqual([...contribution.versions].sort());
});

test("a contribution with one bad version stores nothing", async () => {
  const count = () =>
    h.client.query.aql(aql`SELECT COUNT(c/uid/value) AS n FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = ${ehrId}`);
  const before = await count();
  const error = await h.client.contributions
    .commit(ehrId, {
      versions: [
        { composition: composition("minimal_evaluation.json") },
        { composition: composition("minimal_evaluation.json"), templateId: "no_such_template" },
      ],
      audit: { committer: "lab-import" },
    })
    .catch((e: unknown) => e);
  expect(isApiError(error)).toBe(true);
  expect((error as Error).message).toContain("no_such_template");
  expect((await count()).rows).toEqual(before.rows);
});

test("an update in a contribution needs its preceding version", async () => {
  const v1 = await h.client.compositions.create(ehrId, composition("minimal_evaluation.json"));
  const contribution = await h.client.contributions.commit(ehrId, {
    versions: [{ composition: composition("minimal_evaluation.json"), precedingVersionUid: v1.uid }],
    audit: { committer: "editor" },
  });
  expect(contribution.versions[0]).toBe(`${v1.objectId}::${v1.uid.split("::")[1]}::2`);
});

test.each([
  [
    "no committer",
    () => h.client.contributions.commit(ehrId, { versions: [{ composition: {} }], audit: { committer: "" } }),
    "change.audit.committer",
  ],
  ["no versions", () => h.client.contributions.commit(ehrId, { versions: [], audit: { committer: "x" } }), "change.versions"],
  [
    "a modification without its preceding version",
    () => h.client.contributions.commit(ehrId, { versions: [{ composition: {}, changeType: "modification" }], audit: { committer: "x" } }),
    "change.versions[0].precedingVersionUid",
  ],
  ["a malformed contribution uid", () => h.client.contributions.get(ehrId, "nope"), "uid"],
  ["a malformed EHR id", () => h.client.contributions.get("nope", randomUUID()), "ehrId"],
])("%s is refused before any request", (_name, call, field) => expectRefusedBeforeRequest(h, call, field));
