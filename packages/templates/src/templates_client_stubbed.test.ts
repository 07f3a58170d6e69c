// createTemplatesClient() where the sandbox cannot help: option checks (a
// recording fetch proves no request is made), and answers the sandbox never
// gives because it is Cadasto-like: a plain openEHR server that keeps one
// version per template id (no uid, 409 on re-upload), 422/500 bodies, an
// upload answered with only an ETag or with no header at all. Those answers
// come from a fetch stub, on purpose and only here.
import { describe, expect, test } from "vitest";
import { loadFixtures } from "../test/fixtures.ts";
import {
  createTemplatesClient,
  isTemplateConflictError,
  isTemplateIdError,
  isTemplatesApiError,
  isTemplatesClientError,
  type TemplatesClientOptions,
} from "./mod.ts";

const BASE = "https://ehr.example.org/openehr/v1";
const COLLECTION = `${BASE}/definition/template/adl1.4`;
const UID = "0c05260d-421a-402e-bc65-dc8e3cc529a8";
const fixtures = loadFixtures();
const fixture = (file: string) => {
  const found = fixtures.find((f) => f.file === file);
  if (found === undefined) throw new Error(`no fixture ${file}`);
  return found;
};
const minimal = fixture("minimal_evaluation.en.v1.opt");
const other = fixture("Koerpergroesse.opt");
const demo = minimal;

interface Sent {
  method: string;
  url: string;
  headers: Headers;
  body: Uint8Array;
}

/** A fetch stub answering from `route`, recording every request. */
function stub(route: (sent: Sent) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const record = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: new Uint8Array(await request.arrayBuffer()),
    };
    sent.push(record);
    return route(record);
  };
  return { fetch, sent };
}

const refusing = () =>
  stub(() => {
    throw new Error("no request should be made");
  });

async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("options are refused before any request", () => {
  test.each<[string, Partial<TemplatesClientOptions>, string]>([
    ["an http base URL on a public host", { baseUrl: "http://ehr.example.org/openehr/v1" }, "baseUrl"],
    ["a relative base URL", { baseUrl: "/openehr/v1" }, "baseUrl"],
    ["both fetch and ky", { ky: (() => undefined) as never }, "ky"],
    ["an auth that is not a token source", { auth: { token: "x" } as never }, "auth"],
  ])("createTemplatesClient() refuses %s, naming the field", async (_, options, field) => {
    const { fetch, sent } = refusing();
    const error = await caught(() => createTemplatesClient({ baseUrl: BASE, fetch, ...options }));
    expect(isTemplatesClientError(error)).toBe(true);
    expect(error).toMatchObject({ field });
    expect(sent).toEqual([]);
  });

  test("upload(), get() and versions() refuse bad arguments without a request", async () => {
    const { fetch, sent } = refusing();
    const client = createTemplatesClient({ baseUrl: BASE, fetch });
    const prefer = await caught(() => client.upload(demo.bytes, { prefer: "return=all" as never }));
    expect(prefer).toMatchObject({ code: "invalid_option", field: "prefer" });
    const progress = await caught(() => client.upload(demo.bytes, { onProgress: 5 as never }));
    expect(progress).toMatchObject({ code: "invalid_option", field: "onProgress" });
    const format = await caught(() => client.get("Demo Vitals", { format: "pdf" as never }));
    expect(format).toMatchObject({ code: "invalid_option", field: "format" });
    const version = await caught(() => client.versions(`Demo Vitals::${UID}`));
    expect(version).toMatchObject({ code: "invalid_option", field: "templateId" });
    expect((version as Error).message).toContain('"Demo Vitals"');
    expect(isTemplateIdError(await caught(() => client.get("")))).toBe(true);
    expect(isTemplateIdError(await caught(() => client.get(`::${UID}`)))).toBe(true);
    expect(isTemplateIdError(await caught(() => client.versions("")))).toBe(true);
    const aborted = await caught(() => client.list({ signal: AbortSignal.abort(new Error("cancelled")) }));
    expect((aborted as Error).message).toBe("cancelled");
    expect(sent).toEqual([]);
  });
});

