import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixture } from "../test/fixtures.ts";
import { accessToken } from "../test/helpers.ts";
import { type Sandbox, startSandbox } from "./start_sandbox.ts";

const CLIENT = { clientId: "persist", clientSecret: "persist-secret" };

async function uploadVia(sb: Sandbox, token: string, body: Uint8Array<ArrayBuffer>): Promise<string> {
  const response = await fetch(`${sb.apiBaseUrl}/definition/template/adl1.4`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/xml", prefer: "return=minimal" },
    body,
  });
  expect(response.status).toBe(201);
  return (response.headers.get("etag") ?? "").slice(1, -1);
}

async function listIds(sb: Sandbox, token: string): Promise<string[]> {
  const response = await fetch(`${sb.apiBaseUrl}/definition/template/adl1.4`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as Array<{ template_id: string }>).map((entry) => entry.template_id);
}

describe("dataDir", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "cadasto-sandbox-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("keeps every version and its bytes across a restart", async () => {
    const opt = await fixture("Koerpergroesse.opt");
    const first = await startSandbox({ dataDir: dir, clients: [CLIENT] });
    const token = await accessToken(first);
    const ids = [await uploadVia(first, token, opt), await uploadVia(first, token, opt)];
    await first.close();

    const second = await startSandbox({ dataDir: dir, clients: [CLIENT] });
    try {
      const again = await accessToken(second);
      expect(await listIds(second, again)).toEqual(ids);
      const pinned = await fetch(`${second.apiBaseUrl}/definition/template/adl1.4/${encodeURIComponent(ids[0] ?? "")}`, {
        headers: { authorization: `Bearer ${again}` },
      });
      expect(Buffer.from(await pinned.arrayBuffer()).equals(opt)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it("loses no version when 20 uploads of one template_id arrive at once, and leaves no temporary files", async () => {
    const opt = await fixture("minimal_evaluation.en.v1.opt");
    const sb = await startSandbox({ dataDir: dir, clients: [CLIENT] });
    const token = await accessToken(sb);
    const ids = await Promise.all(Array.from({ length: 20 }, () => uploadVia(sb, token, opt)));
    await sb.close();
    expect(new Set(ids).size).toBe(20);

    const reopened = await startSandbox({ dataDir: dir, clients: [CLIENT] });
    try {
      expect((await listIds(reopened, await accessToken(reopened))).sort()).toEqual([...ids].sort());
    } finally {
      await reopened.close();
    }
    expect((await readdir(join(dir, "opt"))).filter((name) => !name.endsWith(".opt"))).toEqual([]);
    expect(await readdir(dir)).toEqual(["opt", "templates.json"]);
  });

  it("refuses a directory whose index is not the sandbox's, naming dataDir", async () => {
    await writeFile(join(dir, "templates.json"), "{ not json");
    await expect(startSandbox({ dataDir: dir })).rejects.toMatchObject({
      code: "invalid_option",
      message: expect.stringContaining("dataDir"),
    });
  });
});

describe("in memory (no dataDir)", () => {
  it("loses no version when 20 uploads of one template_id arrive at once", async () => {
    const sb = await startSandbox();
    try {
      const token = await accessToken(sb);
      const opt = await fixture("minimal_evaluation.en.v1.opt");
      const ids = await Promise.all(Array.from({ length: 20 }, () => uploadVia(sb, token, opt)));
      expect(new Set(ids).size).toBe(20);
      expect((await listIds(sb, token)).sort()).toEqual([...ids].sort());
    } finally {
      await sb.close();
    }
  });

  it("starts empty every time", async () => {
    const sb = await startSandbox();
    try {
      expect(await listIds(sb, await accessToken(sb))).toEqual([]);
    } finally {
      await sb.close();
    }
  });
});
