// ensure(): ties broken as the server orders versions, one check-and-upload
// for concurrent calls on the same bytes, and OPTs whose own template_id ends
// in ::<uuid>. Against the real sandbox, except the tie (the sandbox stamps
// each upload with its own millisecond): that list comes from a fetch stub.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { Fixture } from "../test/fixtures.ts";
import { fixture, useWriterSandbox } from "../test/writer.ts";
import { sha256Hex } from "./_bytes.ts";
import { createTemplatesClient } from "./mod.ts";

const writer = useWriterSandbox();

/** The fixture's bytes with its root template_id replaced (the first <template_id><value>, which is the root's). */
function withTemplateId(f: Fixture, templateId: string): Uint8Array {
  const text = new TextDecoder().decode(f.bytes);
  const replaced = text.replace(`<value>${f.templateId}</value>`, `<value>${templateId}</value>`);
  if (replaced === text) throw new Error(`${f.file}: template_id not found`);
  return new TextEncoder().encode(replaced);
}

describe("ensure()", () => {
  test("ten concurrent calls on the same bytes share one check-and-upload: one new version, all ten report it", async () => {
    const bytes = withTemplateId(fixture("minimal_evaluation.en.v1.opt"), `concurrent ${randomUUID().slice(0, 8)}`);
    const before = writer.sandbox.stats.apiRequests;
    const results = await Promise.all(Array.from({ length: 10 }, () => writer.templates.ensure(bytes)));
    const [first] = results;
    expect(results.every((r) => r.uploaded && r.versionId === first?.versionId)).toBe(true);
    // One list and one upload: the calls did not each check.
    expect(writer.sandbox.stats.apiRequests - before).toBe(2);
    expect(await writer.templates.versions(first?.templateId ?? "")).toHaveLength(1);
    expect((await writer.templates.ensure(bytes)).uploaded).toBe(false);
  });

  test("a caller that gives up does not stop the shared upload for the others", async () => {
    const bytes = withTemplateId(fixture("minimal_evaluation.en.v1.opt"), `shared abort ${randomUUID().slice(0, 8)}`);
    const quitter = writer.templates.ensure(bytes, { signal: AbortSignal.abort(new Error("not me")) });
    const controller = new AbortController();
    const leaving = writer.templates.ensure(bytes, { signal: controller.signal });
    const staying = writer.templates.ensure(bytes);
    controller.abort(new Error("I leave"));
    await expect(quitter).rejects.toThrow("not me");
    await expect(leaving).rejects.toThrow("I leave");
    expect(await staying).toMatchObject({ uploaded: true });
  });

  test("every waiting call hears the shared upload's progress; one whose onProgress throws is rejected with its error alone", async () => {
    const bytes = withTemplateId(fixture("Demo_Vitals.opt"), `shared progress ${randomUUID().slice(0, 8)}`);
    const before = writer.sandbox.stats.apiRequests;
    const first: number[] = [];
    const second: number[] = [];
    const failure = new Error("my progress bar broke");
    let breakingCalls = 0;
    const calls = [
      writer.templates.ensure(bytes, { onProgress: ({ loaded }) => first.push(loaded) }),
      writer.templates.ensure(bytes, { onProgress: ({ loaded }) => second.push(loaded) }),
    ];
    const breaking = writer.templates.ensure(bytes, {
      onProgress: ({ loaded }) => {
        breakingCalls++;
        if (loaded > 0) throw failure;
      },
    });
    await expect(breaking).rejects.toBe(failure);
    const [a, b] = await Promise.all(calls);
    expect(a).toMatchObject({ uploaded: true });
    expect(b?.versionId).toBe(a?.versionId);
    expect(writer.sandbox.stats.apiRequests - before).toBe(2);
    expect(first[0]).toBe(0);
    expect(first.at(-1)).toBe(bytes.byteLength);
    expect(first.length).toBeGreaterThan(2);
    expect(second).toEqual(first);
    // It heard 0 and the first chunk, threw, and heard nothing more.
    expect(breakingCalls).toBe(2);
  });

  test("an OPT whose own template_id ends in ::<uuid> is ensured as upload() accepts it", async () => {
    const templateId = `Suffixed ${randomUUID().slice(0, 8)}::${randomUUID()}`;
    const bytes = withTemplateId(fixture("minimal_evaluation.en.v1.opt"), templateId);
    const first = await writer.templates.ensure(bytes);
    expect(first).toMatchObject({ uploaded: true, templateId });
    expect(first.versionId.startsWith(`${templateId}::`)).toBe(true);
    expect(await writer.templates.ensure(bytes)).toMatchObject({ uploaded: false, versionId: first.versionId });
  });
});

describe("ensure() and versions with the same created_timestamp", () => {
  const BASE = "https://ehr.example.org/openehr/v1";
  const f = fixture("minimal_evaluation.en.v1.opt");
  const A = f.bytes;
  const B = new TextEncoder().encode(`${new TextDecoder().decode(f.bytes)}\n<!-- B -->\n`);
  const uids = { A: "0c05260d-421a-402e-bc65-dc8e3cc529a8", B: "1c05260d-421a-402e-bc65-dc8e3cc529a8" };
  const entry = (name: "A" | "B", version?: number) => ({
    template_id: `${f.templateId}::${uids[name]}`,
    created_timestamp: "2026-11-23T09:00:00.000Z",
    ...(version === undefined ? {} : { version: String(version) }),
  });

  /** A plain fetch stub: the list as given; each version's bytes; uploads recorded. */
  function server(list: unknown[]) {
    const posts: string[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      if (request.method === "POST") {
        posts.push(await sha256Hex(new Uint8Array(await request.arrayBuffer())));
        return new Response(null, { status: 201 });
      }
      if (url.pathname.endsWith("/adl1.4")) return Response.json(list);
      const id = decodeURIComponent(url.pathname.split("/").pop() ?? "");
      return new Response((id.endsWith(uids.A) ? A : B) as Uint8Array<ArrayBuffer>);
    };
    return { fetch, posts };
  }

  test.each([
    ["listed first", [entry("B", 2), entry("A", 1)]],
    ["listed last", [entry("A", 1), entry("B", 2)]],
  ])("the higher version number is the latest (B, version 2, %s): ensure(A) uploads", async (_, list) => {
    const { fetch, posts } = server(list);
    const client = createTemplatesClient({ baseUrl: BASE, fetch });
    expect((await client.versions(f.templateId)).map((v) => v.uid)).toEqual([uids.B, uids.A]);
    expect(await client.ensure(A)).toMatchObject({ uploaded: true });
    expect(posts).toEqual([await sha256Hex(A)]);
  });

  test("without version numbers the one listed later is the latest: ensure(A) uploads when the list is [A, B]", async () => {
    const { fetch, posts } = server([entry("A"), entry("B")]);
    const client = createTemplatesClient({ baseUrl: BASE, fetch });
    expect((await client.versions(f.templateId))[0]?.uid).toBe(uids.B);
    expect(await client.ensure(A)).toMatchObject({ uploaded: true });
    expect(await client.ensure(B)).toMatchObject({ uploaded: false, uid: uids.B });
    expect(posts).toHaveLength(1);
  });
});
