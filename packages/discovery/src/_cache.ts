// Internal: the cached, de-duplicated load of a document, under each caller's own time limit and signal.

import { SingleFlight, withTimeLimit } from "@cadasto/core";
import { fetchDocument } from "./_fetch_document.ts";
import { type DiscoveryCache, MemoryDiscoveryCache } from "./discovery_cache.ts";
import { DiscoveryError } from "./errors.ts";

/** Without Cache-Control max-age, a document is reused for 15 minutes. */
export const DEFAULT_TTL_MS: number = 15 * 60 * 1000;

/**
 * Requests in flight per cache, keyed by URL: concurrent callers share one, each under its own
 * signal and time limit, and it is cancelled when no caller waits any more (core's SingleFlight).
 */
const inFlight = new WeakMap<DiscoveryCache, SingleFlight<unknown, string>>();

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
  const flights = inFlight.get(cache) ?? new SingleFlight<unknown, string>();
  inFlight.set(cache, flights);
  try {
    // This caller joins with a signal that aborts at its own timeout or signal (one that never
    // aborts when it has neither: it then waits to the end, as today).
    return await withTimeLimit((limited) => flights.join((stop) => revalidate(url, cache, init.fetch, stop), limited, url), {
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
  }
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
