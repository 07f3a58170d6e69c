import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { type ClientCredentialsOptions, clientCredentials } from "@cadasto/auth";
import { discover, openEhrBaseUrl } from "@cadasto/discovery";
import {
  createTemplatesClient,
  isTemplateConflictError,
  readOptMetadata,
  type TemplateListEntry,
  type UploadResult,
} from "@cadasto/templates";
import { step } from "./_step.ts";
import { type ClinicalDataResult, DEFAULT_CLINICAL, runClinicalData } from "./clinical_data.ts";

/** Options of {@linkcode runQuickStart}. */
export interface QuickStartOptions {
  /** The auth server's base URL: discovery is read from `<authBaseUrl>/.well-known/smart-configuration`. */
  readonly authBaseUrl: string;
  /** The openEHR base URL; used instead of discovery's when `apiBaseUrlOverrides`, else only when discovery advertises none. */
  readonly apiBaseUrl?: string | undefined;
  /** Whether `apiBaseUrl` wins over the discovered one (`CADASTO_API_URL`). */
  readonly apiBaseUrlOverrides?: boolean | undefined;
  readonly clientId: string;
  /** The client secret (or a provider of it); or give `privateKey` for private_key_jwt. */
  readonly clientSecret?: ClientCredentialsOptions["clientSecret"];
  /** The private key (or a provider of it) for private_key_jwt, with `keyId` and `algorithm` when the key does not carry them. */
  readonly privateKey?: ClientCredentialsOptions["privateKey"];
  readonly keyId?: string | undefined;
  readonly algorithm?: ClientCredentialsOptions["algorithm"];
  /** Scopes to request; default `api.read api.write`. */
  readonly scope?: readonly string[] | undefined;
  /** Two OPT files: the first is uploaded, then the second (ideally a new version of the same template_id). */
  readonly opts: readonly [string, string];
  /** The OPT and canonical composition of the clinical data steps; default minimal_evaluation (see {@linkcode DEFAULT_CLINICAL}). */
  readonly clinical?: { readonly opt: string; readonly composition: string } | undefined;
  /** Where each line of the report goes; default `console.log`. */
  readonly log?: ((line: string) => void) | undefined;
}

/** What the quick start did (no secret, no token). */
export interface QuickStartResult {
  readonly tokenEndpoint: string;
  readonly apiBaseUrl: string;
  readonly scope: readonly string[];
  readonly expiresAt: number;
  readonly uploads: readonly UploadResult[];
  readonly versions: readonly TemplateListEntry[];
  /** The version fetched back, and whether its bytes equal the uploaded file's. */
  readonly fetched: { readonly versionId: string; readonly bytes: number; readonly identical: boolean };
  /** The EHR, the compositions pinned to two template versions, and what AQL read back. */
  readonly clinical: ClinicalDataResult;
}

/** The fixtures the demo uploads by default: two versions of one template (family_history.v.1.2.3). */
export const DEFAULT_OPTS: readonly [string, string] = [
  new URL("../../../fixtures/templates/family_history.v.1.2.3.opt", import.meta.url).pathname,
  new URL("../../../fixtures/templates/family_history.v.1.2.3__updated.opt", import.meta.url).pathname,
];

const label = (name: string): string => `   ${name.padEnd(18)}`;

/**
 * Runs the quick start end to end and reports each step: discover the token
 * endpoint and the openEHR base URL, get a client credentials token (its
 * scope and expiry are printed, never the token), upload two OPTs, list the
 * template's versions, fetch one version by `{template_id}::{uid}`, then
 * create an EHR and commit a real composition against two versions of its
 * template, read back with AQL (see {@linkcode runClinicalData}).
 *
 * @param options Where to run and what to upload.
 * @returns What was done.
 * @throws {DemoError} `step_failed` naming the step, with the package's error as `cause`.
 */
