import { ensureTemplate } from "./ensure_template.ts";
import { getTemplate, getTemplateBytes } from "./get_template.ts";
import { listTemplates } from "./list_templates.ts";
import type { OptSource } from "./read_opt_metadata.ts";
import { templatesApi } from "./_templates_api.ts";
import type { TemplateListEntry } from "./template_list_entry.ts";
import { templateVersions } from "./template_versions.ts";
import type {
  EnsureResult,
  GetOptions,
  ListFilter,
  RequestOptions,
  TemplatesClientOptions,
  UploadOptions,
  UploadResult,
  WebTemplate,
} from "./templates_client_options.ts";
import { uploadTemplate } from "./upload_template.ts";

/**
 * A client of the openEHR Definition API for ADL 1.4 templates; see
 * {@linkcode createTemplatesClient}.
 *
 * @example Pass the client around by its type
 * ```ts
 * import { createTemplatesClient, type TemplatesClient } from "@cadasto/templates";
 * async function latest(templates: TemplatesClient, templateId: string): Promise<string | undefined> {
 *   const [newest] = await templates.versions(templateId);
 *   return newest?.versionId;
 * }
 * console.log(await latest(createTemplatesClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" }), "Demo Vitals"));
 * ```
 */
export interface TemplatesClient {
  /** The validated base URL, without a trailing slash. */
  readonly baseUrl: string;
  /**
   * Uploads an OPT after checking it locally with `readOptMetadata` (a broken
   * file never reaches the network).
   *
   * @param opt The OPT as a string, bytes, a `Blob` or a byte stream (read whole; sent byte for byte).
   * @param options `prefer`, `onProgress`, `signal`.
   * @returns The version id, from `Location`, else `ETag`, else the OPT's template id.
   * @throws {OptError} When the file is not a usable OPT (before any request).
   * @throws {TemplateConflictError} 409 from a server that keeps one version per template id.
   * @throws {TemplatesApiError} Any other error status.
   * @throws {TemplatesClientError} `network_error`, `timeout`, `invalid_option`; an `onProgress` that throws rejects with its own error.
   *
   * @example Upload an OPT file and keep its version id
   * ```ts
   * import { readFile } from "node:fs/promises";
   * import type { TemplatesClient } from "@cadasto/templates";
   * declare const templates: TemplatesClient;
   * const { versionId } = await templates.upload(await readFile("Demo_Vitals.opt"));
   * console.log(versionId); // "Demo Vitals::<uid>"
   * ```
   */
  upload(opt: OptSource, options?: UploadOptions): Promise<UploadResult>;
  /**
   * Lists template versions (Cadasto lists every version; a plain openEHR
   * server only the latest of each template).
   *
   * @param filter An optional `templateId` and `signal`.
   * @returns The entries in the server's order.
   * @throws {TemplatesApiError} An error status.
   * @throws {TemplatesClientError} `network_error`, `timeout`, `invalid_response`.
   *
   * @example Every version of one template id
   * ```ts
   * import type { TemplatesClient } from "@cadasto/templates";
   * declare const templates: TemplatesClient;
   * const entries = await templates.list({ templateId: "Demo Vitals" });
   * for (const entry of entries) console.log(entry.versionId, entry.createdTimestamp);
   * ```
   */
  list(filter?: ListFilter): Promise<TemplateListEntry[]>;
  /**
   * The versions of one template, latest first by `created_timestamp`, ties
   * broken as the server orders them (a higher `version` number first, else
   * the one it lists later). One entry on a server that keeps only the
   * latest; none when unknown.
   *
   * @param templateId A template id without a `::{uid}` suffix.
   * @param options `signal`.
   * @returns The versions, latest first.
   * @throws {TemplateIdError} An empty id.
   * @throws {TemplatesClientError} `invalid_option` for a version id, `network_error`, `invalid_response`.
   * @throws {TemplatesApiError} An error status.
   *
   * @example The latest version of a template
   * ```ts
   * import type { TemplatesClient } from "@cadasto/templates";
   * declare const templates: TemplatesClient;
   * const [latest] = await templates.versions("Demo Vitals");
   * console.log(latest?.versionId ?? "not uploaded yet");
   * ```
   */
  versions(templateId: string, options?: RequestOptions): Promise<TemplateListEntry[]>;
  /**
   * Reads a template as OPT XML (the exact bytes decoded as UTF-8, a BOM kept).
   *
   * @param id A `template_id` (the latest version) or `{template_id}::{uid}`.
   * @param options `format: "opt"` (default), `signal`.
   * @returns The OPT text.
   * @throws {TemplatesApiError} `not_found` (404) and other error statuses.
   * @throws {TemplatesClientError} `invalid_option` for an id `.` or `..` (it would reach another URL).
   *
   * @example Read one pinned version as OPT XML
   * ```ts
   * import type { TemplatesClient } from "@cadasto/templates";
   * declare const templates: TemplatesClient;
   * const opt = await templates.get("Demo Vitals::0c05260d-421a-402e-bc65-dc8e3cc529a8");
   * console.log(opt.length);
   * ```
   */
  get(id: string, options?: GetOptions<"opt">): Promise<string>;
  /**
   * Reads a template as an openEHR web template (JSON).
   *
   * @param id A `template_id` (the latest version) or `{template_id}::{uid}`.
   * @param options `format: "web-template"`, `signal`.
   * @returns The parsed web template.
   * @throws {TemplatesApiError} `not_acceptable` (406) when the server has no web templates, `not_found`, …
   *
   * @example Read the latest version as a web template
   * ```ts
   * import type { TemplatesClient } from "@cadasto/templates";
   * declare const templates: TemplatesClient;
   * const webTemplate = await templates.get("Demo Vitals", { format: "web-template" });
   * console.log(webTemplate);
   * ```
   */
  get(id: string, options: GetOptions<"web-template">): Promise<WebTemplate>;
  /**
   * Reads a template's bytes exactly as the server sent them (the OPT, or the
   * web template's JSON with `format: "web-template"`), for a file or a hash.
   *
   * @param id A `template_id` (the latest version) or `{template_id}::{uid}`.
   * @param options `format`, `signal`.
   * @returns The bytes.
   * @throws {TemplatesApiError} `not_found` (404) and other error statuses.
   */
  getBytes(id: string, options?: GetOptions): Promise<Uint8Array>;
  /**
   * Uploads the OPT only when the latest version of its template id has
   * different bytes (SHA-256 compared), so a CI pipeline can run it on every
   * build without piling up identical versions. Concurrent calls on the same
   * bytes share one check-and-upload; separate processes can still race (see
   * {@linkcode ensureTemplate}).
   *
   * @param opt The OPT, as for `upload`.
   * @param options `onProgress`, `signal`.
   * @returns Whether it uploaded, and the version id.
   * @throws {OptError} When the file is not a usable OPT (before any request).
   * @throws {TemplatesApiError} An error status (a 409 as {@linkcode TemplateConflictError}).
   *
   * @example Upload from CI only when the file changed
   * ```ts
   * import { readFile } from "node:fs/promises";
   * import type { TemplatesClient } from "@cadasto/templates";
   * declare const templates: TemplatesClient;
   * const { uploaded, versionId } = await templates.ensure(await readFile("Demo_Vitals.opt"));
   * console.log(uploaded ? `uploaded ${versionId}` : `unchanged: ${versionId}`);
   * ```
   */
  ensure(opt: OptSource, options?: Omit<UploadOptions, "prefer">): Promise<EnsureResult>;
}

