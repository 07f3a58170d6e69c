import * as v from "valibot";
import { loadDocument } from "./_cache.ts";
import { checkCallerUrl, isSecureUrlText } from "./_url.ts";
import { type DiscoveryCache, MemoryDiscoveryCache } from "./discovery_cache.ts";
import { DiscoveryError, type DiscoveryErrorCode, type DiscoveryIssue } from "./errors.ts";
import { type SmartConfiguration, SmartConfigurationSchema } from "./smart_configuration.ts";

/**
 * Options of {@linkcode discover}.
 *
 * @example Allow a token endpoint on a second origin, with a short timeout
 * ```ts
 * import { type DiscoverOptions, discover } from "@cadasto/discovery";
 * const options: DiscoverOptions = { allowedOrigins: ["https://login.acme.example"], timeout: 5_000 };
 * const config = await discover("https://acme.auth.prod.cadasto.io", options);
 * console.log(config.token_endpoint);
 * ```
 */
export interface DiscoverOptions {
  /** The fetch to use (a proxy, a test double, an instrumented fetch); default `globalThis.fetch`. Same name in every package of the SDK. */
  fetch?: typeof globalThis.fetch;
  /**
   * The old name of {@linkcode DiscoverOptions.fetch}.
   *
   * @deprecated Use `fetch`; `customFetch` is removed in the next minor release.
   */
  customFetch?: typeof globalThis.fetch;
  /** Cancels the request; the error then has code `aborted` and the signal's reason as `cause`. */
  signal?: AbortSignal;
  /** Milliseconds for the whole exchange (answer and body); default 10000; `0` turns it off. */
  timeout?: number;
  /**
   * Other origins (e.g. `"https://login.acme.example"`) the token endpoint may
   * be on. By default it must be on the discovery document's origin: a
   * document that points the token endpoint elsewhere would send your client
   * secret there. Each must be https (http only for loopback hosts).
   */
  allowedOrigins?: readonly (string | URL)[];
  /**
   * Where documents are kept between calls: by default one in-memory cache
   * shared by every call in the process; your own {@linkcode DiscoveryCache};
   * or `false` for a request on every call. A document is reused for
   * `Cache-Control: max-age` seconds, else 15 minutes, then revalidated with
   * `If-None-Match` when it had an ETag (a 304 extends it); `no-store` is
   * honoured. Concurrent calls for one URL share one request; each call
   * still stops waiting at its own `timeout` or `signal`, and the request is
   * cancelled once no call waits for it. The document is
   * checked again on every call, so `allowedOrigins` always applies.
   */
  cache?: DiscoveryCache | false;
  /** Revalidate even a fresh cached document (what {@linkcode refresh} does). */
  refresh?: boolean;
}

const defaultCache = new MemoryDiscoveryCache();

const WELL_KNOWN = "/.well-known/smart-configuration";
const DEFAULT_TIMEOUT = 10_000;

/**
 * Reads an environment's SMART configuration from
 * `<authBaseUrl>/.well-known/smart-configuration` and checks it: the body is
 * JSON, matches {@linkcode SmartConfigurationSchema} (every URL parses and is
 * https — http only for loopback hosts), and the token endpoint is on the
 * document's origin (or one of `allowedOrigins`). Arguments are checked
 * before any request. Documents are cached (see `options.cache`): by
 * default in memory for `Cache-Control: max-age`, else 15 minutes, and
 * concurrent calls share one request. Uses `fetch` (web-standard; runs on
 * Node, Deno, Bun, browsers and edge runtimes); it sends no credentials.
 *
 * @param authBaseUrl The auth server's base URL, e.g. from {@linkcode cadastoUrls}.
 * @param options `fetch`, `signal`, `timeout`, `allowedOrigins`, `cache`, `refresh`.
 * @returns The validated configuration; unknown fields are kept.
 * @throws {DiscoveryError} `code` says why: `invalid_url`, `invalid_option`,
 *   `insecure_endpoint`, `http_error` (with `status`), `invalid_json`,
 *   `invalid_document` (with `issues`), `foreign_origin`, `issuer_mismatch`, `timeout`,
 *   `aborted`, `network_error`.
 *
 * @example Find the token endpoint and the openEHR API
 * ```ts
 * import { cadastoUrls, discover, openEhrBaseUrl } from "@cadasto/discovery";
 * const { authBaseUrl, apiBaseUrl } = cadastoUrls({ tenant: "acme" });
 * const config = await discover(authBaseUrl);
 * console.log(config.token_endpoint, openEhrBaseUrl(config, { fallback: apiBaseUrl }));
 * ```
 */
export async function discover(authBaseUrl: string | URL, options: DiscoverOptions = {}): Promise<SmartConfiguration> {
  const base = checkCallerUrl(authBaseUrl, "authBaseUrl");
  const url = documentUrl(base);
  const allowedOrigins = checkAllowedOrigins(options.allowedOrigins);
  const timeout = checkTimeout(options.timeout);
  const fetchImpl = checkFetch(options);
  const signal = options.signal;
  if (signal !== undefined && !(typeof signal === "object" && typeof signal.addEventListener === "function")) {
    throw new DiscoveryError("invalid_option", "options.signal must be an AbortSignal.");
  }
  const cache = checkCache(options.cache);

  const document = await loadDocument(url, { fetch: fetchImpl, timeout, signal, cache, refresh: options.refresh === true });
  return checkDocument(document, url, [base.origin, ...allowedOrigins]);
}

