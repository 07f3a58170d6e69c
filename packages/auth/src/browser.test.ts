// clientCredentials() in a real browser (headless Chromium) against the real
// sandbox: the package bundled from src with esbuild, ESM with code splitting, as
// a web app's bundler ships it; the page imports the chunks by URL, so the
// private_key_jwt chunk is fetched by the browser only when a key source asks
// for its first token, the token store chunk only when a source with a `store`
// renews. The page lives on the sandbox's origin (the sandbox sends
// no CORS headers); the chunks are answered by Playwright's request routing.
import { fileURLToPath } from "node:url";
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import { build, type OutputFile } from "esbuild";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { chromiumLaunchOptions } from "../../../test-support/chromium.ts";
import { generateSigningKey } from "./generate_signing_key.ts";

const BUNDLE = "/__cadasto_auth/";

let sandbox: Sandbox;
let browser: Browser;
let chunks: Map<string, string>;
let keyChunk: string;
let storeChunk: string;
let pems: { rs: string; es: string };

beforeAll(async () => {
  const launchOptions = chromiumLaunchOptions();
  const bundle = await build({
    stdin: { contents: 'export * from "./mod.ts";', resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "ts" },
    bundle: true,
    splitting: true,
    format: "esm",
    outdir: "/out",
    entryNames: "mod",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  chunks = new Map(bundle.outputFiles.map((file: OutputFile) => [file.path.replace(/^\/out\//, ""), file.text]));
  const chunkOf = (module: string): string => {
    const names = [...chunks.keys()].filter((name) => name.startsWith(module));
    expect(names, `one chunk for ${module}`).toHaveLength(1);
    return names[0] as string;
  };
  keyChunk = chunkOf("_key_reader");
  storeChunk = chunkOf("_store_renewal");
  const [rs, es] = await Promise.all([
    generateSigningKey({ algorithm: "RS384", keyId: "rs-1" }),
    generateSigningKey({ algorithm: "ES384", keyId: "es-1" }),
  ]);
  pems = { rs: rs.privateKeyPem, es: es.privateKeyPem };
  sandbox = await startSandbox({
    clients: [
      { clientId: "secret-client", clientSecret: "a-browser-test-secret" },
      { clientId: "key-client", jwks: { keys: [rs.publicJwk, es.publicJwk] } },
    ],
  });
  browser = await chromium.launch(launchOptions);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

/** A page on the sandbox's origin that serves the bundle's chunks; `requested` lists each chunk fetch; `failing` answers 404 the first time it is asked for. */
async function openPage(failing?: string): Promise<{ page: Page; requested: string[] }> {
  const page = await browser.newPage();
  const requested: string[] = [];
  await page.route(`${sandbox.authBaseUrl}${BUNDLE}**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(BUNDLE.length);
    requested.push(name);
    const body = chunks.get(name);
    if (body === undefined || (name === failing && requested.filter((n) => n === name).length === 1)) {
      return route.fulfill({ status: 404, body: "not found" });
    }
    return route.fulfill({ status: 200, contentType: "text/javascript", body });
  });
  // oidc-provider refuses a token request whose Origin is not registered for the client, and the
  // sandbox registers none: the request is relayed to the real token endpoint without its Origin.
  await page.route(sandbox.tokenEndpoint, async (route) => {
    const { origin: _origin, ...headers } = route.request().headers();
    await route.fulfill({ response: await route.fetch({ headers }) });
  });
  await page.goto(`${sandbox.authBaseUrl}/.well-known/smart-configuration`);
  // The bundle's exports, imported as a web app's module script does.
  await page.addScriptTag({ type: "module", content: `import * as lib from "${BUNDLE}mod.js"; globalThis.cadastoAuth = lib;` });
  await page.waitForFunction(() => "cadastoAuth" in globalThis);
  return { page, requested };
}

interface Run {
  refused: { name: string; code: string; field: string; message: string };
  afterRefusal: number;
  secretToken: number;
  afterSecret: number;
  afterKeyConstruction: number;
  keyTokens: number[];
  afterKeys: number;
}

test("in Chromium: a secret source never loads the private_key_jwt chunk; a key source loads it once, on its first token request", async () => {
  const { page, requested } = await openPage();
  const countKeyChunk = () => requested.filter((name) => name === keyChunk).length;
  await page.exposeFunction("keyChunkFetches", countKeyChunk);
  const run = await page.evaluate(
    async ([tokenEndpoint, audience, rs, es]): Promise<Run> => {
      const lib = (globalThis as unknown as { cadastoAuth: typeof import("./mod.ts") }).cadastoAuth;
      const fetches = (globalThis as unknown as { keyChunkFetches: () => Promise<number> }).keyChunkFetches;
      const common = { tokenEndpoint, audience, dangerouslyAllowBrowser: true };
      let refused: Run["refused"] = { name: "", code: "", field: "", message: "" };
      try {
        lib.clientCredentials({ ...common, clientId: "key-client", privateKey: rs.replace(/PRIVATE KEY/g, "RSA PRIVATE KEY") });
      } catch (error) {
        const { name, code, field, message } = error as Run["refused"];
        refused = { name, code, field, message };
      }
      const afterRefusal = await fetches();
      const secret = lib.clientCredentials({ ...common, clientId: "secret-client", clientSecret: "a-browser-test-secret" });
      const secretToken = (await secret.getToken()).value.split(".").length;
      const afterSecret = await fetches();
      const rsSource = lib.clientCredentials({ ...common, clientId: "key-client", privateKey: rs, keyId: "rs-1" });
      const esSource = lib.clientCredentials({ ...common, clientId: "key-client", privateKey: es, keyId: "es-1" });
      const afterKeyConstruction = await fetches();
      const keyTokens = [(await rsSource.getToken()).value.split(".").length, (await esSource.getToken()).value.split(".").length];
      return { refused, afterRefusal, secretToken, afterSecret, afterKeyConstruction, keyTokens, afterKeys: await fetches() };
    },
    [sandbox.tokenEndpoint, sandbox.apiBaseUrl, pems.rs, pems.es] as const,
  );
  await page.close();
  expect(run.refused).toMatchObject({ name: "AuthOptionsError", code: "invalid_option", field: "privateKey" });
  expect(run.refused.message).toMatch(/openssl pkcs8 -topk8/);
  expect([run.afterRefusal, run.afterSecret, run.afterKeyConstruction]).toEqual([0, 0, 0]);
  expect(run.secretToken).toBe(3);
  expect(run.keyTokens).toEqual([3, 3]);
  expect(run.afterKeys).toBe(1);
});

test("in Chromium: a private_key_jwt chunk that fails to load is a CredentialError load_failed; the next token request loads it", async () => {
  const { page, requested } = await openPage(keyChunk);
  const before = sandbox.stats.tokenRequests;
  const [failure, retried] = await page.evaluate(
    async ([tokenEndpoint, audience, es]) => {
      const lib = (globalThis as unknown as { cadastoAuth: typeof import("./mod.ts") }).cadastoAuth;
      const source = lib.clientCredentials({
        tokenEndpoint,
        audience,
        clientId: "key-client",
        privateKey: es,
        keyId: "es-1",
        dangerouslyAllowBrowser: true,
      });
      const error = await source.getToken().catch((e: unknown) => e);
      const { name, code, field, message } = error as { name: string; code: string; field: string; message: string };
      const shown = { name, code, field, message, guard: lib.isCredentialError(error), hasCause: (error as Error).cause !== undefined };
      return [shown, (await source.getToken()).value.split(".").length] as const;
    },
    [sandbox.tokenEndpoint, sandbox.apiBaseUrl, pems.es] as const,
  );
  await page.close();
  expect(failure).toMatchObject({ name: "CredentialError", code: "load_failed", field: "privateKey", guard: true, hasCause: true });
  expect(failure.message).toMatch(/could not be loaded.*the next token request tries again/);
  expect(failure.message).not.toContain("PRIVATE KEY");
  expect(retried).toBe(3);
  expect(requested.filter((name) => name === keyChunk)).toHaveLength(2);
  // The failed load sent nothing; the retry sent one token request.
  expect(sandbox.stats.tokenRequests).toBe(before + 1);
});

test("in Chromium: the token store chunk loads on a stored source's first renewal; when it fails to load the store is bypassed", async () => {
  const { page, requested } = await openPage(storeChunk);
  const fetches = () => requested.filter((name) => name === storeChunk).length;
  const common = [sandbox.tokenEndpoint, sandbox.apiBaseUrl] as const;
  const runStep = (withStore: boolean) =>
    page.evaluate(
      async ([tokenEndpoint, audience, stored]) => {
        const lib = (globalThis as unknown as { cadastoAuth: typeof import("./mod.ts") }).cadastoAuth;
        const events: string[] = [];
        const source = lib.clientCredentials({
          tokenEndpoint,
          audience,
          clientId: "secret-client",
          clientSecret: "a-browser-test-secret",
          dangerouslyAllowBrowser: true,
          onEvent: (event) => events.push(event.type === "store.error" ? `store.error ${event.operation}: ${event.message}` : event.type),
          ...(stored ? { store: lib.memoryTokenStore() } : {}),
        });
        const token = await source.getToken();
        return { parts: token.value.split(".").length, events };
      },
      [...common, withStore] as const,
    );
  const unstored = await runStep(false);
  expect(unstored.parts).toBe(3);
  expect(fetches()).toBe(0);
  // The first load fails (404): the store is bypassed like a store that fails, and the token comes from the endpoint.
  const bypassed = await runStep(true);
  expect(bypassed.parts).toBe(3);
  expect(bypassed.events.filter((e) => e.startsWith("store.error"))).toEqual([
    expect.stringMatching(/^store\.error get: .*_store_renewal/),
  ]);
  // The next renewal loads it and goes through the store.
  const stored = await runStep(true);
  expect(stored.parts).toBe(3);
  expect(stored.events.some((e) => e.startsWith("store.error"))).toBe(false);
  expect(stored.events).toContain("lease.acquired");
  expect([...unstored.events, ...bypassed.events]).not.toContain("lease.acquired");
  expect(fetches()).toBe(2);
  await page.close();
});
