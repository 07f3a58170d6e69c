import { authFetch, type TokenSource } from "@cadasto/auth";
import type { KyInstance } from "ky";
import { apiErrorFrom } from "./_api_error.ts";
import { checkBaseUrl } from "./_base_url.ts";
import { sha256Hex, toBytes } from "./_bytes.ts";
import { latestFirst, toEntries } from "./_list_entries.ts";
import { progressStream, supportsStreamingUpload } from "./_upload_body.ts";
import { versionFromEtag, versionFromLocation } from "./_version_headers.ts";
import { TemplatesClientError } from "./errors.ts";
import { type OptSource, readOptMetadata } from "./read_opt_metadata.ts";
import type { TemplateListEntry } from "./template_list_entry.ts";
import { formatTemplateVersionId, parseTemplateVersionId } from "./template_version_id.ts";

/**
 * Options of {@linkcode createTemplatesClient}: the base URL and at most one
 * of `fetch` or `ky`, plus an optional token source.
 *
 * @example A client for the local sandbox, sending with ky
 * ```ts
 * import ky from "ky";
 * import type { TokenSource } from "@cadasto/auth";
 * import { createTemplatesClient, type TemplatesClientOptions } from "@cadasto/templates";
 * declare const auth: TokenSource;
 * const options: TemplatesClientOptions = { baseUrl: "http://127.0.0.1:8080/openehr/v1", auth, ky: ky.create({ timeout: 60_000 }) };
 * const templates = createTemplatesClient(options);
 * ```
 */
export interface TemplatesClientOptions {
  /**
   * The openEHR API base URL, e.g. `https://acme.api.prod.cadasto.io/openehr/v1`
   * (from `cadastoUrls()` or `openEhrBaseUrl()` of `@cadasto/discovery`).
   * https, or http on a loopback host only.
   */
  readonly baseUrl: string | URL;
  /**
   * Where bearer tokens come from (`clientCredentials()` of `@cadasto/auth`).
   * Requests go through `authFetch(auth, …)`: a token on every request, and
   * one renewal and retry on a 401. Without it, requests carry no token.
   */
  readonly auth?: TokenSource | undefined;
  /** The fetch to use (default `globalThis.fetch`); mutually exclusive with `ky`. */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /**
   * A ky instance to send requests with (its hooks, retry and timeout apply;
   * HTTP errors become this package's typed errors). Give an instance without
   * `prefixUrl`: the client passes absolute URLs. ky is an optional peer
   * dependency: this package never imports it.
   */
  readonly ky?: KyInstance | undefined;
}

/**
 * Upload progress: the bytes handed to the network so far, of `total`.
 *
 * @example Print a percentage
 * ```ts
 * import type { UploadProgressEvent } from "@cadasto/templates";
 * const report = ({ loaded, total }: UploadProgressEvent) => console.log(`${((100 * loaded) / total).toFixed(0)}%`);
 * report({ loaded: 65_536, total: 204_767 });
 * ```
 */
export interface UploadProgressEvent {
  /** Bytes handed to the runtime's network layer so far. */
  readonly loaded: number;
  /** The body's size in bytes. */
  readonly total: number;
}

/**
 * Options of {@linkcode TemplatesClient.upload}.
 *
 * @example Upload with a progress line and a time limit
 * ```ts
 * import { createTemplatesClient, type UploadOptions } from "@cadasto/templates";
 * declare const opt: Uint8Array;
 * const options: UploadOptions = {
 *   onProgress: ({ loaded, total }) => console.log(`${Math.round((100 * loaded) / total)}%`),
 *   signal: AbortSignal.timeout(120_000),
 * };
 * await createTemplatesClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" }).upload(opt, options);
 * ```
 */
