// createTemplatesClient() in a real browser (headless Chromium) against the
// real sandbox: the library bundled from src with esbuild, as a web app would
// ship it. The page is served by the sandbox itself, so the API is same-origin
// (the sandbox sends no CORS headers). The token comes from @cadasto/auth in
// this process: clientCredentials() refuses to run in a browser, where a
// client secret would leak, so a browser app gets its tokens from a backend.
import { clientCredentials } from "@cadasto/auth";
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import { build } from "esbuild";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { browserBundleOptions, chromiumLaunchOptions } from "../../../test-support/chromium.ts";
import { loadFixtures } from "../test/fixtures.ts";

const demo = loadFixtures().find((f) => f.file === "Demo_Vitals.opt");
if (demo === undefined) throw new Error("no Demo_Vitals.opt fixture");
const demoText = new TextDecoder("utf-8", { ignoreBOM: true }).decode(demo.bytes);

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let token: string;

beforeAll(async () => {
  const chromiumOptions = chromiumLaunchOptions();
  const bundle = await build(browserBundleOptions(new URL(".", import.meta.url), "cadastoTemplates"));
  sandbox = await startSandbox();
  token = (
    await clientCredentials({
      tokenEndpoint: sandbox.tokenEndpoint,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      audience: sandbox.apiBaseUrl,
      scope: ["api.read", "api.write"],
    }).getToken()
  ).value;
  browser = await chromium.launch(chromiumOptions);
  page = await browser.newPage();
  await page.goto(`${sandbox.authBaseUrl}/.well-known/smart-configuration`);
  await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? "" });
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

interface BrowserRun {
  versionId: string;
  source: string;
  progress: number[];
  ensured: boolean;
  sameText: boolean;
  sha256: string;
  notFound: { guard: boolean; code: string; status: number };
  notAcceptable: string;
}

test("in Chromium: upload with progress at 0 and the end, ensure by Web Crypto, get keeps the BOM, typed errors", async () => {
  const result = await page.evaluate(
    async ([baseUrl, bearer, text]): Promise<BrowserRun> => {
      // The bundle's exports, as a web app would import them.
      const lib = (globalThis as unknown as { cadastoTemplates: typeof import("./mod.ts") }).cadastoTemplates;
      const auth = {
        getToken: async () => ({ value: bearer, expiresAt: Date.now() + 60_000, scope: ["api.read", "api.write"], tokenType: "Bearer" }),
        invalidate: () => undefined,
      };
      const templates = lib.createTemplatesClient({ baseUrl, auth });
      const bytes = new TextEncoder().encode(text);
      const progress: number[] = [];
      const uploaded = await templates.upload(bytes, { onProgress: (e) => progress.push(e.loaded) });
      const ensured = await templates.ensure(bytes);
      const back = await templates.get(uploaded.versionId);
      const failure = await templates.get("No Such Template").catch((e: unknown) => e);
      const notAcceptable = await templates.get(uploaded.versionId, { format: "web-template" }).catch((e: unknown) => e);
      return {
        versionId: uploaded.versionId,
        source: uploaded.source,
        progress,
        ensured: ensured.uploaded,
        sameText: back === text,
        sha256: ensured.sha256,
        notFound: {
          guard: lib.isTemplatesApiError(failure),
          code: (failure as { code: string }).code,
          status: (failure as { status: number }).status,
        },
        notAcceptable: (notAcceptable as { code: string }).code,
      };
    },
    [sandbox.apiBaseUrl, token, demoText] as const,
  );
  expect(result.versionId).toMatch(/^Demo Vitals::[0-9a-f-]{36}$/);
  expect(result.source).toBe("location");
  // Browsers get the body in one piece: progress is reported at 0 and at the end.
  expect(result.progress).toEqual([0, demo.bytes.length]);
  expect(result.ensured).toBe(false);
  expect(result.sha256).toBe(demo.sha256);
  expect(result.sameText).toBe(true);
  expect(result.notFound).toEqual({ guard: true, code: "not_found", status: 404 });
  expect(result.notAcceptable).toBe("not_acceptable");
});
