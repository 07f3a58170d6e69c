import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixture } from "../test/fixtures.ts";
import { accessToken } from "../test/helpers.ts";
import { startSandbox } from "./start_sandbox.ts";

// What a sandbox killed in the middle of an atomic write leaves behind: its temporary files
// (`<file>.<12 hex>.tmp`) beside the index and the OPTs. They are made here by hand, as a
// SIGKILL cannot be timed to land inside a write.
describe("dataDir after a killed sandbox", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "cadasto-sandbox-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("removes the sandbox's own leftover *.tmp files on start and keeps everything else", async () => {
    const client = { clientId: "tmp-test", clientSecret: "tmp-test-secret" };
    const first = await startSandbox({ dataDir: dir, clients: [client] });
    const token = await accessToken(first);
    const upload = await fetch(`${first.apiBaseUrl}/definition/template/adl1.4`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/xml", prefer: "return=minimal" },
      body: await fixture("Koerpergroesse.opt"),
    });
    expect(upload.status).toBe(201);
    const versionId = (upload.headers.get("etag") ?? "").slice(1, -1);
    await first.close();

    await mkdir(join(dir, "opt"), { recursive: true });
    await writeFile(join(dir, "templates.json.0123456789ab.tmp"), '{"format": 1, "versions": [');
    await writeFile(join(dir, "opt", "3f1e1a52-5c1e-4b59-9a55-1b1b6a7d2c10.opt.a1b2c3d4e5f6.tmp"), "<template");
    await writeFile(join(dir, "notes.tmp"), "the user's own file");

    const second = await startSandbox({ dataDir: dir, clients: [client] });
    try {
      expect((await readdir(dir)).sort()).toEqual(["notes.tmp", "opt", "templates.json"]);
      expect((await readdir(join(dir, "opt"))).filter((name) => name.endsWith(".tmp"))).toEqual([]);
      const list = await fetch(`${second.apiBaseUrl}/definition/template/adl1.4`, {
        headers: { authorization: `Bearer ${await accessToken(second)}` },
      });
      expect(((await list.json()) as Array<{ template_id: string }>).map((entry) => entry.template_id)).toEqual([versionId]);
    } finally {
      await second.close();
    }
  });
});
