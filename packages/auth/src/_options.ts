// Internal: checks clientCredentials() options before any request.
import { AuthOptionsError } from "./errors.ts";
import { DEFAULT_RETRY, type RetryPolicy } from "./_retry.ts";
import type { ClientCredentialsOptions } from "./client_credentials.ts";
import type { TokenRequest } from "./_token_request.ts";

/** The options, checked and normalised (without the secret). */
export interface ResolvedOptions {
  request: TokenRequest;
  key: string;
  retry: RetryPolicy;
  refreshMargin: number | undefined;
  now: () => number;
}

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const METHODS = ["client_secret_basic", "client_secret_post"] as const;

function fail(field: string, message: string): never {
  throw new AuthOptionsError("invalid_option", field, message);
}

function text(value: unknown, field: string, what: string): string {
  if (typeof value !== "string" || value.trim() === "") fail(field, `must be a non-empty string (${what}).`);
  return value;
}

function positive(value: unknown, field: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    fail(field, `must be a positive ${integer ? "integer" : "number of milliseconds"}, got ${String(value)}.`);
  }
  return value;
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function endpoint(options: ClientCredentialsOptions): URL {
  const fromDiscovery = options.discovery?.token_endpoint;
  if (options.discovery !== undefined) text(fromDiscovery, "discovery.token_endpoint", "the discovery document's token endpoint");
  if (options.tokenEndpoint !== undefined) text(options.tokenEndpoint, "tokenEndpoint", "the token endpoint URL");
  const raw = options.tokenEndpoint ?? fromDiscovery;
  if (raw === undefined) fail("tokenEndpoint", "give tokenEndpoint or discovery (from @cadasto/discovery's discover()).");
  if (options.tokenEndpoint !== undefined && fromDiscovery !== undefined && options.tokenEndpoint !== fromDiscovery) {
    fail("tokenEndpoint", `differs from discovery.token_endpoint (${fromDiscovery}); give one of them.`);
  }
  const field = options.tokenEndpoint === undefined ? "discovery.token_endpoint" : "tokenEndpoint";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    fail(field, `is not an absolute URL: ${JSON.stringify(raw)}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") fail(field, `must be an https URL, got ${url.protocol}.`);
  if (url.username || url.password) fail(field, "must not carry credentials; pass clientId and clientSecret.");
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new AuthOptionsError(
      "insecure_endpoint",
      field,
      `${url.href} uses http on a host that is not loopback; the client secret would travel in clear text. Use https.`,
    );
  }
  return url;
}

function authMethod(options: ClientCredentialsOptions): TokenRequest["authMethod"] {
  const wanted = options.authMethod;
  if (wanted !== undefined && !METHODS.includes(wanted)) {
    fail("authMethod", `must be "client_secret_basic" or "client_secret_post", got ${JSON.stringify(wanted)}.`);
  }
  const supported = options.discovery?.token_endpoint_auth_methods_supported;
  if (supported === undefined) return wanted ?? "client_secret_basic";
  const offered = wanted ? [wanted] : METHODS.filter((m) => supported.includes(m));
  const chosen = offered.find((m) => supported.includes(m));
  if (chosen === undefined) {
    throw new AuthOptionsError(
      "unsupported_auth_method",
      "authMethod",
      `the server advertises ${JSON.stringify(supported)} in token_endpoint_auth_methods_supported, which does not include ${wanted ?? "client_secret_basic or client_secret_post"}.`,
    );
  }
  return chosen;
}

function scopes(scope: unknown): string[] {
  if (scope === undefined) return [];
  const list = typeof scope === "string" ? scope.split(" ").filter(Boolean) : scope;
  if (!Array.isArray(list)) fail("scope", "must be a space-separated string or an array of scope names.");
  for (const item of list) {
    if (typeof item !== "string" || !SCOPE_TOKEN.test(item)) {
      fail("scope", `${JSON.stringify(item)} is not an RFC 6749 scope token (printable ASCII without spaces, " or \\).`);
    }
  }
  return [...new Set(list as string[])].sort();
}

/** Checks every option, naming the field and the reason; no network. */
export function resolveOptions(options: ClientCredentialsOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) fail("options", "pass an options object.");
  if (!options.dangerouslyAllowBrowser && "document" in globalThis) {
    throw new AuthOptionsError(
      "browser_not_allowed",
      "dangerouslyAllowBrowser",
      "clientCredentials() refuses to run in a browser: a client secret shipped to a browser is a leak. Request tokens on a server; set dangerouslyAllowBrowser: true only for local tools.",
    );
  }
  const url = endpoint(options);
  const clientId = text(options.clientId, "clientId", "the client id Cadasto issued");
  text(options.clientSecret, "clientSecret", "the client secret Cadasto issued");
  const audience = text(options.audience, "audience", "the API base URL, e.g. https://acme.api.prod.cadasto.io/openehr/v1");
  const method = authMethod(options);
  const scope = scopes(options.scope);
  if (options.customFetch !== undefined && typeof options.customFetch !== "function") fail("customFetch", "must be a function.");
  if (options.now !== undefined && typeof options.now !== "function") fail("now", "must be a function returning epoch ms.");
  const retry = options.retry ?? {};
  const resolved: ResolvedOptions = {
    request: {
      url: url.href,
      clientId,
      authMethod: method,
      audience,
      scope,
      insecure: url.protocol === "http:",
      fetch: options.customFetch,
    },
    key: JSON.stringify([url.href, clientId, method, scope, audience]),
    retry: {
      attempts: positive(retry.attempts, "retry.attempts", true) ?? DEFAULT_RETRY.attempts,
      deadline: positive(retry.deadline, "retry.deadline", false) ?? DEFAULT_RETRY.deadline,
      timeout: positive(retry.timeout, "retry.timeout", false) ?? DEFAULT_RETRY.timeout,
    },
    refreshMargin: positive(options.refreshMargin, "refreshMargin", false),
    now: options.now ?? Date.now,
  };
  return resolved;
}
