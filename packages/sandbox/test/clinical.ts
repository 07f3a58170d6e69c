import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { type Sandbox, startSandbox } from "../src/start_sandbox.ts";
import { fixture } from "./fixtures.ts";
import { accessToken } from "./helpers.ts";

/** The repository's real composition fixtures (attribution: fixtures/compositions/SOURCES.md). */
const COMPOSITIONS = fileURLToPath(new URL("../../../fixtures/compositions/", import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: compositions are open JSON
export type Json = any;

/** Reads a composition fixture as JSON (BOM dropped), without the writing system's uid. */
export async function composition(name: string): Promise<Json> {
  const value = JSON.parse((await readFile(`${COMPOSITIONS}${name}`, "utf8")).replace(/^\uFEFF/, ""));
  delete value.uid;
  return value;
}

/** Each composition fixture, its format and its OPT fixture. */
export const COMPOSITION_FIXTURES = [
  { file: "minimal_evaluation.json", opt: "minimal_evaluation.en.v1.opt", templateId: "minimal_evaluation.en.v1", format: "canonical" },
  { file: "minimal_instruction.json", opt: "minimal_instruction.en.v1.opt", templateId: "minimal_instruction.en.v1", format: "canonical" },
  { file: "demo_vitals_352.json", opt: "Demo_Vitals.opt", templateId: "Demo Vitals", format: "canonical" },
  {
    file: "ips_canonical.json",
    opt: "International_Patient_Summary.opt",
    templateId: "International Patient Summary",
    format: "canonical",
  },
  { file: "ips_flat.json", opt: "International_Patient_Summary.opt", templateId: "International Patient Summary", format: "flat" },
] as const;

/** A small client over plain fetch with a bearer token. */
export interface Api {
  readonly base: string;
  request(method: string, path: string, init?: { body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  json(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: Json }>;
  /** Uploads an OPT fixture; returns its `{template_id}::{uid}`. */
  upload(opt: string): Promise<string>;
  /** Creates an EHR; returns its id. */
  ehr(body?: unknown): Promise<string>;
  /** Commits a composition; returns the response. */
  commit(ehrId: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Builds an {@link Api} for a sandbox, with a token of `scope` (default both). */
export async function api(sb: Sandbox, scope?: string): Promise<Api> {
  const token = await accessToken(sb, scope);
  const request: Api["request"] = (method, path, init = {}) =>
    fetch(`${sb.apiBaseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }),
    });
  const json: Api["json"] = async (method, path, init) => {
    const response = await request(method, path, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
  };
  return {
    base: sb.apiBaseUrl,
    request,
    json,
    async upload(opt) {
      const response = await fetch(`${sb.apiBaseUrl}/definition/template/adl1.4`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/xml", prefer: "return=minimal" },
        body: await fixture(opt),
      });
      if (response.status !== 201) throw new Error(`upload of ${opt} failed: ${response.status} ${await response.text()}`);
      return (response.headers.get("etag") ?? "").slice(1, -1);
    },
    async ehr(body) {
      const response = await json("POST", "/ehr", { body, headers: { prefer: "return=representation" } });
      if (response.status !== 201) throw new Error(`EHR create failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.ehr_id.value;
    },
    commit(ehrId, body, headers = {}) {
      return request("POST", `/ehr/${ehrId}/composition`, { body, headers: { prefer: "return=minimal", ...headers } });
    },
  };
}

/** The version uid from a write's ETag. */
export function etagUid(response: Response): string {
  return (response.headers.get("etag") ?? "").replace(/^W\//, "").slice(1, -1);
}

/** Starts one sandbox for a describe block (closed after it) and an {@link Api} on it; read the fields inside tests. */
export function sandboxWithApi(): { readonly sb: Sandbox; readonly client: Api } {
  const state = {} as { sb: Sandbox; client: Api };
  beforeAll(async () => {
    state.sb = await startSandbox();
    state.client = await api(state.sb);
  });
  afterAll(() => state.sb.close());
  return state;
}
