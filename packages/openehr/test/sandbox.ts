// Test helper: a real sandbox over HTTP, a token from @cadasto/auth, the
// openEHR client under test, a templates client for the OPTs, and the real
// composition fixtures (attribution: fixtures/compositions/SOURCES.md).
import { readFileSync } from "node:fs";
import { clientCredentials, type TokenSource } from "@cadasto/auth";
import { type Sandbox, startSandbox } from "@cadasto/sandbox";
import { createTemplatesClient, type TemplatesClient } from "@cadasto/templates";
import { expect } from "vitest";
import { createOpenEhrClient, isRestClientError, type OpenEhrClient } from "../src/mod.ts";

export const FIXTURES: URL = new URL("../../../fixtures/", import.meta.url);

/** A composition fixture as JSON, without the `uid` of the system that wrote it. */
export function composition(file: string): Record<string, unknown> {
  const value = JSON.parse(readFileSync(new URL(`compositions/${file}`, FIXTURES), "utf8").replace(/^\uFEFF/, "")) as Record<
    string,
    unknown
  >;
  delete value.uid;
  return value;
}

/** An OPT fixture's bytes. */
export function opt(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`templates/${file}`, FIXTURES)));
}

export interface CompositionFixture {
  readonly file: string;
  readonly opt: string;
  readonly templateId: string;
  readonly format: "canonical" | "flat";
}

/** Every composition fixture with its OPT, template id and format, read from the table in SOURCES.md. */
export const PAIRS: readonly CompositionFixture[] = readFileSync(new URL("compositions/SOURCES.md", FIXTURES), "utf8")
  .split("\n")
  .flatMap((line) => {
    const cells = line.split("|").map((cell) => cell.trim().replace(/^`|`$/g, ""));
    const [, file = "", format = "", templateId = "", optFile = ""] = cells;
    if (!file.endsWith(".json")) return [];
    return [{ file, opt: optFile, templateId, format: format.startsWith("FLAT") ? "flat" : "canonical" } as const];
  });

export interface Harness {
  readonly sandbox: Sandbox;
  readonly auth: TokenSource;
  readonly client: OpenEhrClient;
  readonly templates: TemplatesClient;
  /** Uploads an OPT fixture; resolves with the new version's `{template_id}::{uid}`. */
  upload(file: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts a sandbox and the clients. */
export async function harness(): Promise<Harness> {
  const sandbox = await startSandbox();
  const auth = clientCredentials({
    tokenEndpoint: sandbox.tokenEndpoint,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    audience: sandbox.apiBaseUrl,
    scope: ["api.read", "api.write"],
  });
  const templates = createTemplatesClient({ baseUrl: sandbox.apiBaseUrl, auth });
  return {
    sandbox,
    auth,
    client: createOpenEhrClient({ baseUrl: sandbox.apiBaseUrl, auth }),
    templates,
    upload: async (file) => (await templates.upload(opt(file))).versionId,
    close: () => sandbox.close(),
  };
}

/** A copy without the fields a server assigns (uid) or may normalise away, for equality checks. */
export function withoutServerFields(value: Record<string, unknown>): Record<string, unknown> {
  const { uid: _uid, ...rest } = value;
  return rest;
}

/** Asserts `call` fails with `invalid_option` naming `field`, and the sandbox saw no request. */
export async function expectRefusedBeforeRequest(h: Harness, call: () => Promise<unknown>, field: string): Promise<void> {
  const before = h.sandbox.stats.apiRequests;
  const error = await call().catch((e: unknown) => e);
  expect(isRestClientError(error)).toBe(true);
  expect(error).toMatchObject({ code: "invalid_option", field });
  expect(h.sandbox.stats.apiRequests).toBe(before);
}