export interface UploadOptions {
  /** The `Prefer` header: `return=minimal` (default) or `return=representation`. */
  readonly prefer?: "return=minimal" | "return=representation" | undefined;
  /**
   * Called with the bytes sent so far. Where the runtime can stream a request
   * body (Node, Deno, Bun) the OPT is sent in 64 KiB chunks and each chunk is
   * reported as the network takes it; in browsers it is sent in one piece and
   * reported at 0 and at the end.
   */
  readonly onProgress?: ((event: UploadProgressEvent) => void) | undefined;
  /** Cancels the request. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * What {@linkcode TemplatesClient.upload} learnt about the new version.
 *
 * @example Keep the version id for a later get()
 * ```ts
 * import { createTemplatesClient, type UploadResult } from "@cadasto/templates";
 * declare const opt: string;
 * const templates = createTemplatesClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * const result: UploadResult = await templates.upload(opt);
 * if (result.source === "opt") console.warn("the server named no version");
 * const text = await templates.get(result.versionId);
 * ```
 */
export interface UploadResult {
  /** The template id (the OPT's root `template_id`). */
  readonly templateId: string;
  /** `{template_id}::{uid}`, or the plain template id when the server named no version. */
  readonly versionId: string;
  /** The version's uid, when the server named one. */
  readonly uid: string | undefined;
  /** The `Location` of the new version, when the server sent it. */
  readonly location: string | undefined;
  /** Where `versionId` came from: the `Location` header, the `ETag` header, or the OPT itself. */
  readonly source: "location" | "etag" | "opt";
}

/**
 * Options of {@linkcode TemplatesClient.list}.
 *
 * @example List the versions of one template
 * ```ts
 * import { createTemplatesClient, type ListFilter } from "@cadasto/templates";
 * const filter: ListFilter = { templateId: "Demo Vitals" };
 * const entries = await createTemplatesClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" }).list(filter);
 * console.log(entries.map((entry) => entry.versionId));
 * ```
 */
export interface ListFilter {
  /** Only versions of this template id (sent as `template_id` and applied to the answer too). */
  readonly templateId?: string | undefined;
  /** Cancels the request. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Options of {@linkcode TemplatesClient.get}.
 *
 * @example Read a web template
 * ```ts
 * import { createTemplatesClient, type GetOptions } from "@cadasto/templates";
 * const options: GetOptions<"web-template"> = { format: "web-template" };
 * const webTemplate = await createTemplatesClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" }).get("Demo Vitals", options);
 * console.log(Object.keys(webTemplate));
 * ```
 */
export interface GetOptions<F extends TemplateFormat = TemplateFormat> {
  /** `opt` (the XML, default) or `web-template` (openEHR web template JSON). */
  readonly format?: F | undefined;
  /** Cancels the request. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The formats {@linkcode TemplatesClient.get} can ask for: `opt`
 * (`application/xml`) or `web-template` (`application/openehr.wt+json`).
 *
 * @example Pick the format from a flag
 * ```ts
 * import type { TemplateFormat } from "@cadasto/templates";
 * declare const flag: string;
 * const format: TemplateFormat = flag === "web-template" ? "web-template" : "opt";
 * console.log(format);
 * ```
 */
export type TemplateFormat = "opt" | "web-template";

/**
 * An openEHR web template (`application/openehr.wt+json`), as parsed JSON.
 *
 * @example Read a web template's tree
 * ```ts
 * import { createTemplatesClient, type WebTemplate } from "@cadasto/templates";
 * const templates = createTemplatesClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" });
 * const webTemplate: WebTemplate = await templates.get("Demo Vitals", { format: "web-template" });
 * console.log(webTemplate.tree);
 * ```
 */
export type WebTemplate = Readonly<Record<string, unknown>>;

/**
 * Options of the calls that take nothing but a signal.
 *
 * @example Give up after ten seconds
 * ```ts
 * import { createTemplatesClient, type RequestOptions } from "@cadasto/templates";
 * const options: RequestOptions = { signal: AbortSignal.timeout(10_000) };
 * await createTemplatesClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" }).versions("Demo Vitals", options);
 * ```
 */
export interface RequestOptions {
  /** Cancels the request. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * What {@linkcode TemplatesClient.ensure} did.
 *
 * @example Report it in a CI log
 * ```ts
 * import { createTemplatesClient, type EnsureResult } from "@cadasto/templates";
 * declare const opt: Uint8Array;
 * const result: EnsureResult = await createTemplatesClient({ baseUrl: "http://127.0.0.1:8080/openehr/v1" }).ensure(opt);
 * console.log(`${result.uploaded ? "uploaded" : "unchanged"} ${result.versionId} (sha256 ${result.sha256})`);
 * ```
 */
export interface EnsureResult {
  /** `true` when the OPT was uploaded, `false` when the latest version already has the same bytes. */
  readonly uploaded: boolean;
  /** The template id. */
  readonly templateId: string;
  /** The new version's id, or the unchanged latest version's id. */
  readonly versionId: string;
  /** That version's uid, when known. */
  readonly uid: string | undefined;
  /** The new version's `Location`, when uploaded and sent by the server. */
  readonly location: string | undefined;
  /** SHA-256 of the OPT's bytes, lower-case hex. */
  readonly sha256: string;
}

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
   * @throws {TemplatesClientError} `network_error`, `invalid_option`.
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
   * @throws {TemplatesClientError} `network_error`, `invalid_response`.
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
   * The versions of one template, latest first by `created_timestamp` (one
   * entry on a server that keeps only the latest; none when unknown).
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
   * Uploads the OPT only when the latest version of its template id has
   * different bytes (SHA-256 compared), so a CI pipeline can run it on every
   * build without piling up identical versions.
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

const TEMPLATES_PATH = "/definition/template/adl1.4";
const WEB_TEMPLATE_MEDIA_TYPE = "application/openehr.wt+json";

/**
 * Creates a client of the openEHR Definition API for ADL 1.4 operational
 * templates: `upload`, `list`, `versions`, `get` and `ensure`. Options are
 * checked here, before any request: the base URL must be absolute and https
 * (http on loopback hosts only, for the sandbox). Ids are URL-encoded
 * (spaces, `::`, non-ASCII such as `Körpergröße`).
 *
 * @param options The base URL, and optionally a token source, a fetch or a ky instance.
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
  if (typeof options !== "object" || options === null) {
    throw new TemplatesClientError("invalid_option", "createTemplatesClient() takes an options object with a baseUrl.", {
      field: "options",
    });
  }
  const baseUrl = checkBaseUrl(options.baseUrl);
  const fetchWith = transport(options);
  const collection = `${baseUrl}${TEMPLATES_PATH}`;
  const itemUrl = (id: string) => `${collection}/${encodeURIComponent(id)}`;

  /** Sends `init` (which names the method) to `url`; an error status or no answer becomes a typed error. */
  async function request(url: string, init: RequestInit & { method: string }): Promise<Response> {
    const { method } = init;
    init.signal?.throwIfAborted();
    let response: Response;
    try {
      response = await fetchWith(url, init);
    } catch (error) {
      // fetch() rejects with a TypeError when no answer came; anything else
      // (an abort, an OAuth error from the token source, a ky timeout) passes through.
      if (init.signal?.aborted || !(error instanceof TypeError)) throw error;
      // Node puts the system error (ECONNREFUSED, ENOTFOUND, …) in the cause.
      const code = (error.cause as { code?: unknown } | undefined)?.code;
      const reason = typeof code === "string" ? `${error.message}: ${code}` : error.message;
      throw new TemplatesClientError(
        "network_error",
        `${method} ${url} got no answer (${reason}): check the network and that the base URL is reachable.`,
        { method, url, cause: error },
      );
    }
    if (!response.ok) throw await apiErrorFrom(response, method, url);
    return response;
  }