/**
 * Like {@linkcode discover}, but revalidates the cached document even when it
 * is still fresh (with `If-None-Match` when it has an ETag), e.g. after a
 * token request failed in a way that suggests the configuration changed.
 *
 * @param authBaseUrl The auth server's base URL.
 * @param options As for {@linkcode discover}; `refresh` is always true.
 * @returns The validated configuration.
 * @throws {DiscoveryError} As {@linkcode discover}.
 *
 * @example Re-read the configuration after the token endpoint moved
 * ```ts
 * import { refresh } from "@cadasto/discovery";
 * const config = await refresh("https://acme.auth.prod.cadasto.io");
 * console.log(config.token_endpoint);
 * ```
 */
export function refresh(authBaseUrl: string | URL, options: Omit<DiscoverOptions, "refresh"> = {}): Promise<SmartConfiguration> {
  return discover(authBaseUrl, { ...options, refresh: true });
}

function checkFetch(options: DiscoverOptions): typeof globalThis.fetch {
  const { fetch, customFetch } = options;
  if (fetch !== undefined && customFetch !== undefined && fetch !== customFetch) {
    throw new DiscoveryError("invalid_option", "options.fetch and options.customFetch (its deprecated old name) differ: give only fetch.");
  }
  const field = fetch === undefined && customFetch !== undefined ? "options.customFetch" : "options.fetch";
  const value = fetch ?? customFetch ?? globalThis.fetch;
  if (typeof value !== "function") throw new DiscoveryError("invalid_option", `${field} must be a function like globalThis.fetch.`);
  return value;
}

function checkCache(value: unknown): DiscoveryCache | undefined {
  if (value === undefined) return defaultCache;
  if (value === false) return undefined;
  const cache = value as Partial<DiscoveryCache> | null;
  if (
    typeof cache !== "object" ||
    cache === null ||
    typeof cache.get !== "function" ||
    typeof cache.set !== "function" ||
    typeof cache.delete !== "function"
  ) {
    throw new DiscoveryError(
      "invalid_option",
      "options.cache must be false or an object with get, set and delete methods (a DiscoveryCache).",
    );
  }
  return cache as DiscoveryCache;
}

/** `<base>/.well-known/smart-configuration`, keeping the base's path (SMART appends to it). */
function documentUrl(base: URL): string {
  const url = new URL(base.href);
  const path = url.pathname.replace(/\/+$/, "");
  url.pathname = path.endsWith(WELL_KNOWN) ? path : `${path}${WELL_KNOWN}`;
  return url.href;
}

function checkAllowedOrigins(value: DiscoverOptions["allowedOrigins"]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new DiscoveryError("invalid_option", 'options.allowedOrigins must be an array of origins, e.g. ["https://login.acme.example"].');
  }
  return value.map((origin, index) => checkCallerUrl(origin, `options.allowedOrigins[${index}]`).origin);
}

function checkTimeout(value: unknown): number {
  if (value === undefined) return DEFAULT_TIMEOUT;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new DiscoveryError(
      "invalid_option",
      `options.timeout must be a number of milliseconds ≥ 0 (0 turns it off), got ${String(value)}.`,
    );
  }
  return value;
}

/** Validates the document, its issuer and the token endpoint's origin; the first allowed origin is the document's. */
function checkDocument(document: unknown, url: string, allowedOrigins: readonly string[]): SmartConfiguration {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    const got = Array.isArray(document) ? "an array" : document === null ? "null" : `a ${typeof document}`;
    throw new DiscoveryError("invalid_document", `The SMART configuration at ${url} must be a JSON object, got ${got}.`, {
      url,
      issues: [{ path: [], message: `must be a JSON object, got ${got}` }],
    });
  }
  const refuse = (code: DiscoveryErrorCode, verdict: string, issues: DiscoveryIssue[]) => {
    const list = issues.map((issue) => `${issue.path.join(".") || "document"} ${issue.message}`).join("; ");
    return new DiscoveryError(code, `The SMART configuration at ${url} ${verdict}: ${list}.`, { url, issues });
  };
  const result = v.safeParse(SmartConfigurationSchema, document);
  if (!result.success) {
    const insecure = result.issues.filter((issue) => issue.type === "check" && issue.requirement === isSecureUrlText);
    const issues = (insecure.length > 0 ? insecure : result.issues).map((issue) => ({
      path: (issue.path ?? []).map((item) => (typeof item.key === "number" ? item.key : String(item.key))),
      message: issue.message,
    }));
    throw insecure.length > 0 ? refuse("insecure_endpoint", "is refused", issues) : refuse("invalid_document", "is invalid", issues);
  }
  const config = result.output;
  const [fetchedFrom] = allowedOrigins;
  const issuer = config.issuer === undefined ? fetchedFrom : new URL(config.issuer).origin;
  if (issuer !== fetchedFrom) {
    // RFC 8414 §3.3: the issuer must be the server the document was fetched from, or the document is not its own.
    const message = `names ${issuer}, not ${fetchedFrom}, the server the document was fetched from (RFC 8414 §3.3): refused, because it may be another server's configuration. Check the auth base URL`;
    throw refuse("issuer_mismatch", "is refused", [{ path: ["issuer"], message }]);
  }
  const tokenOrigin = new URL(config.token_endpoint).origin;
  if (!allowedOrigins.includes(tokenOrigin)) {
    const message = `is on ${tokenOrigin}, not on the discovery document's origin ${fetchedFrom}: refused, because your client secret would be sent there. If that origin is expected, pass it in options.allowedOrigins`;
    throw refuse("foreign_origin", "is refused", [{ path: ["token_endpoint"], message }]);
  }
  return config;
}
