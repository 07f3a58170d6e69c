// Internal: one HTTP exchange for a SMART configuration document, and what it leaves in the
// cache. The caller's time limit and signal are applied around it, in _cache.ts.

import { isSecureUrl, readBodyCapped } from "@cadasto/core";
import type { DiscoveryCache } from "./discovery_cache.ts";
import { DiscoveryError } from "./errors.ts";

/** Without Cache-Control max-age, a document is reused for 15 minutes. */
const DEFAULT_TTL_MS = 15 * 60 * 1000;

/** A SMART configuration is a few KB; more than this is not one. */
const MAX_DOCUMENT_BYTES = 1024 * 1024;

/**
 * GETs the document with `signal` (with If-None-Match when the cached entry has an
 * ETag; a 304 keeps the cached document) and stores what came in `cache` for
 * Cache-Control max-age minus Age, else 15 minutes (`no-store`: forgotten).
 * A failure without an HTTP answer is `network_error`.
 */
export async function fetchDocument(
  url: string,
  cache: DiscoveryCache,
  fetch: typeof globalThis.fetch,
  signal: AbortSignal,
): Promise<unknown> {
  const previous = await cache.get(url);
  let response: Response;
  let document: unknown;
  try {
    const headers: Record<string, string> = { accept: "application/json" };
    if (previous?.etag !== undefined) headers["if-none-match"] = previous.etag;
    response = await fetch(url, { method: "GET", headers, redirect: "follow", signal });
    const refusal = refusalOf(response, url, previous?.etag !== undefined);
    if (refusal !== undefined || response.status === 304) {
      await response.body?.cancel();
      if (refusal !== undefined) throw refusal;
      // 304 (only to If-None-Match, so `previous` is there): the cached document stays.
      document = previous?.document;
    } else {
      const bytes = await readBodyCapped(response, MAX_DOCUMENT_BYTES);
      if (bytes === undefined) {
        throw new DiscoveryError(
          "invalid_document",
          `GET ${url} answered more than ${MAX_DOCUMENT_BYTES} bytes: that is not a SMART configuration; check authBaseUrl.`,
          { url, status: response.status, issues: [{ path: [], message: `is larger than ${MAX_DOCUMENT_BYTES} bytes` }] },
        );
      }
      document = parse(new TextDecoder().decode(bytes), url, response.status);
    }
  } catch (error) {
    if (error instanceof DiscoveryError) throw error;
    throw new DiscoveryError(
      "network_error",
      `Could not reach ${url}: check the host name, the network and TLS (${describeCause(error)}).`,
      { url, cause: error },
    );
  }
  await store(url, cache, document, response, previous?.etag);
  return document;
}

/**
 * Why the answer is refused before its body is read: a redirect to an insecure URL, a status
 * that is not 2xx (a 304 is fine after If-None-Match), a Content-Type that is not JSON.
 */
function refusalOf(response: Response, url: string, conditional: boolean): DiscoveryError | undefined {
  const final = response.redirected && response.url !== "" ? new URL(response.url) : undefined;
  if (final !== undefined && !isSecureUrl(final)) {
    return new DiscoveryError(
      "insecure_endpoint",
      `${url} redirected to ${final.href}, which uses http on a host that is not loopback: refused.`,
      { url: final.href },
    );
  }
  const { status } = response;
  if (status === 304 && conditional) return undefined;
  if (!response.ok) {
    const hint =
      status === 404
        ? "check authBaseUrl: this server does not publish a SMART configuration there"
        : status >= 500
          ? "the auth server failed: try again later"
          : "check authBaseUrl and any proxy in between";
    const text = response.statusText ? ` ${response.statusText}` : "";
    return new DiscoveryError("http_error", `GET ${url} answered ${status}${text}: ${hint}.`, { url, status });
  }
  const type = response.headers.get("content-type");
  const essence = type?.split(";")[0]?.trim().toLowerCase() ?? "application/json";
  if (essence === "application/json" || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(essence)) return undefined;
  return new DiscoveryError(
    "invalid_json",
    `GET ${url} answered Content-Type ${JSON.stringify(type)}, not JSON: check that authBaseUrl points at the auth server (a proxy or a login page answers HTML).`,
    { url, status },
  );
}

function parse(text: string, url: string, status: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DiscoveryError("invalid_json", `GET ${url} answered a body that is not valid JSON (${describeCause(error)}).`, {
      url,
      status,
      cause: error,
    });
  }
}

/** Keeps `document` as Cache-Control (no-store, no-cache, max-age) and Age say, with the answer's ETag (after a 304 without one, the old). */
async function store(
  url: string,
  cache: DiscoveryCache,
  document: unknown,
  { headers, status }: Response,
  previousEtag: string | undefined,
): Promise<void> {
  let maxAgeMs: number | undefined;
  let noStore = false;
  for (const part of (headers.get("cache-control") ?? "").toLowerCase().split(",")) {
    const [name, value = ""] = part.trim().split("=", 2);
    const seconds = value.replace(/^"|"$/g, "");
    if (name === "no-store") noStore = true;
    else if (name === "no-cache") maxAgeMs = 0;
    else if (name === "max-age" && /^\d+$/.test(seconds) && maxAgeMs !== 0) maxAgeMs = Number(seconds) * 1000;
  }
  const age = Number(headers.get("age") ?? "0");
  if (maxAgeMs !== undefined && Number.isFinite(age) && age > 0) maxAgeMs = Math.max(0, maxAgeMs - age * 1000);
  const expiresAt = Date.now() + (maxAgeMs ?? DEFAULT_TTL_MS);
  const etag = headers.get("etag") ?? (status === 304 ? previousEtag : undefined);
  if (noStore) await cache.delete(url);
  else await cache.set(url, { document, expiresAt, ...(etag === undefined ? {} : { etag }) });
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
