// Internal: the cached, de-duplicated load of a document.

import { aborted, type Fetched, type FetchInit, fetchDocument, timedOut } from "./_fetch_document.ts";
import type { DiscoveryCache } from "./discovery_cache.ts";
import { DiscoveryError } from "./errors.ts";

/** Without Cache-Control max-age, a document is reused for 15 minutes. */
export const DEFAULT_TTL_MS: number = 15 * 60 * 1000;

/** A request in flight that concurrent callers share, and how many of them still wait for it. */
interface Shared {
  readonly promise: Promise<unknown>;
  readonly controller: AbortController;
  waiting: number;
}

/** Requests in flight per cache and URL: concurrent callers share one. */
const inFlight = new WeakMap<DiscoveryCache, Map<string, Shared>>();

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
    // The shared request follows no caller's signal or timeout: each caller stops waiting on its
    // own (its own timeout and signal), and the request is cancelled when nobody waits any more.
    const controller = new AbortController();
    const promise = revalidate(url, cache, { fetch: init.fetch, timeout: 0, signal: controller.signal });
    const entry: Shared = { promise, controller, waiting: 0 };
    promise.then(
      () => forget(requests, url, entry),
      () => forget(requests, url, entry),
    );
    shared = entry;
    requests.set(url, shared);
  }
  const current = shared;
  return wait(current, url, init, () => forget(requests, url, current));
}

/** Drops `entry` from `requests` unless a newer request took its place. */
function forget(requests: Map<string, Shared>, url: string, entry: Shared): void {
  if (requests.get(url) === entry) requests.delete(url);
}

/** `shared`'s result, or this caller's own timeout or abort, whichever comes first. */
function wait(shared: Shared, url: string, init: LoadInit, forget: () => void): Promise<unknown> {
  const { signal, timeout } = init;
  if (signal?.aborted) return Promise.reject(aborted(url, signal, "before it started"));
  shared.waiting += 1;
  return new Promise<unknown>((resolve, reject) => {
    let done = false;
    const finish = (settle: () => void, gaveUp: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      shared.waiting -= 1;
      if (gaveUp && shared.waiting === 0) {
        forget();
        shared.controller.abort();
      }
      settle();
    };
    const onAbort = () => finish(() => reject(aborted(url, signal as AbortSignal, "by the caller's signal")), true);
    const timer = timeout > 0 ? setTimeout(() => finish(() => reject(timedOut(url, timeout)), true), timeout) : undefined;
    signal?.addEventListener("abort", onAbort, { once: true });
    shared.promise.then(
      (document) => finish(() => resolve(document), false),
      (error: unknown) => finish(() => reject(error), false),
    );
  });
}

async function revalidate(url: string, cache: DiscoveryCache, init: FetchInit): Promise<unknown> {
  const previous = await cache.get(url);
  const fetched = await fetchDocument(url, { ...init, etag: previous?.etag });
  const expiresAt = Date.now() + (fetched.maxAgeMs ?? DEFAULT_TTL_MS);
  if (fetched.notModified && previous === undefined) {
    throw new DiscoveryError("http_error", `GET ${url} answered 304 Not Modified to a request that was not conditional.`, {
      url,
      status: 304,
    });
  }
  // 304: the cached document stays, with the new ETag if one came.
  const document = fetched.notModified ? previous?.document : fetched.document;
  const etag = fetched.etag ?? (fetched.notModified ? previous?.etag : undefined);
  if (fetched.noStore) await cache.delete(url);
  else await cache.set(url, { document, expiresAt, ...(etag === undefined ? {} : { etag }) });
  return document;
}