  /** GETs `url` and parses the answer as JSON. */
  async function getJson(url: string, accept: string, signal: AbortSignal | undefined): Promise<unknown> {
    const response = await request(url, withSignal({ method: "GET", headers: { accept } }, signal));
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new TemplatesClientError(
        "invalid_response",
        `GET ${url} answered ${response.status} with a body that is not JSON: check the base URL points at an openEHR API (…/openehr/v1).`,
        { method: "GET", url, cause },
      );
    }
  }

  async function getBytes(id: string, signal: AbortSignal | undefined): Promise<Uint8Array> {
    const url = itemUrl(checkId(id, "id"));
    const response = await request(url, withSignal({ method: "GET", headers: { accept: "application/xml" } }, signal));
    return new Uint8Array(await response.arrayBuffer());
  }

  async function upload(opt: OptSource, uploadOptions: UploadOptions = {}): Promise<UploadResult> {
    const checked = checkUploadOptions(uploadOptions);
    const bytes = await toBytes(opt);
    return await send(bytes, (await readOptMetadata(bytes)).templateId, checked);
  }

  /** POSTs checked bytes of the template `templateId`. */
  async function send(bytes: Uint8Array, templateId: string, options: UploadOptions): Promise<UploadResult> {
    const { prefer = "return=minimal", onProgress, signal } = options;
    const streamed = onProgress !== undefined && supportsStreamingUpload();
    const init = {
      method: "POST",
      headers: {
        "content-type": "application/xml",
        accept: "application/xml, application/json;q=0.9, */*;q=0.5",
        prefer,
      },
      body: streamed ? progressStream(bytes, onProgress) : (bytes as Uint8Array<ArrayBuffer>),
      ...(streamed ? { duplex: "half" } : {}),
    };
    if (onProgress !== undefined && !streamed) onProgress({ loaded: 0, total: bytes.byteLength });
    const response = await request(collection, withSignal(init, signal));
    if (onProgress !== undefined && !streamed) onProgress({ loaded: bytes.byteLength, total: bytes.byteLength });
    await response.body?.cancel();
    const fromLocation = versionFromLocation(response.headers.get("location"), collection, templateId);
    const fromEtag = versionFromEtag(response.headers.get("etag"), templateId);
    // A header naming the version (with a uid) wins; then one naming the template; then the OPT.
    const uid = fromLocation?.uid ?? fromEtag?.uid;
    const source: UploadResult["source"] =
      fromLocation !== undefined && (uid === fromLocation.uid || fromEtag?.uid === undefined)
        ? "location"
        : fromEtag !== undefined
          ? "etag"
          : "opt";
    return { templateId, versionId: formatTemplateVersionId({ templateId, uid }), uid, location: fromLocation?.location, source };
  }