/**
 * Creates a client of the openEHR Definition API for ADL 1.4 operational
 * templates: `upload`, `list`, `versions`, `get` and `ensure`. Options are
 * checked here, before any request: the base URL must be absolute and https
 * (http on loopback hosts only: 127.0.0.0/8, [::1], localhost). Ids are
 * URL-encoded (spaces, `::`, non-ASCII such as `Körpergröße`); `.` and `..`
 * are refused. Each method is one of this package's operation functions
 * ({@linkcode uploadTemplate}, {@linkcode listTemplates},
 * {@linkcode templateVersions}, {@linkcode getTemplate},
 * {@linkcode getTemplateBytes}, {@linkcode ensureTemplate}) bound to one REST
 * client of `@cadasto/rest` that builds this package's errors.
 *
 * @param options The base URL, and optionally a token source, a fetch or a ky instance, retry, timeout, hooks.
 * @returns The client.
 * @throws {TemplatesClientError} `invalid_base_url` or `invalid_option`, naming the field.
 *
 * @example Upload an OPT with client credentials
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import { clientCredentials } from "@cadasto/auth";
 * import { createTemplatesClient } from "@cadasto/templates";
 * const apiBaseUrl = "https://acme.api.prod.cadasto.io/openehr/v1";
 * const auth = clientCredentials({
 *   tokenEndpoint: "https://acme.auth.prod.cadasto.io/oauth2/token",
 *   clientId: "ci-pipeline",
 *   clientSecret: process.env.CADASTO_CLIENT_SECRET ?? "",
 *   audience: apiBaseUrl,
 *   scope: ["api.read", "api.write"],
 * });
 * const templates = createTemplatesClient({ baseUrl: apiBaseUrl, auth });
 * const result = await templates.ensure(await readFile("Demo_Vitals.opt"));
 * console.log(result.uploaded ? `uploaded ${result.versionId}` : "unchanged");
 * ```
 */
export function createTemplatesClient(options: TemplatesClientOptions): TemplatesClient {
  const api = templatesApi(options);
  return {
    baseUrl: api.baseUrl,
    upload: (opt, uploadOptions) => uploadTemplate(api, opt, uploadOptions),
    list: (filter) => listTemplates(api, filter),
    versions: (templateId, versionOptions) => templateVersions(api, templateId, versionOptions),
    get: ((id: string, getOptions?: GetOptions) => getTemplate(api, id, getOptions as GetOptions<"opt">)) as TemplatesClient["get"],
    getBytes: (id, getOptions) => getTemplateBytes(api, id, getOptions),
    ensure: (opt, ensureOptions) => ensureTemplate(api, opt, ensureOptions),
  };
}
