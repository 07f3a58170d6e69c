// Internal: the cached, de-duplicated load of a document, under each caller's own time limit and signal.

import { withTimeLimit } from "@cadasto/core";
import { fetchDocument } from "./_fetch_document.ts";
import { type DiscoveryCache, MemoryDiscoveryCache } from "./discovery_cache.ts";
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

export interface LoadInit {
  readonly fetch: typeof globalThis.fetch;
  /** This caller's own limit in ms; `0`: none. */
  readonly timeout: number;
  readonly signal?: AbortSignal | undefined;
  /** `undefined`: no cache (a cache of this call alone). */
  readonly cache: DiscoveryCache | undefined;
  /** Revalidate even a fresh entry. */
  readonly refresh: boolean;
}

/** The raw document for `url`: from the cache while fresh, else fetched (conditionally when an ETag is known). */
export async function loadDocument(url: string, init: LoadInit): Promise<unknown> {
  const { signal, timeout } = init;
  const cache = init.cache ?? new MemoryDiscoveryCache();
  if (!init.refresh) {
    const entry = await cache.get(url);
    if (entry !== undefined && entry.expiresAt > Date.now()) return entry.document;
  }
  const aborted = (when: string) =>
    new DiscoveryError("aborted", `Discovery of ${url} was aborted ${when}.`, { url, cause: signal?.reason });
  if (signal?.aborted) throw aborted("before it started");
  let requests = inFlight.get(cache);
  if (requests === undefined) {
    requests = new Map();
    inFlight.set(cache, requests);
  }
  const current = requests.get(url) ?? share(requests, url, (stop) => revalidate(url, cache, init.fetch, stop));
  current.waiting += 1;
  try {
    return await withTimeLimit(() => current.promise, {
      signal,
      timeout: timeout > 0 ? timeout : undefined,
      timeoutError: () =>
        new DiscoveryError(
          "timeout",
          `No complete answer from ${url} within ${timeout} ms: check the URL and the network, or raise options.timeout.`,
          { url },
        ),
    });
  } catch (error) {
    throw signal?.aborted ? aborted("by the caller's signal") : error;
  } finally {
    // The last caller to leave cancels the request; once it settled, that changes nothing.
    current.waiting -= 1;
    if (current.waiting === 0) {
      forget(requests, url, current);
      current.controller.abort();
    }
  }
}

/**
 * Starts the request that callers for `url` share. It follows no caller's signal or timeout:
 * each caller stops waiting on its own, and the request is cancelled when nobody waits any more.
 */
function share(requests: Map<string, Shared>, url: string, start: (signal: AbortSignal) => Promise<unknown>): Shared {
  const controller = new AbortController();
  const entry: Shared = { promise: start(controller.signal), controller, waiting: 0 };
  const done = (): void => forget(requests, url, entry);
  entry.promise.then(done, done);
  requests.set(url, entry);
  return entry;
}

/** Drops `entry` from `requests` unless a newer request took its place. */
function forget(requests: Map<string, Shared>, url: string, entry: Shared): void {
  if (requests.get(url) === entry) requests.delete(url);
}

async function revalidate(url: string, cache: DiscoveryCache, fetch: typeof globalThis.fetch, signal: AbortSignal): Promise<unknown> {
  const previous = await cache.get(url);
  const fetched = await fetchDocument(url, fetch, signal, previous?.etag);
  const expiresAt = Date.now() + (fetched.maxAgeMs ?? DEFAULT_TTL_MS);
  // 304 (only to If-None-Match, so `previous` is there): the cached document stays, with the new ETag if one came.
  const document = fetched.notModified ? previous?.document : fetched.document;
  const etag = fetched.etag ?? (fetched.notModified ? previous?.etag : undefined);
  if (fetched.noStore) await cache.delete(url);
  else await cache.set(url, { document, expiresAt, ...(etag === undefined ? {} : { etag }) });
  return document;
}