  async function list(filter: ListFilter = {}): Promise<TemplateListEntry[]> {
    const templateId = filter.templateId === undefined ? undefined : checkId(filter.templateId, "templateId");
    const url = templateId === undefined ? collection : `${collection}?${new URLSearchParams({ template_id: templateId })}`;
    const entries = toEntries(await getJson(url, "application/json", filter.signal), "GET", url);
    return templateId === undefined ? entries : entries.filter((entry) => entry.templateId === templateId);
  }

  async function versions(templateId: string, versionOptions: RequestOptions = {}): Promise<TemplateListEntry[]> {
    checkId(templateId, "templateId");
    const parsed = parseTemplateVersionId(templateId);
    if (parsed.uid !== undefined) {
      throw new TemplatesClientError(
        "invalid_option",
        `templateId "${templateId}" is a version id: pass the template id alone ("${parsed.templateId}").`,
        { field: "templateId" },
      );
    }
    return latestFirst(await list({ templateId, signal: versionOptions.signal }));
  }

  async function get(id: string, getOptions: GetOptions = {}): Promise<string | WebTemplate> {
    const format = getOptions.format ?? "opt";
    if (format !== "opt" && format !== "web-template") {
      throw new TemplatesClientError("invalid_option", `format "${String(format)}" is unknown: use "opt" or "web-template".`, {
        field: "format",
      });
    }
    if (format === "opt") {
      // ignoreBOM keeps a byte order mark, so the text encodes back to the same bytes.
      return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await getBytes(id, getOptions.signal));
    }
    const url = itemUrl(checkId(id, "id"));
    const body = await getJson(url, WEB_TEMPLATE_MEDIA_TYPE, getOptions.signal);
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new TemplatesClientError("invalid_response", `GET ${url} did not answer with a web template (a JSON object).`, {
        method: "GET",
        url,
      });
    }
    return body as WebTemplate;
  }