export async function runQuickStart(options: QuickStartOptions): Promise<QuickStartResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const scope = options.scope ?? ["api.read", "api.write"];

  log(`1. Discover: GET ${new URL("/.well-known/smart-configuration", options.authBaseUrl)}`);
  const config = await step("discover", () => discover(options.authBaseUrl));
  const apiBaseUrl = await step("discover", async () =>
    options.apiBaseUrlOverrides === true && options.apiBaseUrl !== undefined
      ? options.apiBaseUrl
      : openEhrBaseUrl(config, options.apiBaseUrl === undefined ? {} : { fallback: options.apiBaseUrl }),
  );
  log(`${label("token endpoint")}${config.token_endpoint}`);
  log(`${label("auth methods")}${config.token_endpoint_auth_methods_supported?.join(", ") ?? "(not advertised)"}`);
  log(`${label("scopes offered")}${config.scopes_supported?.join(" ") ?? "(not advertised)"}`);
  log(`${label("openEHR base URL")}${apiBaseUrl}`);

  log(`2. Token: client credentials for client "${options.clientId}", audience ${apiBaseUrl}`);
  const tokens = clientCredentials({
    discovery: config,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    privateKey: options.privateKey,
    keyId: options.keyId,
    algorithm: options.algorithm,
    audience: apiBaseUrl,
    scope,
  });
  const token = await step("token", () => tokens.getToken());
  const minutes = Math.round((token.expiresAt - Date.now()) / 60_000);
  log(`${label("scope")}${token.scope.join(" ")}`);
  log(`${label("expires")}${new Date(token.expiresAt).toISOString()} (in ${minutes} minutes; renewed before then)`);

  const templates = createTemplatesClient({ baseUrl: apiBaseUrl, auth: tokens });
  const uploads: UploadResult[] = [];
  const files: Uint8Array[] = [];
  for (const [index, path] of options.opts.entries()) {
    const bytes = await step("read OPT", () => readFile(path));
    const meta = await step("read OPT", () => readOptMetadata(bytes));
    const again = index > 0 && meta.templateId === uploads[0]?.templateId;
    log(
      `3. Upload (${index + 1}/${options.opts.length}): ${basename(path)} (template_id "${meta.templateId}"${again ? ", a new version of the same template" : ""})`,
    );
    const result = await step("upload", async () => {
      try {
        return await templates.upload(bytes);
      } catch (error) {
        // A plain openEHR server keeps one version per template_id and answers 409.
        if (again && isTemplateConflictError(error)) return undefined;
        throw error;
      }
    });
    if (result === undefined) {
      log(`${label("409 Conflict")}this server keeps one version per template_id; continuing with the first upload`);
      continue;
    }
    uploads.push(result);
    files.push(bytes);
    log(`${label("version id")}${result.versionId}`);
  }

  const first = uploads[0] as UploadResult;
  log(`4. Versions of "${first.templateId}", latest first`);
  const versions = await step("versions", () => templates.versions(first.templateId));
  for (const version of versions) {
    log(`   - ${version.versionId}${version.createdTimestamp === undefined ? "" : `  created ${version.createdTimestamp}`}`);
  }

  const target = first.versionId;
  log(`5. Get: ${target} as OPT`);
  const opt = await step("get", () => templates.get(target, { format: "opt" }));
  const fetchedBytes = new TextEncoder().encode(opt);
  const original = files[0] as Uint8Array;
  const identical = fetchedBytes.length === original.length && fetchedBytes.every((byte, index) => byte === original[index]);
  log(
    `${label("received")}${fetchedBytes.length.toLocaleString("en")} bytes, ${identical ? "identical to the uploaded file" : "not byte-identical to the uploaded file"}`,
  );
  const clinical = await runClinicalData({ apiBaseUrl, auth: tokens, ...(options.clinical ?? DEFAULT_CLINICAL), log });
  log("Done: no secret and no token were printed.");

  return {
    tokenEndpoint: config.token_endpoint,
    apiBaseUrl,
    scope: token.scope,
    expiresAt: token.expiresAt,
    uploads,
    versions,
    fetched: { versionId: target, bytes: fetchedBytes.length, identical },
    clinical,
  };
}
