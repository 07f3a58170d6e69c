// Internal: the cached, de-duplicated load of a document, under each caller's own time limit and signal.

import { SingleFlight, withTimeLimit } from "@cadasto/core";
import { fetchDocument } from "./_fetch_document.ts";
import { type DiscoveryCache, MemoryDiscoveryCache } from "./discovery_cache.ts";
import { DiscoveryError } from "./errors.ts";

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
    return await withTimeLimit((limited) => flights.join((stop) => fetchDocument(url, cache, init.fetch, stop), limited, url), {
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
