// Internal: the cached, de-duplicated load of a document.

import { aborted, type Fetched, type FetchInit, fetchDocument } from "./_fetch_document.ts";
import type { DiscoveryCache } from "./discovery_cache.ts";
import { DiscoveryError } from "./errors.ts";

/** Without Cache-Control max-age, a document is reused for 15 minutes. */
export const DEFAULT_TTL_MS: number = 15 * 60 * 1000;

/** Requests in flight per cache and URL: concurrent callers share one. */
const inFlight = new WeakMap<DiscoveryCache, Map<string, Promise<unknown>>>();

export interface LoadInit extends FetchInit {
  readonly cache: DiscoveryCache | undefined;
  /** Revalidate even a fresh entry. */
  readonly refresh: boolean;
}

/** The raw document for `url`: from the cache while fresh, else fetched (conditionally when an ETag is known). */
export async function loadDocument(url: string, init: LoadInit): Promise<unknown> {
  const { cache, signal } = init;
  if (cache === undefined) {
    const fetched = await fetchDocument(url, init);
    return (fetched as Fetched & { notModified: false }).document;
  }
  if (!init.refresh) {
    const entry = await cache.get(url);
    if (entry !== undefined && entry.expiresAt > Date.now()) return entry.document;
  }
  let requests = inFlight.get(cache);
  if (requests === undefined) {
    requests = new Map();
    inFlight.set(cache, requests);
  }
  let shared = requests.get(url);
  if (shared === undefined) {
    // The shared request does not follow one caller's signal: each caller stops waiting on its own.
    shared = revalidate(url, cache, { fetch: init.fetch, timeout: init.timeout }).finally(() => requests.delete(url));
    requests.set(url, shared);
  }
  return signal === undefined ? shared : untilAborted(shared, signal, url);
}

async function revalidate(url: string, cache: DiscoveryCache, init: FetchInit): Promise<unknown> {
  const previous = await cache.get(url);
  const fetched = await fetchDocument(url, { ...init, etag: previous?.etag });
  const expiresAt = Date.now() + (fetched.maxAgeMs ?? DEFAULT_TTL_MS);
  if (fetched.notModified && previous === undefined) {
    throw new DiscoveryError("http_error", `GET ${url} answered 304 Not Modified to a request that was not conditional.`, { url, status: 304 });
  }
  // 304: the cached document stays, with the new ETag if one came.
  const document = fetched.notModified ? previous?.document : fetched.document;
  const etag = fetched.etag ?? (fetched.notModified ? previous?.etag : undefined);
  if (fetched.noStore) await cache.delete(url);
  else await cache.set(url, { document, expiresAt, ...(etag === undefined ? {} : { etag }) });
  return document;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, url: string): Promise<T> {
  if (signal.aborted) {
    return Promise.reject(aborted(url, signal, "before it started"));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted(url, signal, "by the caller's signal"));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
