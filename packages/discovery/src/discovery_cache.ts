/**
 * One cached SMART configuration document, as {@linkcode discover} stores it.
 * The raw document is kept (not the checked configuration): it is checked
 * again on every use, with that call's `allowedOrigins`, so a shared or
 * persistent cache cannot smuggle in a document that was never validated.
 *
 * @example Look at an entry
 * ```ts
 * import type { DiscoveryCacheEntry } from "@cadasto/discovery";
 * declare const entry: DiscoveryCacheEntry;
 * console.log(entry.etag, new Date(entry.expiresAt).toISOString());
 * ```
 */
export interface DiscoveryCacheEntry {
  /** The parsed JSON body, as the server sent it. */
  readonly document: unknown;
  /** When it goes stale (epoch ms); after that it is revalidated. */
  readonly expiresAt: number;
  /** The server's ETag, sent back as If-None-Match when revalidating. */
  readonly etag?: string;
}

/**
 * Where {@linkcode discover} keeps documents between calls, keyed by the
 * document's URL. Implement it to share documents between instances (a
 * Redis or KV store); methods may be sync or async. The default is one
 * {@linkcode MemoryDiscoveryCache} shared by every `discover()` call in the
 * process.
 *
 * @example A cache in a Map with logging
 * ```ts
 * import { type DiscoveryCache, type DiscoveryCacheEntry, discover } from "@cadasto/discovery";
 * const map = new Map<string, DiscoveryCacheEntry>();
 * const cache: DiscoveryCache = {
 *   get: (key) => map.get(key),
 *   set: (key, entry) => {
 *     console.log("cached", key, "until", new Date(entry.expiresAt).toISOString());
 *     map.set(key, entry);
 *   },
 *   delete: (key) => {
 *     map.delete(key);
 *   },
 * };
 * const config = await discover("https://acme.auth.prod.cadasto.io", { cache });
 * console.log(config.token_endpoint);
 * ```
 */
export interface DiscoveryCache {
  /** The entry for a document URL, if any (stale entries too: they carry the ETag). */
  get(key: string): DiscoveryCacheEntry | undefined | Promise<DiscoveryCacheEntry | undefined>;
  /** Stores or replaces the entry for a document URL. */
  set(key: string, entry: DiscoveryCacheEntry): void | Promise<void>;
  /** Forgets a document URL (the server said `no-store`). */
  delete(key: string): void | Promise<void>;
}

/**
 * The in-memory {@linkcode DiscoveryCache}: a Map from document URL to entry.
 * Create your own to isolate a group of calls from the process-wide default.
 *
 * @example Give a test its own cache
 * ```ts
 * import { MemoryDiscoveryCache, discover } from "@cadasto/discovery";
 * const cache = new MemoryDiscoveryCache();
 * await discover("https://acme.auth.prod.cadasto.io", { cache });
 * console.log(cache.size); // 1
 * cache.clear();
 * ```
 */
export class MemoryDiscoveryCache implements DiscoveryCache {
  readonly #entries = new Map<string, DiscoveryCacheEntry>();

  /**
   * The entry for a document URL.
   *
   * @param key A document URL.
   * @returns Its entry, or undefined.
   */
  get(key: string): DiscoveryCacheEntry | undefined {
    return this.#entries.get(key);
  }

  /**
   * Stores or replaces the entry for a document URL.
   *
   * @param key A document URL.
   * @param entry What to keep for it.
   */
  set(key: string, entry: DiscoveryCacheEntry): void {
    this.#entries.set(key, entry);
  }

  /**
   * Forgets a document URL.
   *
   * @param key A document URL to forget.
   */
  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries.clear();
  }

  /** How many documents are cached. */
  get size(): number {
    return this.#entries.size;
  }
}
