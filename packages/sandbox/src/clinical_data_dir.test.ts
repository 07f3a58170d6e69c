import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api, composition, etagUid, type Json } from "../test/clinical.ts";
import { startSandbox } from "./start_sandbox.ts";

const CLIENT = { clientId: "persist", clientSecret: "persist-secret" };

describe("clinical data in dataDir", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "cadasto-sandbox-clinical-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("keeps every EHR, version and template across a restart, including after 50 concurrent commits", async () => {
    const first = await startSandbox({ dataDir: dir, clients: [CLIENT] });
    const client = await api(first);
    const template = await client.upload("minimal_evaluation.en.v1.opt");
    const ehrs = await Promise.all(Array.from({ length: 5 }, () => client.ehr()));
    const body = await composition("minimal_evaluation.json");
    const commits = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const response = await client.commit(ehrs[i % 5] ?? "", body);
        expect(response.status).toBe(201);
        return { ehrId: ehrs[i % 5] ?? "", uid: etagUid(response) };
      }),
    );
    const [updated] = commits;
    const put = await client.request("PUT", `/ehr/${updated?.ehrId}/composition/${updated?.uid.split("::")[0]}`, {
      body,
      headers: { "if-match": `"${updated?.uid}"` },
    });
    expect(put.status).toBe(200);
    await first.close();
    expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);

    const second = await startSandbox({ dataDir: dir, clients: [CLIENT] });
    try {
      const again = await api(second);
      for (const ehrId of ehrs) expect((await again.json("GET", `/ehr/${ehrId}`)).status).toBe(200);
      for (const { ehrId, uid } of commits) {
        const read = await again.json("GET", `/ehr/${ehrId}/composition/${encodeURIComponent(uid)}`);
        expect(read.status).toBe(200);
        expect(read.body.archetype_details.template_id.value).toBe(template);
      }
      const history = await again.json(
        "GET",
        `/ehr/${updated?.ehrId}/versioned_composition/${updated?.uid.split("::")[0]}/revision_history`,
      );
      expect(history.body.map((item: Json) => item.version_id.value)).toEqual([updated?.uid, updated?.uid.replace(/::1$/, "::2")]);
      const counted = await again.json("POST", "/query/aql", { body: { q: "SELECT COUNT(*) AS n FROM EHR e CONTAINS COMPOSITION c" } });
      expect(counted.body.rows).toEqual([[50]]);
      const templates = await again.json("GET", "/definition/template/adl1.4");
      expect(templates.body.map((t: Json) => t.template_id)).toEqual([template]);
    } finally {
      await second.close();
    }
  });

  it("refuses a dataDir whose database is not the sandbox's, naming dataDir and the file", async () => {
    await writeFile(join(dir, "clinical.sqlite"), "not a database at all, just text");
    await expect(startSandbox({ dataDir: dir, clients: [CLIENT] })).rejects.toMatchObject({
      code: "invalid_option",
      message: expect.stringMatching(/dataDir.*clinical\.sqlite/),
    });
  });
});

describe("the clinical database starts lazily", () => {
  it("is not opened by token and template requests, and is by the first clinical request", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cadasto-sandbox-lazy-"));
    try {
      const sb = await startSandbox({ dataDir: dir, clients: [CLIENT] });
      const client = await api(sb);
      await client.upload("minimal_evaluation.en.v1.opt");
      expect(await readdir(dir)).not.toContain("clinical.sqlite");
      await client.ehr();
      expect(await readdir(dir)).toContain("clinical.sqlite");
      await sb.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