describe("requests", () => {
  test("upload() sends the exact bytes as application/xml with an explicit Prefer", async () => {
    const { fetch, sent } = stub(() => new Response(null, { status: 201, headers: { location: `${COLLECTION}/x::${UID}` } }));
    await createTemplatesClient({ baseUrl: `${BASE}/`, fetch }).upload(demo.bytes);
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(COLLECTION);
    expect(request?.headers.get("content-type")).toBe("application/xml");
    expect(request?.headers.get("prefer")).toBe("return=minimal");
    expect(Buffer.from(request?.body ?? []).equals(demo.bytes)).toBe(true);
  });

  test("get() asks for application/xml or application/openehr.wt+json and encodes the id", async () => {
    const { fetch, sent } = stub((r) =>
      r.headers.get("accept") === "application/xml"
        ? new Response("<template/>", { headers: { "content-type": "application/xml" } })
        : Response.json({ templateId: "Körpergröße", tree: {} }),
    );
    const client = createTemplatesClient({ baseUrl: BASE, fetch });
    expect(await client.get("Körpergröße")).toBe("<template/>");
    expect(await client.get(`Körpergröße::${UID}`, { format: "web-template" })).toEqual({ templateId: "Körpergröße", tree: {} });
    expect(sent.map((r) => [r.url, r.headers.get("accept")])).toEqual([
      [`${COLLECTION}/K%C3%B6rpergr%C3%B6%C3%9Fe`, "application/xml"],
      [`${COLLECTION}/K%C3%B6rpergr%C3%B6%C3%9Fe%3A%3A${UID}`, "application/openehr.wt+json"],
    ]);
  });

  test("get() keeps a byte order mark so the text encodes back to the same bytes", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("<template/>")]);
    const { fetch } = stub(() => new Response(bytes));
    const text = await createTemplatesClient({ baseUrl: BASE, fetch }).get("x");
    expect(Buffer.from(text, "utf8").equals(bytes)).toBe(true);
  });
});

describe("upload results without a Location", () => {
  test("an ETag alone gives the version: W/ and quotes stripped", async () => {
    const { fetch } = stub(() => new Response(null, { status: 201, headers: { etag: `W/"${demo.templateId}::${UID}"` } }));
    const result = await createTemplatesClient({ baseUrl: BASE, fetch }).upload(demo.bytes);
    expect(result).toEqual({
      templateId: demo.templateId,
      versionId: `${demo.templateId}::${UID}`,
      uid: UID,
      location: undefined,
      source: "etag",
    });
  });

  test("a Location without a version loses to an ETag with one", async () => {
    const { fetch } = stub(
      () =>
        new Response(null, {
          status: 201,
          headers: { location: `${COLLECTION}/${demo.templateId}`, etag: `"${demo.templateId}::${UID}"` },
        }),
    );
    const result = await createTemplatesClient({ baseUrl: BASE, fetch }).upload(demo.bytes);
    expect(result).toMatchObject({ versionId: `${demo.templateId}::${UID}`, source: "etag", location: `${COLLECTION}/${demo.templateId}` });
  });

  test("no header at all falls back to the OPT's template id", async () => {
    const { fetch } = stub(() => new Response(null, { status: 204 }));
    const result = await createTemplatesClient({ baseUrl: BASE, fetch }).upload(demo.bytes);
    expect(result).toEqual({ templateId: demo.templateId, versionId: demo.templateId, uid: undefined, location: undefined, source: "opt" });
  });
});

describe("a plain openEHR server (one version per template id, no uid)", () => {
  /** Keeps the latest upload per template id; answers 409 on re-upload, like EHRbase. */
  function plainServer() {
    const stored = new Map<string, { bytes: Uint8Array; created: string }>();
    return stub(async (r) => {
      if (r.method === "GET" && r.url.split("?")[0] === COLLECTION) {
        return Response.json(
          [...stored].map(([id, v]) => ({
            template_id: id,
            concept: id,
            archetype_id: "openEHR-EHR-X.y.v1",
            created_timestamp: v.created,
          })),
        );
      }
      if (r.method === "GET") {
        const found = stored.get(decodeURIComponent(r.url.slice(COLLECTION.length + 1)));
        return found === undefined
          ? Response.json({ error: "Not Found", message: "no such template" }, { status: 404 })
          : new Response(found.bytes as Uint8Array<ArrayBuffer>);
      }
      const id = /<template_id>\s*<value>([^<]*)<\/value>/.exec(new TextDecoder().decode(r.body))?.[1] ?? "";
      if (stored.has(id)) {
        return Response.json({ error: "Conflict", message: "Operational template with this template ID already exists" }, { status: 409 });
      }
      stored.set(id, { bytes: r.body, created: new Date().toISOString() });
      return new Response(null, { status: 201, headers: { location: `${COLLECTION}/${encodeURIComponent(id)}` } });
    });
  }

  test("versions() gives the one latest version with the template id as its version id", async () => {
    const { fetch } = plainServer();
    const client = createTemplatesClient({ baseUrl: BASE, fetch });
    await client.upload(minimal.bytes);
    await client.upload(other.bytes);
    const versions = await client.versions(minimal.templateId);
    expect(versions.map((v) => [v.templateId, v.uid, v.versionId])).toEqual([[minimal.templateId, undefined, minimal.templateId]]);
  });

  test("ensure() reports unchanged without uploading; changed bytes meet the 409 as TemplateConflictError", async () => {
    const { fetch, sent } = plainServer();
    const client = createTemplatesClient({ baseUrl: BASE, fetch });
    expect(await client.ensure(minimal.bytes)).toMatchObject({ uploaded: true, versionId: minimal.templateId });
    const posts = () => sent.filter((r) => r.method === "POST").length;
    expect(await client.ensure(minimal.bytes)).toMatchObject({ uploaded: false, versionId: minimal.templateId, sha256: minimal.sha256 });
    expect(posts()).toBe(1);
    const changed = new TextEncoder().encode(`${new TextDecoder().decode(minimal.bytes)}\n<!-- changed -->\n`);
    const error = await caught(() => client.ensure(changed));
    expect(isTemplateConflictError(error)).toBe(true);
    expect(error).toMatchObject({ status: 409, code: "conflict", serverCode: "Conflict" });
    expect((error as Error).message).toContain("Operational template with this template ID already exists");
    expect(posts()).toBe(2);
  });
});

