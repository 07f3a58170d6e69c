// Internal: checks clientCredentials() options before any request.
import { isLoopbackHost, isScopeToken, SECURE_URL_RULE } from "@cadasto/core";
import type { ClientCredentialsOptions } from "./client_credentials_options.ts";
import { nonEmpty, positive, refuse } from "./_option_checks.ts";
import { resolveCredential } from "./_client_auth.ts";
import type { Credential } from "./_credential.ts";
import type { RetryPolicy } from "./_retry.ts";
import type { TokenRequest } from "./_token_request.ts";
import { resolvePolicy, type ResolvedPolicy } from "./_policy.ts";

/** The options, checked and normalised (with the policy options); the credential is read per token request. */
export interface ResolvedOptions extends ResolvedPolicy {
  request: TokenRequest;
  credential: Credential;
  key: string;
  retry: RetryPolicy;
  refreshMargin: number | undefined;
  now: () => number;
}

/** Checks every option, naming the field and the reason; no network. */
export function resolveOptions(options: ClientCredentialsOptions): ResolvedOptions {
  const { discovery, tokenEndpoint, retry = {} } = options;
  if (!options.dangerouslyAllowBrowser && "document" in globalThis) {
    refuse(
      "dangerouslyAllowBrowser",
      "refusing to run in a browser, where the client secret leaks; request tokens on a server.",
      "browser_not_allowed",
    );
  }
  const field = tokenEndpoint === undefined && discovery ? "discovery.token_endpoint" : "tokenEndpoint";
  if (discovery && tokenEndpoint !== undefined && discovery.token_endpoint !== tokenEndpoint) {
    refuse(field, "differs from discovery.token_endpoint; give one of them.");
  }
  const raw = nonEmpty(tokenEndpoint ?? discovery?.token_endpoint, field);
  const url = URL.canParse(raw) ? new URL(raw) : refuse(field, "must be an absolute https URL.");
  if (!/^https?:$/.test(url.protocol) || url.username || url.password) {
    refuse(field, "must be an https URL without credentials.");
  }
  const insecure = url.protocol === "http:";
  if (insecure && !isLoopbackHost(url.hostname)) {
    refuse(field, `http on a host that is not loopback would send the secret in clear text: ${SECURE_URL_RULE}.`, "insecure_endpoint");
  }
  const clientId = nonEmpty(options.clientId, "clientId");
  const credential = resolveCredential(options, clientId);
  const authMethod = credential.method;
  const audience = nonEmpty(options.audience, "audience");
  const given: unknown = options.scope;
  if (given !== undefined && typeof given !== "string" && !Array.isArray(given)) {
    refuse("scope", "must be a string of space-separated scopes or an array of scopes.");
  }
  const list = typeof options.scope === "string" ? options.scope.split(" ").filter(Boolean) : (options.scope ?? []);
  for (const item of list) {
    if (!isScopeToken(item)) refuse("scope", `${JSON.stringify(item)} is not a scope token.`);
  }
  const scope = [...new Set(list)].sort();
  const attempts = positive(retry.attempts, "retry.attempts", 4);
  if (!Number.isInteger(attempts)) refuse("retry.attempts", "must be an integer.");
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
    ...resolvePolicy(options),
  };
}

/** `fetch`, or `customFetch` (its deprecated old name); both only when they are the same function. */
function checkFetch(options: ClientCredentialsOptions): typeof globalThis.fetch | undefined {
  const { fetch, customFetch } = options;
  if (fetch !== undefined && customFetch !== undefined && fetch !== customFetch) {
    refuse("customFetch", "is the deprecated old name of fetch, and the two differ: give only fetch.");
  }
  const value = fetch ?? customFetch;
  if (value !== undefined && typeof value !== "function") {
    refuse(fetch === undefined ? "customFetch" : "fetch", "must be a function like globalThis.fetch.");
  }
  return value;
}
