// Internal: checks clientCredentials() options before any request.
import { isLoopbackHost, SECURE_URL_RULE } from "@cadasto/core";
import type { ClientCredentialsOptions } from "./client_credentials_options.ts";
import { AuthOptionsError } from "./errors.ts";
import { resolveCredential } from "./_client_auth.ts";
import type { Credential } from "./_credential.ts";
import type { RetryPolicy } from "./_retry.ts";
import type { TokenRequest } from "./_token_request.ts";

/** The options, checked and normalised; the credential is read per token request. */
export interface ResolvedOptions {
  request: TokenRequest;
  credential: Credential;
  key: string;
  retry: RetryPolicy;
  refreshMargin: number | undefined;
  now: () => number;
}

function fail(field: string, why: string, code: AuthOptionsError["code"] = "invalid_option"): never {
  throw new AuthOptionsError(code, field, why);
}

function text(value: unknown, field: string): string {
  return typeof value === "string" && value.trim() ? value : fail(field, "must be a non-empty string.");
}

function positive(value: unknown, field: string, fallback: number): number;
function positive(value: unknown, field: string): number | undefined;
function positive(value: unknown, field: string, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  return typeof value === "number" && value > 0 && value < Infinity
    ? value
    : fail(field, `must be a positive number, got ${String(value)}.`);
}

/** Whether `value` is one RFC 6749 §3.3 scope token. */
export const isScopeToken = (value: string): boolean => /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(value);

/** Checks every option, naming the field and the reason; no network. */
export function resolveOptions(options: ClientCredentialsOptions): ResolvedOptions {
  const { discovery, tokenEndpoint, retry = {} } = options;
  if (!options.dangerouslyAllowBrowser && "document" in globalThis) {
    fail(
      "dangerouslyAllowBrowser",
      "refusing to run in a browser, where the client secret leaks; request tokens on a server.",
      "browser_not_allowed",
    );
  }
  const field = tokenEndpoint === undefined && discovery ? "discovery.token_endpoint" : "tokenEndpoint";
  if (discovery && tokenEndpoint !== undefined && discovery.token_endpoint !== tokenEndpoint) {
    fail(field, "differs from discovery.token_endpoint; give one of them.");
  }
  const raw = text(tokenEndpoint ?? discovery?.token_endpoint, field);
  const url = URL.canParse(raw) ? new URL(raw) : fail(field, "must be an absolute https URL.");
  if (!/^https?:$/.test(url.protocol) || url.username || url.password) {
    fail(field, "must be an https URL without credentials.");
  }
  const insecure = url.protocol === "http:";
  if (insecure && !isLoopbackHost(url.hostname)) {
    fail(field, `http on a host that is not loopback would send the secret in clear text: ${SECURE_URL_RULE}.`, "insecure_endpoint");
  }
  const clientId = text(options.clientId, "clientId");
  const credential = resolveCredential(options);
  const authMethod = credential.method;
  const audience = text(options.audience, "audience");
  const list = typeof options.scope === "string" ? options.scope.split(" ").filter(Boolean) : (options.scope ?? []);
  for (const item of list) {
    if (!isScopeToken(item)) fail("scope", `${JSON.stringify(item)} is not a scope token.`);
  }
  const scope = [...new Set(list)].sort();
  const attempts = positive(retry.attempts, "retry.attempts", 4);
  if (!Number.isInteger(attempts)) fail("retry.attempts", "must be an integer.");
  return {
    request: { url: url.href, clientId, authMethod, audience, scope, insecure, fetch: checkFetch(options) },
    credential,
    key: JSON.stringify([url.href, clientId, authMethod, scope, audience]),
    retry: {
      attempts,
      deadline: positive(retry.deadline, "retry.deadline", 30_000),
      timeout: positive(retry.timeout, "retry.timeout", 10_000),
    },
    refreshMargin: positive(options.refreshMargin, "refreshMargin"),
    now: options.now ?? Date.now,
  };
}

/** `fetch`, or `customFetch` (its deprecated old name); both only when they are the same function. */
function checkFetch(options: ClientCredentialsOptions): typeof globalThis.fetch | undefined {
  const { fetch, customFetch } = options;
  if (fetch !== undefined && customFetch !== undefined && fetch !== customFetch) {
    fail("customFetch", "is the deprecated old name of fetch, and the two differ: give only fetch.");
  }
  const value = fetch ?? customFetch;
  if (value !== undefined && typeof value !== "function") {
    fail(fetch === undefined ? "customFetch" : "fetch", "must be a function like globalThis.fetch.");
  }
  return value;
}
