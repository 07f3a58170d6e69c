import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../test/fixtures.ts";
import { accessToken } from "../test/helpers.ts";
import { type Sandbox, startSandbox } from "./start_sandbox.ts";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

interface ListEntry {
  template_id: string;
  concept: string;
  archetype_id: string;
  created_timestamp: string;
}

describe("openEHR template API", () => {
  let sb: Sandbox;
  let token: string;
  let readOnly: string;
  let templates: string;
  beforeAll(async () => {
    sb = await startSandbox();
    token = await accessToken(sb);
    readOnly = await accessToken(sb, "api.read");
    templates = `${sb.apiBaseUrl}/definition/template/adl1.4`;
  });
  afterAll(() => sb.close());

  function upload(body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(templates, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/xml", prefer: "return=minimal", ...headers },
      body,
    });
  }

  function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(url, { headers: { authorization: `Bearer ${token}`, ...headers } });
  }

  it("uploads an OPT: 201 with Location and ETag naming {template_id}::{uid}", async () => {
    const response = await upload(await fixture("minimal_evaluation.en.v1.opt"));
    expect(response.status).toBe(201);
    expect(await response.text()).toBe("");
    const etag = response.headers.get("etag") ?? "";
    expect(etag).toMatch(new RegExp(`^"minimal_evaluation\\.en\\.v1::${UUID}"$`));
    const location = response.headers.get("location") ?? "";
    expect(decodeURIComponent(location)).toBe(`${templates}/${etag.slice(1, -1)}`);
  });

  it("answers Prefer: return=representation with the OPT itself", async () => {
    const opt = await fixture("Koerpergroesse.opt");
    const response = await upload(opt, { prefer: "return=representation" });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toContain("application/xml");
    expect(Buffer.from(await response.arrayBuffer()).equals(opt)).toBe(true);
  });

  it("keeps every upload of one template_id as its own version, and lists them all", async () => {
    const first = await upload(await fixture("family_history.v.1.2.3.opt"));
    const second = await upload(await fixture("family_history.v.1.2.3__updated.opt"));
    const ids = [first, second].map((r) => (r.headers.get("etag") ?? "").slice(1, -1));
    expect(ids[0]).not.toBe(ids[1]);
    const list = (await (await get(templates)).json()) as ListEntry[];
    const family = list.filter((entry) => entry.template_id.startsWith("family_history.v.1.2.3::"));
    expect(family.map((entry) => entry.template_id)).toEqual(ids);
    expect(family[0]).toMatchObject({
      concept: "family_history.v.1.2.3",
      archetype_id: "openEHR-EHR-COMPOSITION.family_history.v0",
    });
    expect(Number.isNaN(Date.parse(family[0]?.created_timestamp ?? ""))).toBe(false);
  });

  it("gets the latest version by template_id and a pinned one by {template_id}::{uid}", async () => {
    const older = await fixture("family_history.v.1.2.3.opt");
    const newer = await fixture("family_history.v.1.2.3__updated.opt");
    const first = (await upload(older)).headers.get("etag")?.slice(1, -1) ?? "";
    await upload(newer);
    const latest = await get(`${templates}/family_history.v.1.2.3`, { accept: "application/xml" });
    expect(Buffer.from(await latest.arrayBuffer()).equals(newer)).toBe(true);
    const pinned = await get(`${templates}/${encodeURIComponent(first)}`);
    expect(pinned.headers.get("etag")).toBe(`"${first}"`);
    expect(Buffer.from(await pinned.arrayBuffer()).equals(older)).toBe(true);
  });

  it("finds template ids with spaces and non-ASCII when URL-encoded", async () => {
    await upload(await fixture("Demo_Vitals.opt"));
    const demo = await get(`${templates}/${encodeURIComponent("Demo Vitals")}`);
    expect(demo.status).toBe(200);
    const body = await get(`${templates}/${encodeURIComponent("Körpergröße")}`);
    expect(body.status).toBe(200);
  });

  it("answers 404 with an openEHR error body for an unknown template or version", async () => {
    for (const id of ["no.such.template", `minimal_evaluation.en.v1::${crypto.randomUUID()}`]) {
      const response = await get(`${templates}/${encodeURIComponent(id)}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { message: string }).message).toContain(id);
    }
  });

  it("answers 406 for a web template or any type it cannot produce", async () => {
    const response = await get(`${templates}/minimal_evaluation.en.v1`, { accept: "application/openehr.wt+json" });
    expect(response.status).toBe(406);
    expect(((await response.json()) as { message: string }).message).toContain("application/xml");
    const list = await get(templates, { accept: "application/xml" });
    expect(list.status).toBe(406);
  });

  it("answers 405 with Allow to a method the resource does not have", async () => {
    const response = await fetch(`${templates}/minimal_evaluation.en.v1`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });

  it("refuses a body that is not XML with 415", async () => {
    const response = await upload("{}", { "content-type": "application/json" });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { message: string }).message).toContain("application/xml");
  });

  it("answers 413 to an upload over 16 MiB, on a connection that still gets the answer", async () => {
    const response = await upload(`<template>${" ".repeat(17 * 1024 * 1024)}</template>`);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toContain("larger than");
  });

  it("refuses malformed XML with 400 and the parser's reason", async () => {
    const opt = (await fixture("minimal_evaluation.en.v1.opt")).toString("utf8");
    const response = await upload(opt.slice(0, opt.length / 2));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string; validationErrors: string[] };
    expect(body.message).toContain("not well-formed");
    expect(body.validationErrors[0]).toMatch(/\d+:\d+/);
  });

  it("refuses well-formed XML that is not an OPT, naming the root element", async () => {
    const response = await upload('<?xml version="1.0"?><archetype xmlns="http://schemas.openehr.org/v1"/>');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain("<archetype>");
  });

  it("refuses an OPT whose root has no template_id, even when the definition has one", async () => {
    const opt = (await fixture("minimal_evaluation.en.v1.opt")).toString("utf8");
    const withoutRootId = opt.replace(/<template_id>\s*<value>minimal_evaluation\.en\.v1<\/value>\s*<\/template_id>/, "");
    expect(withoutRootId).not.toBe(opt);
    const response = await upload(withoutRootId);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain("template_id");
  });

  it("reads an OPT with a UTF-8 BOM, CRLF line ends and a prefixed namespace", async () => {
    const xml =
      '<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<!-- c -->\r\n<o:template xmlns:o="http://schemas.openehr.org/v1">\r\n' +
      "<o:template_id><o:value>bom.prefixed.v1</o:value></o:template_id><o:concept>Prefixed</o:concept>\r\n" +
      "<o:definition><o:archetype_id><o:value>openEHR-EHR-COMPOSITION.x.v1</o:value></o:archetype_id></o:definition></o:template>";
    const response = await upload(`\ufeff${xml}`);
    expect(response.status).toBe(201);
    const list = (await (await get(templates)).json()) as ListEntry[];
    expect(list.find((e) => e.template_id.startsWith("bom.prefixed.v1::"))).toMatchObject({
      concept: "Prefixed",
      archetype_id: "openEHR-EHR-COMPOSITION.x.v1",
    });
  });

  it("answers 401 with a WWW-Authenticate challenge without a token or with a bad one", async () => {
    const none = await fetch(templates);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
    const forged = await fetch(templates, { headers: { authorization: `Bearer ${token.slice(0, -4)}AAAA` } });
    expect(forged.status).toBe(401);
    expect(forged.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("answers 403 insufficient_scope when uploading with an api.read token", async () => {
    const response = await fetch(templates, {
      method: "POST",
      headers: { authorization: `Bearer ${readOnly}`, "content-type": "application/xml" },
      body: await fixture("minimal_evaluation.en.v1.opt"),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    expect((await fetch(templates, { headers: { authorization: `Bearer ${readOnly}` } })).status).toBe(200);
  });

  it("counts API requests in stats.apiRequests", async () => {
    const before = sb.stats.apiRequests;
    await get(templates);
    await fetch(templates);
    expect(sb.stats.apiRequests).toBe(before + 2);
  });
});

describe("token expiry at the API", () => {
  it("refuses an expired token with invalid_token", async () => {
    const sb = await startSandbox({ tokenTtlSeconds: 1 });
    try {
      const token = await accessToken(sb);
      const url = `${sb.apiBaseUrl}/definition/template/adl1.4`;
      // exp has one-second granularity: wait until the second after exp has begun.
      const exp = decodeJwt(token).exp ?? 0;
      await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
      const expired = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(expired.status).toBe(401);
      expect(expired.headers.get("www-authenticate")).toContain("expired");
    } finally {
      await sb.close();
    }
  });

  it("refuses a token issued by another sandbox (other keys and audience)", async () => {
    const [a, b] = await Promise.all([startSandbox(), startSandbox()]);
    try {
      const token = await accessToken(a);
      const response = await fetch(`${b.apiBaseUrl}/definition/template/adl1.4`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
