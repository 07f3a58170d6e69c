// createOpenEhrClient() in a real browser (headless Chromium) against the real
// sandbox: the library bundled from src with esbuild, as a web app would ship
// it. The page is served by the sandbox itself, so the API is same-origin.
// The token comes from @cadasto/auth in this process: a browser app gets its
// tokens from a backend (clientCredentials() refuses to run in a browser).
import { build } from "esbuild";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { browserBundleOptions, chromiumLaunchOptions } from "../../../test-support/chromium.ts";
import { composition, type Harness, harness } from "../test/sandbox.ts";

let h: Harness;
let browser: Browser;
let page: Page;
let token: string;
let versionId: string;

beforeAll(async () => {
  const chromiumOptions = chromiumLaunchOptions();
  const bundle = await build(browserBundleOptions(new URL(".", import.meta.url), "cadastoOpenEhr"));
  h = await harness();
  versionId = await h.upload("minimal_evaluation.en.v1.opt");
  token = (await h.auth.getToken()).value;
  browser = await chromium.launch(chromiumOptions);
  page = await browser.newPage();
  await page.goto(`${h.sandbox.authBaseUrl}/.well-known/smart-configuration`);
  await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? "" });
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

interface BrowserRun {
  ehrId: string;
  uid: string;
  template: string;
  rows: number;
  stale: { guard: boolean; code: string; status: number };
  refused: { code: string; field: string };
  unchanged: boolean;
}

test("in Chromium: create an EHR, commit pinned to a version, update with a stale If-Match, AQL rows, ids refused", async () => {
  const before = h.sandbox.stats.apiRequests;
  const result = await page.evaluate(
    async ([baseUrl, bearer, pinned, sent]): Promise<BrowserRun> => {
      const lib = (globalThis as unknown as { cadastoOpenEhr: typeof import("./mod.ts") }).cadastoOpenEhr;
      const auth = { getToken: async () => ({ value: bearer }), invalidate: () => undefined };
      const client = lib.createOpenEhrClient({ baseUrl, auth });
      const copy = structuredClone(sent);
      const { ehrId } = await client.ehrs.create();
      const first = await client.compositions.create(ehrId, copy, { templateId: pinned });
      await client.compositions.update(ehrId, first.objectId, copy, { ifMatch: first.uid });
      const stale = await client.compositions.update(ehrId, first.objectId, copy, { ifMatch: first.uid }).catch((e: unknown) => e);
      const rows: { uid: string; template: string }[] = [];
      const query = lib.aql<{
        uid: string;
        template: string;
      }>`SELECT c/uid/value AS uid, c/archetype_details/template_id/value AS template FROM EHR e CONTAINS COMPOSITION c WHERE e/ehr_id/value = ${ehrId}`;
      for await (const row of client.query.rows(query, { pageSize: 1 })) rows.push(row);
      const refused = await client.ehrs.get("../definition").catch((e: unknown) => e);
      return {
        ehrId,
        uid: first.uid,
        template: rows[0]?.template ?? "",
        rows: rows.length,
        stale: {
          guard: lib.isPreconditionFailedError(stale),
          code: (stale as { code: string }).code,
          status: (stale as { status: number }).status,
        },
        refused: { code: (refused as { code: string }).code, field: (refused as { field: string }).field },
        unchanged: JSON.stringify(copy) === JSON.stringify(sent),
      };
    },
    [h.sandbox.apiBaseUrl, token, versionId, composition("minimal_evaluation.json")] as const,
  );
  expect(result.ehrId).toMatch(/^[0-9a-f-]{36}$/);
  expect(result.uid).toMatch(/::1$/);
  expect(result.template).toBe(versionId);
  expect(result.rows).toBe(1);
  expect(result.stale).toEqual({ guard: true, code: "precondition_failed", status: 412 });
  expect(result.refused).toEqual({ code: "invalid_option", field: "ehrId" });
  expect(result.unchanged).toBe(true);
  // create, commit, update, stale update, two AQL pages: the refused get sent nothing.
  expect(h.sandbox.stats.apiRequests - before).toBe(6);
});