describe("error answers the sandbox does not give", () => {
  test("422 {message, code, errors} is unprocessable_template with the details", async () => {
    const { fetch } = stub(() =>
      Response.json(
        { message: "Template not processable", code: "OPT_INVALID", errors: [{ path: "/definition", message: "unknown archetype" }] },
        { status: 422 },
      ),
    );
    const error = await caught(() => createTemplatesClient({ baseUrl: BASE, fetch }).upload(demo.bytes));
    expect(isTemplatesApiError(error)).toBe(true);
    expect(error).toMatchObject({
      status: 422,
      code: "unprocessable_template",
      serverMessage: "Template not processable",
      serverCode: "OPT_INVALID",
      details: ["/definition: unknown archetype"],
      method: "POST",
      url: COLLECTION,
    });
  });

  test("500 with an HTML page is server_error saying to retry later", async () => {
    const { fetch } = stub(
      () => new Response("<html><body>Internal error</body></html>", { status: 500, headers: { "content-type": "text/html" } }),
    );
    const error = await caught(() => createTemplatesClient({ baseUrl: BASE, fetch }).list());
    expect(error).toMatchObject({ status: 500, code: "server_error", serverMessage: undefined });
    expect((error as Error).message).toContain("retry later");
  });

  test("a list that is not JSON is an invalid_response", async () => {
    const { fetch } = stub(() => new Response("<templates/>", { headers: { "content-type": "application/xml" } }));
    const error = await caught(() => createTemplatesClient({ baseUrl: BASE, fetch }).list());
    expect(isTemplatesClientError(error)).toBe(true);
    expect(error).toMatchObject({ code: "invalid_response", method: "GET", url: COLLECTION });
  });
});

describe("sources that are not an OPT", () => {
  test("upload() and ensure() of a number are an OptError invalid_source (not a bare TypeError), before any request", async () => {
    const { fetch, sent } = refusing();
    const client = createTemplatesClient({ baseUrl: BASE, fetch });
    for (const call of [() => client.upload(42 as never), () => client.ensure({} as never)]) {
      const error = await caught(call);
      expect(error).toMatchObject({ name: "OptError", code: "invalid_source" });
      expect(error).not.toBeInstanceOf(TypeError);
    }
    expect(sent).toEqual([]);
  });
});

describe("ids that would reach another URL", () => {
  test.each([".", "..", "%2e%2E"])(
    "get(%j), versions() and list() refuse it before any request (it would reach the list or the parent path)",
    async (id) => {
      const { fetch, sent } = refusing();
      const client = createTemplatesClient({ baseUrl: BASE, fetch });
      for (const call of [
        () => client.get(id),
        () => client.get(id, { format: "web-template" }),
        () => client.getBytes(id),
        () => client.versions(id),
        () => client.list({ templateId: id }),
      ]) {
        const error = await caught(call);
        expect(isTemplatesClientError(error)).toBe(true);
        expect(error).toMatchObject({ code: "invalid_option" });
        expect((error as Error).message).toContain("dot segment");
      }
      expect(sent).toEqual([]);
    },
  );

  test("a template id with dots inside (org.openehr.v1, ...) is an ordinary id, encoded", async () => {
    const { fetch, sent } = stub(() => new Response("<template/>"));
    await createTemplatesClient({ baseUrl: BASE, fetch }).get("...");
    expect(sent.map((r) => r.url)).toEqual([`${COLLECTION}/...`]);
  });
});