  async function ensure(opt: OptSource, ensureOptions: Omit<UploadOptions, "prefer"> = {}): Promise<EnsureResult> {
    const checked = checkUploadOptions(ensureOptions);
    const bytes = await toBytes(opt);
    const { templateId } = await readOptMetadata(bytes);
    const sha256 = await sha256Hex(bytes);
    const [latest] = await versions(templateId, { signal: checked.signal });
    if (latest !== undefined) {
      const current = await sha256Hex(await getBytes(latest.versionId, checked.signal));
      if (current === sha256) {
        return { uploaded: false, templateId, versionId: latest.versionId, uid: latest.uid, location: undefined, sha256 };
      }
    }
    const result = await send(bytes, templateId, checked);
    return {
      uploaded: true,
      templateId,
      versionId: result.versionId,
      uid: result.uid,
      location: result.location,
      sha256,
    };
  }

  return { baseUrl, upload, list, versions, get: get as TemplatesClient["get"], ensure };
}

/** The fetch the client sends with: ky or fetch, wrapped by authFetch when a token source is given. */
function transport(options: TemplatesClientOptions): typeof globalThis.fetch {
  const { auth, fetch: customFetch, ky } = options;
  if (customFetch !== undefined && typeof customFetch !== "function") {
    throw new TemplatesClientError("invalid_option", "fetch must be a function with the signature of globalThis.fetch.", {
      field: "fetch",
    });
  }
  if (ky !== undefined && typeof ky !== "function") {
    throw new TemplatesClientError("invalid_option", "ky must be a ky instance (ky.create() or ky.extend()).", { field: "ky" });
  }
  if (customFetch !== undefined && ky !== undefined) {
    throw new TemplatesClientError("invalid_option", "Pass either fetch or ky, not both: the client sends with one of them.", {
      field: "ky",
    });
  }
  if (auth !== undefined && (typeof auth !== "object" || auth === null || typeof auth.getToken !== "function")) {
    throw new TemplatesClientError(
      "invalid_option",
      "auth must be a token source with getToken() and invalidate(), e.g. clientCredentials() of @cadasto/auth.",
      { field: "auth" },
    );
  }
  const base: typeof globalThis.fetch =
    customFetch ??
    (ky !== undefined
      ? (input, init) => ky(input instanceof Request ? input : String(input), { ...init, throwHttpErrors: false } as never)
      : (input, init) => globalThis.fetch(input, init));
  return auth === undefined ? base : authFetch(auth, base);
}

/** A string id, checked with parseTemplateVersionId (empty parts are TemplateIdErrors). */
function checkId(id: unknown, field: string): string {
  if (typeof id !== "string") {
    throw new TemplatesClientError("invalid_option", `${field} must be a string: a template_id or {template_id}::{uid}.`, {
      field,
    });
  }
  parseTemplateVersionId(id);
  return id;
}

function checkUploadOptions<T extends UploadOptions>(options: T): T {
  if (typeof options !== "object" || options === null) {
    throw new TemplatesClientError("invalid_option", "options must be an object.", { field: "options" });
  }
  const { prefer, onProgress, signal } = options;
  if (prefer !== undefined && prefer !== "return=minimal" && prefer !== "return=representation") {
    throw new TemplatesClientError("invalid_option", `prefer "${String(prefer)}" is unknown: use "return=minimal" or "return=representation".`, {
      field: "prefer",
    });
  }
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw new TemplatesClientError("invalid_option", "onProgress must be a function.", { field: "onProgress" });
  }
  if (signal !== undefined && !(typeof signal === "object" && signal !== null && "aborted" in signal)) {
    throw new TemplatesClientError("invalid_option", "signal must be an AbortSignal.", { field: "signal" });
  }
  return options;
}

function withSignal<T extends RequestInit>(init: T, signal: AbortSignal | undefined): T {
  return signal === undefined ? init : { ...init, signal };
}
