import type { RestClientOptions } from "@cadasto/rest";

/**
 * Options of {@linkcode createTemplatesClient}: the base URL and at most one
 * of `fetch` or `ky`, plus an optional token source, and ky's retry, time
 * limit and hooks (the REST core of `@cadasto/rest` sends the requests).
 *
 * @example A client for the local sandbox, sending with ky
 * ```ts
 * import ky from "ky";
 * import type { TokenSource } from "@cadasto/auth";
 * import { createTemplatesClient, type TemplatesClientOptions } from "@cadasto/templates";
 * declare const auth: TokenSource;
 * const options: TemplatesClientOptions = { baseUrl: "http://127.0.0.1:8080/openehr/v1", auth, ky: ky.create({ timeout: 120_000 }) };
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
   * Where bearer tokens come from (`clientCredentials()` of `@cadasto/auth`,
   * or any object with `getToken()` and `invalidate()`): a token on every
   * request; on a 401 exactly that token is invalidated and the request is
   * sent once more with a new one; a second 401 is a
   * {@linkcode TemplatesApiError} `unauthorized`. Without it, requests carry no token.
   */
  readonly auth?: RestClientOptions["auth"];
  /** The fetch to use (default `globalThis.fetch`); mutually exclusive with `ky`. */
  readonly fetch?: RestClientOptions["fetch"];
  /**
   * A ky instance to send requests with (its hooks, retry, timeout and fetch
   * apply; HTTP errors become this package's typed errors; its `prefixUrl` is
   * ignored: the client passes absolute URLs).
   */
  readonly ky?: RestClientOptions["ky"];
  /** ky's retries (default: 2 retries of GET on 408/413/429/5xx with backoff, jitter and `Retry-After`; uploads are never retried). */
  readonly retry?: RestClientOptions["retry"];
  /** Time limit of each attempt in milliseconds (default 60 000), or `false`; raise it for large uploads over slow links. */
  readonly timeout?: RestClientOptions["timeout"];
  /** ky hooks. */
  readonly hooks?: RestClientOptions["hooks"];
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
