import * as v from "valibot";
import { checkCallerUrl, isSecureUrl, isSecureUrlText } from "./_url.ts";
import { DiscoveryError, type DiscoveryIssue } from "./errors.ts";
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
  /** The fetch to use (a proxy, a test double, an instrumented fetch); default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
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
}

const WELL_KNOWN = "/.well-known/smart-configuration";
const DEFAULT_TIMEOUT = 10_000;

/**
 * Reads an environment's SMART configuration from
 * `<authBaseUrl>/.well-known/smart-configuration` and checks it: the body is
 * JSON, matches {@linkcode SmartConfigurationSchema} (every URL parses and is
 * https — http only for loopback hosts), and the token endpoint is on the
 * document's origin (or one of `allowedOrigins`). Arguments are checked
 * before any request. Uses `fetch` (web-standard; runs on Node, Deno, Bun,
 * browsers and edge runtimes); it sends no credentials.
 *
 * @param authBaseUrl The auth server's base URL, e.g. from {@linkcode cadastoUrls}.
 * @param options `fetch`, `signal`, `timeout`, `allowedOrigins`.
 * @returns The validated configuration; unknown fields are kept.
 * @throws {DiscoveryError} `code` says why: `invalid_url`, `invalid_option`,
 *   `insecure_endpoint`, `http_error` (with `status`), `invalid_json`,
 *   `invalid_document` (with `issues`), `foreign_origin`, `timeout`,
 *   `aborted`, `network`.
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
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new DiscoveryError("invalid_option", "options.fetch must be a function like globalThis.fetch.");
  }
  const signal = options.signal;
  if (signal !== undefined && !(typeof signal === "object" && typeof signal.addEventListener === "function")) {
    throw new DiscoveryError("invalid_option", "options.signal must be an AbortSignal.");
  }

  const body = await fetchDocument(fetchImpl, url, timeout, signal);
  return checkDocument(body, url, [base.origin, ...allowedOrigins]);
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
    throw new DiscoveryError("invalid_option", `options.timeout must be a number of milliseconds ≥ 0 (0 turns it off), got ${String(value)}.`);
  }
  return value;
}

/** Fetches the document within the timeout and the caller's signal; returns the parsed JSON. */
async function fetchDocument(
  fetchImpl: typeof globalThis.fetch,
  url: string,
  timeout: number,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  if (signal?.aborted) {
    throw new DiscoveryError("aborted", `Discovery of ${url} was aborted before it started.`, { url, cause: signal.reason });
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeout > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new DiscoveryError("timeout", `No complete answer from ${url} within ${timeout} ms.`, { url }));
        }, timeout)
      : undefined;
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const response = await fetchImpl(url, {
      method: "GET",
      headers: { accept: "application/json" },
      redirect: "follow",
      signal: controller.signal,
    });
    return await readBody(response, url);
  } catch (error) {
    if (timedOut) {
      throw new DiscoveryError("timeout", `No complete answer from ${url} within ${timeout} ms: check the URL and the network, or raise options.timeout.`, { url, cause: error });
    }
    if (signal?.aborted) {
      throw new DiscoveryError("aborted", `Discovery of ${url} was aborted by the caller's signal.`, { url, cause: signal.reason });
    }
    if (error instanceof DiscoveryError) throw error;
    throw new DiscoveryError("network", `Could not reach ${url}: check the host name, the network and TLS (${describeCause(error)}).`, { url, cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

async function readBody(response: Response, url: string): Promise<unknown> {
  if (response.redirected && response.url !== "") {
    const final = new URL(response.url);
    if (!isSecureUrl(final)) {
      await response.body?.cancel();
      throw new DiscoveryError("insecure_endpoint", `${url} redirected to ${final.href}, which uses http on a host that is not loopback: refused.`, { url: final.href });
    }
  }
  if (!response.ok) {
    await response.body?.cancel();
    const hint =
      response.status === 404
        ? "check authBaseUrl: this server does not publish a SMART configuration there"
        : response.status >= 500
          ? "the auth server failed: try again later"
          : "check authBaseUrl and any proxy in between";
    throw new DiscoveryError("http_error", `GET ${url} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}: ${hint}.`, {
      url,
      status: response.status,
    });
  }
  const type = response.headers.get("content-type");
  if (type !== null && !isJsonMediaType(type)) {
    await response.body?.cancel();
    throw new DiscoveryError("invalid_json", `GET ${url} answered Content-Type ${JSON.stringify(type)}, not JSON: check that authBaseUrl points at the auth server (a proxy or a login page answers HTML).`, {
      url,
      status: response.status,
    });
  }
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DiscoveryError("invalid_json", `GET ${url} answered a body that is not valid JSON (${describeCause(error)}).`, {
      url,
      status: response.status,
      cause: error,
    });
  }
}

function isJsonMediaType(value: string): boolean {
  const essence = value.split(";")[0]?.trim().toLowerCase() ?? "";
  return essence === "application/json" || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(essence);
}

/** Validates the document and the token endpoint's origin. */
function checkDocument(document: unknown, url: string, allowedOrigins: readonly string[]): SmartConfiguration {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    const got = Array.isArray(document) ? "an array" : document === null ? "null" : `a ${typeof document}`;
    throw new DiscoveryError("invalid_document", `The SMART configuration at ${url} must be a JSON object, got ${got}.`, {
      url,
      issues: [{ path: [], message: `must be a JSON object, got ${got}` }],
    });
  }
  const result = v.safeParse(SmartConfigurationSchema, document);
  if (!result.success) {
    const insecure = result.issues.filter((issue) => issue.type === "check" && issue.requirement === isSecureUrlText);
    const chosen = insecure.length > 0 ? insecure : result.issues;
    const issues: DiscoveryIssue[] = chosen.map((issue) => ({
      path: (issue.path ?? []).map((item) => (typeof item.key === "number" ? item.key : String(item.key))),
      message: issue.message,
    }));
    const list = issues.map((issue) => `${issue.path.join(".") || "document"} ${issue.message}`).join("; ");
    if (insecure.length > 0) {
      throw new DiscoveryError("insecure_endpoint", `The SMART configuration at ${url} is refused: ${list}.`, { url, issues });
    }
    throw new DiscoveryError("invalid_document", `The SMART configuration at ${url} is invalid: ${list}.`, { url, issues });
  }
  const config = result.output;
  const tokenOrigin = new URL(config.token_endpoint).origin;
  if (!allowedOrigins.includes(tokenOrigin)) {
    const message = `is on ${tokenOrigin}, not on the discovery document's origin ${allowedOrigins[0]}: refused, because your client secret would be sent there. If that origin is expected, pass it in options.allowedOrigins`;
    throw new DiscoveryError("foreign_origin", `The SMART configuration at ${url} is refused: token_endpoint ${message}.`, {
      url,
      issues: [{ path: ["token_endpoint"], message }],
    });
  }
  return config;
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
